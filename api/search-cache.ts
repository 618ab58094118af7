/**
 * Cached search answers, as search engines keep them (Elasticsearch's request cache, Solr's
 * queryResultCache): the serialized response, keyed by the request as validated (every parameter, with
 * defaults filled in) and by the index's generation, in an LRU bounded in memory.
 *
 * Nothing is invalidated by hand. Every write to the index (an ingest, an upload, a removal, a rebuild,
 * new vectors) replaces its generation token in the write's own transaction, and the token is read
 * from the index per request, before the answer is looked up: a request that starts after a write has
 * returned never sees an answer computed before it, whichever API process made the write (several on
 * one Neo4j share the token with the index). What the process itself decides (whether its model takes
 * part) is part of the key.
 */
import { LRUCache } from 'lru-cache';

export class SearchCache {
  /** Bodies are kept as UTF-8 bytes: a hit is written out without encoding the text again. */
  private readonly entries: LRUCache<string, Buffer> | null;

  /** `maxBytes` 0 turns the cache off. */
  constructor(maxBytes: number) {
    this.entries =
      maxBytes > 0
        ? new LRUCache<string, Buffer>({
            maxSize: maxBytes,
            // JavaScript strings (the key) hold two bytes per code unit.
            sizeCalculation: (body, key) => body.length + 2 * key.length,
          })
        : null;
  }

  get enabled(): boolean {
    return this.entries !== null;
  }

  /** The key of a request: the index generation and everything else the answer depends on, in order. */
  static key(generation: string, parts: readonly unknown[]): string {
    return JSON.stringify([generation, ...parts]);
  }

  get(key: string): Buffer | undefined {
    return this.entries?.get(key);
  }

  set(key: string, body: Buffer): void {
    this.entries?.set(key, body);
  }
}
