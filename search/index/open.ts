/**
 * Opens the embedded search index under a data directory, turning every way it can be unusable into a
 * problem the service reports before rebuilding from the graph: missing, damaged (not a database), or
 * an old-format JSON index from before the SQLite one (which is removed once the rebuild is done).
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { IndexDamagedError } from './port.js';
import { INDEX_FILE, SqliteSearchIndex } from './sqlite.js';

/** Where the index lives under the data directory. */
export const INDEX_DIR = 'search-index';
/** The JSON index of format 2 and before (passages.json, lexical.json, manifest.json). */
const LEGACY_DIR = 'search';

export interface OpenedIndex {
  index: SqliteSearchIndex;
  /** Why the index must be rebuilt before use, if it must. */
  problem: string | null;
  /** Runs after a successful rebuild (removes a legacy index). */
  afterRebuild: () => Promise<void>;
}

export async function openEmbeddedIndex(dataDir: string | null): Promise<OpenedIndex> {
  if (dataDir === null)
    return { index: await SqliteSearchIndex.open(null), problem: null, afterRebuild: done };
  const dir = path.join(dataDir, INDEX_DIR);
  const legacy = path.join(dataDir, LEGACY_DIR);
  const hasLegacy =
    existsSync(path.join(legacy, 'manifest.json')) || existsSync(path.join(legacy, 'lexical.json'));
  let problem: string | null = null;
  let index: SqliteSearchIndex;
  try {
    index = await SqliteSearchIndex.open(dir);
    await index.meta().then(
      () => index.stats(),
      async (error: unknown) => {
        await index.close();
        throw error;
      },
    );
  } catch (error) {
    if (!(error instanceof IndexDamagedError)) throw error;
    problem = `is damaged (${INDEX_FILE}: ${error.message})`;
    await removeIndexFiles(dir);
    index = await SqliteSearchIndex.open(dir);
  }
  if (problem === null && hasLegacy && (await index.meta()) === null)
    problem = `is in the old JSON format (${legacy}); converting it to ${path.join(dir, INDEX_FILE)}`;
  return {
    index,
    problem,
    afterRebuild: hasLegacy ? () => rm(legacy, { recursive: true, force: true }) : done,
  };
}

async function removeIndexFiles(dir: string): Promise<void> {
  for (const file of [INDEX_FILE, `${INDEX_FILE}-wal`, `${INDEX_FILE}-shm`, 'vectors'])
    await rm(path.join(dir, file), { recursive: true, force: true });
}

const done = async (): Promise<void> => undefined;
