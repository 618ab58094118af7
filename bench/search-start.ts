/**
 * Start-up of a grown store, as a user sees it: a graph of synthetic documents (realistic duty text, see
 * bench/search.ts) ingested, its search index built once, then wall time of a whole `dutygraph search`
 * process (beside a whole `dutygraph stats` process, the start-up floor), and of `dutygraph serve` until
 * /healthz answers, with the server's RSS.
 *
 *   npm run build && npm run bench:start [-- --documents 4000 --duties 11] [--source]
 *
 * The processes run bin/dutygraph.js (the built CLI a user installs, dist/); --source runs cli/main.ts
 * through tsx instead, which adds seconds of transpiling to every start.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openEmbedded } from '../graph/open.js';
import { loadCorpus } from '../tests/eval/search-eval.js';
import { syntheticDocuments, templatesFrom } from './search.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '4000' },
    duties: { type: 'string', default: '11' },
    source: { type: 'boolean', default: false },
  },
});
const entry = values.source ? ['--import', 'tsx', 'cli/main.ts'] : ['bin/dutygraph.js'];
if (!values.source && !existsSync(path.join(repoRoot, 'dist', 'cli')))
  throw new Error('bench:start runs the built CLI: run `npm run build` first (or pass --source)');
const documents = Number(values.documents);
const duties = Number(values.duties);
const log = (line: string) => process.stderr.write(`bench:start: ${line}\n`);
const dir = await mkdtemp(path.join(os.tmpdir(), 'dutygraph-bench-start-'));
const env = { ...process.env, DUTYGRAPH_MODEL_DIR: path.join(dir, 'no-models'), DUTYGRAPH_LOG_LEVEL: 'warn' };
const cli = (args: string[]) =>
  execFileSync(process.execPath, [...entry, ...args, '--data-dir', dir], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
try {
  const { documents: corpus } = await loadCorpus();
  const store = openEmbedded(dir);
  log(`ingesting ${documents} documents × ${duties} duties into the graph`);
  for (const doc of syntheticDocuments(templatesFrom(corpus), documents * duties, 7, duties))
    await store.ingest(doc);
  await store.close();
  let t = performance.now();
  log(cli(['index', 'rebuild']).trim());
  const rebuild = (performance.now() - t) / 1000;
  const searches: number[] = [];
  for (const query of ['rửa tiền', 'who handles border smuggling', 'phong chong ma tuy']) {
    t = performance.now();
    cli(['search', query, '--json']);
    searches.push((performance.now() - t) / 1000);
  }
  // Peer in the same run: a whole `dutygraph stats` process (start-up floor, no search index opened).
  t = performance.now();
  cli(['stats', '--json']);
  const stats = (performance.now() - t) / 1000;
  t = performance.now();
  const server = spawn(process.execPath, [...entry, 'serve', '--port', '0', '--data-dir', dir], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout.on('data', (chunk: Buffer) => {
      const match = /listening on (http:\/\/\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    server.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  while (
    !(await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  )
    await new Promise((r) => setTimeout(r, 50));
  const healthy = (performance.now() - t) / 1000;
  await fetch(`${url}/api/search?q=${encodeURIComponent('rửa tiền')}`);
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;
  server.kill('SIGTERM');
  process.stdout.write(
    `${documents} documents, ${documents * duties} duties: index rebuild ${rebuild.toFixed(1)} s; ` +
      `\`dutygraph search\` whole process ${searches.map((s) => s.toFixed(2)).join(' / ')} s ` +
      `(\`dutygraph stats\` ${stats.toFixed(2)} s); ` +
      `serve healthy in ${healthy.toFixed(2)} s, RSS after a search ${rss.toFixed(0)} MB\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
