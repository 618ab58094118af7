/**
 * The real transformers.js embedding path, offline: a tiny BERT-shaped ONNX model built by
 * tests/support/tiny-model.ts stands in for multilingual-e5-small. Downloads are exercised against a local
 * HTTP server that serves the same files the way the model hub does.
 */
import { createReadStream } from 'node:fs';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerModel } from '../cli/commands/model.js';
import {
  DEFAULT_MODEL_ID,
  type EmbedderConfig,
  EmbedderConfigError,
  embedderConfigFromEnv,
  modelPath,
} from '../search/embedding/config.js';
import type { Embedder } from '../search/embedding/port.js';
import { loadEmbedder } from '../search/embedding/transformers.js';
import { ExactVectorIndex } from '../search/vector/exact.js';
import { HnswVectorIndex } from '../search/vector/hnsw.js';
import { realModelConfig } from './support/real-model.js';
import { buildTinyModel, type TinyModel } from './support/tiny-model.js';

let tiny: TinyModel;
let scratch: string;
let embedder: Embedder;

const configFor = (overrides: Partial<EmbedderConfig> = {}): EmbedderConfig => ({
  ...embedderConfigFromEnv({}, { modelId: tiny.modelId, modelDir: tiny.rootDir }),
  ...overrides,
});

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const expectClose = (actual: Float32Array, expected: Float32Array) => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
};

beforeAll(async () => {
  tiny = await buildTinyModel();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'dutygraph-embedding-'));
  const loaded = await loadEmbedder(configFor({ batchSize: 4 }));
  if (!loaded.embedder) throw new Error(`tiny model did not load: ${loaded.reason}`);
  embedder = loaded.embedder;
});

afterAll(async () => {
  await tiny?.remove();
  await rm(scratch, { recursive: true, force: true });
});

describe('embedder configuration', () => {
  it('defaults to multilingual-e5-small in .data/models with downloads off', () => {
    const config = embedderConfigFromEnv({});
    expect(config).toMatchObject({
      modelId: DEFAULT_MODEL_ID,
      modelDir: path.resolve('.data/models'),
      allowRemote: false,
      dtype: 'fp32',
      queryPrefix: 'query: ',
      passagePrefix: 'passage: ',
      threads: 1,
    });
    expect(embedderConfigFromEnv({ DUTYGRAPH_EMBED_THREADS: '2' }).threads).toBe(2);
    expect(() => embedderConfigFromEnv({ DUTYGRAPH_EMBED_THREADS: '0' })).toThrow(/DUTYGRAPH_EMBED_THREADS/);
  });

  it('reads the DUTYGRAPH_* variables, options win over them', () => {
    const env = {
      DUTYGRAPH_MODEL: 'Xenova/bge-m3',
      DUTYGRAPH_MODEL_DIR: '/srv/models',
      DUTYGRAPH_ALLOW_REMOTE_MODELS: '1',
      DUTYGRAPH_MODEL_HOST: 'http://mirror.local:8080',
      DUTYGRAPH_MODEL_DTYPE: 'q8',
      DUTYGRAPH_MODEL_TIMEOUT_MS: '5000',
    };
    expect(embedderConfigFromEnv(env)).toMatchObject({
      modelId: 'Xenova/bge-m3',
      modelDir: '/srv/models',
      allowRemote: true,
      modelHost: 'http://mirror.local:8080/',
      dtype: 'q8',
      timeoutMs: 5000,
    });
    expect(embedderConfigFromEnv(env, { modelId: 'intfloat/e5-small' }).modelId).toBe('intfloat/e5-small');
  });

  it('names the variable or option behind a bad value', () => {
    expect(() => embedderConfigFromEnv({ DUTYGRAPH_ALLOW_REMOTE_MODELS: 'yes' })).toThrow(
      /^DUTYGRAPH_ALLOW_REMOTE_MODELS: .*got "yes"/,
    );
    expect(() => embedderConfigFromEnv({ DUTYGRAPH_MODEL: '../../etc' })).toThrow(EmbedderConfigError);
    expect(() => embedderConfigFromEnv({ DUTYGRAPH_MODEL_DTYPE: 'fp64' })).toThrow(/DUTYGRAPH_MODEL_DTYPE/);
    expect(() => embedderConfigFromEnv({ DUTYGRAPH_MODEL_HOST: 'ftp://x' })).toThrow(/DUTYGRAPH_MODEL_HOST/);
    expect(() => embedderConfigFromEnv({}, { modelId: 'a b' }, { modelId: '--model' })).toThrow(/^--model: /);
  });
});

describe('transformers.js embedder on the tiny model', () => {
  it('reports the model id and the dimension found by running it', () => {
    expect(embedder.modelId).toBe(tiny.modelId);
    expect(embedder.dimension).toBe(tiny.dimension);
  });

  it('adds the e5 prefixes, mean-pools the tokens and L2-normalizes', async () => {
    const [query] = await embedder.embedQueries(['ma túy']);
    const [passage] = await embedder.embedPassages(['ma túy']);
    expectClose(query!, tiny.expectedEmbedding(['query', ':', 'ma', 'túy']));
    expectClose(passage!, tiny.expectedEmbedding(['passage', ':', 'ma', 'túy']));
    expect(dot(query!, query!)).toBeCloseTo(1, 5);
    expect(dot(query!, passage!)).toBeLessThan(0.999);
  });

  it('lower-cases but keeps Vietnamese diacritics; NFD and old tone placement read as the same word', async () => {
    const [upper, lower, decomposed, unknown, oldStyle, newStyle] = await embedder.embedQueries([
      'MA TÚY',
      'ma túy',
      'ma túy'.normalize('NFD'),
      'ma tuy',
      'cứu hoả',
      'cứu hỏa',
    ]);
    expectClose(upper!, lower!);
    expectClose(decomposed!, lower!);
    expectClose(unknown!, tiny.expectedEmbedding(['query', ':', 'ma', '[UNK]']));
    expectClose(oldStyle!, newStyle!);
    expectClose(newStyle!, tiny.expectedEmbedding(['query', ':', 'cứu', 'hỏa']));
  });

  it('gives the same vector to a text alone or in a padded batch larger than batchSize', async () => {
    const texts = [
      'ma túy',
      'phòng chống mua bán người trên địa bàn tỉnh',
      'lừa đảo',
      'cháy nổ',
      'online fraud scam',
      'kế hoạch',
      'human trafficking and drug crime in the province',
    ];
    const batched = await embedder.embedPassages(texts);
    expect(batched).toHaveLength(texts.length);
    for (const [i, text] of texts.entries())
      expectClose(batched[i]!, (await embedder.embedPassages([text]))[0]!);
    expect(await embedder.embedPassages([])).toEqual([]);
  });

  it('retrieves the passage on the same topic, across languages, through the vector index', async () => {
    const passages: Record<string, string> = {
      drugs: 'phòng chống ma túy và cai nghiện trên địa bàn tỉnh',
      trafficking: 'phòng chống mua bán người',
      fraud: 'phòng chống tội phạm lừa đảo trên không gian mạng',
      fire: 'phòng cháy chữa cháy, cứu nạn cứu hộ, cháy nổ',
    };
    const ids = Object.keys(passages);
    const vectors = await embedder.embedPassages(Object.values(passages));
    for (const index of [
      new ExactVectorIndex(embedder.dimension),
      HnswVectorIndex.create(embedder.dimension),
    ]) {
      index.add(ids, vectors);
      const nearest = async (query: string) =>
        index.search((await embedder.embedQueries([query]))[0]!, 1)[0]!.id;
      expect(await nearest('drug addiction')).toBe('drugs');
      expect(await nearest('human trafficking')).toBe('trafficking');
      expect(await nearest('online scam')).toBe('fraud');
      expect(await nearest('fire and explosion')).toBe('fire');
      expect(await nearest('ma túy')).toBe('drugs');
    }
  });
});

describe('no usable model', () => {
  it('returns null and an actionable reason when the model is not there', async () => {
    const result = await loadEmbedder(configFor({ modelDir: path.join(scratch, 'empty') }));
    expect(result.embedder).toBeNull();
    expect(result.reason).toContain(`model "${tiny.modelId}" is not in`);
    expect(result.reason).toContain('missing config.json');
    expect(result.reason).toContain('dutygraph model fetch');
  });

  it.each([
    ['a corrupt ONNX file', 'onnx/model.onnx', 'this is not a protobuf'],
    ['a corrupt tokenizer', 'tokenizer.json', '{"model": '],
    ['a corrupt config.json', 'config.json', 'not json'],
  ])('returns null with the reason on %s', async (_, file, content) => {
    const broken = path.join(scratch, `broken-${file.replace(/\W/g, '-')}`);
    await cp(tiny.rootDir, broken, { recursive: true });
    await writeFile(path.join(modelPath({ modelDir: broken, modelId: tiny.modelId }), file), content);
    const result = await loadEmbedder(configFor({ modelDir: broken }));
    expect(result.embedder).toBeNull();
    expect(result.reason).toMatch(new RegExp(`^model "${tiny.modelId}" in .* failed to load: .+`));
  });
});

/** A stand-in model hub: serves `<modelId>/resolve/main/<file>` from the tiny model, or misbehaves. */
async function startHub(mode: 'serve' | 'missing' | 'silent'): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    if (mode === 'silent') return; // accepts the connection, never answers
    const prefix = `/${tiny.modelId}/resolve/main/`;
    const file = request.url?.startsWith(prefix) ? request.url.slice(prefix.length) : null;
    const local = file && !file.includes('..') ? path.join(tiny.rootDir, tiny.modelId, file) : null;
    if (mode === 'missing' || !local) {
      response.writeHead(404).end();
      return;
    }
    stat(local).then(
      (info) => {
        response.writeHead(200, { 'Content-Length': info.size });
        if (request.method === 'HEAD') response.end();
        else createReadStream(local).pipe(response);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

describe('remote models (allowed explicitly)', () => {
  it('downloads into the model directory, then loads from it', async () => {
    const hub = await startHub('serve');
    try {
      const modelDir = path.join(scratch, 'downloaded');
      const result = await loadEmbedder(configFor({ modelDir, allowRemote: true, modelHost: hub.url }));
      expect(result.reason).toBeUndefined();
      const [vector] = await result.embedder!.embedQueries(['mua bán người']);
      expectClose(vector!, tiny.expectedEmbedding(['query', ':', 'mua', 'bán', 'người']));
      const files = await readdir(modelPath({ modelDir, modelId: tiny.modelId }), { recursive: true });
      expect(files).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'onnx/model.onnx']));
      expect((await readdir(modelDir)).filter((name) => name.startsWith('.fetch-'))).toEqual([]);
      // Now local: loads with downloads off.
      expect((await loadEmbedder(configFor({ modelDir }))).embedder).not.toBeNull();
    } finally {
      hub.server.close();
    }
  });

  it('fails fast with the reason when the hub lacks the model or is unreachable', async () => {
    const hub = await startHub('missing');
    try {
      const modelDir = path.join(scratch, 'never');
      const notFound = await loadEmbedder(configFor({ modelDir, allowRemote: true, modelHost: hub.url }));
      expect(notFound.embedder).toBeNull();
      expect(notFound.reason).toMatch(new RegExp(`^cannot fetch model "${tiny.modelId}" from .*HTTP 404`));
    } finally {
      hub.server.close();
    }
    const closed = await startHub('missing');
    await new Promise((resolve) => closed.server.close(resolve)); // nothing listens on that port any more
    const refused = await loadEmbedder(
      configFor({ modelDir: path.join(scratch, 'never'), allowRemote: true, modelHost: closed.url }),
    );
    expect(refused.reason).toMatch(/ECONNREFUSED/);
  });

  it('gives up after the timeout instead of hanging on a silent hub', async () => {
    const hub = await startHub('silent');
    try {
      const started = performance.now();
      const result = await loadEmbedder(
        configFor({
          modelDir: path.join(scratch, 'silent'),
          allowRemote: true,
          modelHost: hub.url,
          timeoutMs: 800,
        }),
      );
      expect(result.embedder).toBeNull();
      expect(result.reason).toMatch(/no answer from the host in time/);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      hub.server.closeAllConnections();
      hub.server.close();
    }
  });
});

describe('dutygraph model', () => {
  async function run(...args: string[]): Promise<string> {
    const output: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });
    try {
      const program = new Command().exitOverride();
      registerModel(program);
      await program.parseAsync(['node', 'dutygraph', 'model', ...args]);
    } finally {
      write.mockRestore();
    }
    return output.join('');
  }

  it('info checks the model and shows id, dimension, dtype, size and checksum', async () => {
    const text = await run('info', '--model', tiny.modelId, '--dir', tiny.rootDir);
    expect(text).toContain(`model:      ${tiny.modelId}`);
    expect(text).toContain(`dimension:  ${tiny.dimension}`);
    expect(text).toContain('weights:    fp32 (onnx/model.onnx)');
    expect(text).toMatch(/size: {7}\d+\.\d MB/);
    expect(text).toMatch(/sha256: {5}[0-9a-f]{64}/);
    expect(text).toContain('search:     semantic + lexical + concepts');
  });

  it.runIf(realModelConfig())('info and import work on the real model directory', async () => {
    const real = realModelConfig()!;
    const info = await run('info', '--model', real.modelId, '--dir', real.modelDir);
    expect(info).toContain('dimension:  384');
    expect(info).toMatch(/sha256: {5}[0-9a-f]{64}/);
    expect(info).toContain('search:     semantic + lexical + concepts');
    const target = path.join(scratch, 'real-import');
    const imported = await run('import', modelPath(real), '--model', real.modelId, '--dir', target);
    expect(imported).toContain(
      `imported model "${real.modelId}" into ${modelPath({ ...real, modelDir: target })}`,
    );
    expect(imported.match(/sha256: {5}([0-9a-f]{64})/)?.[1]).toBe(
      info.match(/sha256: {5}([0-9a-f]{64})/)?.[1],
    );
  });

  it('info says why not and that search runs without semantics', async () => {
    const text = await run('info', '--dir', path.join(scratch, 'nothing'));
    expect(text).toContain(`model:      ${DEFAULT_MODEL_ID}`);
    expect(text).toMatch(/files: {6}missing config\.json/);
    expect(text).toContain('lexical + concepts only');
  });

  it('import installs a checked model from a directory or a .tar.gz', async () => {
    const source = modelPath({ modelDir: tiny.rootDir, modelId: tiny.modelId });
    const dir = path.join(scratch, 'imported');
    expect(await run('import', source, '--model', 'team/tiny', '--dir', dir)).toMatch(
      /^imported model "team\/tiny" into .*team\/tiny\ndimension: {2}32/,
    );
    const archive = path.join(scratch, 'tiny.tar.gz');
    await promisify(execFile)('tar', ['-czf', archive, '-C', path.dirname(source), path.basename(source)]);
    expect(await run('import', archive, '--model', 'team/tiny2', '--dir', dir)).toContain('dimension:  32');
    expect((await loadEmbedder(configFor({ modelId: 'team/tiny2', modelDir: dir }))).embedder).not.toBeNull();
  });

  it('import refuses an incomplete, corrupt or inconsistent model, naming the file, and installs nothing', async () => {
    const source = modelPath({ modelDir: tiny.rootDir, modelId: tiny.modelId });
    const dir = path.join(scratch, 'refused');
    const broken = async (name: string, damage: (root: string) => Promise<void>): Promise<string> => {
      const root = path.join(scratch, name);
      await cp(source, root, { recursive: true });
      await damage(root);
      return root;
    };
    const incomplete = await broken('incomplete', (root) => rm(path.join(root, 'tokenizer.json')));
    await expect(run('import', incomplete, '--model', 'x/y', '--dir', dir)).rejects.toThrow(
      /model not imported: .*incomplete\/tokenizer\.json: missing/,
    );
    const corrupt = await broken('corrupt', (root) =>
      writeFile(path.join(root, 'onnx/model.onnx'), 'not onnx'),
    );
    await expect(run('import', corrupt, '--model', 'x/y', '--dir', dir)).rejects.toThrow(
      /model not imported: .*corrupt\/onnx\/model\.onnx: /,
    );
    const wrongDimension = await broken('wrong-dimension', async (root) => {
      const file = path.join(root, 'config.json');
      const config = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      await writeFile(file, JSON.stringify({ ...config, hidden_size: 384 }));
    });
    await expect(run('import', wrongDimension, '--model', 'x/y', '--dir', dir)).rejects.toThrow(
      /onnx\/model\.onnx: produces 32-d embeddings, but config\.json beside it declares hidden_size 384/,
    );
    await expect(run('import', path.join(scratch, 'absent'), '--dir', dir)).rejects.toThrow(/no such file/);
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });

  it('fetch downloads from the configured host, and refuses clearly when it cannot', async () => {
    const hub = await startHub('serve');
    vi.stubEnv('DUTYGRAPH_MODEL_HOST', hub.url);
    try {
      const dir = path.join(scratch, 'cli-fetch');
      expect(await run('fetch', '--model', tiny.modelId, '--dir', dir)).toMatch(/^fetched model .* \(32-d\)/);
      expect(await run('fetch', '--model', tiny.modelId, '--dir', dir)).toContain('already in');
      await expect(run('fetch', '--model', 'nobody/nothing', '--dir', dir)).rejects.toThrow(
        /^cannot fetch model "nobody\/nothing" from http:\/\/127\.0\.0\.1:\d+\/: HTTP 404/,
      );
      await expect(run('fetch', '--dir', dir, '--timeout', '0')).rejects.toThrow(
        /--timeout: expected a positive/,
      );
    } finally {
      vi.unstubAllEnvs();
      hub.server.close();
    }
  });
});

const realModel = realModelConfig();

describe.runIf(realModel)('the real model (DUTYGRAPH_MODEL_DIR or ../shared/models)', () => {
  it('loads and ranks a Vietnamese passage on the query topic first', async () => {
    const loaded = await loadEmbedder(realModel!);
    expect(loaded.reason).toBeUndefined();
    const real = loaded.embedder!;
    const passages = await real.embedPassages([
      'Công an tỉnh chủ trì đấu tranh, triệt phá các đường dây mua bán, vận chuyển trái phép chất ma túy.',
      'Sở Giáo dục và Đào tạo tổ chức tuyên truyền về an toàn giao thông trong trường học.',
    ]);
    const [query] = await real.embedQueries(['drug trafficking']);
    expect(passages[0]!.length).toBe(real.dimension);
    expect(dot(query!, passages[0]!)).toBeGreaterThan(dot(query!, passages[1]!));
  });
});
