/**
 * Vector index benchmark: HNSW vs exact scan on synthetic clustered unit vectors (shaped like sentence
 * embeddings: many topics of uneven size), plus the embedding model's per-query time.
 *
 *   node --import tsx bench/vector-index.ts [--count 100000] [--queries 200] [--m 16] [--ef-construction 100] [--ef-search 100]
 *
 * bench/search.ts calls runVectorBench() and prints the rows with its own.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { embedderConfigFromEnv } from '../search/embedding/config.js';
import type { Embedder } from '../search/embedding/port.js';
import { loadEmbedder } from '../search/embedding/transformers.js';
import { ExactVectorIndex } from '../search/vector/exact.js';
import { DEFAULT_HNSW_PARAMS, type HnswParams, HnswVectorIndex } from '../search/vector/hnsw.js';
import { recallAtK } from '../search/vector/index.js';
import type { VectorIndex } from '../search/vector/port.js';
import { clusteredUnitVectors } from '../search/vector/synthetic.js';
import { buildTinyModel } from '../tests/support/tiny-model.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface VectorBenchOptions {
  /** Vectors in the index (default 100 000). */
  count?: number;
  /** Default 384, the dimension of multilingual-e5-small. */
  dimension?: number;
  /** Topic centres of the synthetic data (default 1 000, i.e. ~100 vectors per topic at 100k). */
  clusters?: number;
  /** Noise around each centre (default 0.5: nearest neighbours at cosine ≈ 0.83, as e5 neighbours are). */
  spread?: number;
  /** Held-out query vectors for recall and latency (default 200). */
  queries?: number;
  /** The k of recall@k (default 10). */
  k?: number;
  /** HNSW settings; defaults are DEFAULT_HNSW_PARAMS. */
  hnsw?: Partial<HnswParams>;
  seed?: number;
  /**
   * Embedder to time per query. Omitted: the configured model (DUTYGRAPH_MODEL…), else the tiny test fixture
   * model, labelled as such. null: skip the embedding rows.
   */
  embedder?: Embedder | null;
  /** Query texts for embedding timing; default: line openings from ../shared/corpus. */
  queryTexts?: string[];
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface VectorBenchRow {
  /** What was measured, e.g. "hnsw recall@10". */
  metric: string;
  value: number;
  /** "ms", "ms/query", "×", "MB", "ratio" … */
  unit: string;
  /** Settings or caveats that belong to this number. */
  note: string;
}

export async function runVectorBench(options: VectorBenchOptions = {}): Promise<VectorBenchRow[]> {
  const count = options.count ?? 100_000;
  const dimension = options.dimension ?? 384;
  const queryCount = options.queries ?? 200;
  const k = options.k ?? 10;
  const params: HnswParams = { ...DEFAULT_HNSW_PARAMS, ...options.hnsw };
  const log = options.log ?? (() => undefined);
  const rows: VectorBenchRow[] = [];
  const row = (metric: string, value: number, unit: string, note = '') =>
    rows.push({ metric, value, unit, note });
  const dataNote = `${count} × ${dimension}-d, ${options.clusters ?? 1000} clusters`;

  log(`generating ${dataNote} + ${queryCount} queries`);
  const all = clusteredUnitVectors({
    count: count + queryCount,
    dimension,
    clusters: options.clusters ?? 1000,
    spread: options.spread ?? 0.5,
    seed: options.seed ?? 1,
  });
  const vectors = all.slice(0, count);
  const queries = all.slice(count);
  const ids = vectors.map((_, i) => `v${i}`);

  const exact = new ExactVectorIndex(dimension);
  exact.add(ids, vectors);

  log(`building HNSW (m=${params.m}, efConstruction=${params.efConstruction})`);
  const rssBefore = settledRss();
  let started = performance.now();
  const hnsw = HnswVectorIndex.create(dimension, { params, capacity: count });
  const batch = 1_000;
  for (let i = 0; i < count; i += batch) hnsw.add(ids.slice(i, i + batch), vectors.slice(i, i + batch));
  const buildMs = performance.now() - started;
  const rssDelta = settledRss() - rssBefore;
  const settings = `m=${params.m} efConstruction=${params.efConstruction} efSearch=${params.efSearch}`;
  row('hnsw build', buildMs / 1000, 's', `${dataNote}; ${settings}`);
  row('hnsw memory (RSS delta)', rssDelta / 2 ** 20, 'MB', 'process RSS after build minus before');

  log('measuring recall and latency');
  const exactMs = perQueryMs(exact, queries, k);
  const hnswMs = perQueryMs(hnsw, queries, k);
  row(
    `hnsw recall@${k}`,
    recallAtK(hnsw, exact, queries, k),
    'ratio',
    `${queryCount} held-out queries; ${settings}`,
  );
  row('exact search', exactMs, 'ms/query', 'brute-force scan (ExactVectorIndex)');
  row('hnsw search', hnswMs, 'ms/query', settings);
  row('hnsw speed-up vs exact', exactMs / hnswMs, '×', 'same queries, same run');

  const dir = await mkdtemp(path.join(os.tmpdir(), 'dutygraph-vector-bench-'));
  try {
    started = performance.now();
    await hnsw.save(dir);
    row('hnsw save', (performance.now() - started) / 1000, 's', 'write, fsync, checksum, rename');
    row('hnsw index files', (await directoryBytes(dir)) / 2 ** 20, 'MB', 'graph + id map');
    started = performance.now();
    await HnswVectorIndex.load(dir);
    row('hnsw load', (performance.now() - started) / 1000, 's', 'checksum + read');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  if (options.embedder !== null) rows.push(...(await embeddingRows(options, log)));
  return rows;
}

/** Mean over the queries, after one warm-up query. */
function perQueryMs(index: VectorIndex, queries: Float32Array[], k: number): number {
  index.search(queries[0]!, k);
  const started = performance.now();
  for (const query of queries) index.search(query, k);
  return (performance.now() - started) / queries.length;
}

async function embeddingRows(
  options: VectorBenchOptions,
  log: (line: string) => void,
): Promise<VectorBenchRow[]> {
  const texts = options.queryTexts ?? (await corpusQueryTexts());
  if (texts.length === 0) {
    return [
      { metric: 'embedding', value: NaN, unit: 'ms/query', note: 'skipped: no query texts (corpus missing)' },
    ];
  }
  let embedder = options.embedder;
  let label = embedder?.modelId;
  let cleanup = async () => undefined as void;
  if (!embedder) {
    const loaded = await loadEmbedder(embedderConfigFromEnv());
    if (loaded.embedder) {
      embedder = loaded.embedder;
      label = embedder.modelId;
    } else {
      log(`no embedding model (${loaded.reason}); timing the tiny test fixture model instead`);
      const tiny = await buildTinyModel();
      cleanup = tiny.remove;
      const fallback = await loadEmbedder(
        embedderConfigFromEnv({}, { modelId: tiny.modelId, modelDir: tiny.rootDir }),
      );
      if (!fallback.embedder) throw new Error(`the tiny fixture model did not load: ${fallback.reason}`);
      embedder = fallback.embedder;
      label = `TINY FIXTURE MODEL (${tiny.dimension}-d Gather, not a real encoder)`;
    }
  }
  try {
    log(`timing ${texts.length} queries on ${label}`);
    await embedder.embedQueries([texts[0]!]);
    const started = performance.now();
    for (const text of texts) await embedder.embedQueries([text]);
    const ms = (performance.now() - started) / texts.length;
    return [
      {
        metric: 'embedding (one query)',
        value: ms,
        unit: 'ms/query',
        note: `${label}, ${embedder.dimension}-d`,
      },
    ];
  } finally {
    await cleanup();
  }
}

/** Short query-like strings: the first words of corpus lines (read at run time, never stored). */
async function corpusQueryTexts(limit = 50): Promise<string[]> {
  const corpus = path.resolve(repoRoot, '../shared/corpus');
  let files: string[];
  try {
    files = (await readdir(corpus)).filter((name) => name.endsWith('.txt')).sort();
  } catch {
    return [];
  }
  const texts: string[] = [];
  for (const file of files) {
    for (const line of (await readFile(path.join(corpus, file), 'utf8')).split('\n')) {
      const words = line
        .replace(/[*#<>/|]/g, ' ')
        .split(/\s+/)
        .filter(Boolean);
      if (words.length >= 6) texts.push(words.slice(0, 8).join(' '));
    }
  }
  // Spread the picks across all documents rather than taking the first one's header.
  const step = Math.max(1, Math.floor(texts.length / limit));
  return texts.filter((_, i) => i % step === 0).slice(0, limit);
}

function settledRss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(path.join(dir, name))).size;
  return total;
}

export function formatVectorBench(rows: VectorBenchRow[]): string {
  const cells = rows.map((r) => [
    r.metric,
    Number.isNaN(r.value) ? '—' : r.value.toFixed(r.value >= 100 ? 0 : r.value >= 1 ? 2 : 4),
    r.unit,
    r.note,
  ]);
  const header = ['metric', 'value', 'unit', 'note'];
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((line) => line[c]!.length)));
  const format = (line: string[]) =>
    line
      .map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(format)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      queries: { type: 'string' },
      m: { type: 'string' },
      'ef-construction': { type: 'string' },
      'ef-search': { type: 'string' },
    },
  });
  const int = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`--${name} must be a positive integer, got "${raw}"`);
    return value;
  };
  const hnsw: Partial<HnswParams> = {};
  const m = int('m', values.m);
  const efConstruction = int('ef-construction', values['ef-construction']);
  const efSearch = int('ef-search', values['ef-search']);
  if (m) hnsw.m = m;
  if (efConstruction) hnsw.efConstruction = efConstruction;
  if (efSearch) hnsw.efSearch = efSearch;
  const started = performance.now();
  const rows = await runVectorBench({
    count: int('count', values.count),
    queries: int('queries', values.queries),
    hnsw,
    log: (line) => process.stderr.write(`· ${line}\n`),
  });
  process.stdout.write(`${formatVectorBench(rows)}\n`);
  process.stderr.write(`total ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench/vector-index: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
