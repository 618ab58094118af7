/**
 * int8 compute for 4-bit weights (search/embedding/onnx-accuracy.ts): the protobuf rewrite on the real
 * model and on the tiny one, its failure paths, the setting, and the vectors it gives against fp32
 * compute through the real loader.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedderConfigFromEnv, EmbedderConfigError, modelPath } from '../search/embedding/config.js';
import { INT8_COMPUTE, withMatMulNBitsAccuracy } from '../search/embedding/onnx-accuracy.js';
import type { Embedder } from '../search/embedding/port.js';
import { loadEmbedder } from '../search/embedding/transformers.js';
import { realModelConfig } from './support/real-model.js';
import { buildTinyModel, type TinyModel } from './support/tiny-model.js';

const real = realModelConfig();
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('the DUTYGRAPH_EMBED_INT8 setting', () => {
  it('is on by default, off with 0, and a bad value names the variable', () => {
    expect(embedderConfigFromEnv({}).int8Compute).toBe(true);
    expect(embedderConfigFromEnv({ DUTYGRAPH_EMBED_INT8: '0' }).int8Compute).toBe(false);
    expect(() => embedderConfigFromEnv({ DUTYGRAPH_EMBED_INT8: 'sometimes' })).toThrow(EmbedderConfigError);
    expect(() => embedderConfigFromEnv({ DUTYGRAPH_EMBED_INT8: 'sometimes' })).toThrow(
      /DUTYGRAPH_EMBED_INT8/,
    );
  });
});

describe('the protobuf rewrite', () => {
  let tiny: TinyModel;
  beforeAll(async () => {
    tiny = await buildTinyModel();
  });
  afterAll(async () => {
    await tiny?.remove();
  });

  it('leaves a model without MatMulNBits nodes as it is', async () => {
    const file = path.join(modelPath({ modelDir: tiny.rootDir, modelId: tiny.modelId }), 'onnx/model.onnx');
    const bytes = new Uint8Array(await readFile(file));
    const { model, patched } = withMatMulNBitsAccuracy(bytes, INT8_COMPUTE, file);
    expect(patched).toBe(0);
    expect(model).toBe(bytes);
  });

  it('names the file and the byte when the protobuf is cut short', () => {
    // Field 7 (the graph), length-delimited, declaring 100 bytes where 3 follow.
    const cut = Uint8Array.from([0x3a, 100, 1, 2, 3]);
    expect(() => withMatMulNBitsAccuracy(cut, INT8_COMPUTE, 'broken.onnx')).toThrow(
      /broken\.onnx: field 7 runs past the end \(byte 0\)/,
    );
    expect(() => withMatMulNBitsAccuracy(Uint8Array.from([0x08, 0xff]), 4, 'short.onnx')).toThrow(
      /short\.onnx: a truncated or overlong varint at byte 1/,
    );
    expect(() => withMatMulNBitsAccuracy(Uint8Array.from([0x0b]), 4, 'group.onnx')).toThrow(
      /group\.onnx: unsupported protobuf wire type 3/,
    );
  });

  it.skipIf(!real)('sets the level on every MatMulNBits node of the real model, once', async () => {
    const file = path.join(modelPath(real!), 'onnx/model.onnx');
    const bytes = new Uint8Array(await readFile(file));
    const nodes = Buffer.from(bytes).toString('latin1').split('MatMulNBits').length - 1;
    const first = withMatMulNBitsAccuracy(bytes, INT8_COMPUTE, file);
    expect(first.patched).toBeGreaterThan(0);
    expect(first.patched).toBeLessThanOrEqual(nodes);
    // A node that already states a level keeps it: rewriting the result changes nothing.
    const again = withMatMulNBitsAccuracy(first.model, INT8_COMPUTE, file);
    expect(again.patched).toBe(0);
    expect(again.model).toBe(first.model);
  });
});

describe.skipIf(!real)('the real model with int8 compute', () => {
  const texts = [
    'query: cơ quan nào chủ trì phòng, chống rửa tiền',
    'Công an tỉnh chủ trì, phối hợp với Ngân hàng Nhà nước chi nhánh tỉnh phòng, chống rửa tiền.',
    'Bộ đội Biên phòng tỉnh tăng cường tuần tra, kiểm soát, đấu tranh chống buôn lậu qua biên giới.',
  ];
  let int8: Embedder;
  let fp32: Embedder;
  beforeAll(async () => {
    const on = await loadEmbedder({ ...real!, int8Compute: true });
    const off = await loadEmbedder({ ...real!, int8Compute: false });
    if (!on.embedder || !off.embedder) throw new Error(`${on.reason ?? ''} ${off.reason ?? ''}`);
    int8 = on.embedder;
    fp32 = off.embedder;
  }, 120_000);
  afterAll(async () => {
    await int8?.close?.();
    await fp32?.close?.();
  });

  it('gives vectors within 0.999 cosine of fp32 compute, under its own version', async () => {
    expect(int8.version).toMatch(/:int8-compute$/);
    expect(fp32.version).not.toMatch(/int8/);
    const [a, b] = [await int8.embedPassages(texts), await fp32.embedPassages(texts)];
    a.forEach((vector, i) => expect(dot(vector, b[i]!)).toBeGreaterThan(0.999));
    // The question's nearest passage is the same under both.
    const [q8] = await int8.embedQueries(['who leads the fight against money laundering']);
    const [q32] = await fp32.embedQueries(['who leads the fight against money laundering']);
    const nearest = (q: Float32Array, vectors: Float32Array[]) =>
      vectors.map((v, i) => [dot(q, v), i] as const).sort((x, y) => y[0] - x[0])[0]![1];
    expect(nearest(q8!, a)).toBe(nearest(q32!, b));
  }, 120_000);
});
