/**
 * Embedding figures with the real model (DUTYGRAPH_MODEL_DIR, else ../shared/models): query-embedding
 * latency p50/p99, passage embedding throughput (wall and per CPU-second, i.e. per core busy), and query
 * latency over the development corpus including the query embedding, beside lexical-only latency
 * measured in the same run. Part of `npm run bench:search`; alone: `npm run bench:embedding`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConceptLexicon } from '../search/concepts.js';
import { type EmbedderConfig, embedderConfigFromEnv, modelPath } from '../search/embedding/config.js';
import { loadEmbedder } from '../search/embedding/transformers.js';
import { SearchService } from '../search/service.js';
import { loadCorpus, loadQueries } from '../tests/eval/search-eval.js';
import { formatVectorBench, type VectorBenchRow } from './vector-index.js';

const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/models');

function modelConfig(): EmbedderConfig | null {
  const config = process.env.DUTYGRAPH_MODEL_DIR
    ? embedderConfigFromEnv(process.env)
    : embedderConfigFromEnv({}, { modelDir: SHARED, modelId: 'intfloat/multilingual-e5-small' });
  return existsSync(path.join(modelPath(config), 'config.json')) ? config : null;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

export async function runEmbeddingBench(
  options: { rounds?: number; log?: (line: string) => void } = {},
): Promise<VectorBenchRow[]> {
  const rounds = options.rounds ?? 3;
  const log = options.log ?? (() => undefined);
  const config = modelConfig();
  if (!config) {
    log('no model in DUTYGRAPH_MODEL_DIR or ../shared/models: embedding figures skipped');
    return [];
  }
  const loaded = await loadEmbedder(config);
  if (!loaded.embedder) throw new Error(loaded.reason);
  const embedder = loaded.embedder;
  const rows: VectorBenchRow[] = [];
  const row = (metric: string, value: number, unit: string, note = ''): void => {
    rows.push({ metric, value, unit, note });
  };
  const { documents } = await loadCorpus();
  const queries = await loadQueries();
  const texts = documents.flatMap((d) => d.duties.map((duty) => duty.text));
  log(`embedding ${texts.length} passages ${rounds}× with ${config.modelId}`);
  await embedder.embedPassages(texts.slice(0, 8)); // warm-up
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let r = 0; r < rounds; r++) await embedder.embedPassages(texts);
  const seconds = (performance.now() - wall) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const note = `${texts.length} duties of ../shared/corpus, batch ${config.batchSize}, ${config.dtype}`;
  row('passage embedding', (texts.length * rounds) / seconds, 'passages/s', note);
  row('passage embedding per CPU-second', (texts.length * rounds) / cpuSeconds, 'passages/s/core', note);

  const queryTimes: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const started = performance.now();
      await embedder.embedQueries([q.query]);
      queryTimes.push(performance.now() - started);
    }
  }
  queryTimes.sort((a, b) => a - b);
  row('query embedding p50', percentile(queryTimes, 50), 'ms', `${queries.length} eval queries × ${rounds}`);
  row('query embedding p99', percentile(queryTimes, 99), 'ms');

  const lexicon = ConceptLexicon.load();
  const source = {
    async *allDocuments() {
      yield* documents;
    },
  };
  for (const [name, model] of [
    ['hybrid query incl. embedding', embedder],
    ['lexical-only query', null],
  ] as const) {
    const service = await SearchService.open(source, { dataDir: null, lexicon, embedder: model });
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        const started = performance.now();
        await service.search({ query: q.query, k: 10 });
        times.push(performance.now() - started);
      }
    }
    await service.close();
    times.sort((a, b) => a - b);
    row(`${name} p50`, percentile(times, 50), 'ms', 'development corpus, k = 10');
    row(`${name} p99`, percentile(times, 99), 'ms');
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runEmbeddingBench({ log: (line) => process.stderr.write(`bench:embedding: ${line}\n`) })
    .then((rows) => process.stdout.write(`${formatVectorBench(rows)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`bench:embedding: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
