import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openEmbedded } from '../graph/open.js';
import { graphContract } from './support/graph-contract.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

graphContract('embedded (better-sqlite3)', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dutygraph-graph-'));
  dirs.push(dir);
  return openEmbedded(dir);
});
