import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExactVectorIndex } from '../search/vector/exact.js';
import { HnswVectorIndex } from '../search/vector/hnsw.js';
import { createVectorIndex, EXACT_THRESHOLD, loadVectorIndex, recallAtK } from '../search/vector/index.js';
import { type VectorIndex, VectorIndexLoadError, VectorInputError } from '../search/vector/port.js';
import {
  clusteredUnitVectors,
  gaussian,
  randomUnitVector,
  seededRandom,
} from '../search/vector/synthetic.js';

const DIM = 16;
const normal = gaussian(seededRandom(42));
const vectorsFor = (n: number) => Array.from({ length: n }, () => randomUnitVector(DIM, normal));
const idsFor = (n: number, prefix = 'doc') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dutygraph-vectors-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const adapters: [string, () => VectorIndex, (dir: string) => Promise<VectorIndex>][] = [
  ['exact', () => new ExactVectorIndex(DIM, { model: 'm1' }), (d) => ExactVectorIndex.load(d)],
  [
    'hnsw',
    // Capacity 16 so the 50-vector tests exercise resizing.
    () => HnswVectorIndex.create(DIM, { capacity: 16, metadata: { model: 'm1' } }),
    (d) => HnswVectorIndex.load(d),
  ],
];

describe.each(adapters)('%s vector index', (kind, create, load) => {
  it('finds each stored vector as its own nearest neighbour, with cosine scores', () => {
    const index = create();
    const vectors = vectorsFor(50);
    index.add(idsFor(50), vectors);
    expect(index.kind).toBe(kind);
    expect(index.size).toBe(50);
    for (const i of [0, 17, 49]) {
      const [best, second] = index.search(vectors[i]!, 2);
      expect(best!.id).toBe(`doc-${i}`);
      expect(best!.score).toBeCloseTo(1, 5);
      expect(second!.score).toBeLessThan(best!.score);
    }
  });

  it('scores unnormalized input by direction only', () => {
    const index = create();
    const [v] = vectorsFor(1);
    index.add(['a'], [v!.map((x) => x * 7)]);
    expect(
      index.search(
        v!.map((x) => x * 0.1),
        1,
      )[0]!.score,
    ).toBeCloseTo(1, 5);
  });

  it('replaces the vector of an id added again', () => {
    const index = create();
    const [a, b] = vectorsFor(2);
    index.add(['x'], [a!]);
    index.add(['x'], [b!]);
    expect(index.size).toBe(1);
    expect(index.search(b!, 1)[0]!.score).toBeCloseTo(1, 5);
  });

  it('removes ids, ignores unknown ones, and reuses the space', () => {
    const index = create();
    const vectors = vectorsFor(50);
    index.add(idsFor(50), vectors);
    expect(index.remove(['doc-3', 'doc-4', 'nope', 'doc-3'])).toBe(2);
    expect(index.size).toBe(48);
    expect(index.has('doc-3')).toBe(false);
    const hits = index.search(vectors[3]!, 50);
    expect(hits).toHaveLength(48);
    expect(hits.map((h) => h.id)).not.toContain('doc-3');
    index.add(['new-1'], [vectors[3]!]);
    expect(index.search(vectors[3]!, 1)[0]).toMatchObject({ id: 'new-1' });
    expect(index.size).toBe(49);
  });

  it('applies the filter and caps k at the number of vectors', () => {
    const index = create();
    const vectors = vectorsFor(30);
    index.add(idsFor(30), vectors);
    const even = (id: string) => Number(id.split('-')[1]) % 2 === 0;
    const hits = index.search(vectors[1]!, 5, even);
    expect(hits).toHaveLength(5);
    expect(hits.every((h) => even(h.id))).toBe(true);
    expect(index.search(vectors[0]!, 1000)).toHaveLength(30);
    expect(index.search(vectors[0]!, 0)).toEqual([]);
    expect(create().search(vectors[0]!, 5)).toEqual([]);
  });

  it('rejects bad vectors with the id in the message and leaves the index unchanged', () => {
    const index = create();
    const good = vectorsFor(2);
    expect(() => index.add(['a', 'b'], [good[0]!, new Float32Array(DIM - 1)])).toThrow(
      new VectorInputError('id "b": vector has 15 dimensions, the index has 16'),
    );
    expect(() => index.add(['a', 'z'], [good[0]!, new Float32Array(DIM)])).toThrow(/id "z": vector is zero/);
    expect(() => index.add(['a', 'n'], [good[0]!, new Float32Array(DIM).fill(NaN)])).toThrow(/id "n"/);
    expect(() => index.add(['a'], good)).toThrow(/1 ids but 2 vectors/);
    expect(() => index.add([''], [good[0]!])).toThrow(/non-empty string/);
    expect(index.size).toBe(0);
    expect(() => index.search(new Float32Array(3), 1)).toThrow(/query: vector has 3 dimensions/);
  });

  it('saves and loads: same hits, same metadata, still editable', async () => {
    const index = create();
    const vectors = vectorsFor(50);
    index.add(idsFor(50), vectors);
    index.remove(['doc-7']);
    await index.save(dir);
    const loaded = await load(dir);
    expect(loaded.size).toBe(49);
    expect(loaded.metadata).toEqual({ model: 'm1' });
    for (const i of [0, 20, 49]) expect(loaded.search(vectors[i]!, 5)).toEqual(index.search(vectors[i]!, 5));
    expect(loaded.has('doc-7')).toBe(false);
    loaded.add(['doc-7b'], [vectors[7]!]);
    loaded.remove(['doc-0']);
    expect(loaded.search(vectors[7]!, 1)[0]!.id).toBe('doc-7b');
    expect(loaded.size).toBe(49);
    const viaFactory = await loadVectorIndex(dir);
    expect(viaFactory.kind).toBe(kind);
  });

  it('a second save replaces the first and leaves no stale files', async () => {
    const index = create();
    index.add(idsFor(10), vectorsFor(10));
    await index.save(dir);
    index.add(['extra'], vectorsFor(1));
    await index.save(dir);
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect(files.filter((f) => f.startsWith('.tmp-'))).toEqual([]);
    expect((await load(dir)).size).toBe(11);
  });

  it('an unfinished later save (data file written, manifest not replaced) leaves the committed index', async () => {
    const index = create();
    index.add(idsFor(10), vectorsFor(10));
    await index.save(dir);
    await writeFile(path.join(dir, `${kind}-0123456789abcdef.bin`), 'partial');
    await writeFile(path.join(dir, '.tmp-123456.json'), '{"partial');
    expect((await load(dir)).size).toBe(10);
  });

  it('reports a missing, damaged or foreign index as a typed load error', async () => {
    await expect(load(path.join(dir, 'nothing-here'))).rejects.toMatchObject({
      name: 'VectorIndexLoadError',
      problem: 'missing',
    });
    const index = create();
    index.add(idsFor(20), vectorsFor(20));
    await index.save(dir);
    const [dataFile] = (await readdir(dir)).filter((f) => f.endsWith('.bin'));
    const bytes = await readFile(path.join(dir, dataFile!));
    const middle = bytes.length >> 1;
    bytes[middle] = bytes[middle]! ^ 0xff;
    await writeFile(path.join(dir, dataFile!), bytes);
    const error = await load(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VectorIndexLoadError);
    expect(error).toMatchObject({ problem: 'corrupt', dir });
    expect((error as Error).message).toMatch(/does not match its checksum/);

    await writeFile(path.join(dir, dataFile!), bytes.subarray(0, 100));
    await expect(load(dir)).rejects.toMatchObject({ problem: 'corrupt' });
    await rm(path.join(dir, dataFile!));
    await expect(load(dir)).rejects.toThrow(/cannot read/);

    await writeFile(path.join(dir, 'index.json'), '{"format": "dutygraph-vector-index", "version": 1');
    await expect(load(dir)).rejects.toThrow(/not valid JSON/);
    await writeFile(
      path.join(dir, 'index.json'),
      JSON.stringify({ format: 'dutygraph-vector-index', version: 9 }),
    );
    await expect(load(dir)).rejects.toMatchObject({ problem: 'incompatible' });
    await writeFile(
      path.join(dir, 'index.json'),
      JSON.stringify({ format: 'dutygraph-vector-index', version: 1 }),
    );
    await expect(loadVectorIndex(dir)).rejects.toMatchObject({ problem: 'corrupt' });
  });
});

describe('HNSW specifics', () => {
  it('reuses labels of removed ids instead of growing the graph', async () => {
    const index = HnswVectorIndex.create(DIM, { capacity: 16 });
    index.add(idsFor(100), vectorsFor(100));
    index.remove(idsFor(40));
    index.add(idsFor(40, 'again'), vectorsFor(40));
    await index.save(dir);
    const manifest = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as {
      ids: (string | null)[];
    };
    expect(manifest.ids).toHaveLength(100);
    expect(manifest.ids.filter((id) => id === null)).toHaveLength(0);
    expect(index.size).toBe(100);
  });

  it('will not load an exact index as HNSW', async () => {
    const exact = new ExactVectorIndex(DIM);
    exact.add(['a'], vectorsFor(1));
    await exact.save(dir);
    await expect(HnswVectorIndex.load(dir)).rejects.toMatchObject({ problem: 'incompatible' });
  });

  it('recall@10 against the exact index is at least 0.95 on clustered vectors', () => {
    const dimension = 128;
    const all = clusteredUnitVectors({ count: 4_100, dimension, clusters: 60, spread: 0.5, seed: 3 });
    const data = all.slice(0, 4_000);
    const queries = all.slice(4_000);
    const ids = data.map((_, i) => `v${i}`);
    const exact = new ExactVectorIndex(dimension);
    const hnsw = HnswVectorIndex.create(dimension, { capacity: data.length });
    exact.add(ids, data);
    hnsw.add(ids, data);
    expect(recallAtK(hnsw, exact, queries, 10)).toBeGreaterThanOrEqual(0.95);
  });
});

describe('createVectorIndex', () => {
  it('uses an exact scan for small collections and HNSW for large ones', () => {
    expect(createVectorIndex(DIM, { expectedCount: 10 }).kind).toBe('exact');
    expect(createVectorIndex(DIM, { expectedCount: EXACT_THRESHOLD }).kind).toBe('hnsw');
    expect(createVectorIndex(DIM, { expectedCount: 10, exactThreshold: 5 }).kind).toBe('hnsw');
  });
});
