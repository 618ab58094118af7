/** Input checks and normalization shared by the vector index adapters. */
import { VectorInputError } from './port.js';

/** Scales `vector` in place to unit length; returns it. Throws on a zero vector, which has no direction. */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (!(norm > 0) || !Number.isFinite(norm))
    throw new RangeError('cannot normalize a zero or non-finite vector');
  for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! / norm;
  return vector;
}

/** A normalized copy of `vector`, or VectorInputError naming `what` (an id, or "query"). */
export function unitCopy(vector: Float32Array, dimension: number, what: string): Float32Array {
  if (!(vector instanceof Float32Array)) throw new VectorInputError(`${what}: vector must be a Float32Array`);
  if (vector.length !== dimension) {
    throw new VectorInputError(`${what}: vector has ${vector.length} dimensions, the index has ${dimension}`);
  }
  try {
    return normalizeInPlace(Float32Array.from(vector));
  } catch {
    throw new VectorInputError(`${what}: vector is zero or has non-finite values`);
  }
}

/** Validates a whole batch before anything is stored, so a bad vector leaves the index unchanged. */
export function unitBatch(ids: string[], vectors: Float32Array[], dimension: number): Float32Array[] {
  if (ids.length !== vectors.length) {
    throw new VectorInputError(`got ${ids.length} ids but ${vectors.length} vectors`);
  }
  return ids.map((id, i) => {
    if (typeof id !== 'string' || id.length === 0)
      throw new VectorInputError(`item ${i}: id must be a non-empty string`);
    return unitCopy(vectors[i]!, dimension, `id "${id}"`);
  });
}
