/**
 * The embedding port: search code depends on this, never on a particular model runtime. Vectors are
 * unit length, so cosine similarity is a dot product.
 */
export interface Embedder {
  readonly modelId: string;
  readonly dimension: number;
  /**
   * Tells the weights apart when the id stays (a model imported again, another dtype): part of the
   * passage-cache key, so vectors of other weights are never reused. Absent: the id alone.
   */
  readonly version?: string;
  /** Search queries; models trained with instruction prefixes (e5: "query: ") get them added here. */
  embedQueries(texts: string[]): Promise<Float32Array[]>;
  /** Indexed text (duties, document sections); e5: "passage: ". */
  embedPassages(texts: string[]): Promise<Float32Array[]>;
  /** Releases threads and native sessions; later calls fail. */
  close?(): Promise<void>;
}

/**
 * No model is not an error for the service: it runs lexical + concept search only. `reason` says why, in
 * words a user can act on.
 */
export type EmbedderLoadResult =
  { embedder: Embedder; reason?: undefined } | { embedder: null; reason: string };
