/**
 * Short load and fault run on the embedded store: concurrent clients upload, re-upload, delete and
 * search while the server is killed (SIGKILL) twice at seeded moments and restarted. Every
 * acknowledged write survives, no document twice, deletes stick, the index agrees with the graph,
 * and no 5xx but 503. (`npm run bench:load` runs it for 60 s, on Neo4j too.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runLoad } from './support/load.js';

it('keeps every acknowledged write through kill -9 restarts under concurrent load', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dutygraph-load-'));
  try {
    const report = await runLoad({
      dataDir,
      storeArgs: ['--store', 'embedded'],
      clients: 4,
      operations: 120,
      kills: 2,
      seed: 16,
    });
    console.log(JSON.stringify(report));
    expect(report.kills).toBe(2);
    expect(report.acknowledgedUploads).toBeGreaterThan(0);
    expect(report.otherServerErrors).toEqual([]);
    expect(report.lost).toEqual([]);
    expect(report.resurrected).toEqual([]);
    expect(report.duplicates).toEqual([]);
    expect(report.ghosts).toEqual([]);
    expect(report.indexDocuments).toBe(report.graphDocuments);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 300_000);
