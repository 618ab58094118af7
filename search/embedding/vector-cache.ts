/**
 * Passage vectors kept on disk (`<dataDir>/embedding-cache.sqlite`), keyed by the hash of model and
 * text (cache.ts), so an unchanged duty is not embedded again when its document is re-ingested, the
 * index rebuilt or the server restarted. Losing the file only costs time: it is a cache, and a damaged
 * one is replaced by an empty one.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const VECTOR_CACHE_FILE = 'embedding-cache.sqlite';

/** Bounds the file: a million 384-d vectors ≈ 1.6 GB. Oldest entries go first. */
const DEFAULT_CAPACITY = 1_000_000;

/** What CachingEmbedder needs from a second-level store. */
export interface VectorStore {
  get(keys: readonly string[]): Map<string, Float32Array>;
  put(entries: ReadonlyArray<readonly [string, Float32Array]>): void;
  close?(): void;
}

export class VectorCacheFile implements VectorStore {
  private rows: number;

  private constructor(
    private readonly db: Database.Database,
    private readonly capacity: number,
  ) {
    this.rows = (db.prepare('SELECT count(*) AS n FROM vectors').get() as { n: number }).n;
  }

  /** Opens or creates the cache in `dir`; a file that is not a usable cache is started afresh. */
  static open(dir: string, capacity = DEFAULT_CAPACITY): VectorCacheFile {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, VECTOR_CACHE_FILE);
    try {
      return new VectorCacheFile(VectorCacheFile.connect(file), capacity);
    } catch {
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      return new VectorCacheFile(VectorCacheFile.connect(file), capacity);
    }
  }

  private static connect(file: string): Database.Database {
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec('CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)');
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  get size(): number {
    return this.rows;
  }

  get(keys: readonly string[]): Map<string, Float32Array> {
    const found = new Map<string, Float32Array>();
    const select = this.db.prepare('SELECT vector FROM vectors WHERE key = ?').pluck();
    for (const key of keys) {
      const blob = select.get(key) as Buffer | undefined;
      if (!blob || blob.byteLength % 4 !== 0) continue;
      // A copy: the blob's memory belongs to SQLite's buffer and need not be 4-byte aligned.
      found.set(key, new Float32Array(new Uint8Array(blob).buffer));
    }
    return found;
  }

  put(entries: ReadonlyArray<readonly [string, Float32Array]>): void {
    if (entries.length === 0) return;
    const insert = this.db.prepare('INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const [key, vector] of entries)
        insert.run(key, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
      this.rows = (this.db.prepare('SELECT count(*) AS n FROM vectors').get() as { n: number }).n;
      if (this.rows > this.capacity) {
        this.db
          .prepare('DELETE FROM vectors WHERE rowid IN (SELECT rowid FROM vectors ORDER BY rowid LIMIT ?)')
          .run(this.rows - this.capacity);
        this.rows = this.capacity;
      }
    })();
  }

  close(): void {
    this.db.close();
  }
}
