/**
 * On-disk layout shared by the vector index adapters:
 *
 *   <dir>/index.json          manifest: kind, dimension, id of every slot, checksum of the data file
 *   <dir>/<kind>-<hash>.bin   the vectors (hnswlib's own format, or raw float32 rows)
 *
 * Saving writes the data file under a content-derived name, then replaces index.json by rename: the rename
 * is the commit, so a crash leaves the previous save intact. Loading checks the checksum before the bytes
 * reach native code, so a damaged file is reported, not crashed on.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { VectorIndexLoadError } from './port.js';

const MANIFEST_FILE = 'index.json';
const FORMAT = 'dutygraph-vector-index';
const FORMAT_VERSION = 1;
const DATA_FILE = /^(hnsw|exact)-[0-9a-f]{16}\.bin$/;

const Manifest = z.object({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  kind: z.enum(['hnsw', 'exact']),
  dimension: z.number().int().positive(),
  dataFile: z.string().regex(DATA_FILE),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Slot (hnsw label / exact row) → id; null marks a free hnsw label. */
  ids: z.array(z.string().nullable()),
  params: z.record(z.string(), z.number()),
  metadata: z.record(z.string(), z.string()),
});
export type IndexManifest = z.infer<typeof Manifest>;
export type IndexContent = Omit<IndexManifest, 'format' | 'version' | 'dataFile' | 'sha256'>;

/** Saves `content` plus the data file produced by `writeData(path)`; see the module comment for the protocol. */
export async function saveIndexFiles(
  dir: string,
  content: IndexContent,
  writeData: (file: string) => Promise<void>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tempData = path.join(dir, `.tmp-${randomBytes(6).toString('hex')}.bin`);
  const tempManifest = path.join(dir, `.tmp-${randomBytes(6).toString('hex')}.json`);
  try {
    await writeData(tempData);
    await syncFile(tempData);
    const sha256 = await sha256File(tempData);
    const dataFile = `${content.kind}-${sha256.slice(0, 16)}.bin`;
    await rename(tempData, path.join(dir, dataFile));
    const manifest: IndexManifest = { format: FORMAT, version: FORMAT_VERSION, ...content, dataFile, sha256 };
    await writeFile(tempManifest, JSON.stringify(manifest));
    await syncFile(tempManifest);
    await rename(tempManifest, path.join(dir, MANIFEST_FILE));
    // Data files of earlier saves are unreachable now.
    for (const name of await readdir(dir)) {
      if (DATA_FILE.test(name) && name !== dataFile) await rm(path.join(dir, name), { force: true });
    }
  } finally {
    await rm(tempData, { force: true });
    await rm(tempManifest, { force: true });
  }
}

/** The manifest and the verified data file path, or VectorIndexLoadError saying what is wrong. */
export async function loadIndexFiles(
  dir: string,
  kind: IndexManifest['kind'],
): Promise<{ manifest: IndexManifest; dataPath: string }> {
  const manifest = await readManifest(dir);
  if (manifest.kind !== kind) {
    throw new VectorIndexLoadError(dir, 'incompatible', `holds a ${manifest.kind} index, not ${kind}`);
  }
  const dataPath = path.join(dir, manifest.dataFile);
  let actual: string;
  try {
    actual = await sha256File(dataPath);
  } catch (error) {
    throw new VectorIndexLoadError(
      dir,
      'corrupt',
      `cannot read ${manifest.dataFile}: ${(error as Error).message}`,
    );
  }
  if (actual !== manifest.sha256) {
    throw new VectorIndexLoadError(dir, 'corrupt', `${manifest.dataFile} does not match its checksum`);
  }
  return { manifest, dataPath };
}

/** The validated manifest alone (no data check), e.g. to see which adapter saved `dir`. */
export async function readManifest(dir: string): Promise<IndexManifest> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new VectorIndexLoadError(dir, 'missing', `no ${MANIFEST_FILE}`);
    }
    throw new VectorIndexLoadError(
      dir,
      'corrupt',
      `cannot read ${MANIFEST_FILE}: ${(error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VectorIndexLoadError(dir, 'corrupt', `${MANIFEST_FILE} is not valid JSON`);
  }
  const header = z.object({ format: z.literal(FORMAT), version: z.number() }).safeParse(json);
  if (!header.success)
    throw new VectorIndexLoadError(dir, 'corrupt', `${MANIFEST_FILE} is not a ${FORMAT} manifest`);
  if (header.data.version !== FORMAT_VERSION) {
    throw new VectorIndexLoadError(
      dir,
      'incompatible',
      `format version ${header.data.version}, this build reads ${FORMAT_VERSION}`,
    );
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VectorIndexLoadError(
      dir,
      'corrupt',
      `${MANIFEST_FILE}: ${issue?.path.join('.')} ${issue?.message}`,
    );
  }
  return parsed.data;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Flush to disk before the rename, or a power cut could commit a manifest pointing at unwritten bytes. */
async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
