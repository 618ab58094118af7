/**
 * int8 compute for 4-bit weights (search/embedding/onnx-int8.ts): the setting; the protobuf rewrite on
 * hand-built MatMulNBits models run through ONNX Runtime itself, on the real model and on the tiny one;
 * its failure paths; and the vectors each mode gives against fp32 compute through the real loader.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedderConfigFromEnv, EmbedderConfigError, modelPath } from '../search/embedding/config.js';
import { type Int8Mode, withInt8Compute } from '../search/embedding/onnx-int8.js';
import type { Embedder } from '../search/embedding/port.js';
import { loadEmbedder } from '../search/embedding/transformers.js';
import { seededRandom } from '../search/vector/synthetic.js';
import { realModelConfig } from './support/real-model.js';
import { buildTinyModel, type TinyModel } from './support/tiny-model.js';

const { onnx } = onnxProto;
const real = realModelConfig();
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('the DUTYGRAPH_EMBED_INT8 setting', () => {
  it('is block by default and with 1, off with 0, the others by name; a bad value names the variable', () => {
    expect(embedderConfigFromEnv({}).int8Compute).toBe('block');
    expect(embedderConfigFromEnv({ DUTYGRAPH_EMBED_INT8: '1' }).int8Compute).toBe('block');
    expect(embedderConfigFromEnv({ DUTYGRAPH_EMBED_INT8: 'mixed' }).int8Compute).toBe('mixed');
    expect(embedderConfigFromEnv({ DUTYGRAPH_EMBED_INT8: '0' }).int8Compute).toBe('off');
    expect(embedderConfigFromEnv({ DUTYGRAPH_EMBED_INT8: 'false' }).int8Compute).toBe('off');
    expect(embedderConfigFromEnv({ DUTYGRAPH_EMBED_INT8: 'full' }).int8Compute).toBe('full');
    expect(() => embedderConfigFromEnv({ DUTYGRAPH_EMBED_INT8: 'sometimes' })).toThrow(EmbedderConfigError);
    expect(() => embedderConfigFromEnv({ DUTYGRAPH_EMBED_INT8: 'sometimes' })).toThrow(
      /DUTYGRAPH_EMBED_INT8: expected 0, 1, block, mixed or full \(got "sometimes"\)/,
    );
  });
});

/** One 4-bit MatMulNBits layer, as the e5 export writes them: its weights, bias, and the model. */
interface Layer {
  k: number;
  n: number;
  /** The dequantized weights, row-major [K, N]: what the layer computes with. */
  weights: Float32Array;
  bias: Float32Array;
  model: Uint8Array;
  /** γ, when the model takes it as an input. */
  gamma?: Float32Array;
}

/**
 * Y = A·W + bias over `rows` × K inputs, W in 4-bit blocks (the last block partial when K is not a
 * multiple), with packed zero points or without (then 8), and optionally a g_idx input this cannot read.
 * `before` puts a layer norm (γ with a few channels ten times the rest, as trained models' have; γ a
 * graph input rather than a constant with `gammaInput`) or a GELU written out with Erf in front.
 */
function matMulNBitsLayer(options: {
  k: number;
  n: number;
  blockSize: number;
  zeros: boolean;
  gIdx?: boolean;
  before?: 'layerNorm' | 'gelu';
  gammaInput?: boolean;
}): Layer {
  const { k, n, blockSize } = options;
  const random = seededRandom(k * 31 + n + (options.zeros ? 1 : 0));
  const blocks = Math.ceil(k / blockSize);
  const packed = new Uint8Array(n * blocks * (blockSize / 2));
  const scales = new Float32Array(n * blocks);
  const zeroBytes = Math.ceil(blocks / 2);
  const zeroPoints = new Uint8Array(n * zeroBytes);
  const weights = new Float32Array(k * n);
  for (let col = 0; col < n; col++) {
    for (let b = 0; b < blocks; b++) {
      // Block scales that differ tenfold within a column, as trained weights' do.
      const scale = (0.01 + random() * 0.1) * (random() < 0.5 ? -1 : 1);
      scales[col * blocks + b] = scale;
      const zero = options.zeros ? Math.floor(random() * 16) : 8;
      if (options.zeros) zeroPoints[col * zeroBytes + (b >> 1)]! |= b & 1 ? zero << 4 : zero;
      for (let j = 0; j < blockSize; j++) {
        const value = Math.floor(random() * 16);
        const at = (col * blocks + b) * (blockSize / 2) + (j >> 1);
        packed[at]! |= j & 1 ? value << 4 : value;
        const row = b * blockSize + j;
        if (row < k) weights[row * n + col] = (value - zero) * scale;
      }
    }
  }
  const bias = Float32Array.from({ length: n }, () => random() - 0.5);
  const { DataType } = onnx.TensorProto;
  const { AttributeType } = onnx.AttributeProto;
  const int = (name: string, i: number) => ({ name, type: AttributeType.INT, i });
  const tensor = (name: string, dataType: number, dims: number[], data: ArrayBufferView) => ({
    name,
    dataType,
    dims,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  });
  const value = (name: string, dim: number) => ({
    name,
    type: {
      tensorType: { elemType: DataType.FLOAT, shape: { dim: [{ dimParam: 'rows' }, { dimValue: dim }] } },
    },
  });
  const x = options.before ? 'X' : 'A';
  const inputs = [x, 'B', 'scales', options.zeros ? 'zeros' : '', ...(options.gIdx ? ['g_idx'] : [])];
  const gamma = Float32Array.from({ length: k }, (_, j) => (j % 16 === 3 ? 10 : 0.5 + random()));
  const beta = Float32Array.from({ length: k }, () => (random() - 0.5) * 0.2);
  const before = {
    layerNorm: [{ opType: 'LayerNormalization', name: 'norm', input: ['A', 'gamma', 'beta'], output: ['X'] }],
    gelu: [
      { opType: 'Div', name: 'gelu_div', input: ['A', 'sqrt2'], output: ['g1'] },
      { opType: 'Erf', name: 'gelu_erf', input: ['g1'], output: ['g2'] },
      { opType: 'Add', name: 'gelu_add', input: ['g2', 'one'], output: ['g3'] },
      { opType: 'Mul', name: 'gelu_mul', input: ['A', 'g3'], output: ['g4'] },
      { opType: 'Mul', name: 'gelu_half', input: ['g4', 'half'], output: ['X'] },
    ],
  };
  const scalar = (name: string, v: number) => tensor(name, DataType.FLOAT, [], Float32Array.of(v));
  const graph = {
    name: 'one-layer',
    node: [
      ...(options.before ? before[options.before] : []),
      {
        opType: 'MatMulNBits',
        domain: 'com.microsoft',
        name: 'layer',
        input: inputs,
        output: ['product'],
        attribute: [int('K', k), int('N', n), int('bits', 4), int('block_size', blockSize)],
      },
      { opType: 'Add', name: 'bias_add', input: ['product', 'bias'], output: ['Y'] },
    ],
    initializer: [
      tensor('B', DataType.UINT8, [n, blocks, blockSize / 2], packed),
      tensor('scales', DataType.FLOAT, [n * blocks], scales),
      tensor('bias', DataType.FLOAT, [n], bias),
      ...(options.zeros ? [tensor('zeros', DataType.UINT8, [n * zeroBytes], zeroPoints)] : []),
      ...(options.before === 'layerNorm'
        ? [
            ...(options.gammaInput ? [] : [tensor('gamma', DataType.FLOAT, [k], gamma)]),
            tensor('beta', DataType.FLOAT, [k], beta),
          ]
        : []),
      ...(options.before === 'gelu'
        ? [scalar('sqrt2', Math.SQRT2), scalar('one', 1), scalar('half', 0.5)]
        : []),
      ...(options.gIdx
        ? [
            tensor(
              'g_idx',
              DataType.INT32,
              [k],
              Int32Array.from({ length: k }, (_, i) => Math.floor(i / blockSize)),
            ),
          ]
        : []),
    ],
    input: [
      value('A', k),
      ...(options.gammaInput
        ? [
            {
              name: 'gamma',
              type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: [{ dimValue: k }] } } },
            },
          ]
        : []),
    ],
    output: [value('Y', n)],
  };
  const model = onnx.ModelProto.encode(
    onnx.ModelProto.create({
      irVersion: 9,
      producerName: 'dutygraph-tests',
      opsetImport: [
        { domain: '', version: 17 },
        { domain: 'com.microsoft', version: 1 },
      ],
      graph,
    }),
  ).finish();
  return { k, n, weights, bias, model, gamma: options.gammaInput ? gamma : undefined };
}

/** The layer's output for `rows` seeded inputs, run by ONNX Runtime on `model`, and the exact product. */
async function run(
  layer: Layer,
  model: Uint8Array,
  rows = 6,
): Promise<{ got: Float32Array; exact: Float64Array }> {
  const random = seededRandom(rows + layer.k);
  // Activations like a layer norm's: mostly small, a few channels large.
  const a = Float32Array.from(
    { length: rows * layer.k },
    (_, i) => (random() - 0.5) * (i % 17 === 0 ? 8 : 2),
  );
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1, logSeverityLevel: 3 });
  try {
    const feeds: Record<string, ort.Tensor> = { A: new ort.Tensor('float32', a, [rows, layer.k]) };
    if (layer.gamma) feeds.gamma = new ort.Tensor('float32', layer.gamma, [layer.k]);
    const out = await session.run(feeds);
    const exact = new Float64Array(rows * layer.n);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < layer.n; c++) {
        let sum = layer.bias[c]!;
        for (let i = 0; i < layer.k; i++) sum += a[r * layer.k + i]! * layer.weights[i * layer.n + c]!;
        exact[r * layer.n + c] = sum;
      }
    return { got: out.Y!.data as Float32Array, exact };
  } finally {
    await session.release();
  }
}

/** Largest error relative to the largest exact value. */
function relativeError(got: Float32Array, exact: Float64Array): number {
  let error = 0;
  let scale = 0;
  exact.forEach((value, i) => {
    error = Math.max(error, Math.abs(got[i]! - value));
    scale = Math.max(scale, Math.abs(value));
  });
  return error / scale;
}

function opTypes(model: Uint8Array): string[] {
  return onnx.ModelProto.decode(model).graph!.node!.map((node) => node.opType!);
}

function accuracyLevels(model: Uint8Array): Array<number | undefined> {
  return onnx.ModelProto.decode(model)
    .graph!.node!.filter((node) => node.opType === 'MatMulNBits')
    .map((node) => {
      const level = node.attribute?.find((a) => a.name === 'accuracy_level')?.i;
      return level === undefined || level === null ? undefined : Number(level);
    });
}

describe('the rewrite on hand-built MatMulNBits layers, run by ONNX Runtime', () => {
  for (const zeros of [false, true]) {
    const shape = { k: 72, n: 40, blockSize: 32, zeros }; // three blocks, the last one partial
    it(`full: one int8 GEMM with the bias folded in, within int8 rounding of the exact product (${zeros ? 'with' : 'no'} zero points)`, async () => {
      const layer = matMulNBitsLayer(shape);
      const original = await run(layer, layer.model);
      expect(relativeError(original.got, original.exact)).toBeLessThan(1e-5);
      const { model, converted, levelled } = withInt8Compute(layer.model, 'full', 'layer.onnx');
      expect([converted, levelled]).toEqual([1, 0]);
      expect(opTypes(model)).toEqual(['Transpose', 'DynamicQuantizeMatMul']);
      // The 4-bit blocks are gone from the file.
      const names = onnx.ModelProto.decode(model).graph!.initializer!.map((t) => t.name);
      expect(names).not.toContain('B');
      expect(names).not.toContain('scales');
      const rewritten = await run(layer, model);
      // Activations quantized per tensor to 8 bits: about 1/255 of their range per value.
      expect(relativeError(rewritten.got, rewritten.exact)).toBeLessThan(0.02);
    });

    it(`block: accuracy level 4 on the node, outputs within int8 rounding (${zeros ? 'with' : 'no'} zero points)`, async () => {
      const layer = matMulNBitsLayer(shape);
      const { model, converted, levelled } = withInt8Compute(layer.model, 'block', 'layer.onnx');
      expect([converted, levelled]).toEqual([0, 1]);
      expect(opTypes(model)).toEqual(['MatMulNBits', 'Add']);
      expect(accuracyLevels(model)).toEqual([4]);
      const rewritten = await run(layer, model);
      expect(relativeError(rewritten.got, rewritten.exact)).toBeLessThan(0.02);
      // A node that states a level keeps it: rewriting the result changes nothing.
      const again = withInt8Compute(model, 'block', 'layer.onnx');
      expect(again.converted + again.levelled).toBe(0);
      expect(again.model).toBe(model);
    });
  }

  it('mixed and full: after a layer norm, activations are smoothed into the weights', async () => {
    const shape = { k: 96, n: 48, blockSize: 32, zeros: true, before: 'layerNorm' } as const;
    const smoothable = matMulNBitsLayer(shape);
    // The same layer with γ given at run time: nothing to estimate the channels' ranges from.
    const opaque = matMulNBitsLayer({ ...shape, gammaInput: true });
    const reference = (await run(smoothable, smoothable.model)).got;
    expect((await run(opaque, opaque.model)).got).toEqual(reference);
    const errors: number[] = [];
    for (const layer of [smoothable, opaque]) {
      for (const mode of ['mixed', 'full'] as const) {
        const { model, converted, dense } = withInt8Compute(layer.model, mode, 'layer.onnx');
        expect([converted, dense]).toEqual([1, 0]);
        const ops = opTypes(model);
        expect(ops.includes('Mul')).toBe(layer === smoothable);
        expect(ops.at(-1)).toBe('DynamicQuantizeMatMul');
        const { got } = await run(layer, model);
        errors.push(relativeError(got, Float64Array.from(reference)));
      }
    }
    const [smoothMixed, smoothFull, opaqueMixed, opaqueFull] = errors as [number, number, number, number];
    expect(smoothMixed).toBe(smoothFull);
    expect(opaqueMixed).toBe(opaqueFull);
    expect(smoothMixed).toBeLessThan(0.02);
    expect(smoothMixed).toBeLessThan(opaqueMixed * 0.75);
  });

  it('mixed keeps a layer after a GELU in fp32; full makes it int8', async () => {
    const layer = matMulNBitsLayer({ k: 64, n: 32, blockSize: 32, zeros: false, before: 'gelu' });
    const reference = Float64Array.from((await run(layer, layer.model)).got);
    const mixed = withInt8Compute(layer.model, 'mixed', 'layer.onnx');
    expect([mixed.converted, mixed.dense, mixed.levelled]).toEqual([0, 1, 0]);
    expect(opTypes(mixed.model).slice(-3)).toEqual(['Transpose', 'MatMul', 'Add']);
    expect(relativeError((await run(layer, mixed.model)).got, reference)).toBeLessThan(1e-5);
    const full = withInt8Compute(layer.model, 'full', 'layer.onnx');
    expect([full.converted, full.dense]).toEqual([1, 0]);
    expect(opTypes(full.model).at(-1)).toBe('DynamicQuantizeMatMul');
    expect(relativeError((await run(layer, full.model)).got, reference)).toBeLessThan(0.03);
  });

  it('full: a layout it cannot read (group indices) keeps its node, with accuracy level 4', () => {
    const layer = matMulNBitsLayer({ k: 64, n: 16, blockSize: 32, zeros: false, gIdx: true });
    const { model, converted, levelled } = withInt8Compute(layer.model, 'full', 'layer.onnx');
    expect([converted, levelled]).toEqual([0, 1]);
    expect(opTypes(model)).toEqual(['MatMulNBits', 'Add']);
    expect(accuracyLevels(model)).toEqual([4]);
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
    for (const mode of ['block', 'full'] as Int8Mode[]) {
      const { model, converted, levelled } = withInt8Compute(bytes, mode, file);
      expect(converted + levelled).toBe(0);
      expect(model).toBe(bytes);
    }
  });

  it('names the file and the byte when the protobuf is cut short', () => {
    // Field 7 (the graph), length-delimited, declaring 100 bytes where 3 follow.
    const cut = Uint8Array.from([0x3a, 100, 1, 2, 3]);
    expect(() => withInt8Compute(cut, 'full', 'broken.onnx')).toThrow(
      /broken\.onnx: field 7 runs past the end \(byte 0\)/,
    );
    expect(() => withInt8Compute(Uint8Array.from([0x08, 0xff]), 'block', 'short.onnx')).toThrow(
      /short\.onnx: a truncated or overlong varint at byte 1/,
    );
    expect(() => withInt8Compute(Uint8Array.from([0x0b]), 'full', 'group.onnx')).toThrow(
      /group\.onnx: unsupported protobuf wire type 3/,
    );
  });

  it.skipIf(!real)('converts every MatMulNBits node of the real model, by mode, once', async () => {
    const file = path.join(modelPath(real!), 'onnx/model.onnx');
    const bytes = new Uint8Array(await readFile(file));
    const nodes = opTypes(bytes).filter((op) => op === 'MatMulNBits').length;
    expect(nodes).toBeGreaterThan(0);
    const full = withInt8Compute(bytes, 'full', file);
    expect([full.converted, full.levelled]).toEqual([nodes, 0]);
    expect(opTypes(full.model)).not.toContain('MatMulNBits');
    // int8 weights are twice the 4-bit ones, but the file does not keep both.
    expect(full.model.length).toBeLessThan(bytes.length * 2.2);
    const block = withInt8Compute(bytes, 'block', file);
    expect([block.converted, block.levelled]).toEqual([0, nodes]);
    // A BERT layer has six: q, k, v, attention out, FFN in, FFN out; only FFN out follows the GELU.
    const mixed = withInt8Compute(bytes, 'mixed', file);
    expect([mixed.converted, mixed.dense, mixed.levelled]).toEqual([(nodes * 5) / 6, nodes / 6, 0]);
    expect(opTypes(mixed.model).filter((op) => op === 'MatMul').length).toBe(
      opTypes(bytes).filter((op) => op === 'MatMul').length + nodes / 6,
    );
    expect(withInt8Compute(full.model, 'full', file).model).toBe(full.model);
  });
});

describe.skipIf(!real)('the real model with int8 compute', () => {
  const texts = [
    'query: cơ quan nào chủ trì phòng, chống rửa tiền',
    'Công an tỉnh chủ trì, phối hợp với Ngân hàng Nhà nước chi nhánh tỉnh phòng, chống rửa tiền.',
    'Bộ đội Biên phòng tỉnh tăng cường tuần tra, kiểm soát, đấu tranh chống buôn lậu qua biên giới.',
    'Sở Lao động - Thương binh và Xã hội hỗ trợ nạn nhân bị mua bán trở về tái hòa nhập cộng đồng.',
  ];
  const question = 'who leads the fight against money laundering';
  const embedders = new Map<string, Embedder>();
  beforeAll(async () => {
    for (const mode of ['off', 'block', 'mixed', 'full'] as const) {
      const loaded = await loadEmbedder({ ...real!, int8Compute: mode });
      if (!loaded.embedder) throw new Error(loaded.reason);
      embedders.set(mode, loaded.embedder);
    }
  }, 180_000);
  afterAll(async () => {
    for (const embedder of embedders.values()) await embedder.close?.();
  });

  const nearest = (q: Float32Array, vectors: Float32Array[]) =>
    vectors.map((v, i) => [dot(q, v), i] as const).sort((x, y) => y[0] - x[0])[0]![1];

  for (const [mode, suffix, cosine] of [
    ['block', /:int8-compute$/, 0.9995],
    ['mixed', /:int8-mixed$/, 0.998],
    ['full', /:int8-full$/, 0.99],
  ] as const) {
    it(`${mode}: vectors within ${cosine} cosine of fp32 compute, under their own version`, async () => {
      const fp32 = embedders.get('off')!;
      const int8 = embedders.get(mode)!;
      expect(int8.version).toMatch(suffix);
      expect(fp32.version).not.toMatch(/int8/);
      const [a, b] = [await int8.embedPassages(texts), await fp32.embedPassages(texts)];
      a.forEach((vector, i) => expect(dot(vector, b[i]!)).toBeGreaterThan(cosine));
      // The question's nearest passage is the same under both.
      const [q8] = await int8.embedQueries([question]);
      const [q32] = await fp32.embedQueries([question]);
      expect(nearest(q8!, a)).toBe(nearest(q32!, b));
    }, 120_000);
  }
});
