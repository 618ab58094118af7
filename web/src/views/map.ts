/**
 * Implementation map: the 34 provinces as a tile map (positions in data/province-tiles.json). With a document
 * (#/map?doc=<key>) tiles are coloured by its coverage — implemented / cited only / none — and the cascade of its
 * duties follows; without one, by the duty assignments held per province, optionally on one crime category.
 * A province opens its documents and agencies; a sortable table shows the same figures, with a CSV export.
 */
import tiles from '../../../data/province-tiles.json';
import type { Coverage, CoverageDocument, ProvinceCoverage } from '../../../graph/coverage.js';
import type { ProvinceOverview, ProvinceTotals } from '../../../graph/provinces.js';
import type { Cascade } from '../../../search/cascade.js';
import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { pick, t, type MessageKey } from '../i18n.js';
import { navigate, type Route, routeHref } from '../router.js';
import { docLink, formatDate, load, namedAgencyLink, pageTitle, roleBadge } from './common.js';
import { docTypeLabel } from './lineage.js';
import { shorten } from './nodes.js';

type Level = ProvinceCoverage['level'];
const LEVELS: Level[] = ['implemented', 'cited', 'none'];
/** Colour steps for counts: the share of the largest count, in five bands. */
const BANDS = 5;

interface MapState {
  doc?: string;
  category?: string;
  province?: string;
  view: 'map' | 'table';
}

const stateOf = (route: Route): MapState => ({
  doc: route.params.get('doc') ?? undefined,
  category: route.params.get('category') ?? undefined,
  province: route.params.get('province') ?? undefined,
  view: route.params.get('view') === 'table' ? 'table' : 'map',
});

const go = (state: MapState, patch: Partial<MapState>) => {
  const next = { ...state, ...patch };
  navigate(['map'], { doc: next.doc, category: next.category, province: next.province, view: next.view });
};

const provinceLabel = (p: { name: string; nameEn: string }) => pick({ vi: p.name, en: p.nameEn });
/** Type and symbol, else type and title cut at a word: never the internal key. */
function docLabel(d: Pick<CoverageDocument, 'symbol' | 'type' | 'title'>): string {
  const title = d.title ? shorten(d.title, 60) : null;
  return [docTypeLabel(d.type), d.symbol ?? title].filter(Boolean).join(' ') || t('map.untitled');
}

/** The tile grid; `fill` gives each province its class and the text under its name. */
function tileMap(
  state: MapState,
  labelOf: (slug: string) => { name: string; className: string; detail: string },
): HTMLElement {
  const grid = h('div', {
    class: 'tile-map',
    role: 'list',
    'aria-label': t('map.gridLabel'),
    style: `grid-template-columns: repeat(${tiles.columns}, minmax(0, 1fr)); grid-template-rows: repeat(${tiles.rows}, auto)`,
  });
  for (const tile of tiles.tiles) {
    const { name, className, detail } = labelOf(tile.slug);
    grid.appendChild(
      h(
        'button',
        {
          type: 'button',
          role: 'listitem',
          class: `tile ${className}${state.province === tile.slug ? ' selected' : ''}`,
          style: `grid-row: ${tile.row + 1}; grid-column: ${tile.col + 1}`,
          'data-province': tile.slug,
          'aria-pressed': state.province === tile.slug ? 'true' : 'false',
          title: `${name}: ${detail}`,
          onclick: () => go(state, { province: tile.slug }),
        },
        h('span', { class: 'tile-name' }, name),
        h('span', { class: 'tile-detail' }, detail),
      ),
    );
  }
  return grid;
}

function legend(items: Array<{ className: string; label: string }>): HTMLElement {
  return h(
    'ul',
    { class: 'map-legend', 'aria-label': t('map.legend') },
    items.map((i) => h('li', {}, h('span', { class: `swatch ${i.className}` }), i.label)),
  );
}

function viewToggle(state: MapState): HTMLElement {
  const link = (view: MapState['view'], key: MessageKey) =>
    h(
      'a',
      {
        href: routeHref(['map'], {
          doc: state.doc,
          category: state.category,
          province: state.province,
          view,
        }),
        class: `button ${state.view === view ? '' : 'secondary'}`,
        'aria-current': state.view === view ? 'page' : undefined,
      },
      t(key),
    );
  return h('p', { class: 'map-views' }, link('map', 'map.showMap'), ' ', link('table', 'map.showTable'));
}

/** A table whose column headers sort it (click again to reverse). */
function sortableTable<T>(
  columns: Array<{ label: string; value: (row: T) => string | number; cell?: (row: T) => Node | string }>,
  rows: T[],
): HTMLElement {
  let sortBy = 0;
  let descending = false;
  const body = h('tbody', {});
  const heads = columns.map((c, i) =>
    h(
      'th',
      { scope: 'col', 'aria-sort': 'none' },
      h('button', { type: 'button', class: 'sort', onclick: () => sort(i) }, c.label),
    ),
  );
  const draw = () => {
    const col = columns[sortBy]!;
    const sorted = [...rows].sort((a, b) => {
      const [x, y] = [col.value(a), col.value(b)];
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'vi');
      return descending ? -order : order;
    });
    heads.forEach((th, i) =>
      th.setAttribute('aria-sort', i === sortBy ? (descending ? 'descending' : 'ascending') : 'none'),
    );
    mount(
      body,
      sorted.map((row) =>
        h(
          'tr',
          {},
          columns.map((c) => h('td', {}, c.cell ? c.cell(row) : String(c.value(row)))),
        ),
      ),
    );
  };
  const sort = (i: number) => {
    descending = sortBy === i ? !descending : false;
    sortBy = i;
    draw();
  };
  draw();
  return h(
    'div',
    { class: 'table-wrap' },
    h('table', { class: 'map-table' }, h('thead', {}, h('tr', {}, heads)), body),
  );
}

function coverageDocItem(d: CoverageDocument): HTMLElement {
  const lag = d.lagDays !== null ? t('map.lagDays', { days: d.lagDays }) : null;
  return h(
    'li',
    {},
    docLink(d.key, docLabel(d)),
    ` · ${formatDate(d.issuedAt)}`,
    lag ? ` · ${lag}` : null,
    ' ',
    h('span', { class: `badge level-${d.level}` }, t(`map.level.${d.level}` as MessageKey)),
    ' ',
    h('span', { class: `badge status-${d.status}` }, t(`status.${d.status}` as MessageKey)),
    d.formerProvince && d.provinceName
      ? h('span', { class: 'card-meta' }, ` ${t('map.former', { name: d.provinceName })}`)
      : null,
    d.via.length > 0
      ? h(
          'div',
          { class: 'card-meta' },
          t('map.via'),
          ' ',
          d.via.map((v, i) => [i ? ' → ' : '', docLink(v.key, v.symbol ?? t('map.untitled'))]),
        )
      : null,
    d.leadAgencies.length > 0
      ? h(
          'div',
          { class: 'card-meta' },
          t('map.leads'),
          ' ',
          d.leadAgencies.map((a, i) => [i ? '; ' : '', namedAgencyLink(a)]),
        )
      : null,
  );
}

async function provincePanel(slug: string, coverage: Coverage | null): Promise<HTMLElement> {
  const detail = await api.province(slug);
  const covered = coverage?.provinces.find((p) => p.slug === slug);
  return h(
    'section',
    { class: 'province-panel', 'aria-labelledby': 'province-title' },
    h('h2', { id: 'province-title' }, provinceLabel(detail.province)),
    detail.province.formerNames.length > 0
      ? h('p', { class: 'card-meta' }, t('map.includes', { names: detail.province.formerNames.join(', ') }))
      : null,
    covered
      ? [
          h(
            'h3',
            {},
            t('map.coveringDocs'),
            ' ',
            h(
              'span',
              { class: `badge level-${covered.level}` },
              t(`map.level.${covered.level}` as MessageKey),
            ),
          ),
          covered.documents.length > 0
            ? h('ul', { class: 'plain' }, covered.documents.map(coverageDocItem))
            : h('p', {}, t('map.noCovering')),
        ]
      : null,
    h('h3', {}, t('map.documents', { count: detail.documents.length })),
    detail.documents.length > 0
      ? h(
          'ul',
          { class: 'plain province-docs' },
          detail.documents.map((d) =>
            h(
              'li',
              {},
              docLink(d.key, docLabel(d)),
              ` · ${formatDate(d.issuedAt)}`,
              d.title ? h('div', { class: 'card-meta' }, d.title) : null,
            ),
          ),
        )
      : h('p', {}, t('map.noDocuments')),
    h('h3', {}, t('map.agencies', { count: detail.agencies.length })),
    detail.agencies.length > 0
      ? h(
          'ul',
          { class: 'plain' },
          detail.agencies
            .slice(0, 30)
            .map((a) => h('li', {}, namedAgencyLink(a), ` · ${t('map.dutyCount', { count: a.dutyCount })}`)),
        )
      : null,
  );
}

function cascadeSection(cascade: Cascade): HTMLElement {
  return h(
    'section',
    { class: 'cascade', 'aria-labelledby': 'cascade-title' },
    h('h2', { id: 'cascade-title' }, t('map.cascade')),
    h('p', { class: 'card-meta' }, cascade.semantic ? t('map.cascadeSemantic') : t('map.cascadeLexical')),
    cascade.explanation ? h('p', {}, cascade.explanation) : null,
    cascade.duties.map((d) =>
      h(
        'article',
        { class: 'card' },
        h(
          'h3',
          {},
          d.duty.agencies.map((a, i) => [i ? ', ' : '', namedAgencyLink(a), ' ', roleBadge(a.role)]),
        ),
        h('p', {}, d.duty.text),
        d.provinces.length === 0
          ? h('p', { class: 'card-meta' }, t('map.cascadeNone'))
          : h(
              'ul',
              { class: 'plain cascade-matches' },
              d.provinces.flatMap((p) =>
                p.agencyTypes.flatMap((g) =>
                  g.matches.map((m) =>
                    h(
                      'li',
                      {},
                      h('strong', {}, p.name),
                      ' → ',
                      namedAgencyLink(m.agency),
                      ' ',
                      roleBadge(m.agency.role),
                      ' · ',
                      docLink(m.document.key, m.document.symbol ?? t('map.untitled')),
                      h(
                        'span',
                        { class: 'card-meta' },
                        ` · ${t('map.score', { score: m.score.toFixed(2) })}`,
                      ),
                      h('div', { class: 'snippet' }, m.duty.text),
                      m.evidence.terms.length > 0
                        ? h(
                            'div',
                            { class: 'card-meta' },
                            t('map.evidence'),
                            ' ',
                            m.evidence.terms
                              .map((x) => h('mark', {}, x))
                              .flatMap((x, i) => (i ? [', ', x] : [x])),
                          )
                        : null,
                    ),
                  ),
                ),
              ),
            ),
      ),
    ),
    cascade.unmatched > 0
      ? h('p', { class: 'card-meta' }, t('map.unmatched', { count: cascade.unmatched }))
      : null,
  );
}

function coverageBody(state: MapState, coverage: Coverage): HTMLElement[] {
  const d = coverage.document;
  const byslug = new Map(coverage.provinces.map((p) => [p.slug, p]));
  const summary = h(
    'p',
    { class: 'subtitle' },
    t('map.coverageSummary', {
      implemented: coverage.totals.implemented,
      cited: coverage.totals.cited,
      none: coverage.totals.none,
      total: coverage.totals.provinces,
    }),
  );
  const body =
    state.view === 'table'
      ? sortableTable<ProvinceCoverage>(
          [
            { label: t('doc.province'), value: (p) => provinceLabel(p) },
            {
              label: t('map.coverage'),
              value: (p) => LEVELS.indexOf(p.level),
              cell: (p) =>
                h('span', { class: `badge level-${p.level}` }, t(`map.level.${p.level}` as MessageKey)),
            },
            { label: t('map.documentCount'), value: (p) => p.documents.length },
            {
              label: t('map.firstDate'),
              value: (p) => p.documents[0]?.issuedAt ?? '',
              cell: (p) => (p.documents[0] ? formatDate(p.documents[0].issuedAt) : ''),
            },
            {
              label: t('map.lag'),
              value: (p) => p.documents[0]?.lagDays ?? Number.MAX_SAFE_INTEGER,
              cell: (p) => ((p.documents[0]?.lagDays ?? '') === '' ? '' : String(p.documents[0]!.lagDays)),
            },
            {
              label: t('map.documentsCol'),
              value: (p) => p.documents.map((x) => x.symbol ?? x.key).join(' '),
              cell: (p) =>
                h(
                  'span',
                  {},
                  p.documents.map((x, i) => [i ? ', ' : '', docLink(x.key, docLabel(x))]),
                ),
            },
          ],
          coverage.provinces,
        )
      : tileMap(state, (slug) => {
          const p = byslug.get(slug)!;
          return {
            name: provinceLabel(p),
            className: `level-${p.level}`,
            detail:
              p.documents.length > 0
                ? t('map.docCount', { count: p.documents.length })
                : t(`map.level.${p.level}` as MessageKey),
          };
        });
  return [
    pageTitle(t('map.titleFor', { doc: docLabel(d) })),
    h('p', {}, docLink(d.key, d.title ?? docLabel(d)), d.issuedAt ? ` · ${formatDate(d.issuedAt)}` : null),
    summary,
    coverage.explanation
      ? h('p', { class: 'notice', role: 'status' }, t('map.emptyExplanation', { doc: docLabel(d) }))
      : null,
    viewToggle(state),
    h(
      'p',
      {},
      h(
        'a',
        { href: api.coverageCsvUrl(d.key), class: 'button secondary', download: '' },
        t('map.exportCsv'),
      ),
    ),
    legend(LEVELS.map((l) => ({ className: `level-${l}`, label: t(`map.level.${l}` as MessageKey) }))),
    body,
    coverage.national.length > 0
      ? h(
          'section',
          {},
          h('h2', {}, t('map.national')),
          h('ul', { class: 'plain' }, coverage.national.map(coverageDocItem)),
        )
      : null,
  ].filter((x): x is HTMLElement => x !== null);
}

function overviewBody(
  state: MapState,
  overview: ProvinceOverview,
  categories: Array<{ key: string; label: { vi: string; en: string } | null }>,
): HTMLElement[] {
  const max = Math.max(1, ...overview.provinces.map((p) => p.assignments));
  const band = (n: number) => (n === 0 ? 0 : Math.min(BANDS, Math.ceil((n / max) * BANDS)));
  const byslug = new Map(overview.provinces.map((p) => [p.slug, p]));
  const select = h(
    'select',
    {
      id: 'map-category',
      onchange: (e: Event) => go(state, { category: (e.target as HTMLSelectElement).value || undefined }),
    },
    h('option', { value: '' }, t('map.allCategories')),
    categories.map((c) =>
      h('option', { value: c.key, selected: c.key === state.category }, c.label ? pick(c.label) : c.key),
    ),
  );
  const body =
    state.view === 'table'
      ? sortableTable<ProvinceTotals>(
          [
            { label: t('doc.province'), value: (p) => provinceLabel(p) },
            { label: t('map.documentCount'), value: (p) => p.documents },
            { label: t('map.assignments'), value: (p) => p.assignments },
            { label: t('map.agencyCount'), value: (p) => p.agencies },
          ],
          overview.provinces,
        )
      : tileMap(state, (slug) => {
          const p = byslug.get(slug)!;
          return {
            name: provinceLabel(p),
            className: `band-${band(p.assignments)}`,
            detail: t('map.assignmentCount', { count: p.assignments }),
          };
        });
  return [
    pageTitle(t('map.title')),
    h('p', { class: 'subtitle' }, t('map.intro')),
    h('p', { class: 'map-filter' }, h('label', { for: 'map-category' }, t('search.category')), ' ', select),
    viewToggle(state),
    legend(
      [0, 1, 3, 5].map((b) => ({
        className: `band-${b}`,
        label: b === 0 ? t('map.bandNone') : t('map.bandShare', { share: Math.round((b / BANDS) * 100) }),
      })),
    ),
    body,
  ];
}

export function mapView(root: HTMLElement, route: Route): void {
  const state = stateOf(route);
  const top = h('div', {});
  const panel = h('div', { class: 'map-side' });
  const cascade = h('div', {});
  mount(root, h('div', { class: 'map-layout' }, top, panel), cascade);
  let coverage: Coverage | null = null;
  void load(
    top,
    async () => {
      if (state.doc) return { coverage: await api.coverage(state.doc) };
      const [overview, categories] = await Promise.all([api.provinces(state.category), api.categories()]);
      return { overview, categories: categories.items };
    },
    (data) => {
      if ('coverage' in data && data.coverage) {
        coverage = data.coverage;
        return coverageBody(state, data.coverage);
      }
      const { overview, categories } = data as {
        overview: ProvinceOverview;
        categories: Array<{ key: string; label: { vi: string; en: string } | null }>;
      };
      return overviewBody(state, overview, categories);
    },
    () => {
      if (state.province)
        void load(
          panel,
          () => provincePanel(state.province!, coverage),
          (el) => el,
        );
      if (state.doc) void load(cascade, () => api.cascade(state.doc!), cascadeSection);
    },
  );
}
