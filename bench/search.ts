/**
 * Search benchmark: the vector index (runVectorBench: HNSW recall@10 vs exact, speed-up, build time,
 * memory, model time per query) and hybrid query latency over ≥ 100k duty passages, model excluded.
 *
 *   npm run bench:search [-- --passages 100000 --vectors 100000 --rounds 4]
 *
 * The passages are synthetic but read like the corpus: each duty recombines clauses of real duties from
 * ../shared/corpus, assigned to agencies of the real agency types across the provinces, so the analyzer,
 * concept tagger and BM25 index see realistic Vietnamese vocabulary and term frequencies. Queries are the
 * eval queries, plain and with a province filter.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { AgencyRef, ExtractedDocument } from '../ingest/schema.js';
import { allProvinces } from '../ingest/taxonomy/provinces.js';
import { ConceptLexicon } from '../search/concepts.js';
import { SearchService } from '../search/service.js';
import { loadCorpus, loadQueries } from '../tests/eval/search-eval.js';
import { formatVectorBench, runVectorBench, type VectorBenchRow } from './vector-index.js';
import { seededRandom } from '../search/vector/synthetic.js';
import { documentFromDuties } from '../tests/support/documents.js';

const DUTIES_PER_DOCUMENT = 20;

export interface Template {
  clauses: string[];
  agencies: AgencyRef[];
  categories: string[];
}

export function templatesFrom(documents: ExtractedDocument[]): Template[] {
  return documents.flatMap((doc) =>
    doc.duties.map((duty) => ({
      clauses: duty.text
        .split(/(?<=[;.])\s+/)
        .map((c) => c.trim())
        .filter((c) => c.split(/\s+/).length >= 4),
      agencies: duty.agencies,
      categories: duty.categories,
    })),
  );
}

/** Documents of DUTIES_PER_DOCUMENT duties each, lazily, until `passages` duties exist. */
export function* syntheticDocuments(
  templates: Template[],
  passages: number,
  seed = 7,
): Generator<ExtractedDocument> {
  const rnd = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const provinces = allProvinces();
  const types = ['Kế hoạch', 'Công văn', 'Thông báo', 'Quyết định', 'Chỉ thị'];
  const documentCount = Math.ceil(passages / DUTIES_PER_DOCUMENT);
  for (let d = 0; d < documentCount; d++) {
    const province = pick(provinces);
    const year = 2016 + Math.floor(rnd() * 11);
    const id = `${province.slug}:bench-${d}:${year}`;
    const duties = Array.from(
      { length: Math.min(DUTIES_PER_DOCUMENT, passages - d * DUTIES_PER_DOCUMENT) },
      (_, i) => {
        const base = pick(templates);
        // One clause of the template's own duty, then up to two from other duties.
        const clauses = base.clauses.length ? [pick(base.clauses)] : [];
        for (let c = Math.floor(rnd() * 3); c > 0; c--) {
          const other = pick(templates);
          if (other.clauses.length) clauses.push(pick(other.clauses));
        }
        return {
          id: `${id}#${i + 1}`,
          path: String(i + 1),
          heading: base.agencies[0]?.mention ?? null,
          text: clauses.join(' '),
          deadline: null,
          agencies: base.agencies.map((a) => ({
            ...a,
            id: a.province ? `${province.slug}:${a.typeId ?? 'other'}` : a.id,
            name: a.province ? a.name.replace(/(tỉnh|thành phố) .*$/, `$1 ${province.name}`) : a.name,
            province: a.province ? province.slug : null,
          })),
          categories: base.categories,
          targets: [],
        };
      },
    );
    yield documentFromDuties(
      {
        id,
        number: String(d),
        symbol: `${d}/KH-UBND`,
        type: pick(types),
        province: province.slug,
        provinceName: province.name,
        issuedAt: `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}`,
      },
      duties,
    );
  }
}

const hasGc = (): boolean => typeof (globalThis as { gc?: unknown }).gc === 'function';
function heapAfterGc(): number {
  if (hasGc()) (globalThis as unknown as { gc: () => void }).gc();
  return process.memoryUsage().heapUsed;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface SearchBenchOptions {
  passages?: number;
  /** Passes over the query set (each pass runs every query plain and with a province filter). */
  rounds?: number;
  log?: (line: string) => void;
}

export async function runHybridBench(options: SearchBenchOptions = {}): Promise<VectorBenchRow[]> {
  const passages = options.passages ?? 100_000;
  const rounds = options.rounds ?? 4;
  const log = options.log ?? (() => undefined);
  const rows: VectorBenchRow[] = [];
  const row = (metric: string, value: number, unit: string, note = '') =>
    rows.push({ metric, value, unit, note });

  log('extracting the corpus for templates and queries');
  const { documents } = await loadCorpus();
  const templates = templatesFrom(documents);
  const queries = await loadQueries();
  const lexicon = ConceptLexicon.load();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dutygraph-bench-search-'));
  try {
    const source = {
      allDocuments: async function* () {
        yield* syntheticDocuments(templates, passages);
      },
    };
    log(`indexing ${passages} synthetic duty passages`);
    const heapBefore = heapAfterGc();
    let started = performance.now();
    const service = await SearchService.open(source, { dataDir: dir, lexicon, embedder: null });
    const buildMs = performance.now() - started;
    row(
      'hybrid index build + save',
      buildMs / 1000,
      's',
      `${service.size.passages} passages, ${service.size.documents} documents, no model`,
    );
    row(
      'hybrid index memory (heap)',
      (heapAfterGc() - heapBefore) / 2 ** 20,
      'MB',
      `lexical + concept + passage store${hasGc() ? ', after GC' : ' (run with --expose-gc for a post-GC figure)'}`,
    );

    log('reloading the saved index');
    started = performance.now();
    const reloaded = await SearchService.open(source, { dataDir: dir, lexicon, embedder: null });
    row(
      'hybrid index load + graph check',
      (performance.now() - started) / 1000,
      's',
      `${reloaded.size.passages} passages`,
    );

    const provinces = allProvinces();
    const requests = queries.flatMap((q, i) => [
      { query: q.query },
      { query: q.query, province: provinces[i % provinces.length]!.slug },
    ]);
    // Warm-up: first queries pay for JIT compilation and lazily built structures.
    for (const request of requests.slice(0, 10)) await service.search(request);
    log(`running ${requests.length * rounds} queries`);
    const times: number[] = [];
    // CPU time per query too: on a shared machine wall time also counts waiting for a core.
    const cpuTimes: number[] = [];
    let empty = 0;
    for (let r = 0; r < rounds; r++) {
      for (const request of requests) {
        const t = performance.now();
        const cpu = process.cpuUsage();
        const response = await service.search({ ...request, k: 10 });
        const used = process.cpuUsage(cpu);
        times.push(performance.now() - t);
        cpuTimes.push((used.user + used.system) / 1000);
        if (response.passages.length === 0) empty++;
      }
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    const note = `${times.length} queries (${queries.length} eval queries × plain/province filter × ${rounds}), k=10, model excluded`;
    row('hybrid query latency p50', percentile(times, 50), 'ms', `wall; ${note}`);
    row('hybrid query latency p99', percentile(times, 99), 'ms', `wall; ${note}`);
    row(
      'hybrid query CPU p50',
      percentile(cpuTimes, 50),
      'ms',
      'CPU time per query (what latency is on an idle core)',
    );
    row('hybrid query CPU p99', percentile(cpuTimes, 99), 'ms', 'CPU time per query');
    row('hybrid queries with no result', empty / times.length, 'ratio', 'share of the queries above');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      passages: { type: 'string' },
      vectors: { type: 'string' },
      rounds: { type: 'string' },
    },
  });
  const int = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`--${name} must be a positive integer, got "${raw}"`);
    return value;
  };
  const log = (line: string) => process.stderr.write(`bench:search: ${line}\n`);
  const started = performance.now();
  const hybrid = await runHybridBench({
    passages: int('passages', values.passages),
    rounds: int('rounds', values.rounds),
    log,
  });
  const vector = await runVectorBench({ count: int('vectors', values.vectors), log });
  process.stdout.write(`${formatVectorBench([...vector, ...hybrid])}\n`);
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:search: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
