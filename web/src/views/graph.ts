/** Graph view: the neighbourhood of any node; click a node to add its own neighbours. */
import type { Direction, NodeLabel, Subgraph } from '../../../graph/schema.js';
import { loadAgencyNames } from '../agency-names.js';
import { api } from '../api.js';
import { categoryCatalog } from '../catalog.js';
import { h, mount } from '../dom.js';
import {
  type CanvasEdge,
  type CanvasNode,
  GraphCanvas,
  NODE_KINDS,
  renderNodeList,
  swatch,
  zoomControls,
} from '../graph.js';
import { type MessageKey, t } from '../i18n.js';
import { navigate, type Route } from '../router.js';
import { errorBox, load, pageTitle, stripPrefix } from './common.js';
import { graphStart } from './graph-start.js';
import { EXPAND_DIRECTIONS, expansion } from './graph-groups.js';
import { canvasNode } from './nodes.js';

const DEFAULT_LIMIT = 40;
const LIMIT_STEP = 40;
const MAX_LIMIT = 5000;

/** The page of a node, for the kinds that have one. */
function pageOf(node: CanvasNode): string[] | null {
  if (node.kind === 'Document') return ['doc', stripPrefix(node.id, 'doc')];
  if (node.kind === 'Agency') return ['agency', stripPrefix(node.id, 'agency')];
  if (node.kind === 'CrimeCategory') return ['category', stripPrefix(node.id, 'category')];
  return null;
}

/** The node kinds drawn, as a legend whose checkboxes show or hide each kind. */
function kindFilter(kinds: NodeLabel[], hidden: Set<NodeLabel>, changed: () => void): HTMLElement {
  return h(
    'fieldset',
    { class: 'kind-filter legend' },
    h('legend', {}, t('graph.filter')),
    kinds.map((kind) =>
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          name: 'kind',
          value: kind,
          checked: !hidden.has(kind),
          onchange: (event: Event) => {
            if ((event.target as HTMLInputElement).checked) hidden.delete(kind);
            else hidden.add(kind);
            changed();
          },
        }),
        swatch(kind),
        t(`kind.${kind}` as MessageKey),
      ),
    ),
  );
}

/** Which way the next click expands a node: what it points to, what points to it, or both. */
function directionChoice(): { element: HTMLElement; value: () => Direction } {
  const select = h(
    'select',
    { name: 'expand' },
    EXPAND_DIRECTIONS.map((d) => h('option', { value: d }, t(`graph.dir.${d}` as MessageKey))),
  ) as HTMLSelectElement;
  return {
    element: h(
      'label',
      { class: 'field expand-direction' },
      h('span', {}, t('graph.expandDirection')),
      select,
    ),
    value: () => select.value as Direction,
  };
}

async function neighborhood(
  root: HTMLElement,
  node: string,
  limit: number,
  cleanup: (fn: () => void) => void,
  first: Subgraph,
): Promise<void> {
  // Agency-type nodes are named from the type table; without it they read as their kind.
  const [categories] = await Promise.all([
    categoryCatalog().catch(() => new Map()),
    loadAgencyNames().catch(() => undefined),
  ]);
  const status = h('p', { class: 'notice', role: 'status' });
  const canvasBox = h('div', { class: 'graph-canvas neighborhood-canvas' });
  const list = h('div');
  const more = h(
    'button',
    {
      type: 'button',
      onclick: () => navigate(['graph'], { node, limit: Math.min(MAX_LIMIT, limit + LIMIT_STEP) }),
    },
    t('graph.showMore'),
  );
  const legendBox = h('div');
  const direction = directionChoice();
  mount(
    root,
    status,
    canvasBox,
    h(
      'div',
      { class: 'graph-footer' },
      direction.element,
      legendBox,
      h('p', { class: 'hint' }, t('graph.hint')),
    ),
    list,
  );

  const open = (n: CanvasNode) => {
    const page = pageOf(n);
    if (page) navigate(page);
  };
  const canvas = await GraphCanvas.create(canvasBox, {
    layout: 'cose',
    onActivate: (n) => void activate(n),
    onOpen: open,
  });
  if (!root.isConnected) return canvas.destroy();
  cleanup(() => canvas.destroy());
  canvasBox.after(zoomControls(canvas));

  const kinds = new Set<NodeLabel>();
  const hidden = new Set<NodeLabel>();
  const groups = new Map<string, { nodes: CanvasNode[]; edges: CanvasEdge[] }>();
  const redraw = () => {
    canvas.hideKinds(hidden);
    mount(
      legendBox,
      kindFilter(
        (Object.keys(NODE_KINDS) as NodeLabel[]).filter((k) => kinds.has(k)),
        hidden,
        redraw,
      ),
    );
    renderNodeList(list, canvas, (n) => void activate(n), open);
  };
  const show = (graph: Subgraph, center: string) => {
    const toNode = (id: string) => {
      const found = graph.nodes.find((n) => n.id === id);
      return found ? canvasNode(found, categories, first.root) : null;
    };
    const part = expansion(graph, center, toNode, (id) => canvas.has(id));
    for (const [id, members] of part.groups) groups.set(id, members);
    for (const n of part.nodes) kinds.add(n.kind);
    const added = canvas.add(part.nodes, part.edges, center);
    redraw();
    return added;
  };
  /** A group opens into the nodes it stands for. */
  const openGroup = (group: CanvasNode) => {
    const members = groups.get(group.id);
    if (!members) return;
    groups.delete(group.id);
    canvas.remove(group.id);
    const added = canvas.add(members.nodes, members.edges);
    redraw();
    status.textContent = t('graph.groupOpened', { count: added });
  };
  // A capped first view leaves the root open to an expansion one way: the side the cap cut comes then.
  const expanded = new Set<string>(first.truncated ? [] : [`${first.root}|both`]);
  const activate = async (target: CanvasNode) => {
    if (target.group) return openGroup(target);
    const towards = direction.value();
    if (expanded.has(`${target.id}|${towards}`) || expanded.has(`${target.id}|both`)) return;
    expanded.add(`${target.id}|${towards}`);
    status.textContent = t('common.loading');
    try {
      // The API walks only the side asked for, so the cap is spent on it.
      const graph = await api.neighborhood(target.id, limit, towards);
      const added = show(graph, target.id);
      canvas.markExpanded(target.id);
      status.textContent = t('graph.expanded', { label: target.label, count: added });
      if (graph.truncated) {
        // A capped side may be asked for again, or the other side on its own.
        expanded.delete(`${target.id}|${towards}`);
        status.append(' ', t('graph.truncatedExpand', { limit }));
      }
    } catch (error) {
      expanded.delete(`${target.id}|${towards}`);
      status.replaceChildren(errorBox(error, () => void activate(target)));
    }
  };

  canvas.add(
    [
      canvasNode(
        first.nodes.find((n) => n.id === first.root)!,
        categories,
        first.root,
      ),
    ],
    [],
  );
  show(first, first.root);
  canvas.markExpanded(first.root);
  const rootNode = canvas.list().find((n) => n.id === first.root);
  if (rootNode)
    root.parentElement
      ?.querySelector('h1')
      ?.replaceWith(pageTitle(t('graph.titleOf', { node: rootNode.label })));
  const grouped = [...groups.values()].reduce((sum, g) => sum + g.nodes.length, 0);
  status.replaceChildren(
    grouped
      ? t('graph.summaryGrouped', { count: first.nodes.length, grouped })
      : t('graph.summary', { count: first.nodes.length }),
  );
  if (first.truncated) {
    status.classList.add('capped');
    status.append(' ', t('graph.truncated', { limit }), ' ', more);
  }
}

export function graphView(root: HTMLElement, route: Route, cleanup: (fn: () => void) => void): void {
  const node = route.params.get('node')?.trim() ?? '';
  const requested = Number(route.params.get('limit'));
  const limit =
    Number.isInteger(requested) && requested >= 1 && requested <= MAX_LIMIT ? requested : DEFAULT_LIMIT;
  const body = h('div', { class: 'graph-view' });
  // The node's label replaces the generic title once it is loaded: an id is never shown.
  mount(root, pageTitle(t('graph.title')), graphStart(), body);
  if (!node) {
    mount(body, h('p', { class: 'intro' }, t('graph.intro')));
    return;
  }
  void load(
    body,
    () => api.neighborhood(node, limit),
    () => null,
    (first) => {
      void neighborhood(body, node, limit, cleanup, first).catch((error: unknown) =>
        mount(
          body,
          errorBox(error, () => graphView(root, route, cleanup)),
        ),
      );
    },
  );
}
