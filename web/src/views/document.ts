/** A document: metadata, its citation chain as a graph, and the full text with its duties marked. */
import type { Direction } from '../../../graph/schema.js';
import type { Duty } from '../../../ingest/schema.js';
import { agencyName } from '../agency-names.js';
import { api } from '../api.js';
import { type Child, h, mount } from '../dom.js';
import { GraphCanvas, legend, renderNodeList, zoomControls, type CanvasNode } from '../graph.js';
import { type MessageKey, pick, t } from '../i18n.js';
import { categoryCatalog } from '../catalog.js';
import { navigate, type Route } from '../router.js';
import { dutyRanges, mapSpan, readable } from '../text.js';
import type { DocumentDetail } from '../types.js';
import {
  agencyLink,
  namedAgencyLink,
  categoryLink,
  errorBox,
  formatDate,
  coverageLink,
  formatPath,
  graphLink,
  issuerText,
  load,
  pageTitle,
  provinceName,
  roleBadge,
  stripPrefix,
} from './common.js';
import { pathFinder } from './doc-path.js';
import { linkedSlice, readerLinks } from './reader-links.js';
import { docTypeLabel, documentLabel, lineagePanel, statusBlock } from './lineage.js';
import { canvasEdge, documentNode } from './nodes.js';

const DIRECTIONS: Direction[] = ['out', 'in', 'both'];
const MAX_DEPTH = 6;

interface ChainSettings {
  direction: Direction;
  depth: number;
}

/** A cited-only document cites nothing the library knows: its chain opens on what cites it. */
function chainSettings(params: URLSearchParams, stub = false): ChainSettings {
  const direction = params.get('direction') as Direction | null;
  const depth = Number(params.get('depth'));
  return {
    direction: direction && DIRECTIONS.includes(direction) ? direction : stub ? 'in' : 'out',
    depth: Number.isInteger(depth) && depth >= 1 && depth <= MAX_DEPTH ? depth : 1,
  };
}

const row = (label: string, value: Child) =>
  value === null || value === undefined || value === '' ? null : [h('dt', {}, label), h('dd', {}, value)];

/** The issuer as printed, line by line, linked to the issuing agency's page; in English its English name. */
function issuer(doc: DocumentDetail['document']): HTMLElement | null {
  const text = issuerText(doc);
  if (!text || !doc.issuer) return null;
  const lines = text.other ? [text.shown] : doc.issuer.split(' / ');
  const shown = h(
    'span',
    { class: 'issuer', title: text.other },
    lines.map((line) => h('span', {}, line)),
  );
  return doc.issuerId ? agencyLink(doc.issuerId, shown) : shown;
}

async function metadata(detail: DocumentDetail): Promise<HTMLElement> {
  const { document: doc, content } = detail;
  const categories = await categoryCatalog().catch(() => new Map());
  const list = (items: Child[]) =>
    items.length
      ? h(
          'ul',
          {},
          items.map((i) => h('li', {}, i)),
        )
      : null;
  return h(
    'aside',
    { class: 'panel metadata', 'aria-label': t('doc.metadata') },
    h(
      'dl',
      {},
      row(t('doc.symbol'), doc.symbol ?? t('common.none')),
      row(t('doc.type'), docTypeLabel(doc.type)),
      row(t('doc.issuer'), issuer(doc)),
      row(
        t('doc.proposers'),
        list(content?.proposers?.map((p) => agencyLink(p.id, p.mention, p.name)) ?? []),
      ),
      row(t('doc.date'), formatDate(doc.issuedAt)),
      row(t('doc.place'), content?.place ?? null),
      row(t('doc.province'), provinceName(doc.province) ?? t('common.national')),
      row(
        t('doc.signer'),
        content?.signer
          ? [content.signer.title ? `${content.signer.title}: ` : '', h('strong', {}, content.signer.name)]
          : null,
      ),
      row(t('doc.recipients'), list(content?.recipients ?? [])),
      row(t('doc.distribution'), list(content?.distribution ?? [])),
      originalRow(detail),
      row(
        t('doc.categories'),
        doc.categories.length
          ? h(
              'span',
              { class: 'chips' },
              doc.categories.map((key) => {
                const label = categories.get(key)?.label;
                return [categoryLink(key, label ? pick(label) : key), ' '];
              }),
            )
          : null,
      ),
    ),
    h('p', {}, graphLink(doc.id), ' ', doc.province ? null : coverageLink(doc.key)),
  );
}

const dutyAgencies = (duty: Duty) =>
  duty.agencies.map((a) => h('span', { class: 'agency-chip' }, namedAgencyLink(a), ' ', roleBadge(a.role)));

/** "OCR, confidence 0.71" over the text of a scan the engine was unsure of, with where the original is. */
function ocrNotice(detail: DocumentDetail): HTMLElement | null {
  const ocr = detail.content?.conversion?.ocr;
  if (!ocr?.lowConfidence) return null;
  const pages = ocr.pages.filter((p) => p.lowConfidence).map((p) => p.page);
  return h(
    'p',
    { class: 'ocr-notice', role: 'note' },
    t('doc.ocrLow', { confidence: (ocr.confidence ?? 0).toFixed(2), pages: pages.join(', ') }),
    ' ',
    originalLink(detail) ?? [t('doc.original'), ' ', sourceText(detail.document.source)],
  );
}

/** Where a document without a stored original came from: a web address as a link, else the path. */
const sourceText = (source: string | null) =>
  source && /^https?:\/\//.test(source) ? h('a', { href: source }, source) : h('code', {}, source ?? '');

/** "Original file" opening the stored file (the scan, the .docx …) in a new tab; null when none is kept. */
function originalLink(detail: DocumentDetail, label = t('doc.originalFile')): HTMLElement | null {
  if (!detail.content?.original) return null;
  return h(
    'a',
    {
      class: 'original-link',
      href: api.originalUrl(detail.document.key),
      target: '_blank',
      rel: 'noopener',
      type: detail.content.original.mediaType,
    },
    label,
  );
}

/** The original's row in the metadata: its file name linked, then its size. */
function originalRow(detail: DocumentDetail): HTMLElement[] | null {
  const original = detail.content?.original;
  const link = original && originalLink(detail, original.name);
  if (!original || !link) return null;
  return row(t('doc.originalFile'), [link, ` (${formatBytes(original.size)})`]);
}

const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : bytes >= 1024
      ? `${Math.ceil(bytes / 1024)} KB`
      : `${bytes} B`;

function reader(detail: DocumentDetail): HTMLElement {
  const shown = readable(detail.content?.text ?? '');
  const { text } = shown;
  // Duties are placed by their stored spans; data stored before spans existed by their words.
  const searched = detail.duties.some((d) => !d.span) ? dutyRanges(text, detail.duties) : [];
  const ranges = detail.duties.map((duty, i) =>
    duty.span ? mapSpan(shown, duty.span) : (searched[i] ?? null),
  );
  const placed = detail.duties
    .map((duty, index) => ({ duty, index, range: ranges[index] }))
    .filter((d): d is { duty: Duty; index: number; range: { start: number; end: number } } =>
      Boolean(d.range),
    )
    .sort((a, b) => a.range.start - b.range.start);
  const links = readerLinks(shown, detail.citations.out, detail.duties, ranges);
  const body: Child[] = [];
  let at = 0;
  for (const { duty, index, range } of placed) {
    if (range.start < at) continue;
    body.push(...linkedSlice(text, at, range.start, links));
    const who = duty.agencies
      .map((a) => `${agencyName(a).shown} (${t(`role.${a.role}` as MessageKey)})`)
      .join('; ');
    body.push(
      h(
        'mark',
        { class: 'duty', id: `duty-${index}`, title: who || t('doc.noAgency'), tabindex: '-1' },
        linkedSlice(text, range.start, range.end, links),
      ),
    );
    at = range.end;
  }
  body.push(...linkedSlice(text, at, text.length, links));
  const jump = (index: number) => {
    const mark = document.getElementById(`duty-${index}`);
    mark?.scrollIntoView({ block: 'center' });
    mark?.focus();
  };
  return h(
    'section',
    { class: 'reader', 'aria-labelledby': 'reader-title' },
    h('h2', { id: 'reader-title' }, t('doc.text')),
    ocrNotice(detail),
    h(
      'details',
      { class: 'duty-list', open: true },
      h('summary', {}, t('doc.duties', { count: detail.duties.length })),
      h(
        'ol',
        {},
        detail.duties.map((duty, index) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'link', onclick: () => jump(index), disabled: !ranges[index] },
              formatPath(duty.path),
            ),
            ' ',
            dutyAgencies(duty),
            duty.deadline
              ? h('span', { class: 'deadline' }, t('search.deadline', { date: formatDate(duty.deadline) }))
              : null,
          ),
        ),
      ),
    ),
    h('div', { class: 'document-text', lang: 'vi' }, body),
  );
}

/** The citation chain graph with its controls; clicking a document expands its own citations. */
async function chain(
  container: HTMLElement,
  key: string,
  settings: ChainSettings,
  cleanup: (fn: () => void) => void,
): Promise<void> {
  const controls = h(
    'form',
    {
      class: 'chain-controls',
      onchange: (event: Event) => {
        const data = new FormData(event.currentTarget as HTMLFormElement);
        navigate(['doc', key], {
          direction: String(data.get('direction')),
          depth: String(data.get('depth')),
        });
      },
      onsubmit: (event: Event) => event.preventDefault(),
    },
    h(
      'label',
      { class: 'field' },
      h('span', {}, t('chain.direction')),
      h(
        'select',
        { name: 'direction' },
        DIRECTIONS.map((d) =>
          h('option', { value: d, selected: d === settings.direction }, t(`chain.${d}` as MessageKey)),
        ),
      ),
    ),
    h(
      'label',
      { class: 'field' },
      h('span', {}, t('chain.depth')),
      h(
        'select',
        { name: 'depth' },
        Array.from({ length: MAX_DEPTH }, (_, i) => i + 1).map((d) =>
          h('option', { value: d, selected: d === settings.depth }, String(d)),
        ),
      ),
    ),
  );
  const status = h('p', { class: 'notice', role: 'status' });
  const canvasBox = h('div', { class: 'graph-canvas chain-canvas' });
  const list = h('div');
  mount(container, h('h2', { id: 'chain-title' }, t('chain.title')), controls, status, canvasBox, list);

  status.textContent = t('common.loading');
  let result;
  try {
    result = await api.citations(key, settings.direction, settings.depth);
  } catch (error) {
    mount(
      status,
      errorBox(error, () => void chain(container, key, settings, cleanup)),
    );
    return;
  }
  if (!container.isConnected) return; // the reader left before the chain arrived
  const open = (node: CanvasNode) => navigate(['doc', stripPrefix(node.id, 'doc')]);
  const refreshList = () => renderNodeList(list, canvas, (node) => void expand(node), open);
  const expanded = new Set<string>([result.root]);
  const expand = async (node: CanvasNode) => {
    if (expanded.has(node.id)) return;
    expanded.add(node.id);
    status.textContent = t('common.loading');
    try {
      // Expansion walks both ways: a cited-only document has nothing to add in the "cites" direction.
      const more = await api.citations(stripPrefix(node.id, 'doc'), 'both', 1);
      const added = canvas.add(
        more.nodes.map((n) => documentNode(n.node.id, n.node.properties)),
        more.edges.map(canvasEdge),
        node.id,
      );
      canvas.markExpanded(node.id);
      status.textContent = t('graph.expanded', { label: node.label, count: added });
      refreshList();
    } catch (error) {
      expanded.delete(node.id);
      status.replaceChildren(errorBox(error, () => void expand(node)));
    }
  };
  const canvas = await GraphCanvas.create(canvasBox, {
    layout: 'dagre',
    onActivate: (node) => void expand(node),
    onOpen: open,
  });
  if (!container.isConnected) return canvas.destroy();
  cleanup(() => canvas.destroy());
  canvas.add(
    result.nodes.map((n) => documentNode(n.node.id, n.node.properties, n.node.id === result.root)),
    result.edges.map(canvasEdge),
  );
  canvas.markExpanded(result.root);
  status.textContent =
    result.nodes.length > 1 ? t('chain.summary', { count: result.nodes.length - 1 }) : t('chain.none');
  if (result.truncated) status.textContent += ` ${t('chain.truncated')}`;
  canvasBox.after(
    h(
      'div',
      { class: 'graph-footer' },
      zoomControls(canvas),
      legend(
        ['Document'],
        [
          h(
            'li',
            {},
            h('span', { class: 'swatch stub-swatch', 'aria-hidden': 'true' }),
            t('chain.stubLegend'),
          ),
        ],
      ),
      h('p', { class: 'hint' }, t('chain.hint')),
    ),
  );
  refreshList();
}

export function documentView(root: HTMLElement, route: Route, cleanup: (fn: () => void) => void) {
  const key = route.path[1] ?? '';
  const chainBox = h('section', { class: 'chain', 'aria-labelledby': 'chain-title' });
  let settings = chainSettings(route.params);
  let detail: DocumentDetail | undefined;
  let destroyers: Array<() => void> = [];
  const clearChain = () => {
    for (const destroy of destroyers) destroy();
    destroyers = [];
  };
  cleanup(clearChain);
  // The canvas measures its box, so the chain is drawn once the page is shown, in a box of its own so
  // that a chain still loading for older settings lands nowhere.
  const showChain = () => {
    if (!detail) return;
    const focused = chainBox.contains(document.activeElement)
      ? document.activeElement?.getAttribute('name')
      : null;
    clearChain();
    const box = h('div');
    mount(chainBox, box);
    void chain(box, detail.document.key, settings, (fn) => destroyers.push(fn));
    // Keyboard users changing direction or depth stay on the control they used.
    if (focused) box.querySelector<HTMLElement>(`[name="${focused}"]`)?.focus();
  };
  void load(
    root,
    () => api.document(key),
    async (found) => {
      detail = found;
      const doc = found.document;
      settings = chainSettings(route.params, doc.stub);
      return [
        pageTitle(documentLabel(doc)),
        doc.title ? h('p', { class: 'subtitle' }, doc.title) : null,
        doc.stub ? h('p', { class: 'notice stub-notice' }, t('doc.stubNote')) : null,
        statusBlock(found.lifecycle, doc.key),
        h(
          'div',
          { class: 'doc-layout' },
          await metadata(found),
          h(
            'div',
            { class: 'doc-main' },
            lineagePanel(found.related),
            pathFinder(doc.key, route.params.get('to')),
            chainBox,
            found.content ? reader(found) : null,
          ),
        ),
      ];
    },
    () => {
      showChain();
      focusDuty(route.params.get('duty'));
    },
  );
  // A search result opens the document at its duty: scrolled to it, highlighted.
  const focusDuty = (dutyId: string | null) => {
    const index = dutyId && detail ? detail.duties.findIndex((d) => d.id === dutyId) : -1;
    const mark = index >= 0 ? document.getElementById(`duty-${index}`) : null;
    if (!mark) return;
    root.querySelector('mark.duty.targeted')?.classList.remove('targeted');
    mark.classList.add('targeted');
    mark.scrollIntoView({ block: 'center' });
    mark.focus({ preventScroll: true });
  };
  return (next: Route) => {
    settings = chainSettings(next.params, detail?.document.stub);
    showChain();
    focusDuty(next.params.get('duty'));
  };
}
