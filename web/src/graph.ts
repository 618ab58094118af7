/**
 * The graph canvas both graph views use: Cytoscape.js with the dagre layout for citation chains and
 * cose for neighbourhoods, node kinds by colour and shape, a hover card, fit and zoom. Cytoscape is
 * loaded on first use, so the search page does not download it.
 */
import type Cytoscape from 'cytoscape';
import type { Core, ElementDefinition, LayoutOptions, StylesheetJson } from 'cytoscape';
import type { NodeLabel } from '../../graph/schema.js';
import { h } from './dom.js';
import { type MessageKey, t } from './i18n.js';

export interface CanvasNode {
  id: string;
  kind: NodeLabel;
  label: string;
  /** Lines of the hover card. */
  details: string[];
  stub?: boolean;
  root?: boolean;
  /** A collapsed group: how many nodes it stands for (a click opens them). */
  group?: number;
}

export interface CanvasEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
}

/** Colour and Cytoscape shape per node kind; the legend is drawn from the same table. */
export const NODE_KINDS: Record<NodeLabel, { color: string; shape: string }> = {
  Document: { color: '#2563eb', shape: 'round-rectangle' },
  Agency: { color: '#15803d', shape: 'ellipse' },
  AgencyType: { color: '#0f766e', shape: 'hexagon' },
  Duty: { color: '#c2410c', shape: 'diamond' },
  CrimeCategory: { color: '#b91c1c', shape: 'triangle' },
  Province: { color: '#7c3aed', shape: 'rectangle' },
  Person: { color: '#4b5563', shape: 'star' },
};

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 10,
      'text-wrap': 'wrap',
      'text-max-width': '120px',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      color: '#111827',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
      width: 26,
      height: 26,
      'border-width': 2,
      'border-color': '#ffffff',
    },
  },
  ...Object.entries(NODE_KINDS).map(([kind, { color, shape }]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': color, shape: shape as 'ellipse' },
  })),
  { selector: 'node[kind = "Document"]', style: { width: 34, height: 24 } },
  {
    selector: 'node.stub',
    style: {
      'background-color': '#e0e7ff',
      'border-color': '#2563eb',
      'border-style': 'dashed',
      'border-width': 3,
    },
  },
  {
    selector: 'node.group',
    style: {
      width: 44,
      height: 44,
      shape: 'round-octagon',
      'border-style': 'double',
      'border-width': 5,
      'border-color': '#f8fafc',
      'font-weight': 'bold',
    },
  },
  { selector: 'node.hidden-kind', style: { display: 'none' } },
  { selector: 'node.root', style: { 'border-color': '#f59e0b', 'border-width': 4, 'font-weight': 'bold' } },
  {
    selector: 'node.expanded',
    style: { 'overlay-color': '#2563eb', 'overlay-opacity': 0.08, 'overlay-padding': 6 },
  },
  { selector: 'node:selected', style: { 'border-color': '#111827', 'border-width': 4 } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#9ca3af',
      'target-arrow-color': '#9ca3af',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 9,
      color: '#4b5563',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
    },
  },
];

const MAX_FIT_ZOOM = 1.3;

let loaded: Promise<typeof Cytoscape> | undefined;

function cytoscapeWithDagre() {
  loaded ??= Promise.all([import('cytoscape'), import('cytoscape-dagre')]).then(
    ([{ default: cy }, { default: dagre }]) => {
      cy.use(dagre);
      return cy;
    },
  );
  return loaded;
}

export interface CanvasOptions {
  layout: 'dagre' | 'cose';
  /** A click (or Enter in the node list): usually "expand this node". */
  onActivate: (node: CanvasNode) => void;
  /** A double click: usually "open this node's page". */
  onOpen?: (node: CanvasNode) => void;
}

export class GraphCanvas {
  private readonly nodes = new Map<string, CanvasNode>();
  private hidden = new Set<NodeLabel>();
  private readonly tooltip = h('div', { class: 'graph-tooltip', role: 'tooltip', hidden: true });

  private constructor(
    private readonly cy: Core,
    readonly element: HTMLElement,
    private readonly options: CanvasOptions,
  ) {
    element.append(this.tooltip);
    cy.on('tap', 'node', (event) => {
      const node = this.nodes.get(event.target.id() as string);
      if (node) options.onActivate(node);
    });
    cy.on('dbltap', 'node', (event) => {
      const node = this.nodes.get(event.target.id() as string);
      if (node) options.onOpen?.(node);
    });
    cy.on('mouseover', 'node', (event) => {
      const node = this.nodes.get(event.target.id() as string);
      if (!node) return;
      const { x, y } = event.renderedPosition;
      this.tooltip.replaceChildren(
        h('strong', {}, node.label),
        h('span', { class: 'tooltip-kind' }, t(`kind.${node.kind}` as MessageKey)),
        ...node.details.map((line) => h('span', {}, line)),
      );
      this.tooltip.style.left = `${Math.min(x + 12, element.clientWidth - 240)}px`;
      this.tooltip.style.top = `${y + 12}px`;
      this.tooltip.hidden = false;
    });
    cy.on('mouseout', 'node', () => (this.tooltip.hidden = true));
    cy.on('pan zoom', () => (this.tooltip.hidden = true));
  }

  static async create(element: HTMLElement, options: CanvasOptions): Promise<GraphCanvas> {
    const cytoscape = await cytoscapeWithDagre();
    const cy = cytoscape({
      container: element,
      style: STYLE,
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
    });
    return new GraphCanvas(cy, element, options);
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  list(): CanvasNode[] {
    return [...this.nodes.values()];
  }

  /** Adds what is new (edges only between known nodes), lays the graph out again; returns nodes added. */
  add(nodes: CanvasNode[], edges: CanvasEdge[], near?: string): number {
    const fresh = nodes.filter((n) => !this.nodes.has(n.id));
    for (const node of fresh) this.nodes.set(node.id, node);
    // New neighbours start around the node they came from, so the layout moves them out from there.
    const origin = near ? this.cy.getElementById(near) : null;
    const at = origin?.nonempty() ? origin.position() : undefined;
    const elements: ElementDefinition[] = fresh.map((node, i) => ({
      group: 'nodes',
      data: { id: node.id, label: node.label, kind: node.kind },
      classes: [
        node.stub ? 'stub' : '',
        node.root ? 'root' : '',
        node.group ? 'group' : '',
        this.hidden.has(node.kind) ? 'hidden-kind' : '',
      ].filter(Boolean),
      position: at && { x: at.x + 40 * Math.cos(i), y: at.y + 40 * Math.sin(i) },
    }));
    for (const edge of edges) {
      if (this.cy.getElementById(edge.id).nonempty()) continue;
      if (!this.nodes.has(edge.source) || !this.nodes.has(edge.target)) continue;
      elements.push({ group: 'edges', data: { ...edge, label: edge.label ?? '' } });
    }
    this.cy.add(elements);
    this.relayout(!at);
    return fresh.length;
  }

  /** Takes a node (a group being opened) and its edges off the canvas. */
  remove(id: string): void {
    this.nodes.delete(id);
    this.cy.getElementById(id).remove();
  }

  /** Hides the nodes of these kinds (and their edges); the layout keeps their places. */
  hideKinds(kinds: ReadonlySet<NodeLabel>): void {
    this.hidden = new Set(kinds);
    this.cy.nodes().forEach((n) => {
      n.toggleClass('hidden-kind', this.hidden.has(n.data('kind') as NodeLabel));
    });
  }

  isHidden(node: CanvasNode): boolean {
    return this.hidden.has(node.kind);
  }

  markExpanded(id: string): void {
    this.cy.getElementById(id).addClass('expanded');
  }

  /** Lays the graph out; `fresh` false keeps the current positions as the starting point. */
  relayout(fresh = true): void {
    const options: LayoutOptions & Record<string, unknown> =
      this.options.layout === 'dagre'
        ? { name: 'dagre', rankDir: 'LR', nodeSep: 30, rankSep: 120, fit: true, padding: 30, animate: false }
        : {
            name: 'cose',
            fit: true,
            padding: 30,
            animate: false,
            randomize: fresh,
            nodeRepulsion: () => 400000,
            idealEdgeLength: () => 110,
            nodeOverlap: 20,
            gravity: 40,
          };
    this.cy.layout(options as LayoutOptions).run();
    // A few nodes fitted to a large box would be drawn huge: keep them at a readable size.
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center();
    }
  }

  fit(): void {
    this.cy.fit(undefined, 30);
  }

  zoom(factor: number): void {
    const center = { x: this.element.clientWidth / 2, y: this.element.clientHeight / 2 };
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: center });
  }

  destroy(): void {
    this.cy.destroy();
  }
}

/** Buttons that fit and zoom a canvas. */
export function zoomControls(canvas: GraphCanvas): HTMLElement {
  return h(
    'div',
    { class: 'graph-tools', role: 'group', 'aria-label': t('graph.tools') },
    h('button', { type: 'button', onclick: () => canvas.fit() }, t('graph.fit')),
    h('button', { type: 'button', onclick: () => canvas.zoom(1.25), 'aria-label': t('graph.zoomIn') }, '+'),
    h('button', { type: 'button', onclick: () => canvas.zoom(0.8), 'aria-label': t('graph.zoomOut') }, '−'),
  );
}

/** A node kind's colour and shape as drawn, for legends. */
export const swatch = (kind: NodeLabel): HTMLElement =>
  h('span', {
    class: `swatch shape-${NODE_KINDS[kind].shape}`,
    style: `background:${NODE_KINDS[kind].color}`,
    'aria-hidden': 'true',
  });

/** The legend of node kinds (only those given), colour and shape as drawn. */
export function legend(kinds: NodeLabel[], extra: HTMLElement[] = []): HTMLElement {
  return h(
    'ul',
    { class: 'legend', 'aria-label': t('graph.legend') },
    kinds.map((kind) => h('li', {}, swatch(kind), t(`kind.${kind}` as MessageKey))),
    extra,
  );
}

/**
 * Keyboard and screen-reader route into the canvas: every node as a button, drawn into `container`.
 * Redrawing keeps the list open and the focus on the same node, so expanding by keyboard loses no place.
 */
export function renderNodeList(
  container: HTMLElement,
  canvas: GraphCanvas,
  activate: (node: CanvasNode) => void,
  open?: (node: CanvasNode) => void,
): void {
  const wasOpen = container.querySelector('details')?.open ?? false;
  const focused = container.contains(document.activeElement)
    ? document.activeElement?.closest('li')?.getAttribute('data-node')
    : null;
  const items = canvas
    .list()
    .filter((node) => !canvas.isHidden(node))
    .map((node) =>
      h(
        'li',
        {
          'data-node': node.id,
          'data-stub': node.stub ? 'true' : undefined,
          'data-group': node.group ? String(node.group) : undefined,
        },
        h('span', {
          class: 'kind-dot',
          style: `background:${NODE_KINDS[node.kind].color}`,
          'aria-hidden': 'true',
        }),
        h('button', { type: 'button', class: 'link', onclick: () => activate(node) }, node.label),
        node.stub ? h('span', { class: 'stub-mark' }, ` (${t('graph.stub')})`) : null,
        open && !node.group
          ? h('button', { type: 'button', class: 'link small', onclick: () => open(node) }, t('graph.open'))
          : null,
      ),
    );
  container.replaceChildren(
    h(
      'details',
      { class: 'node-list', open: wasOpen },
      h('summary', {}, t('graph.nodeList', { count: items.length })),
      h('ul', {}, items),
    ),
  );
  if (focused) {
    container.querySelector<HTMLElement>(`li[data-node="${CSS.escape(focused)}"] button`)?.focus();
  }
}
