/** Picks and loads vector index adapters; search code uses these rather than naming an adapter. */
import { ExactVectorIndex } from './exact.js';
import { type HnswParams, HnswVectorIndex } from './hnsw.js';
import { readManifest } from './persist.js';
import type { VectorIndex } from './port.js';

/** Below this many vectors an exact scan takes about a millisecond and needs no graph build. */
export const EXACT_THRESHOLD = 5_000;

export interface CreateVectorIndexOptions {
  /** How many vectors are about to be added: decides exact vs HNSW, and HNSW's initial capacity. */
  expectedCount: number;
  exactThreshold?: number;
  hnsw?: Partial<HnswParams>;
  metadata?: Record<string, string>;
}

export function createVectorIndex(dimension: number, options: CreateVectorIndexOptions): VectorIndex {
  const { expectedCount, exactThreshold = EXACT_THRESHOLD, metadata } = options;
  if (expectedCount < exactThreshold) return new ExactVectorIndex(dimension, { ...metadata });
  return HnswVectorIndex.create(dimension, { params: options.hnsw, capacity: expectedCount, metadata });
}

/** Loads whichever kind was saved in `dir`; throws VectorIndexLoadError (catch it and rebuild). */
export async function loadVectorIndex(dir: string): Promise<VectorIndex> {
  const { kind } = await readManifest(dir);
  return kind === 'hnsw' ? HnswVectorIndex.load(dir) : ExactVectorIndex.load(dir);
}

/**
 * Share of the exact top-k that `approximate` also returns, averaged over `queries` — recall@k, the
 * quality measure for an approximate index.
 */
export function recallAtK(
  approximate: VectorIndex,
  exact: VectorIndex,
  queries: Float32Array[],
  k: number,
): number {
  let found = 0;
  let expected = 0;
  for (const query of queries) {
    const truth = exact.search(query, k);
    const got = new Set(approximate.search(query, k).map((hit) => hit.id));
    expected += truth.length;
    found += truth.filter((hit) => got.has(hit.id)).length;
  }
  return expected === 0 ? 1 : found / expected;
}
