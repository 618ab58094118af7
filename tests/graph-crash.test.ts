/**
 * Crash safety of the embedded store: a writer SIGKILLed mid-ingest leaves the last committed state
 * loadable (every document whole or absent), and re-running the ingest converges on the same graph as
 * an uninterrupted run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, syntheticAgencies } from '../bench/synthetic.js';
import { openEmbedded } from '../graph/open.js';
import { expectConsistent } from './support/graph-contract.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const DOCUMENTS = 400;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dutygraph-crash-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the child writer and SIGKILLs it at a pseudo-random moment after `afterCommits` commits. */
function ingestAndKill(dataDir: string, afterCommits: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/support/graph-ingest-child.ts', dataDir, String(DOCUMENTS)],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let committed = 0;
    let stderr = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      committed = Number(chunk.toString().trim().split('\n').at(-1));
      if (!armed && committed >= afterCommits) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`the writer was not killed (exit ${code}, ${committed} committed): ${stderr}`));
    });
  });
}

describe('embedded store crash safety', () => {
  it(
    'keeps the last committed state after SIGKILL and converges on re-ingest',
    { timeout: 300_000 },
    async () => {
      const reference = openEmbedded(tempDir());
      const agencies = syntheticAgencies();
      const docs = [...generateCorpus({ documents: DOCUMENTS })];
      for (const doc of docs) await reference.ingest(doc, agencies);
      const expected = await expectConsistent(reference);
      await reference.close();

      const dir = tempDir();
      for (const [afterCommits, delayMs] of [
        [15, 3],
        [40, 17],
      ] as const) {
        const committed = await ingestAndKill(dir, afterCommits, delayMs);
        const store = openEmbedded(dir);
        const { nodes } = await expectConsistent(store);
        const ingested = nodes
          .filter((n) => n.label === 'Document' && !n.properties.stub)
          .map((n) => n.properties.key);
        // Everything reported committed is there; at most one more finished between the report and the kill.
        expect(ingested.length).toBeGreaterThanOrEqual(committed);
        expect(ingested.length).toBeLessThanOrEqual(committed + 1);
        expect(ingested.length).toBeLessThan(DOCUMENTS);
        // Every document present is whole: its body and all its duties.
        for (const key of ingested) {
          const doc = docs.find((d) => d.id === key)!;
          expect(await store.getDocument(key)).toEqual(doc);
          expect(nodes.filter((n) => n.label === 'Duty' && n.properties.document === key)).toHaveLength(
            doc.duties.length,
          );
        }
        await store.close();
      }

      const store = openEmbedded(dir);
      const outcomes = [];
      for (const doc of docs) outcomes.push((await store.ingest(doc, agencies)).status);
      expect(outcomes.filter((s) => s === 'unchanged').length).toBeGreaterThan(0);
      expect(await expectConsistent(store)).toEqual(expected);
      await store.close();
    },
  );
});
