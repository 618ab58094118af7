/**
 * The vector index port: nearest neighbours by cosine similarity over string ids. Adapters normalize what
 * they store and what they are asked, so scores are cosine similarities in [-1, 1] (higher is closer).
 */
export interface VectorHit {
  id: string;
  score: number;
}

export interface VectorIndex {
  readonly kind: 'hnsw' | 'exact';
  readonly dimension: number;
  /** Number of live vectors. */
  readonly size: number;
  /** Free-form facts saved with the index (e.g. the embedding model id, so a model switch forces a rebuild). */
  readonly metadata: Record<string, string>;
  /** Inserts, or replaces the vector of an id already present. All-or-nothing: a bad vector changes nothing. */
  add(ids: string[], vectors: Float32Array[]): void;
  /** Removes the ids that are present; returns how many were. */
  remove(ids: string[]): number;
  has(id: string): boolean;
  /** Up to k hits, best first; `filter` keeps only ids it accepts (e.g. one province's documents). */
  search(vector: Float32Array, k: number, filter?: (id: string) => boolean): VectorHit[];
  /** Writes the index into `dir` atomically: a reader sees the previous save or this one, never a mix. */
  save(dir: string): Promise<void>;
}

/** A vector or id the index cannot take; the message names the offending id. */
export class VectorInputError extends Error {
  override name = 'VectorInputError';
}

/**
 * A saved index that cannot be used. Callers catch this and rebuild from the graph:
 * `missing` (nothing saved yet), `corrupt` (damaged or torn files), `incompatible` (other format version).
 */
export class VectorIndexLoadError extends Error {
  override name = 'VectorIndexLoadError';
  constructor(
    readonly dir: string,
    readonly problem: 'missing' | 'corrupt' | 'incompatible',
    detail: string,
  ) {
    super(`vector index in ${dir} is ${problem}: ${detail}`);
  }
}
