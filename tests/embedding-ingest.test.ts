/**
 * The ingest side of embedding, on the tiny model (tests/support/tiny-model.ts): truncation, the one
 * embedding thread hosting several models, passage vectors cached on disk by text hash across
 * processes and re-ingests, and the library embedding what it ingests with progress.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openLibrary } from '../api/library.js';
import { CachingEmbedder } from '../search/embedding/cache.js';
import { type EmbedderConfig, embedderConfigFromEnv } from '../search/embedding/config.js';
import type { Embedder } from '../search/embedding/port.js';
import { loadEmbedder } from '../search/embedding/transformers.js';
import { passageCount } from '../search/index/passage.js';
import { VECTOR_CACHE_FILE, VectorCacheFile } from '../search/embedding/vector-cache.js';
import { buildTinyModel, type TinyModel } from './support/tiny-model.js';

let tiny: TinyModel;
let scratch: string;

const configFor = (overrides: Partial<EmbedderConfig> = {}): EmbedderConfig => ({
  ...embedderConfigFromEnv({}, { modelId: tiny.modelId, modelDir: tiny.rootDir }),
  ...overrides,
});

const load = async (overrides: Partial<EmbedderConfig> = {}): Promise<Embedder> => {
  const loaded = await loadEmbedder(configFor(overrides));
  if (!loaded.embedder) throw new Error(`tiny model did not load: ${loaded.reason}`);
  return loaded.embedder;
};

const expectClose = (actual: Float32Array, expected: Float32Array) => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
};

/** Counts the passages that reach the model. */
function counting(inner: Embedder): Embedder & { passages: number } {
  const counter = {
    passages: 0,
    modelId: inner.modelId,
    dimension: inner.dimension,
    version: inner.version,
    embedQueries: (texts: string[]) => inner.embedQueries(texts),
    embedPassages: (texts: string[]) => {
      counter.passages += texts.length;
      return inner.embedPassages(texts);
    },
  };
  return counter;
}

beforeAll(async () => {
  tiny = await buildTinyModel();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'dutygraph-embedding-ingest-'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await tiny?.remove();
  await rm(scratch, { recursive: true, force: true });
});

describe('passage embedding', () => {
  it('truncates each text at maxTokens (prefix and special tokens included)', async () => {
    const short = await load({ maxTokens: 8 });
    const long = 'ma túy ma túy ma túy ma túy';
    // Eight tokens hold the prefix and the first words: what follows them is not read.
    const [a, b] = await short.embedPassages([`${long} lừa đảo`, `${long} cháy nổ`]);
    expectClose(b!, a!);
    const full = await load();
    const [c, d] = await full.embedPassages([`${long} lừa đảo`, `${long} cháy nổ`]);
    expect(Math.abs(c![0]! - d![0]!) + Math.abs(c![1]! - d![1]!)).toBeGreaterThan(1e-4);
    await short.close?.();
    await full.close?.();
  });

  it('keeps the order of the texts whatever their lengths, and hosts several models on one thread', async () => {
    const one = await load({ batchSize: 1 });
    const three = await load({ batchSize: 3 });
    const texts = ['phòng chống mua bán người trên địa bàn tỉnh', 'ma túy', 'kế hoạch', 'lừa đảo cháy nổ'];
    const solo = await one.embedPassages(texts);
    const batched = await three.embedPassages(texts);
    texts.forEach((_, i) => expectClose(batched[i]!, solo[i]!));
    await one.close?.();
    await expect(one.embedPassages(['ma túy'])).rejects.toThrow(/was closed/);
    expect(await three.embedQueries(['ma túy'])).toHaveLength(1);
    await three.close?.();
  });
});

describe('passage vectors cached on disk', () => {
  it('never embeds unchanged text twice, across processes; other weights embed afresh', async () => {
    const dir = path.join(scratch, 'cache');
    const model = await load();
    const texts = ['ma túy', 'lừa đảo', 'ma túy', 'cháy nổ'];
    const first = counting(model);
    const file = VectorCacheFile.open(dir);
    const vectors = await new CachingEmbedder(first, { store: file }).embedPassages(texts);
    expect(first.passages).toBe(3);
    file.close();

    const again = counting(model);
    const reopened = VectorCacheFile.open(dir);
    expect(reopened.size).toBe(3);
    const progress: number[] = [];
    const cached = new CachingEmbedder(again, { store: reopened, onPassages: (n) => progress.push(n) });
    const fromDisk = await cached.embedPassages([...texts, 'kế hoạch']);
    expect(again.passages).toBe(1);
    expect(progress).toEqual([5]);
    texts.forEach((_, i) => expectClose(fromDisk[i]!, vectors[i]!));

    const reimported = counting({
      ...model,
      version: 'other-weights',
      embedPassages: (t) => model.embedPassages(t),
    });
    await new CachingEmbedder(reimported, { store: reopened }).embedPassages(texts);
    expect(reimported.passages).toBe(3);
    reopened.close();
    await model.close?.();
  });

  it('starts afresh from a damaged cache file', async () => {
    const dir = path.join(scratch, 'damaged');
    VectorCacheFile.open(dir).close();
    await writeFile(path.join(dir, VECTOR_CACHE_FILE), 'not a database');
    const file = VectorCacheFile.open(dir);
    expect(file.size).toBe(0);
    file.put([['k', Float32Array.of(1, 0)]]);
    expect([...file.get(['k', 'absent']).keys()]).toEqual(['k']);
    file.close();
  });
});

describe('ingest through the library', () => {
  it('embeds what it ingests, reporting progress, and a rebuilt index embeds nothing again', async () => {
    vi.stubEnv('DUTYGRAPH_MODEL_DIR', tiny.rootDir);
    vi.stubEnv('DUTYGRAPH_MODEL', tiny.modelId);
    const dataDir = path.join(scratch, 'library');
    const sample = path.resolve('samples/03-lang-son-kh-9903-rua-tien.md');
    let reported = 0;
    const library = await openLibrary({
      dataDir,
      store: 'embedded',
      onEmbedded: (n) => (reported += n),
    });
    expect(library.search.semantic).toBe(false);
    const report = await library.ingestPaths([sample]);
    const passages = report.documents.reduce((sum, doc) => sum + passageCount(doc), 0);
    expect(passages).toBeGreaterThan(0);
    expect(reported).toBe(passages);
    expect(library.search.semantic).toBe(true);
    await library.close();

    // The index is lost (or rebuilt for a new lexicon): every vector comes back from the cache.
    await rm(path.join(dataDir, 'search-index'), { recursive: true, force: true });
    const warnings: string[] = [];
    const reopened = await openLibrary({ dataDir, store: 'embedded', onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(/search index is missing; rebuilding it/);
    const stats = (reopened.search.embedder as CachingEmbedder).stats;
    expect(stats).toEqual({ embedded: 0, cached: passages });
    expect(reopened.search.semantic).toBe(true);
    await reopened.close();
    expect(await readdir(dataDir)).toContain(VECTOR_CACHE_FILE);
  });
});
