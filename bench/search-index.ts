/**
 * Search-index benchmark at scale: the embedded adapter (SQLite FTS5 + HNSW) against its peers in the
 * same run — a naive SQLite FTS5 table over the raw text (OR of the query's words) and the in-memory
 * MiniSearch index the service used before (search/lexical.ts) — and, with --neo4j, the Neo4j adapter.
 *
 *   npm run bench:index [-- --passages 1000000 --vectors 200000 --peer 1000000 --memory-peer 100000 --neo4j 200000]
 *
 * Passages are bench/search.ts's synthetic duties (real clauses recombined). Opening and querying run in a
 * fresh child process, so RSS and open time are what a CLI or server start would see. Vectors are
 * clustered unit vectors (model excluded); queries are the eval queries, plain and with a province filter.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { ExtractedDocument } from '../ingest/schema.js';
import { allProvinces } from '../ingest/taxonomy/provinces.js';
import { VietnameseAnalyzer } from '../search/analyzer.js';
import { ConceptLexicon } from '../search/concepts.js';
import type { Embedder } from '../search/embedding/port.js';
import { IndexedCorpus } from '../search/index/corpus.js';
import { Neo4jSearchIndex } from '../search/index/neo4j.js';
import { passageContext, toPassage } from '../search/index/passage.js';
import { lexicalHits } from '../search/index/retrieval.js';
import { SqliteSearchIndex } from '../search/index/sqlite.js';
import type { SearchIndex } from '../search/index/port.js';
import { LexicalIndex } from '../search/lexical.js';
import { SearchService } from '../search/service.js';
import { gaussian, randomUnitVector, seededRandom } from '../search/vector/synthetic.js';
import { loadCorpus, loadQueries } from '../tests/eval/search-eval.js';
import { syntheticDocuments, templatesFrom } from './search.js';

const DIMENSION = 384;
const LIMIT = 200;

interface Latency {
  p50: number;
  p99: number;
  cpu50: number;
  cpu99: number;
}

interface Row {
  system: string;
  metric: string;
  value: number;
  unit: string;
}

/**
 * Stand-in for the model (model excluded): each text gets a fresh unit vector scattered around one of 64
 * seeded centres, the clumpy shape of sentence embeddings; queries draw from the same centres.
 */
function syntheticEmbedder(seed: number): Embedder {
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const centres = Array.from({ length: 64 }, () => randomUnitVector(DIMENSION, normal));
  const next = (): Float32Array => {
    const centre = centres[Math.floor(random() ** 2 * centres.length)]!;
    const v = new Float32Array(DIMENSION);
    let norm = 0;
    for (let i = 0; i < DIMENSION; i++) {
      v[i] = centre[i]! + (normal() * 0.3) / Math.sqrt(DIMENSION);
      norm += v[i]! * v[i]!;
    }
    for (let i = 0; i < DIMENSION; i++) v[i] = v[i]! / Math.sqrt(norm);
    return v;
  };
  return {
    modelId: 'synthetic-384',
    dimension: DIMENSION,
    embedPassages: async (texts) => texts.map(next),
    embedQueries: async (texts) => texts.map(next),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

async function requests(): Promise<Array<{ query: string; province?: string }>> {
  const provinces = allProvinces();
  return (await loadQueries()).flatMap((q, i) => [
    { query: q.query },
    { query: q.query, province: provinces[i % provinces.length]!.slug },
  ]);
}

/** Times `run` over every request `rounds` times (after a warm-up); p50/p99 in ms. */
async function latency<T>(items: T[], rounds: number, run: (item: T) => Promise<unknown> | unknown) {
  for (const item of items.slice(0, 10)) await run(item);
  const times: number[] = [];
  // CPU time too: on a shared, busy machine wall time mostly measures waiting for a core.
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const item of items) {
      const t = performance.now();
      const c = process.cpuUsage();
      await run(item);
      const used = process.cpuUsage(c);
      times.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
    }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    cpu50: percentile(cpu, 50),
    cpu99: percentile(cpu, 99),
    n: times.length,
  };
}

/** Child process: open the saved index as a CLI would, then query it. Prints JSON rows. */
async function child(dir: string, rounds: number, vectors: number): Promise<void> {
  const started = performance.now();
  const lexicon = ConceptLexicon.load();
  const embedder = vectors > 0 ? syntheticEmbedder(5) : null;
  // The graph's side of the open-time check: document hashes from an SQLite table, as the embedded
  // store answers it (here the index's own table stands in for the graph's).
  const source = {
    allDocuments: async function* (): AsyncIterable<ExtractedDocument> {},
    documentHashes: async () => {
      const db = new Database(path.join(dir, 'search-index', 'index.sqlite'), { readonly: true });
      const rows = db.prepare('SELECT id, content_hash FROM documents').raw().all() as Array<
        [string, string]
      >;
      db.close();
      return new Map(rows);
    },
    getDocument: async () => null,
  };
  const service = await SearchService.open(source, {
    dataDir: dir,
    lexicon,
    embedder,
    onWarning: (m) => process.stderr.write(`child: ${m}\n`),
  });
  const openMs = performance.now() - started;
  const analyzer = new VietnameseAnalyzer(lexicon.analyzerLexicon);
  const index = (service as unknown as { corpus: IndexedCorpus }).corpus.index;
  const items = await requests();
  const lexical = await latency(items, rounds, async ({ query }) => {
    const analysis = lexicon.analyzeQuery(query);
    await lexicalHits(index, analyzer, analysis, { expansionWeight: 0.3 }, null, LIMIT);
  });
  const hybrid = await latency(items, rounds, (request) => service.search({ ...request, k: 10 }));
  const rss = process.memoryUsage().rss / 2 ** 20;
  process.stdout.write(JSON.stringify({ openMs, lexical, hybrid, rss, size: service.size }));
  await service.close();
}

async function buildEmbedded(
  dir: string,
  templates: ReturnType<typeof templatesFrom>,
  passages: number,
  vectors: number,
  rows: Row[],
): Promise<void> {
  const lexicon = ConceptLexicon.load();
  const analyzer = new VietnameseAnalyzer(lexicon.analyzerLexicon);
  // CPU spent inside the index's writes (pre-analyzed passages in, rows out): the share comparable to
  // the naive FTS5 peer, which does no Vietnamese analysis or concept tagging.
  let writeCpu = 0;
  const { write, flush } = SqliteSearchIndex.prototype;
  const timed = <A extends unknown[], R>(method: (this: SqliteSearchIndex, ...args: A) => Promise<R>) =>
    async function (this: SqliteSearchIndex, ...args: A): Promise<R> {
      const before = process.cpuUsage();
      try {
        return await method.apply(this, args);
      } finally {
        const used = process.cpuUsage(before);
        writeCpu += (used.user + used.system) / 1e6;
      }
    };
  SqliteSearchIndex.prototype.write = timed(write);
  SqliteSearchIndex.prototype.flush = timed(flush);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const corpus = await IndexedCorpus.open(
    {
      allDocuments: async function* () {
        yield* syntheticDocuments(templates, passages);
      },
    },
    {
      dataDir: dir,
      lexicon,
      analyzer,
      embedder: vectors > 0 ? syntheticEmbedder(3) : null,
      warn: () => undefined,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const label = `embedded (FTS5${vectors > 0 ? ' + HNSW' : ''})`;
  rows.push({ system: label, metric: 'build', value: corpus.size.passages / seconds, unit: 'passages/s' });
  rows.push({ system: label, metric: 'build time', value: seconds, unit: 's' });
  const used = process.cpuUsage(cpu);
  rows.push({
    system: label,
    metric: 'build per CPU second',
    value: corpus.size.passages / ((used.user + used.system) / 1e6),
    unit: 'passages/s',
  });
  rows.push({
    system: label,
    metric: 'index writes per CPU second (analysis excluded)',
    value: corpus.size.passages / writeCpu,
    unit: 'passages/s',
  });
  SqliteSearchIndex.prototype.write = write;
  SqliteSearchIndex.prototype.flush = flush;
  await corpus.close();
}

function naivePeer(
  documents: Iterable<ExtractedDocument>,
  queries: string[],
  rounds: number,
  rows: Row[],
): void {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')");
  const insert = db.prepare('INSERT INTO t (text) VALUES (?)');
  // Generating the synthetic documents is not the peer's work: only the inserts are timed (CPU).
  let cpu = 0;
  let n = 0;
  db.transaction(() => {
    for (const doc of documents) {
      const before = process.cpuUsage();
      for (const duty of doc.duties) {
        insert.run(duty.text);
        n++;
      }
      const used = process.cpuUsage(before);
      cpu += (used.user + used.system) / 1e6;
    }
  })();
  rows.push({
    system: 'naive FTS5 table',
    metric: 'build per CPU second',
    value: n / cpu,
    unit: 'passages/s',
  });
  const search = db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT ?');
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const query of queries) {
      const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
      if (words.length === 0) continue;
      const t = performance.now();
      const c = process.cpuUsage();
      search.all(words.map((w) => `"${w}"`).join(' OR '), LIMIT);
      const used = process.cpuUsage(c);
      times.push(performance.now() - t);
      cpuTimes.push((used.user + used.system) / 1000);
    }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  rows.push({ system: 'naive FTS5 table', metric: 'lexical p50', value: percentile(times, 50), unit: 'ms' });
  rows.push({ system: 'naive FTS5 table', metric: 'lexical p99', value: percentile(times, 99), unit: 'ms' });
  rows.push({
    system: 'naive FTS5 table',
    metric: 'lexical CPU p50',
    value: percentile(cpuTimes, 50),
    unit: `ms (p99 ${percentile(cpuTimes, 99).toFixed(1)} ms)`,
  });
  db.close();
}

function memoryPeer(documents: ExtractedDocument[], queries: string[], rounds: number, rows: Row[]): void {
  const lexicon = ConceptLexicon.load();
  const analyzer = new VietnameseAnalyzer(lexicon.analyzerLexicon);
  const index = LexicalIndex.create(analyzer);
  const before = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  let n = 0;
  for (const doc of documents) {
    const passages = doc.duties.map((duty) => toPassage(lexicon, doc, duty));
    index.add(passages.map((p) => ({ id: p.id, body: p.text, context: passageContext(p) })));
    n += passages.length;
  }
  const used = process.cpuUsage(cpu);
  const system = 'in-memory MiniSearch (before)';
  rows.push({
    system,
    metric: 'build per CPU second',
    value: n / ((used.user + used.system) / 1e6),
    unit: 'passages/s',
  });
  rows.push({
    system,
    metric: 'heap',
    value: (process.memoryUsage().heapUsed - before) / 2 ** 20,
    unit: 'MB',
  });
  const times: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const query of queries) {
      const analysis = lexicon.analyzeQuery(query);
      const t = performance.now();
      index.search({ text: analysis.text, expansions: analysis.expansions, expansionWeight: 0.3 }, LIMIT);
      times.push(performance.now() - t);
    }
  times.sort((a, b) => a - b);
  rows.push({ system, metric: 'lexical p50', value: percentile(times, 50), unit: 'ms' });
  rows.push({ system, metric: 'lexical p99', value: percentile(times, 99), unit: 'ms' });
}

async function neo4jBench(
  templates: ReturnType<typeof templatesFrom>,
  passages: number,
  embeddedDir: string,
  rounds: number,
  rows: Row[],
): Promise<void> {
  // A private test server (tests/support/neo4j.ts; the run-wide one exists only inside vitest).
  const { startNeo4j } = await import('../tests/support/neo4j.js');
  // Lucene's and the vector index's working set at 200k passages outgrow the test default (512 MB).
  // Query latency is a long-running server's: with the JVM's full JIT, not the tests' quick-start one.
  const server = await startNeo4j({ heap: '2g', fullJit: true });
  const lease = {
    uri: server.uri,
    user: server.user,
    password: server.password,
    release: () => server.stop(),
  };
  const lexicon = ConceptLexicon.load();
  const analyzer = new VietnameseAnalyzer(lexicon.analyzerLexicon);
  try {
    const index = await Neo4jSearchIndex.connect(lease);
    const source = {
      allDocuments: async function* () {
        yield* syntheticDocuments(templates, passages);
      },
    };
    let started = performance.now();
    const cpu = process.cpuUsage();
    const corpus = await IndexedCorpus.open(source, {
      dataDir: null,
      index,
      lexicon,
      analyzer,
      embedder: null,
      warn: () => undefined,
    });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    rows.push({
      system: 'neo4j (Lucene)',
      metric: 'build',
      value: corpus.size.passages / seconds,
      unit: `passages/s (${seconds.toFixed(0)} s; client CPU ${((used.user + used.system) / 1e6).toFixed(0)} s)`,
    });
    const embedded = await IndexedCorpus.open(source, {
      dataDir: embeddedDir,
      lexicon,
      analyzer,
      embedder: null,
      warn: () => undefined,
    });
    const queries = (await loadQueries()).map((q) => q.query);
    const overlaps: number[] = [];
    for (const query of queries) {
      const analysis = lexicon.analyzeQuery(query);
      const run = (i: SearchIndex) => lexicalHits(i, analyzer, analysis, { expansionWeight: 0.3 }, null, 10);
      const [a, b] = [await run(embedded.index), await run(index)];
      const top = new Set(a.hits.map((h) => h.id));
      overlaps.push(top.size === 0 ? 1 : b.hits.filter((h) => top.has(h.id)).length / top.size);
    }
    rows.push({
      system: 'neo4j (Lucene)',
      metric: 'lexical top-10 overlap with embedded',
      value: overlaps.reduce((s, x) => s + x, 0) / overlaps.length,
      unit: 'ratio',
    });
    const lex = await latency(queries, rounds, async (query) => {
      await lexicalHits(index, analyzer, lexicon.analyzeQuery(query), { expansionWeight: 0.3 }, null, LIMIT);
    });
    rows.push({ system: 'neo4j (Lucene)', metric: 'lexical p50', value: lex.p50, unit: 'ms' });
    rows.push({ system: 'neo4j (Lucene)', metric: 'lexical p99', value: lex.p99, unit: 'ms' });
    const service = await SearchService.open(source, { dataDir: null, index, lexicon, embedder: null });
    const items = await requests();
    started = performance.now();
    const hybrid = await latency(items, rounds, (request) => service.search({ ...request, k: 10 }));
    rows.push({ system: 'neo4j (Lucene)', metric: 'hybrid (no model) p50', value: hybrid.p50, unit: 'ms' });
    rows.push({ system: 'neo4j (Lucene)', metric: 'hybrid (no model) p99', value: hybrid.p99, unit: 'ms' });
    rows.push({
      system: 'neo4j (Lucene)',
      metric: 'hybrid (no model) client CPU p50',
      value: hybrid.cpu50,
      unit: `ms (p99 ${hybrid.cpu99.toFixed(1)} ms; the server's not included)`,
    });
    await embedded.close();
    await service.close();
  } finally {
    await lease.release();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      passages: { type: 'string', default: '100000' },
      vectors: { type: 'string', default: '0' },
      peer: { type: 'string', default: '100000' },
      'memory-peer': { type: 'string' },
      neo4j: { type: 'string', default: '0' },
      rounds: { type: 'string', default: '3' },
      child: { type: 'string' },
    },
  });
  const passages = Number(values.passages);
  const vectors = Number(values.vectors);
  const rounds = Number(values.rounds);
  if (values.child) return child(values.child, rounds, vectors);
  const log = (line: string) => process.stderr.write(`bench:index: ${line}\n`);
  // Rows are printed as they are measured, so a late failure keeps the early figures.
  const rows: Row[] = [];
  const push = rows.push.bind(rows);
  rows.push = (...items: Row[]) => {
    for (const r of items)
      process.stdout.write(
        `${r.system.padEnd(44)} ${r.metric.padEnd(48)} ${r.value.toFixed(r.value < 10 ? 2 : 0).padStart(10)} ${r.unit}\n`,
      );
    return push(...items);
  };
  const { documents } = await loadCorpus();
  const templates = templatesFrom(documents);
  const queries = (await loadQueries()).map((q) => q.query);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dutygraph-bench-index-'));
  try {
    log(
      `building the embedded index: ${passages} passages${vectors ? ` with vectors (${vectors} HNSW)` : ''}`,
    );
    // Vectors only for the first `vectors` passages would skew the index; the vector run is a second build.
    await buildEmbedded(path.join(dir, 'lexical'), templates, passages, 0, rows);
    log('opening and querying it in a fresh process');
    const self = fileURLToPath(import.meta.url);
    const run = (target: string, withVectors: number) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            '--import',
            'tsx',
            self,
            '--child',
            target,
            '--rounds',
            String(rounds),
            '--vectors',
            String(withVectors),
          ],
          {
            encoding: 'utf8',
            maxBuffer: 1 << 24,
          },
        ),
      ) as {
        openMs: number;
        lexical: Latency;
        hybrid: Latency;
        rss: number;
      };
    const measured = run(path.join(dir, 'lexical'), 0);
    const system = 'embedded (FTS5)';
    rows.push({
      system,
      metric: 'open (process start to first query possible)',
      value: measured.openMs / 1000,
      unit: 's',
    });
    rows.push({ system, metric: 'RSS after queries', value: measured.rss, unit: 'MB' });
    rows.push({ system, metric: 'lexical p50', value: measured.lexical.p50, unit: 'ms' });
    rows.push({ system, metric: 'lexical p99', value: measured.lexical.p99, unit: 'ms' });
    rows.push({ system, metric: 'hybrid (no model) p50', value: measured.hybrid.p50, unit: 'ms' });
    rows.push({ system, metric: 'hybrid (no model) p99', value: measured.hybrid.p99, unit: 'ms' });
    const cpuRow = (metric: string, l: Latency) =>
      rows.push({ system, metric, value: l.cpu50, unit: `ms (p99 ${l.cpu99.toFixed(1)} ms)` });
    cpuRow('lexical CPU p50', measured.lexical);
    cpuRow('hybrid (no model) CPU p50', measured.hybrid);
    if (vectors > 0) {
      log(`building ${vectors} passages with HNSW vectors`);
      await buildEmbedded(path.join(dir, 'vectors'), templates, vectors, vectors, rows);
      const v = run(path.join(dir, 'vectors'), vectors);
      const s = `embedded (FTS5 + HNSW, ${vectors} vectors)`;
      rows.push({ system: s, metric: 'open', value: v.openMs / 1000, unit: 's' });
      rows.push({ system: s, metric: 'RSS after queries', value: v.rss, unit: 'MB' });
      rows.push({
        system: s,
        metric: 'hybrid (lexical + concept + dense) p50',
        value: v.hybrid.p50,
        unit: 'ms',
      });
      rows.push({
        system: s,
        metric: 'hybrid CPU p50',
        value: v.hybrid.cpu50,
        unit: `ms (p99 ${v.hybrid.cpu99.toFixed(1)} ms)`,
      });
      rows.push({
        system: s,
        metric: 'hybrid (lexical + concept + dense) p99',
        value: v.hybrid.p99,
        unit: 'ms',
      });
    }
    const peer = Math.min(Number(values.peer), passages);
    if (peer > 0) {
      log(`naive FTS5 peer over ${peer} passages`);
      naivePeer(syntheticDocuments(templates, peer), queries, rounds, rows);
    }
    // The in-memory index holds everything in the heap and builds slowly: at a smaller size if asked.
    const memory = Math.min(Number(values['memory-peer'] ?? values.peer), passages);
    if (memory > 0) {
      log(`in-memory peer over ${memory} passages`);
      memoryPeer([...syntheticDocuments(templates, memory)], queries, rounds, rows);
    }
    if (Number(values.neo4j) > 0) {
      log(`Neo4j adapter over ${values.neo4j} passages`);
      await neo4jBench(templates, Number(values.neo4j), path.join(dir, 'neo4j-peer'), rounds, rows);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `passages ${passages}, vectors ${vectors}, naive peer ${values.peer}, in-memory peer ${values['memory-peer'] ?? values.peer}, neo4j ${values.neo4j}, rounds ${rounds}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `bench:index: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
