/** Graph view: the neighbourhood of any node; click a node to add its own neighbours. */
import type { NodeLabel, Subgraph } from '../../../graph/schema.js';
import { api } from '../api.js';
import { categoryCatalog } from '../catalog.js';
import { h, mount } from '../dom.js';
import { type CanvasNode, GraphCanvas, legend, NODE_KINDS, renderNodeList, zoomControls } from '../graph.js';
import { t } from '../i18n.js';
import { navigate, type Route } from '../router.js';
import { errorBox, load, pageTitle, stripPrefix } from './common.js';
import { graphStart } from './graph-start.js';
import { canvasEdge, canvasNode } from './nodes.js';

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

async function neighborhood(
  root: HTMLElement,
  node: string,
  limit: number,
  cleanup: (fn: () => void) => void,
  first: Subgraph,
): Promise<void> {
  const categories = await categoryCatalog().catch(() => new Map());
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
  mount(
    root,
    status,
    canvasBox,
    h('div', { class: 'graph-footer' }, legendBox, h('p', { class: 'hint' }, t('graph.hint'))),
    list,
  );

  const canvas = await GraphCanvas.create(canvasBox, {
    layout: 'cose',
    onActivate: (n) => void expand(n),
    onOpen: (n) => {
      const page = pageOf(n);
      if (page) navigate(page);
    },
  });
  if (!root.isConnected) return canvas.destroy();
  cleanup(() => canvas.destroy());
  canvasBox.after(zoomControls(canvas));

  const kinds = new Set<NodeLabel>();
  const show = (graph: Subgraph, near?: string) => {
    for (const n of graph.nodes) kinds.add(n.label);
    const added = canvas.add(
      graph.nodes.map((n) => canvasNode(n, categories, first.root)),
      graph.edges.map(canvasEdge),
      near,
    );
    mount(legendBox, legend((Object.keys(NODE_KINDS) as NodeLabel[]).filter((k) => kinds.has(k))));
    renderNodeList(
      list,
      canvas,
      (n) => void expand(n),
      (n) => {
        const page = pageOf(n);
        if (page) navigate(page);
      },
    );
    return added;
  };
  const expanded = new Set<string>([first.root]);
  const expand = async (target: CanvasNode) => {
    if (expanded.has(target.id)) return;
    expanded.add(target.id);
    status.textContent = t('common.loading');
    try {
      const graph = await api.neighborhood(target.id, limit);
      const added = show(graph, target.id);
      canvas.markExpanded(target.id);
      status.textContent = t('graph.expanded', { label: target.label, count: added });
      if (graph.truncated) status.append(' ', t('graph.truncatedExpand', { limit }));
    } catch (error) {
      expanded.delete(target.id);
      status.replaceChildren(errorBox(error, () => void expand(target)));
    }
  };

  show(first);
  canvas.markExpanded(first.root);
  const rootNode = canvas.list().find((n) => n.id === first.root);
  if (rootNode)
    root.parentElement
      ?.querySelector('h1')
      ?.replaceWith(pageTitle(t('graph.titleOf', { node: rootNode.label })));
  status.replaceChildren(t('graph.summary', { count: first.nodes.length }));
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
