/**
 * The dense path of the search service with a real (tiny) transformers.js model: vectors take part in
 * ranking, `semantic` says so, and a saved index built for another model is rebuilt.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../ingest/schema.js';
import { ConceptLexicon } from '../search/concepts.js';
import { embedderConfigFromEnv } from '../search/embedding/config.js';
import type { Embedder } from '../search/embedding/port.js';
import { loadEmbedder } from '../search/embedding/transformers.js';
import { SearchService } from '../search/service.js';
import { realModelConfig } from './support/real-model.js';
import { buildTinyModel, type TinyModel } from './support/tiny-model.js';

const duty = (path: string, text: string, agency: string, typeId: string) => ({
  id: `quang-ninh:5-kh-ubnd:2024#${path}`,
  path,
  heading: null,
  text,
  deadline: null,
  agencies: [
    {
      id: `quang-ninh:${typeId}`,
      name: agency,
      mention: agency,
      role: 'assigned' as const,
      typeId,
      province: 'quang-ninh',
    },
  ],
  categories: [],
  targets: [],
});

const doc: ExtractedDocument = {
  id: 'quang-ninh:5-kh-ubnd:2024',
  source: 'quang-ninh-5.txt',
  format: 'txt',
  contentHash: 'quang-ninh-5',
  number: '5',
  symbol: '5/KH-UBND',
  type: 'Kế hoạch',
  issuer: null,
  issuerId: null,
  province: 'quang-ninh',
  provinceName: 'Quảng Ninh',
  provinceInferred: false,
  place: null,
  issuedAt: '2024-01-10',
  subject: null,
  recipients: [],
  signer: null,
  distribution: [],
  citations: [],
  duties: [
    duty('1', 'Triệt phá các đường dây ma túy trên địa bàn.', 'Công an tỉnh Quảng Ninh', 'cong-an-tinh'),
    duty('2', 'Phổ biến cảnh báo lừa đảo qua mạng.', 'Sở Tư pháp tỉnh Quảng Ninh', 'so-tu-phap'),
    duty('3', 'Kiểm tra công tác cứu hỏa tại chợ.', 'Sở Công Thương tỉnh Quảng Ninh', 'so-cong-thuong'),
  ],
  categories: [],
  targets: [],
  text: '',
};
const source = {
  async *allDocuments() {
    yield doc;
  },
};

let tiny: TinyModel;
let embedder: Embedder;
let dir: string;
const lexicon = ConceptLexicon.load();

beforeAll(async () => {
  tiny = await buildTinyModel();
  dir = await mkdtemp(path.join(tmpdir(), 'dutygraph-search-semantic-'));
  const loaded = await loadEmbedder(
    embedderConfigFromEnv({}, { modelId: tiny.modelId, modelDir: tiny.rootDir }),
  );
  if (!loaded.embedder) throw new Error(`tiny model did not load: ${loaded.reason}`);
  embedder = loaded.embedder;
});

afterAll(async () => {
  await tiny?.remove();
  await rm(dir, { recursive: true, force: true });
});

describe('search service with an embedding model', () => {
  it('finds by meaning what no word of the query matches, and says the search was semantic', async () => {
    const warnings: string[] = [];
    const service = await SearchService.open(source, {
      dataDir: dir,
      lexicon,
      embedder,
      onWarning: (m) => warnings.push(m),
    });
    expect(warnings.some((w) => /semantic search is off/.test(w))).toBe(false);
    // "nghiện" (addiction) appears in no duty and names no concept; the model puts it near "ma túy".
    const response = await service.search({ query: 'nghiện' });
    expect(response.semantic).toBe(true);
    expect(response.passages[0]?.dutyId).toBe('quang-ninh:5-kh-ubnd:2024#1');
    expect(response.agencies[0]?.id).toBe('quang-ninh:cong-an-tinh');

    const lexicalOnly = await SearchService.open(source, { dataDir: null, lexicon, embedder: null });
    const without = await lexicalOnly.search({ query: 'nghiện' });
    expect(without.semantic).toBe(false);
    expect(without.passages).toEqual([]);
  });

  it('rebuilds a saved index when the model changes', async () => {
    const notes: string[] = [];
    const service = await SearchService.open(source, {
      dataDir: dir,
      lexicon,
      embedder: null,
      onWarning: (m) => notes.push(m),
    });
    expect(
      notes.some((w) => new RegExp(`built for model ${tiny.modelId}, not no model; rebuilding`).test(w)),
    ).toBe(true);
    expect(service.semantic).toBe(false);
    const back: string[] = [];
    await SearchService.open(source, { dataDir: dir, lexicon, embedder, onWarning: (m) => back.push(m) });
    expect(back.some((w) => /built for no model, not model .*; rebuilding/.test(w))).toBe(true);
  });
});

describe('when the query embedding does not come back in time', () => {
  it('answers lexically and says why in the response', async () => {
    const stalled: Embedder = {
      modelId: embedder.modelId,
      dimension: embedder.dimension,
      embedPassages: (texts) => embedder.embedPassages(texts),
      // Never settles: only the service's timeout can end the wait.
      embedQueries: () => new Promise<Float32Array[]>(() => undefined),
    };
    const service = await SearchService.open(source, {
      dataDir: null,
      lexicon,
      embedder: stalled,
      queryTimeoutMs: 50,
    });
    const response = await service.search({ query: 'ma túy' });
    expect(response.semantic).toBe(true);
    expect(response.semanticReason).toMatch(
      /query embedding took longer than 50 ms; this answer is lexical only/,
    );
    expect(response.agencies[0]?.id).toBe('quang-ninh:cong-an-tinh');
  });

  it('answers lexically when the query embedding fails (the embedding thread died), and says why', async () => {
    const broken: Embedder = {
      modelId: embedder.modelId,
      dimension: embedder.dimension,
      embedPassages: (texts) => embedder.embedPassages(texts),
      embedQueries: () => Promise.reject(new Error('the embedding thread stopped (exit code 1)')),
    };
    const service = await SearchService.open(source, { dataDir: null, lexicon, embedder: broken });
    const response = await service.search({ query: 'ma túy' });
    expect(response.semanticReason).toMatch(
      /query embedding failed \(the embedding thread stopped \(exit code 1\)\); this answer is lexical only/,
    );
    expect(response.agencies[0]?.id).toBe('quang-ninh:cong-an-tinh');
  });

  it('says in every response why semantic search is off', async () => {
    const service = await SearchService.open(source, {
      dataDir: null,
      lexicon,
      embedder: null,
      embedderReason: 'model "x/y" in /models/x/y failed to load: onnx/model.onnx: protobuf parsing failed',
    });
    const response = await service.search({ query: 'ma túy' });
    expect(response.semantic).toBe(false);
    expect(response.semanticReason).toMatch(/onnx\/model\.onnx: protobuf parsing failed/);
  });
});

const real = realModelConfig();

describe.runIf(real)('search service with the real model (../shared/models)', () => {
  it('answers an English question by meaning, the responsible agency first', async () => {
    const loaded = await loadEmbedder(real!);
    expect(loaded.reason).toBeUndefined();
    const service = await SearchService.open(source, { dataDir: null, lexicon, embedder: loaded.embedder });
    const response = await service.search({ query: 'Who dismantles narcotics rings?' });
    expect(response.semantic).toBe(true);
    expect(response.semanticReason).toBeUndefined();
    expect(response.agencies[0]?.id).toBe('quang-ninh:cong-an-tinh');
  });
});
