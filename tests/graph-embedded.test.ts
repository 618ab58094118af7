import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { DATABASE_FILE } from '../graph/embedded/sqlite.js';
import { openEmbedded } from '../graph/open.js';
import { StoreUnavailableError } from '../graph/port.js';
import { graphContract } from './support/graph-contract.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dutygraph-graph-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

graphContract('embedded (better-sqlite3)', async () => openEmbedded(tempDir()));

it('refuses a graph file written in another schema version, naming the directory and what to do', () => {
  const dir = tempDir();
  const db = new Database(path.join(dir, DATABASE_FILE));
  db.exec(
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('schema', '1')",
  );
  db.close();
  expect(() => openEmbedded(dir)).toThrow(StoreUnavailableError);
  expect(() => openEmbedded(dir)).toThrow(
    `cannot open the graph in ${dir}: its graph.sqlite has schema version 1, this build reads 2: ingest again into an empty directory`,
  );
});
