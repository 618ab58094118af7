/**
 * Deterministic synthetic vectors for recall checks and benchmarks. Seeded so a failing recall check or a
 * benchmark row can be reproduced exactly.
 */
import { normalizeInPlace } from './unit.js';

/** mulberry32: tiny, fast, good enough for test data (not for anything security-related). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box–Muller) from a uniform source. */
export function gaussian(random: () => number): () => number {
  return () => {
    const u = 1 - random(); // (0, 1], keeps log finite
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

export function randomUnitVector(dimension: number, normal: () => number): Float32Array {
  const vector = new Float32Array(dimension);
  for (let i = 0; i < dimension; i++) vector[i] = normal();
  return normalizeInPlace(vector);
}

export interface ClusteredVectorsOptions {
  count: number;
  dimension: number;
  /** Number of topic centres; text embeddings form such clumps rather than filling the sphere evenly. */
  clusters: number;
  /** Standard deviation of the per-vector noise relative to a unit centre (0.1–0.5 looks like sentence embeddings). */
  spread: number;
  seed: number;
}

/**
 * Unit vectors scattered around random unit centres, with cluster sizes drawn unevenly (some topics are
 * much more common than others, as in a real corpus).
 */
export function clusteredUnitVectors(options: ClusteredVectorsOptions): Float32Array[] {
  const { count, dimension, clusters, spread, seed } = options;
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const centres = Array.from({ length: clusters }, () => randomUnitVector(dimension, normal));
  const noiseScale = spread / Math.sqrt(dimension);
  const vectors: Float32Array[] = [];
  for (let n = 0; n < count; n++) {
    // Squaring the uniform draw skews membership towards low-numbered centres.
    const centre = centres[Math.floor(random() ** 2 * clusters)]!;
    const vector = new Float32Array(dimension);
    for (let i = 0; i < dimension; i++) vector[i] = centre[i]! + normal() * noiseScale;
    vectors.push(normalizeInPlace(vector));
  }
  return vectors;
}
