/** The SearchIndex contract on the embedded adapter (SQLite FTS5 + vectors), in memory and on disk. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SqliteSearchIndex } from '../search/index/sqlite.js';
import { searchIndexContract } from './support/search-index-contract.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dutygraph-search-index-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

searchIndexContract('sqlite (memory)', () => SqliteSearchIndex.open(null));
searchIndexContract('sqlite (file)', () => SqliteSearchIndex.open(dir));
