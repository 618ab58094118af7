/**
 * npm run bench:api — HTTP throughput and latency of the real server on loopback.
 *
 * Starts `dutygraph serve` in its own process (embedded store in a temp dir, the samples and the
 * development corpus ingested, rate limiting off, request logging at warn), warms the search path
 * with every query once, then drives it with autocannon: mixed Vietnamese/English questions against
 * /api/search, then /healthz as the framework's floor. Then the same again on a server with the search
 * cache off (DUTYGRAPH_SEARCH_CACHE_MB=0, same data directory), in the same run: with the cache on the
 * bench's questions repeat, so that row measures repeated questions; the cache-off row measures every
 * search computed. Prints req/s, p50/p99 and the server's CPU per request (utime + stime of its
 * process, from /proc) for each, and each search/healthz ratio; exits non-zero on any non-2xx
 * response or connection error.
 *
 *   --duration=<s>      seconds per endpoint (default 10)
 *   --connections=<n>   concurrent connections (default 10)
 *   --passages=<n>      first write this many synthetic duty passages into the graph (bench/search.ts's
 *                       recombined real clauses, 20 per document): the same run at scale
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openStore } from '../graph/open.js';
import { loadCorpus } from '../tests/eval/search-eval.js';
import { type ServeProcess, spawnServe } from '../tests/support/serve.js';
import { syntheticDocuments, templatesFrom } from './search.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');
const arg = (name: string, fallback: number) => {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`bench:api: --${name} must be a positive whole number, got "${raw}"`);
    process.exit(1);
  }
  return value;
};
const duration = arg('duration', 10);
const connections = arg('connections', 10);
const passages = process.argv.some((a) => a.startsWith('--passages=')) ? arg('passages', 1) : 0;

/** Synthetic documents straight into the embedded graph; `serve` then indexes them on open. */
async function seed(dataDir: string): Promise<void> {
  const { documents } = await loadCorpus();
  const store = await openStore({ store: 'embedded', dataDir });
  try {
    for (const doc of syntheticDocuments(templatesFrom(documents), passages)) await store.ingest(doc);
  } finally {
    await store.close();
  }
}

/** Questions people ask, in both languages, some with filters. */
const QUERIES = [
  'ai chịu trách nhiệm phòng, chống rửa tiền',
  'cơ quan nào chủ trì đấu tranh với tội phạm ma túy',
  'tín dụng đen, cho vay lãi nặng',
  'phòng chống mua bán người trên tuyến biển',
  'buôn lậu qua biên giới',
  'lừa đảo chiếm đoạt tài sản trên không gian mạng',
  'Công an tỉnh có nhiệm vụ gì',
  'tuyên truyền phòng chống tội phạm trong học sinh',
  'who is responsible for money laundering',
  'which agency leads the fight against drug trafficking',
  'human trafficking victims support',
  'border smuggling patrols',
  'cybercrime fraud prevention',
  'loan sharking',
].flatMap((q) => [`q=${encodeURIComponent(q)}`, `q=${encodeURIComponent(q)}&k=5&province=lang-son`]);

function startServer(dataDir: string, cache: boolean): ServeProcess {
  return spawnServe({
    dataDir,
    args: ['--store', 'embedded', '--ingest', 'samples', corpusDir],
    env: {
      // The real model when the caller names one, else lexical search.
      DUTYGRAPH_MODEL_DIR: process.env.DUTYGRAPH_MODEL_DIR ?? path.join(dataDir, 'models'),
      ...(cache ? {} : { DUTYGRAPH_SEARCH_CACHE_MB: '0' }),
    },
  });
}

const TICKS_PER_SECOND = 100;

/** CPU seconds the process has used (user + system), from /proc; null where there is none. */
function cpuSeconds(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

async function measure(endpoint: string, pid: number, url: string, paths: string[]): Promise<Row> {
  const before = cpuSeconds(pid);
  const result = await load(url, paths);
  const after = cpuSeconds(pid);
  const cpuMs =
    before === null || after === null || result.requests.total === 0
      ? null
      : ((after - before) * 1000) / result.requests.total;
  return { endpoint, result, cpuMs };
}

function load(url: string, paths: string[]): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }),
      },
    ],
  });
}

interface Row {
  endpoint: string;
  result: autocannon.Result;
  /** Server CPU per request, ms. */
  cpuMs: number | null;
}

function table(rows: Row[]): string {
  const header = ['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'requests', 'non-2xx', 'errors'];
  const lines = rows.map(({ endpoint, result, cpuMs }) => [
    endpoint,
    result.requests.average.toFixed(0),
    result.latency.p50.toFixed(1),
    result.latency.p99.toFixed(1),
    cpuMs === null ? '—' : cpuMs.toFixed(2),
    String(result.requests.total),
    String(result.non2xx),
    String(result.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'dutygraph-bench-api-'));
let server: ServeProcess | undefined;
try {
  if (passages > 0) {
    console.error(`bench:api: writing ${passages} synthetic passages into the graph`);
    await seed(dataDir);
  }
  const searchPaths = QUERIES.map((q) => `/api/search?${q}`);
  const rows: Row[] = [];
  const ratios: string[] = [];
  for (const cache of [true, false]) {
    // The second server reopens the same data directory: nothing to ingest again.
    server = startServer(dataDir, cache);
    const url = await server.url;
    const pid = server.child.pid!;
    // Warm: every query once (JIT, caches), each checked to succeed.
    let semantic = false;
    for (const p of searchPaths) {
      const response = await fetch(`${url}${p}`);
      if (!response.ok) throw new Error(`warm-up ${p} answered ${response.status}: ${await response.text()}`);
      semantic = ((await response.json()) as { semantic: boolean }).semantic;
    }
    if (cache) {
      const stats = (await (await fetch(`${url}/api/stats`)).json()) as {
        search: { passages: number; documents: number };
      };
      console.log(
        `bench:api — ${stats.search.documents} documents, ${stats.search.passages} duty passages, ` +
          `${semantic ? 'semantic + lexical' : 'lexical + concept (no embedding model)'} search; ` +
          `${connections} connections, ${duration} s per endpoint, ${QUERIES.length} distinct queries; ` +
          `load average ${loadavg()
            .map((l) => l.toFixed(1))
            .join(' ')}\n`,
      );
    }
    const label = cache ? 'cache on, repeated questions' : 'cache off';
    const search = await measure(`GET /api/search (${label})`, pid, url, searchPaths);
    const health = await measure(`GET /healthz (${label.split(',')[0]})`, pid, url, ['/healthz']);
    rows.push(search, health);
    ratios.push(
      `search/healthz, ${label}: ${(search.result.requests.average / health.result.requests.average).toFixed(3)} ` +
        `of the throughput, p50 ×${(search.result.latency.p50 / Math.max(health.result.latency.p50, 0.001)).toFixed(1)}` +
        (search.cpuMs !== null && health.cpuMs !== null
          ? `, CPU per request ×${(search.cpuMs / Math.max(health.cpuMs, 0.001)).toFixed(1)}`
          : ''),
    );
    server.child.kill('SIGTERM');
    await server.exited;
    server = undefined;
  }
  console.log(table(rows));
  console.log(
    `\n${ratios.join('\n')}\nload average after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const failed = rows.filter(({ result }) => result.non2xx > 0 || result.errors > 0 || result.timeouts > 0);
  if (failed.length > 0) {
    console.error(`bench:api: non-2xx responses or errors on ${failed.map((r) => r.endpoint).join(', ')}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`bench:api: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  if (server) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  await rm(dataDir, { recursive: true, force: true });
}
