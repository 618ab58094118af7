/**
 * Crash safety of the embedded search index: a writer SIGKILLed while ingesting (graph, then index)
 * leaves an index that opens, and after the open-time check it holds exactly the graph's documents —
 * graph and index never disagree in what a user is served.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '../graph/open.js';
import { ConceptLexicon } from '../search/concepts.js';
import { SearchService } from '../search/service.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const DOCUMENTS = 300;
const dir = mkdtempSync(path.join(os.tmpdir(), 'dutygraph-search-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ingestAndKill(afterDocuments: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/support/search-ingest-child.ts', dir, String(DOCUMENTS)],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let done = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      done = Number(chunk.toString().trim().split('\n').at(-1));
      // Killed at once, mid-way through the next document's graph or index write.
      if (done >= afterDocuments) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(done);
      else reject(new Error(`the writer was not killed (exit ${code}, ${done} done): ${stderr}`));
    });
  });
}

describe('search index crash safety', () => {
  it('opens after SIGKILL mid-ingest and then agrees with the graph', { timeout: 300_000 }, async () => {
    const done = await ingestAndKill(20);
    expect(done).toBeGreaterThanOrEqual(20);
    const store = openEmbedded(dir);
    const notes: string[] = [];
    const search = await SearchService.open(store, {
      dataDir: dir,
      lexicon: ConceptLexicon.load(),
      embedder: null,
      onWarning: (m) => notes.push(m),
    });
    expect(notes.filter((n) => /damaged|rebuilding/.test(n))).toEqual([]);
    const hashes = await store.documentHashes();
    expect(hashes.size).toBeGreaterThanOrEqual(done);
    expect(search.size.documents).toBe(hashes.size);
    let duties = 0;
    for await (const doc of store.allDocuments()) duties += doc.duties.length;
    expect(search.size.passages).toBe(duties);
    await search.close();
    await store.close();
  });
});
