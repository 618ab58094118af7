/**
 * Hybrid ranking, as pure functions: fuse ranked lists from several retrievers (dense, lexical,
 * concept) with weighted reciprocal rank fusion. Turning ranked passages into an answer is answer/.
 */

export interface ScoredId {
  id: string;
  score: number;
}

export interface RankedList {
  name: string;
  weight: number;
  hits: readonly ScoredId[];
}

export interface FusedHit {
  id: string;
  score: number;
  /** 1-based rank of the hit in each list that returned it. */
  ranks: Record<string, number>;
}

/**
 * Weighted reciprocal rank fusion: score = Σ weight / (k + rank). Equal scores share a rank, so a
 * retriever that cannot tell passages apart (many duties with the same concept) favours none of them.
 * Hits `aside` marks (documents' own passages) keep their rank in the list but take none from the others: a
 * document above the duties it holds would otherwise flatten the scores that tell those duties apart.
 */
export function fuseRankings(
  lists: readonly RankedList[],
  k: number,
  aside: (id: string) => boolean = () => false,
): FusedHit[] {
  const fused = new Map<string, FusedHit>();
  for (const list of lists) {
    const all = { seen: 0, rank: 0, previous: Number.NaN };
    const others = { seen: 0, rank: 0, previous: Number.NaN };
    list.hits.forEach((hit) => {
      const apart = aside(hit.id);
      for (const counter of apart ? [all] : [all, others]) {
        counter.seen += 1;
        if (hit.score !== counter.previous) counter.rank = counter.seen;
        counter.previous = hit.score;
      }
      const rank = apart ? all.rank : others.rank;
      const entry = fused.get(hit.id) ?? { id: hit.id, score: 0, ranks: {} };
      entry.score += list.weight / (k + rank);
      entry.ranks[list.name] = rank;
      fused.set(hit.id, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || byId(a.id, b.id));
}

/** Plain code-unit order: a deterministic tie-break, far cheaper than localeCompare on long lists. */
export function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Dense hits that count as evidence: within `margin` (cosine) of the best hit and at least `floor`. A
 * model ranks every passage; only the close ones say anything about the question.
 */
export function confidentDense(hits: readonly ScoredId[], margin: number, floor: number): ScoredId[] {
  const best = hits[0]?.score ?? 0;
  return hits.filter((h) => h.score >= floor && h.score >= best - margin);
}

/** The promise's value, or 'timeout' when it takes longer than `ms` (the timer never outlives the call). */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
