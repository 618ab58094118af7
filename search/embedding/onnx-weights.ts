/**
 * The arithmetic of the int8 rewrite (onnx-int8.ts), apart from any protobuf: 4-bit MatMulNBits blocks
 * read back to floats, smoothing factors for activations that come out of a layer norm, and int8 columns.
 * Weights are kept as the blocks are, one output column after another: [N, K].
 */

/** One MatMulNBits node's 4-bit weights as written: K inputs, N outputs, blocks of `blockSize` along K. */
export interface FourBitLayout {
  k: number;
  n: number;
  blockSize: number;
  /** [N, blocks, blockSize / 2] bytes, two values per byte, low nibble first. */
  packed: Uint8Array;
  /** [N, blocks] */
  scales: Float32Array;
  /** [N, ceil(blocks / 2)] bytes, two zero points per byte; absent means 8. */
  zeros?: Uint8Array;
}

/** The weights as floats, [N, K]. */
export function dequantized({ k, n, blockSize, packed, scales, zeros }: FourBitLayout): Float32Array {
  const blocks = Math.ceil(k / blockSize);
  const blob = blockSize / 2;
  const zeroBytes = Math.ceil(blocks / 2);
  const out = new Float32Array(n * k);
  // A block's 16 possible values.
  const table = new Float32Array(16);
  for (let col = 0; col < n; col++) {
    for (let b = 0; b < blocks; b++) {
      const zeroByte = zeros ? zeros[col * zeroBytes + (b >> 1)]! : 0x88;
      const zero = b & 1 ? zeroByte >> 4 : zeroByte & 0x0f;
      const scale = scales[col * blocks + b]!;
      for (let value = 0; value < 16; value++) table[value] = (value - zero) * scale;
      const from = (col * blocks + b) * blob;
      const to = col * k + b * blockSize;
      const count = Math.min(blockSize, k - b * blockSize);
      for (let j = 0; j < count; j++) {
        const byte = packed[from + (j >> 1)]!;
        out[to + j] = table[j & 1 ? byte >> 4 : byte & 0x0f]!;
      }
    }
  }
  return out;
}

/**
 * Per-input factors s (geometric mean 1) that move the range of a layer norm's outlier channels into the
 * weights (SmoothQuant, α = ½): the activations are divided by s, the weight rows multiplied by it, so
 * the product is unchanged while a per-tensor int8 grid fits the activations better. Without data to
 * calibrate on, a channel's range is estimated from the norm's own parameters: |γ|·3 + |β|.
 */
export function layerNormSmoothing(
  weights: Float32Array,
  n: number,
  k: number,
  gamma: Float32Array,
  beta: Float32Array | undefined,
): Float32Array {
  const rowMax = new Float32Array(k);
  for (let col = 0; col < n; col++) {
    for (let j = 0; j < k; j++) {
      const w = Math.abs(weights[col * k + j]!);
      if (w > rowMax[j]!) rowMax[j] = w;
    }
  }
  const factors = new Float32Array(k);
  let logSum = 0;
  for (let j = 0; j < k; j++) {
    const range = Math.abs(gamma[j]!) * 3 + Math.abs(beta?.[j] ?? 0);
    factors[j] = range > 0 && rowMax[j]! > 0 ? Math.sqrt(range / rowMax[j]!) : 1;
    logSum += Math.log(factors[j]!);
  }
  const mean = Math.exp(logSum / k);
  for (let j = 0; j < k; j++) factors[j]! /= mean;
  return factors;
}

/**
 * Weights [N, K] (times `rowFactors` along K, when given) on an int8 grid with one scale per output
 * column: each value moves by at most half a step of its column's grid.
 */
export function int8Columns(
  weights: Float32Array,
  n: number,
  k: number,
  rowFactors?: Float32Array,
): { values: Int8Array; scales: Float32Array } {
  const values = new Int8Array(n * k);
  const scales = new Float32Array(n);
  const factor = rowFactors ?? new Float32Array(k).fill(1);
  for (let col = 0; col < n; col++) {
    const base = col * k;
    let max = 0;
    for (let j = 0; j < k; j++) max = Math.max(max, Math.abs(weights[base + j]! * factor[j]!));
    const step = max > 0 ? max / 127 : 1;
    const inverse = 1 / step;
    scales[col] = step;
    for (let j = 0; j < k; j++) values[base + j] = Math.round(weights[base + j]! * factor[j]! * inverse);
  }
  return { values, scales };
}

/** The bytes of a typed array, as a tensor's raw_data holds them (little-endian on every platform Node runs). */
export function bytesOf(array: Float32Array | Int8Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Little-endian float32 values, whatever the payload's alignment inside the file. */
export function floats(raw: Uint8Array): Float32Array {
  // A copy (a Buffer's slice() would be a view): Float32Array needs an aligned start.
  const copy = new Uint8Array(raw);
  return new Float32Array(copy.buffer, 0, copy.length / 4);
}
