/**
 * Brute-force vector index: scores every vector. Exact, so it is the reference for HNSW recall, and on a
 * few thousand vectors it is as fast as a graph index without its build cost or approximation.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { loadIndexFiles, saveIndexFiles } from './persist.js';
import { type VectorHit, type VectorIndex, VectorIndexLoadError } from './port.js';
import { unitBatch, unitCopy } from './unit.js';

export class ExactVectorIndex implements VectorIndex {
  readonly kind = 'exact';
  /** Row-major unit vectors; rows [0, ids.length) are live, the rest is spare capacity. */
  private rows: Float32Array;
  private readonly ids: string[] = [];
  private readonly slots = new Map<string, number>();

  constructor(
    readonly dimension: number,
    readonly metadata: Record<string, string> = {},
  ) {
    if (!Number.isInteger(dimension) || dimension <= 0)
      throw new RangeError(`invalid dimension ${dimension}`);
    this.rows = new Float32Array(dimension * 64);
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  add(ids: string[], vectors: Float32Array[]): void {
    const units = unitBatch(ids, vectors, this.dimension);
    ids.forEach((id, i) => {
      let slot = this.slots.get(id);
      if (slot === undefined) {
        slot = this.ids.length;
        this.ensureCapacity(slot + 1);
        this.ids.push(id);
        this.slots.set(id, slot);
      }
      this.rows.set(units[i]!, slot * this.dimension);
    });
  }

  remove(ids: string[]): number {
    let removed = 0;
    for (const id of ids) {
      const slot = this.slots.get(id);
      if (slot === undefined) continue;
      // Keep rows dense: the last row moves into the hole.
      const last = this.ids.length - 1;
      const lastId = this.ids[last]!;
      if (slot !== last) {
        this.rows.copyWithin(slot * this.dimension, last * this.dimension, (last + 1) * this.dimension);
        this.ids[slot] = lastId;
        this.slots.set(lastId, slot);
      }
      this.ids.pop();
      this.slots.delete(id);
      removed++;
    }
    return removed;
  }

  search(vector: Float32Array, k: number, filter?: (id: string) => boolean): VectorHit[] {
    const query = unitCopy(vector, this.dimension, 'query');
    const limit = Math.min(Math.floor(k), this.ids.length);
    if (!(limit > 0)) return [];
    const top = new TopK(limit);
    const { dimension, rows } = this;
    for (let slot = 0; slot < this.ids.length; slot++) {
      if (filter && !filter(this.ids[slot]!)) continue;
      let dot = 0;
      const offset = slot * dimension;
      for (let i = 0; i < dimension; i++) dot += query[i]! * rows[offset + i]!;
      top.offer(slot, dot);
    }
    return top.sorted().map(({ slot, score }) => ({ id: this.ids[slot]!, score }));
  }

  async save(dir: string): Promise<void> {
    const live = this.rows.subarray(0, this.ids.length * this.dimension);
    await saveIndexFiles(
      dir,
      {
        kind: 'exact',
        dimension: this.dimension,
        ids: [...this.ids],
        params: {},
        metadata: { ...this.metadata },
      },
      (file) => writeFile(file, new Uint8Array(live.buffer, live.byteOffset, live.byteLength)),
    );
  }

  static async load(dir: string): Promise<ExactVectorIndex> {
    const { manifest, dataPath } = await loadIndexFiles(dir, 'exact');
    const bytes = await readFile(dataPath);
    const ids = manifest.ids;
    if (bytes.byteLength !== ids.length * manifest.dimension * 4 || ids.some((id) => id === null)) {
      throw new VectorIndexLoadError(dir, 'corrupt', 'vector data does not match the id list');
    }
    const index = new ExactVectorIndex(manifest.dimension, manifest.metadata);
    const rows = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    index.ensureCapacity(ids.length);
    index.rows.set(rows);
    for (const id of ids as string[]) {
      index.slots.set(id, index.ids.length);
      index.ids.push(id);
    }
    if (index.slots.size !== ids.length) throw new VectorIndexLoadError(dir, 'corrupt', 'duplicate ids');
    return index;
  }

  private ensureCapacity(count: number): void {
    if (count * this.dimension <= this.rows.length) return;
    const grown = new Float32Array(Math.max(count, (this.rows.length / this.dimension) * 2) * this.dimension);
    grown.set(this.rows);
    this.rows = grown;
  }
}

/** Keeps the k best (slot, score) pairs in a min-heap: O(n log k) instead of sorting all n scores. */
class TopK {
  private readonly heap: { slot: number; score: number }[] = [];
  constructor(private readonly k: number) {}

  offer(slot: number, score: number): void {
    const heap = this.heap;
    if (heap.length < this.k) {
      heap.push({ slot, score });
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heap[parent]!.score <= heap[i]!.score) break;
        [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
        i = parent;
      }
    } else if (score > heap[0]!.score) {
      heap[0] = { slot, score };
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && heap[left]!.score < heap[smallest]!.score) smallest = left;
        if (right < heap.length && heap[right]!.score < heap[smallest]!.score) smallest = right;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
        i = smallest;
      }
    }
  }

  sorted(): { slot: number; score: number }[] {
    return [...this.heap].sort((a, b) => b.score - a.score);
  }
}
