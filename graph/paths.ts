/**
 * Shortest citation path between two documents ("how does this plan connect to 623/QĐ-TTg?"): a
 * breadth-first search from both ends over CITES edges taken either way, on a backend's primitives, so
 * both stores answer alike. Ties go to the smaller node id, then the smaller edge id.
 */
import type { GraphBackend } from './port.js';
import type { CitesEdge } from './schema.js';

interface Step {
  from: string | null;
  edge: CitesEdge | null;
}

/** Node ids from `from` to `to` and the edge of each step, or null when they are not connected within `maxSteps`. */
export async function shortestCitationPath(
  backend: Pick<GraphBackend, 'edges'>,
  from: string,
  to: string,
  maxSteps: number,
): Promise<{ nodes: string[]; edges: CitesEdge[] } | null> {
  if (from === to) return { nodes: [from], edges: [] };
  const seen = [
    new Map<string, Step>([[from, { from: null, edge: null }]]),
    new Map<string, Step>([[to, { from: null, edge: null }]]),
  ] as const;
  const frontiers: [string[], string[]] = [[from], [to]];
  for (let steps = 0; steps < maxSteps; steps++) {
    // Grow the smaller side: the search meets in the middle with the fewest edges read.
    const side = frontiers[0].length <= frontiers[1].length ? 0 : 1;
    const frontier = frontiers[side];
    if (frontier.length === 0) return null;
    const mine = seen[side];
    const theirs = seen[1 - side]!;
    const inFrontier = new Set(frontier);
    const edges = (await backend.edges(frontier, 'both', ['CITES'])) as CitesEdge[];
    const reach = new Map<string, Step>();
    for (const e of edges) {
      for (const [here, there] of [
        [e.source, e.target],
        [e.target, e.source],
      ] as const) {
        if (!inFrontier.has(here) || mine.has(there)) continue;
        const best = reach.get(there);
        if (!best || here < best.from! || (here === best.from && e.id < best.edge!.id))
          reach.set(there, { from: here, edge: e });
      }
    }
    const next = [...reach.keys()].sort();
    for (const id of next) mine.set(id, reach.get(id)!);
    const meet = next.find((id) => theirs.has(id));
    if (meet) return join(seen[0], seen[1], meet);
    frontiers[side] = next;
  }
  return null;
}

function join(fromSide: Map<string, Step>, toSide: Map<string, Step>, meet: string) {
  const nodes = [meet];
  const edges: CitesEdge[] = [];
  for (let at = fromSide.get(meet)!; at.from !== null; at = fromSide.get(at.from)!) {
    nodes.unshift(at.from);
    edges.unshift(at.edge!);
  }
  for (let at = toSide.get(meet)!; at.from !== null; at = toSide.get(at.from)!) {
    nodes.push(at.from);
    edges.push(at.edge!);
  }
  return { nodes, edges };
}
