/**
 * The load and fault run shared by tests/load-faults.test.ts (short) and bench/load.ts (60 s):
 * concurrent clients upload, re-upload, delete and search against a real `dutygraph serve`, which is
 * killed with SIGKILL at seeded moments and restarted on the same data directory. Each client owns
 * its documents, so what the server acknowledged is known exactly; the check afterwards compares
 * that with what the restarted server holds.
 */
import { seededRandom } from '../../search/vector/synthetic.js';
import { UPLOAD_TEXT } from './api-documents.js';
import { type ServeProcess, spawnServe } from './serve.js';

const KEY = 'load-key-7c2e9a4b1d6f3058';

export interface LoadOptions {
  dataDir: string;
  /** Store flags for `serve`, e.g. ['--store', 'embedded'] or the Neo4j ones. */
  storeArgs: string[];
  env?: Record<string, string>;
  clients: number;
  /** Stop after this many operations in all, or after `durationMs`, whichever comes first. */
  operations: number;
  durationMs?: number;
  /** Server kills (SIGKILL) spread over the run at seeded operation counts. */
  kills: number;
  seed: number;
}

export interface LoadReport {
  requests: number;
  seconds: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  kills: number;
  /** Requests that failed because the server was down (connection refused or reset), retried. */
  refusedWhileDown: number;
  status503: number;
  /** 5xx other than 503: must be 0. */
  otherServerErrors: string[];
  acknowledgedUploads: number;
  acknowledgedDeletes: number;
  /** Acknowledged uploads (not deleted since) missing after the run: must be 0. */
  lost: string[];
  /** Acknowledged deletes whose document is back: must be 0. */
  resurrected: string[];
  /** Documents whose symbol appears more than once: must be 0. */
  duplicates: string[];
  graphDocuments: number;
  indexDocuments: number;
  /** Documents a search returned (the sample of index ids checked against the graph). */
  indexSample: number;
  /** Of those, documents the graph does not hold: must be 0. */
  ghosts: string[];
}

function start(options: LoadOptions): ServeProcess {
  return spawnServe({
    dataDir: options.dataDir,
    args: options.storeArgs,
    env: { DUTYGRAPH_API_KEYS: KEY, ...options.env },
  });
}

const textFor = (n: number) => UPLOAD_TEXT.replace(/9907/g, String(n));

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const rand = seededRandom(options.seed);
  const killAt = new Set(
    Array.from({ length: options.kills }, (_, i) =>
      Math.floor(((i + 0.2 + rand() * 0.6) * options.operations) / (options.kills + 1)),
    ),
  );
  let server = start(options);
  await server.url;
  const started = performance.now();
  // A timed run spreads its kills over the duration instead (seeded offsets).
  const killTimers = options.durationMs
    ? Array.from({ length: options.kills }, (_, i) =>
        setTimeout(
          () => void restart(),
          ((i + 0.2 + rand() * 0.6) * options.durationMs!) / (options.kills + 1),
        ),
      )
    : [];
  if (options.durationMs) killAt.clear();
  const deadline = started + (options.durationMs ?? Number.POSITIVE_INFINITY);
  const latencies: number[] = [];
  const report = {
    kills: 0,
    refusedWhileDown: 0,
    status503: 0,
    otherServerErrors: [] as string[],
  };
  // number → what the server acknowledged last: present (with key), absent, or unknown (no answer).
  const state = new Map<number, { status: 'present' | 'absent' | 'unknown'; key?: string }>();
  let done = 0;
  let restarting: Promise<void> | null = null;

  const restart = () => {
    restarting ??= (async () => {
      server.child.kill('SIGKILL');
      await server.exited;
      report.kills++;
      server = start(options);
      await server.url;
      restarting = null;
    })();
    return restarting;
  };

  /** One HTTP call; connection failures wait for the restart and report null (outcome unknown). */
  const call = async (method: string, route: string, body?: unknown) => {
    const url = await server.url;
    const t0 = performance.now();
    try {
      const response = await fetch(`${url}${route}`, {
        method,
        headers: { 'x-api-key': KEY, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      latencies.push(performance.now() - t0);
      if (response.status === 503) report.status503++;
      else if (response.status >= 500)
        report.otherServerErrors.push(`${method} ${route}: ${response.status} ${text.slice(0, 200)}`);
      return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    } catch {
      report.refusedWhileDown++;
      if (restarting) await restarting;
      return null;
    }
  };

  const client = async (c: number) => {
    const mine: number[] = [];
    let next = 20_000 + c * 10_000;
    while (done < options.operations && performance.now() < deadline) {
      const op = done++;
      if (killAt.has(op)) void restart();
      const roll = rand();
      const known = mine.filter((n) => state.get(n)?.status !== 'absent');
      if (roll < 0.45 || known.length === 0) {
        const n = next++;
        mine.push(n);
        state.set(n, { status: 'unknown' });
        const r = await call('POST', '/api/documents', { name: `cv-${n}.txt`, text: textFor(n) });
        if (r && (r.status === 201 || r.status === 200))
          state.set(n, { status: 'present', key: (r.json.outcome as { key: string }).key });
      } else if (roll < 0.6) {
        const n = known[Math.floor(rand() * known.length)]!;
        const r = await call('POST', '/api/documents', { name: `cv-${n}.txt`, text: textFor(n) });
        if (r && (r.status === 201 || r.status === 200))
          state.set(n, { status: 'present', key: (r.json.outcome as { key: string }).key });
        else if (!r) state.set(n, { ...state.get(n)!, status: 'unknown' });
      } else if (roll < 0.75) {
        const n = known[Math.floor(rand() * known.length)]!;
        const key = state.get(n)!.key;
        if (!key) continue;
        const r = await call('DELETE', `/api/documents/${encodeURIComponent(key)}`);
        if (r && (r.status === 200 || r.status === 204 || r.status === 404))
          state.set(n, { status: 'absent', key });
        else if (!r) state.set(n, { status: 'unknown', key });
      } else {
        await call('GET', `/api/search?q=${encodeURIComponent('phòng chống ma túy')}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, c) => client(c)));
  killTimers.forEach(clearTimeout);
  const seconds = (performance.now() - started) / 1000;
  if (restarting) await restarting;

  // Verify on a fresh start: what a restarted server holds is what was acknowledged.
  server.child.kill('SIGKILL');
  await server.exited;
  server = start(options);
  const url = await server.url;
  try {
    const documents: { key: string; symbol: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (
        await fetch(`${url}/api/documents?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      ).json()) as { items: { key: string; symbol: string | null }[]; nextCursor: string | null };
      documents.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const keys = new Set(documents.map((d) => d.key));
    const bySymbol = new Map<string, number>();
    for (const d of documents) if (d.symbol) bySymbol.set(d.symbol, (bySymbol.get(d.symbol) ?? 0) + 1);
    const stats = (await (await fetch(`${url}/api/stats`)).json()) as {
      graph: { documents: number };
      search: { documents: number };
    };
    const present = [...state.entries()].filter(([, s]) => s.status === 'present');
    // A sample of ids from the index, checked against the graph: no passage of a deleted document.
    const hits = (await (
      await fetch(`${url}/api/search?q=${encodeURIComponent('phòng chống ma túy')}&k=50`)
    ).json()) as { passages: { document: { id: string } }[] };
    const sampled = [...new Set(hits.passages.map((p) => p.document.id.replace(/^doc:/, '')))];
    const ghosts = sampled.filter((key) => !keys.has(key));
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    return {
      requests: latencies.length,
      seconds,
      throughput: latencies.length / seconds,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      ...report,
      acknowledgedUploads: present.length,
      acknowledgedDeletes: [...state.values()].filter((s) => s.status === 'absent').length,
      lost: present.filter(([, s]) => !keys.has(s.key!)).map(([, s]) => s.key!),
      resurrected: [...state.values()]
        .filter((s) => s.status === 'absent' && keys.has(s.key!))
        .map((s) => s.key!),
      duplicates: [...bySymbol.entries()].filter(([, count]) => count > 1).map(([symbol]) => symbol),
      graphDocuments: stats.graph.documents,
      indexDocuments: stats.search.documents,
      indexSample: sampled.length,
      ghosts,
    };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}
