/**
 * What one expansion adds to the graph page: the neighbours of a node (the API already walked the
 * direction chosen, so a capped side is never cut by the other), and,
 * where more than GROUP_OVER of them are joined to it by one kind of relation, a single group node in
 * their place ("18 documents citing this (implements)") that opens on a click.
 */
import type { Direction, GraphEdge, Subgraph } from '../../../graph/schema.js';
import type { CanvasEdge, CanvasNode } from '../graph.js';
import { t, type MessageKey } from '../i18n.js';
import { canvasEdge } from './nodes.js';

export const GROUP_OVER = 15;
export const EXPAND_DIRECTIONS: Direction[] = ['both', 'out', 'in'];

export interface Expansion {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** Group node id → the nodes and edges it stands for. */
  groups: Map<string, { nodes: CanvasNode[]; edges: CanvasEdge[] }>;
}

/** The relation an edge stands for, as the group is keyed and labelled: type, and its relation or role. */
const relationOf = (edge: GraphEdge): string =>
  edge.type === 'CITES'
    ? `CITES.${edge.properties.relation === 'footnote' || edge.properties.relation === 'mention' ? 'cites' : edge.properties.relation}`
    : edge.type === 'ASSIGNED_TO'
      ? `ASSIGNED_TO.${edge.properties.role}`
      : edge.type;

function groupLabel(edge: GraphEdge, forward: boolean, count: number, kind: CanvasNode['kind']): string {
  const relation = canvasEdge(edge).label ?? '';
  if (edge.type === 'CITES')
    return t(forward ? 'graph.group.cites' : 'graph.group.citedBy', { count, relation });
  return t('graph.group.other', { count, kind: t(`kind.${kind}` as MessageKey), relation }).replace(
    / \(\)$/,
    '',
  );
}

/**
 * The part of `graph` (a depth-1 neighbourhood of `center`) to add: edges of `center`, their far ends,
 * and groups for big bunches of new nodes; `present` tells which nodes are drawn already.
 */
export function expansion(
  graph: Subgraph,
  center: string,
  toNode: (id: string) => CanvasNode | null,
  present: (id: string) => boolean,
): Expansion {
  const bunches = new Map<string, { edge: GraphEdge; forward: boolean; members: CanvasNode[] }>();
  const kept = new Set<string>([center]);
  for (const edge of graph.edges) {
    const forward = edge.source === center;
    if (!forward && edge.target !== center) continue;
    const other = forward ? edge.target : edge.source;
    if (present(other)) {
      kept.add(other);
      continue;
    }
    const node = toNode(other);
    if (!node) continue;
    const key = `${relationOf(edge)}.${forward ? 'out' : 'in'}.${node.kind}`;
    const bunch = bunches.get(key) ?? { edge, forward, members: [] };
    if (!bunch.members.some((m) => m.id === node.id)) bunch.members.push(node);
    bunches.set(key, bunch);
  }
  const out: Expansion = { nodes: [], edges: [], groups: new Map() };
  const grouped = new Map<string, string>();
  for (const [key, { edge, forward, members }] of bunches) {
    if (members.length <= GROUP_OVER) {
      for (const m of members) kept.add(m.id);
      continue;
    }
    const id = `group:${center}:${key}`;
    const kind = members[0]!.kind;
    out.nodes.push({
      id,
      kind,
      label: groupLabel(edge, forward, members.length, kind),
      details: [],
      group: members.length,
    });
    const label = canvasEdge(edge).label;
    out.edges.push({ id: `${id}:edge`, source: forward ? center : id, target: forward ? id : center, label });
    out.groups.set(id, { nodes: members, edges: [] });
    for (const m of members) grouped.set(m.id, id);
  }
  for (const id of kept) {
    if (id === center || present(id)) continue;
    const node = toNode(id);
    if (node) out.nodes.push(node);
  }
  for (const edge of graph.edges) {
    const group = grouped.get(edge.source) ?? grouped.get(edge.target);
    if (group) out.groups.get(group)!.edges.push(canvasEdge(edge));
    else if (kept.has(edge.source) || kept.has(edge.target)) out.edges.push(canvasEdge(edge));
  }
  return out;
}
