/**
 * Passage embeddings cached by the hash of their text (and the model): unchanged text is never embedded
 * twice, whether a document is re-ingested, the index rebuilt or the same corpus opened again.
 * Query embeddings are not cached (each question is new). With a store (vector-cache.ts) the vectors
 * outlive the process: re-ingesting or restarting re-embeds nothing that is unchanged.
 */
import { createHash } from 'node:crypto';
import type { Embedder } from './port.js';
import type { VectorStore } from './vector-cache.js';

/** Bounds memory: 200k vectors of 384 floats ≈ 300 MB. */
const DEFAULT_CAPACITY = 200_000;

export class CachingEmbedder implements Embedder {
  private readonly cache = new Map<string, Float32Array>();
  /** Passages embedded by the model / answered from the cache, since creation. */
  readonly stats = { embedded: 0, cached: 0 };

  /**
   * `store` keeps vectors beyond this process (VectorCacheFile); `onPassages` hears how many passages
   * each call settled, cached or embedded (ingest's progress bar).
   */
  constructor(
    private readonly inner: Embedder,
    private readonly options: {
      capacity?: number;
      store?: VectorStore;
      onPassages?: (count: number) => void;
    } = {},
  ) {}

  get modelId(): string {
    return this.inner.modelId;
  }

  get dimension(): number {
    return this.inner.dimension;
  }

  get version(): string | undefined {
    return this.inner.version;
  }

  embedQueries(texts: string[]): Promise<Float32Array[]> {
    return this.inner.embedQueries(texts);
  }

  async close(): Promise<void> {
    this.options.store?.close?.();
    await this.inner.close?.();
  }

  async embedPassages(texts: string[]): Promise<Float32Array[]> {
    const model = this.inner.version ? `${this.inner.modelId}@${this.inner.version}` : this.inner.modelId;
    const keys = texts.map((t) => passageHash(model, t));
    const found = new Map<string, Float32Array>();
    for (const k of keys) {
      const vector = this.cache.get(k);
      if (!vector) continue;
      found.set(k, vector);
      // Re-inserting keeps recently used vectors in the (insertion-ordered) map.
      this.cache.delete(k);
      this.cache.set(k, vector);
    }
    let missing = [...new Set(keys.filter((k) => !found.has(k)))];
    if (missing.length > 0 && this.options.store) {
      for (const [k, vector] of this.options.store.get(missing)) {
        found.set(k, vector);
        this.remember(k, vector);
      }
      missing = missing.filter((k) => !found.has(k));
    }
    if (missing.length > 0) {
      const byKey = new Map(keys.map((k, i) => [k, texts[i]!]));
      const vectors = await this.inner.embedPassages(missing.map((k) => byKey.get(k)!));
      missing.forEach((k, i) => {
        found.set(k, vectors[i]!);
        this.remember(k, vectors[i]!);
      });
      this.options.store?.put(missing.map((k, i) => [k, vectors[i]!] as const));
      this.stats.embedded += missing.length;
    }
    this.stats.cached += texts.length - missing.length;
    this.options.onPassages?.(texts.length);
    return keys.map((k) => found.get(k)!);
  }

  private remember(key: string, vector: Float32Array): void {
    this.cache.set(key, vector);
    if (this.cache.size > (this.options.capacity ?? DEFAULT_CAPACITY)) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}

/** The cache key of a passage: model and text, so a model change never reuses a vector. */
export function passageHash(modelId: string, text: string): string {
  return createHash('sha256').update(modelId).update('\0').update(text.normalize('NFC')).digest('hex');
}
