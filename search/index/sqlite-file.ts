/**
 * The embedded index's database file: its schema, how it is opened for ordinary (crash-safe,
 * per-document) writes, and how a full rebuild is written into a fresh file and swapped in.
 *
 * A rebuild writes `index.sqlite.rebuild` with no journal and no syncs (nothing in it is worth
 * protecting until it is complete) and FTS5 segment merging put off to one merge at the end; the
 * live index stays untouched and readable meanwhile. Only when the new file is complete, synced and
 * closed is it renamed over the old one. A rebuild killed before that leaves the old index as it was
 * (the leftover file is removed at the next open), so the service opens it and catches up with the
 * graph as after any crash.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const INDEX_FILE = 'index.sqlite';
export const VECTOR_DIR = 'vectors';
const REBUILD_SUFFIX = '.rebuild';

const TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, content_hash TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS passages (
  pid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  document TEXT NOT NULL,
  province TEXT,
  type_slug TEXT,
  issued_at TEXT,
  json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS passage_concepts (concept TEXT NOT NULL, pid INTEGER NOT NULL, PRIMARY KEY (concept, pid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS passage_agencies (agency TEXT NOT NULL, pid INTEGER NOT NULL, PRIMARY KEY (agency, pid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agency_names (agency TEXT NOT NULL, type_id TEXT, folded TEXT NOT NULL, PRIMARY KEY (agency, folded)) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
  exact, folded, context,
  content = '', contentless_delete = 1,
  tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row');
CREATE TABLE IF NOT EXISTS frequent_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
`;

/**
 * Secondary indexes: kept up per write in the live index; a rebuild creates them once its rows are
 * in (one sorted pass instead of a B-tree insert per row).
 */
const INDEXES = `
CREATE INDEX IF NOT EXISTS passages_document ON passages(document);
CREATE INDEX IF NOT EXISTS passages_province ON passages(province);
`;

/** FTS5's own merge settings for incremental writes (its defaults), restored when a rebuild is done. */
const LIVE_MERGE = { automerge: 4, crisismerge: 16 };
/**
 * While rebuilding, segments are never merged as they pile up (every merge rewrites postings that the
 * final 'optimize' rewrites again); the crisis limit stays below FTS5's 2,000 segments per level.
 */
const BULK_MERGE = { automerge: 0, crisismerge: 1000 };
/** Page cache of a rebuild (KiB, as SQLite's negative cache_size): B-tree inserts stay in memory. */
const BULK_CACHE_KIB = 256 * 1024;

/** Opens (or creates) a database for ordinary writes: WAL, one durable transaction per write. */
export function connect(file: string | null): Database.Database {
  const db = new Database(file ?? ':memory:');
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(TABLES + INDEXES);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Removes what a killed rebuild left behind; the live index is untouched. */
export function discardRebuild(dir: string): void {
  const fresh = path.join(dir, INDEX_FILE + REBUILD_SUFFIX);
  for (const file of [fresh, `${fresh}-journal`, path.join(dir, VECTOR_DIR + REBUILD_SUFFIX)])
    rmSync(file, { recursive: true, force: true });
}

/** A fresh, empty file to rebuild into, set up for bulk loading. */
export function createRebuild(dir: string): Database.Database {
  mkdirSync(dir, { recursive: true });
  discardRebuild(dir);
  const db = new Database(path.join(dir, INDEX_FILE + REBUILD_SUFFIX));
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma(`cache_size = ${-BULK_CACHE_KIB}`);
  db.exec(TABLES);
  setMerge(db, BULK_MERGE);
  return db;
}

/** Bulk loading done (the live index or an in-memory one): one FTS5 merge, the secondary indexes. */
export function finishBulk(db: Database.Database): void {
  // Bulk writes leave many segments behind; one merge makes every later query read one.
  db.exec("INSERT INTO fts(fts) VALUES ('optimize')");
  setMerge(db, LIVE_MERGE);
  db.exec(INDEXES);
}

/**
 * Puts a complete rebuild in place of the live index: the new file is closed and synced, the live one
 * closed (its WAL checkpointed away), then the new file renamed over it. Vectors saved beside the new
 * file (`saveVectors`, into the directory given) follow it: a crash between the renames leaves a
 * database whose vector count disagrees with its passages, which the service repairs by rebuilding.
 * Returns the new file opened for ordinary writes.
 */
export async function swapRebuild(
  dir: string,
  fresh: Database.Database,
  live: Database.Database,
  saveVectors: ((target: string) => Promise<void>) | null,
): Promise<Database.Database> {
  const file = path.join(dir, INDEX_FILE);
  const freshFile = file + REBUILD_SUFFIX;
  const vectors = path.join(dir, VECTOR_DIR);
  fresh.close();
  syncFile(freshFile);
  if (saveVectors) await saveVectors(vectors + REBUILD_SUFFIX);
  live.close();
  rmSync(vectors, { recursive: true, force: true });
  if (existsSync(`${file}-wal`)) {
    // Another process still has the live index open (its WAL outlives our connection). Renaming a new
    // file under that WAL would let it be replayed into the wrong database, so the new content is copied
    // into the live file through SQLite instead (slower, but every reader sees a consistent switch).
    const source = new Database(freshFile, { readonly: true });
    try {
      await source.backup(file);
    } finally {
      source.close();
    }
    rmSync(freshFile, { force: true });
  } else renameSync(freshFile, file);
  if (saveVectors) renameSync(vectors + REBUILD_SUFFIX, vectors);
  syncFile(dir);
  return connect(file);
}

function setMerge(db: Database.Database, settings: { automerge: number; crisismerge: number }): void {
  // FTS5 takes these as integers; a bound JS number would arrive as a real.
  for (const [key, value] of Object.entries(settings))
    db.exec(`INSERT INTO fts(fts, rank) VALUES ('${key}', ${Math.trunc(value)})`);
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
