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
 */
export function fuseRankings(lists: readonly RankedList[], k: number): FusedHit[] {
  const fused = new Map<string, FusedHit>();
  for (const list of lists) {
    let rank = 0;
    let previous = Number.NaN;
    list.hits.forEach((hit, index) => {
      if (hit.score !== previous) rank = index + 1;
      previous = hit.score;
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
