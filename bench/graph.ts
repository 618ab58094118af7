/**
 * `npm run bench:graph [-- --docs N --large N --neo4j-docs N --row-docs N --queries N --no-neo4j --json]`
 *
 * On a synthetic corpus (bench/synthetic.ts): ingest throughput (one transaction per document) for the
 * embedded store and Neo4j; Neo4j batched (UNWIND) vs one query per row on the same documents; citation
 * chain depth 3 and 5 latency (p50/p99, out and in) at --docs and --large (embedded) and --neo4j-docs
 * (Neo4j); process memory with the --large embedded store open. Neo4j is a private server started with
 * tests/support/neo4j.ts (Java + Maven), or skipped with a notice when they are missing.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Neo4jBackend } from '../graph/neo4j/backend.js';
import { openEmbedded } from '../graph/open.js';
import type { GraphStore } from '../graph/port.js';
import { Graph } from '../graph/store.js';
import { DATABASE_FILE } from '../graph/embedded/sqlite.js';
import { neo4jAvailability, startNeo4j, type Neo4jHandle } from '../tests/support/neo4j.js';
import { generateCorpus, syntheticAgencies } from './synthetic.js';

const { values: flags } = parseArgs({
  options: {
    docs: { type: 'string', default: '10000' },
    large: { type: 'string', default: '100000' },
    'neo4j-docs': { type: 'string', default: '10000' },
    'row-docs': { type: 'string', default: '300' },
    queries: { type: 'string', default: '200' },
    'no-neo4j': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

function count(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`bench:graph: --${name} must be a whole number, got "${raw}"\n`);
    process.exit(2);
  }
  return n;
}
const DOCS = count('docs', flags.docs);
const LARGE = count('large', flags.large);
const NEO4J_DOCS = count('neo4j-docs', flags['neo4j-docs']);
const ROW_DOCS = count('row-docs', flags['row-docs']);
const QUERIES = count('queries', flags.queries);

interface Row {
  store: string;
  documents: number;
  measure: string;
  value: number;
  unit: string;
}
const rows: Row[] = [];
const record = (row: Row) => {
  rows.push(row);
  if (!flags.json)
    process.stderr.write(`  ${row.store} ${row.documents} ${row.measure}: ${row.value} ${row.unit}\n`);
};
const log = (line: string) => {
  if (!flags.json) process.stderr.write(`${line}\n`);
};

const agencies = syntheticAgencies();

async function ingest(store: GraphStore, documents: number, skip = 0): Promise<number> {
  const started = performance.now();
  let done = 0;
  for (const doc of generateCorpus({ documents: skip + documents })) {
    if (done++ < skip) continue;
    await store.ingest(doc, agencies);
    if (done % 5000 === 0) log(`    ${done} documents`);
  }
  return (performance.now() - started) / 1000;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** Chain latency for random documents (same seed for every store, so the same roots). */
async function chains(label: string, store: GraphStore, documents: number) {
  const keys: string[] = [];
  for (const doc of generateCorpus({ documents })) keys.push(doc.id);
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const roots = Array.from({ length: QUERIES }, () => keys[Math.floor(next() * keys.length)]!);
  for (const depth of [3, 5]) {
    for (const direction of ['out', 'in'] as const) {
      const times: number[] = [];
      let reached = 0;
      for (const root of roots) {
        const t = performance.now();
        const chain = await store.citationChain(root, { depth, direction, limit: 500 });
        times.push(performance.now() - t);
        reached += chain.nodes.length - 1;
      }
      times.sort((a, b) => a - b);
      const measure = `chain depth ${depth} ${direction}`;
      for (const p of [50, 99]) {
        record({
          store: label,
          documents,
          measure: `${measure} p${p}`,
          value: round(percentile(times, p), 2),
          unit: 'ms',
        });
      }
      record({
        store: label,
        documents,
        measure: `${measure} mean documents reached`,
        value: round(reached / roots.length),
        unit: 'docs',
      });
    }
  }
}

/** Linux: resident memory not backed by files (RSS also counts cached pages of the database file). */
function privateMemory(): number | null {
  try {
    const kb = /^RssAnon:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

async function embedded(documents: number, measureMemory: boolean) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dutygraph-bench-'));
  try {
    log(`embedded store, ${documents} documents (${dir})`);
    let store = openEmbedded(dir);
    const cpu = process.cpuUsage();
    const seconds = await ingest(store, documents);
    const { user, system } = process.cpuUsage(cpu);
    record({
      store: 'embedded',
      documents,
      measure: 'ingest',
      value: round(documents / seconds),
      unit: 'docs/s',
    });
    // The embedded store does all its work in this process: CPU time per document is the figure a shared,
    // busy machine distorts least (wall-clock throughput also counts time waiting for a core).
    record({
      store: 'embedded',
      documents,
      measure: 'ingest CPU time per document',
      value: round((user + system) / 1000 / documents, 3),
      unit: 'ms',
    });
    await store.close();
    record({
      store: 'embedded',
      documents,
      measure: 'database file per document',
      value: round(statSync(path.join(dir, DATABASE_FILE)).size / documents / 1024),
      unit: 'KiB',
    });
    // Reopen, so the query and memory figures are those of a store opened on existing data.
    const before = process.memoryUsage().rss;
    store = openEmbedded(dir);
    await chains('embedded', store, documents);
    if (measureMemory) {
      const stats = await store.stats();
      record({
        store: 'embedded',
        documents,
        measure: 'nodes',
        value: Object.values(stats.counts.nodes).reduce((a, b) => a + b, 0),
        unit: '',
      });
      record({
        store: 'embedded',
        documents,
        measure: 'edges',
        value: Object.values(stats.counts.edges).reduce((a, b) => a + b, 0),
        unit: '',
      });
      record({
        store: 'embedded',
        documents,
        measure: 'process RSS with store open',
        value: round(process.memoryUsage().rss / 2 ** 20),
        unit: 'MiB',
      });
      // Run with --expose-gc (npm run bench:graph does): the JS heap that stays, not garbage not yet collected.
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc) {
        gc();
        record({
          store: 'embedded',
          documents,
          measure: 'JS heap after GC with store open',
          value: round(process.memoryUsage().heapUsed / 2 ** 20),
          unit: 'MiB',
        });
      }
      const anonymous = privateMemory();
      if (anonymous !== null)
        record({
          store: 'embedded',
          documents,
          measure: 'process private memory (RssAnon) with store open',
          value: round(anonymous / 2 ** 20),
          unit: 'MiB',
        });
      record({
        store: 'embedded',
        documents,
        measure: 'RSS growth from opening and querying',
        value: round((process.memoryUsage().rss - before) / 2 ** 20),
        unit: 'MiB',
      });
      record({
        store: 'embedded',
        documents,
        measure: 'database file',
        value: round(statSync(path.join(dir, DATABASE_FILE)).size / 2 ** 20),
        unit: 'MiB',
      });
    }
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function neo4jRuns() {
  if (flags['no-neo4j'] || NEO4J_DOCS === 0) return log('Neo4j: skipped (--no-neo4j)');
  const { available, reason } = neo4jAvailability();
  if (!available) {
    process.stderr.write(`\n*** bench:graph: SKIPPING Neo4j: ${reason} ***\n\n`);
    return;
  }
  log('Neo4j: starting a private server');
  let server: Neo4jHandle | undefined;
  try {
    server = await startNeo4j({ heap: '1g' });
    const connect = async (writeMode: 'batched' | 'row') => {
      const backend = await Neo4jBackend.connect({
        uri: server!.uri,
        user: server!.user,
        password: server!.password,
        writeMode,
      });
      return { backend, store: new Graph(backend) };
    };
    if (ROW_DOCS > 0) {
      // The same documents both ways, each into an empty database, after a warm-up of the query plans.
      const warm = await connect('batched');
      await ingest(warm.store, 50);
      await warm.backend.clear();
      const batched = await ingest(warm.store, ROW_DOCS);
      await warm.backend.clear();
      await warm.store.close();
      const row = await connect('row');
      const perRow = await ingest(row.store, ROW_DOCS);
      await row.backend.clear();
      await row.store.close();
      record({
        store: 'neo4j',
        documents: ROW_DOCS,
        measure: 'ingest batched',
        value: round(ROW_DOCS / batched),
        unit: 'docs/s',
      });
      record({
        store: 'neo4j',
        documents: ROW_DOCS,
        measure: 'ingest one query per row',
        value: round(ROW_DOCS / perRow),
        unit: 'docs/s',
      });
      record({
        store: 'neo4j',
        documents: ROW_DOCS,
        measure: 'batched speed-up over per-row',
        value: round(perRow / batched, 2),
        unit: '×',
      });
    }
    log(`Neo4j, ${NEO4J_DOCS} documents`);
    const { store } = await connect('batched');
    const seconds = await ingest(store, NEO4J_DOCS);
    record({
      store: 'neo4j',
      documents: NEO4J_DOCS,
      measure: 'ingest',
      value: round(NEO4J_DOCS / seconds),
      unit: 'docs/s',
    });
    await chains('neo4j', store, NEO4J_DOCS);
    await store.close();
  } finally {
    await server?.stop();
  }
}

const started = performance.now();
if (DOCS > 0) await embedded(DOCS, false);
if (LARGE > 0) await embedded(LARGE, true);
await neo4jRuns();
const total = round((performance.now() - started) / 1000);

if (flags.json) {
  process.stdout.write(
    `${JSON.stringify({ seconds: total, cpus: os.cpus().length, results: rows }, null, 2)}\n`,
  );
} else {
  const width = Math.max(...rows.map((r) => r.measure.length));
  process.stdout.write(`\n${'store'.padEnd(10)}${'docs'.padStart(8)}  ${'measure'.padEnd(width)}  value\n`);
  for (const r of rows) {
    process.stdout.write(
      `${r.store.padEnd(10)}${String(r.documents).padStart(8)}  ${r.measure.padEnd(width)}  ${r.value} ${r.unit}\n`,
    );
  }
  process.stdout.write(`\n${total} s in all on ${os.cpus().length} cores\n`);
}
