/**
 * Checks a model directory before search uses it (`dutygraph model import`, `model info`): every file
 * present and readable, the tokenizer round-trips Vietnamese and English text, one embedding comes out
 * finite and unit-length with the dimension config.json declares. Each failure names the file at fault.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type EmbedderConfig, modelPath, requiredModelFiles } from './config.js';
import { loadEmbedder } from './transformers.js';

export class ModelCheckError extends Error {
  override name = 'ModelCheckError';
}

export interface ModelReport {
  modelId: string;
  directory: string;
  dimension: number;
  dtype: string;
  /** Bytes of the files search reads. */
  size: number;
  /** sha256 of the ONNX weights. */
  checksum: string;
  weights: string;
}

/** Round-trip samples: diacritics, old-style tone marks already normalized, English, digits and symbols. */
const SAMPLES = ['Phòng, chống rửa tiền và tài trợ khủng bố', 'anti-money laundering 2025', 'Số 463/UBND-NC'];

export async function checkModel(config: EmbedderConfig): Promise<ModelReport> {
  const root = modelPath(config);
  const files = requiredModelFiles(config.dtype);
  let size = 0;
  for (const file of files) {
    const info = await stat(path.join(root, file)).catch(() => null);
    if (!info?.isFile()) throw new ModelCheckError(`${path.join(root, file)}: missing`);
    if (info.size === 0) throw new ModelCheckError(`${path.join(root, file)}: empty`);
    size += info.size;
  }
  await readJson(path.join(root, 'config.json'));
  await readJson(path.join(root, 'tokenizer.json'));
  await readJson(path.join(root, 'tokenizer_config.json'));
  await checkTokenizer(config);
  const weights = files.find((f) => f.endsWith('.onnx'))!;
  // Loading checks the weights parse, run, and give the dimension config.json declares; its reason names the file.
  const loaded = await loadEmbedder({ ...config, allowRemote: false });
  if (!loaded.embedder) throw new ModelCheckError(loaded.reason);
  const { embedder } = loaded;
  try {
    const [query] = await embedder.embedQueries([SAMPLES[0]!]);
    const [passage] = await embedder.embedPassages([SAMPLES[0]!]);
    for (const vector of [query, passage]) {
      let squares = 0;
      for (const x of vector ?? []) squares += x * x;
      if (!vector || !vector.every(Number.isFinite) || Math.abs(Math.sqrt(squares) - 1) > 1e-3)
        throw new ModelCheckError(
          `${path.join(root, weights)}: the smoke embedding is not a finite unit vector`,
        );
    }
    return {
      modelId: config.modelId,
      directory: root,
      dimension: embedder.dimension,
      dtype: config.dtype,
      size,
      checksum: await sha256(path.join(root, weights)),
      weights,
    };
  } finally {
    await embedder.close?.();
  }
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof value !== 'object' || value === null) throw new Error('not a JSON object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new ModelCheckError(
      `${file}: unreadable (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

async function checkTokenizer(config: EmbedderConfig): Promise<void> {
  const file = path.join(modelPath(config), 'tokenizer.json');
  const { AutoTokenizer, env } = await import('@huggingface/transformers');
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = config.modelDir.endsWith(path.sep) ? config.modelDir : `${config.modelDir}${path.sep}`;
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(config.modelId, { local_files_only: true });
  } catch (error) {
    throw new ModelCheckError(
      `${file}: does not load (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  // Word-piece tokenizers put spaces around punctuation and may lowercase: compare without either.
  const plain = (text: string): string => text.normalize('NFC').toLowerCase().replace(/\s+/g, '');
  for (const sample of SAMPLES) {
    const ids = tokenizer.encode(sample);
    const back = tokenizer.decode(ids, { skip_special_tokens: true }).trim();
    if (ids.length < 3 || plain(back) !== plain(sample))
      throw new ModelCheckError(`${file}: round trip changed "${sample}" into "${back}"`);
  }
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
