/**
 * Embedding figures with the real model (DUTYGRAPH_MODEL_DIR, else ../shared/models): query-embedding
 * latency p50/p99, passage embedding throughput (wall and per CPU-second, i.e. per core busy) before
 * (document order, batch 16, 512 tokens) and after (sorted by length, truncated) in the same run, the
 * cached re-ingest, and query latency over the development corpus including the query embedding,
 * beside lexical-only latency measured in the same run. Part of `npm run bench:search`; alone: `npm run bench:embedding`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConceptLexicon } from '../search/concepts.js';
import { CachingEmbedder } from '../search/embedding/cache.js';
import type { Embedder, EmbedderLoadResult } from '../search/embedding/port.js';
import {
  type EmbedderConfig,
  embedderConfigFromEnv,
  type Int8Compute,
  modelPath,
} from '../search/embedding/config.js';
import { loadEmbedder } from '../search/embedding/transformers.js';
import { VectorCacheFile } from '../search/embedding/vector-cache.js';
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
  log(`embedding ${texts.length} passages ${rounds}× per setting with ${config.modelId}`);
  await embedder.embedPassages(texts.slice(0, 8)); // warm-up

  /** Passages per wall second and per CPU-second (all threads of the process) of `work`, run `rounds` times. */
  const throughput = async (name: string, note: string, work: () => Promise<unknown>) => {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    for (let r = 0; r < rounds; r++) await work();
    const seconds = (performance.now() - wall) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    row(`${name} (wall)`, (texts.length * rounds) / seconds, 'passages/s', note);
    row(`${name} per CPU-second`, (texts.length * rounds) / cpuSeconds, 'passages/s/core', note);
  };
  // Before: document order in batches of 16, truncation only at the model's 512 positions.
  const before = await loadEmbedder({ ...config, batchSize: 16, maxTokens: 512 });
  if (!before.embedder) throw new Error(before.reason);
  const unsorted = before.embedder;
  await throughput('passage embedding before', 'document order, batch 16, max 512 tokens', async () => {
    for (let i = 0; i < texts.length; i += 16) await unsorted.embedPassages(texts.slice(i, i + 16));
  });
  await unsorted.close?.();
  for (const batchSize of [...new Set([1, 8, config.batchSize])]) {
    const sized: EmbedderLoadResult =
      batchSize === config.batchSize ? loaded : await loadEmbedder({ ...config, batchSize });
    if (!sized.embedder) throw new Error(sized.reason);
    const model: Embedder = sized.embedder;
    const current = batchSize === config.batchSize ? ' (default)' : '';
    await throughput(
      `passage embedding, batch ${batchSize}${current}`,
      `sorted by length, max ${config.maxTokens} tokens, dtype ${config.dtype}, int8 ${config.int8Compute}, 1 ONNX thread`,
      () => model.embedPassages(texts),
    );
    if (model !== embedder) await model.close?.();
  }
  // The int8 settings at the default batch, in turn round by round so the machine's load falls on each alike.
  const modes: Array<[Int8Compute, Embedder]> = [];
  for (const mode of ['off', 'block', 'mixed', 'full'] as const) {
    const loadedMode =
      mode === config.int8Compute ? loaded : await loadEmbedder({ ...config, int8Compute: mode });
    if (!loadedMode.embedder) throw new Error(loadedMode.reason);
    await loadedMode.embedder.embedPassages(texts.slice(0, 8)); // warm-up
    modes.push([mode, loadedMode.embedder]);
  }
  const spent = modes.map(() => ({ wall: 0, cpu: 0 }));
  for (let r = 0; r < rounds; r++) {
    for (const [i, [, model]] of modes.entries()) {
      const cpu = process.cpuUsage();
      const wall = performance.now();
      await model.embedPassages(texts);
      const used = process.cpuUsage(cpu);
      spent[i]!.wall += (performance.now() - wall) / 1000;
      spent[i]!.cpu += (used.user + used.system) / 1e6;
    }
  }
  for (const [i, [mode]] of modes.entries()) {
    const note = `DUTYGRAPH_EMBED_INT8=${mode}, batch ${config.batchSize}, in turn with the other settings`;
    row(
      `passage embedding, int8 ${mode} (wall)`,
      (texts.length * rounds) / spent[i]!.wall,
      'passages/s',
      note,
    );
    row(
      `passage embedding, int8 ${mode} per CPU-second`,
      (texts.length * rounds) / spent[i]!.cpu,
      'passages/s/core',
      note,
    );
  }

  // Re-ingest: unchanged passages come from the on-disk cache (a fresh process would read the same file).
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'dutygraph-bench-cache-'));
  try {
    const file = VectorCacheFile.open(cacheDir);
    await new CachingEmbedder(embedder, { store: file }).embedPassages(texts);
    const reopened = new CachingEmbedder(embedder, { store: file });
    await throughput('passage re-embedding, unchanged text', 'vectors from the on-disk cache', () =>
      reopened.embedPassages(texts),
    );
    file.close();
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }

  // Query by query, the int8 settings in turn (fp32 compute, `off`, is the peer).
  const settings: Array<[string, Embedder]> = modes.map(([mode, model]) => [
    `int8 ${mode}${mode === config.int8Compute ? ' (default)' : ''}`,
    model,
  ]);
  const queryTimes = settings.map((): number[] => []);
  const queryCpu = settings.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      for (const [i, [, model]] of settings.entries()) {
        const cpu = process.cpuUsage();
        const started = performance.now();
        await model.embedQueries([q.query]);
        queryTimes[i]!.push(performance.now() - started);
        const used = process.cpuUsage(cpu);
        queryCpu[i]! += (used.user + used.system) / 1000;
      }
    }
  }
  for (const [i, [name]] of settings.entries()) {
    const times = queryTimes[i]!.sort((a, b) => a - b);
    const note = `${name}; ${queries.length} eval queries × ${rounds}`;
    row(`query embedding p50, ${name}`, percentile(times, 50), 'ms', note);
    row(`query embedding p99, ${name}`, percentile(times, 99), 'ms', note);
    row(`query embedding CPU, ${name}`, queryCpu[i]! / times.length, 'ms/query', note);
  }
  for (const [, model] of modes) if (model !== embedder) await model.close?.();

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
  await embedder.close?.();
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
