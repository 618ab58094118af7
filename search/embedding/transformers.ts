/**
 * Embedder adapter over @huggingface/transformers v3 (ONNX Runtime for Node). Loading never touches the
 * network unless remote models are allowed; downloads go through a staging directory so an interrupted
 * fetch never leaves a truncated model where the loader would pick it up.
 */
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureExtractionPipeline, Tensor } from '@huggingface/transformers';
import { normalizeText } from '../../ingest/text/normalize.js';
import { normalizeInPlace } from '../vector/unit.js';
import { type Int8Mode, withInt8Compute } from './onnx-int8.js';
import { type EmbedderConfig, missingModelFiles, modelPath, requiredModelFiles } from './config.js';
import type { Embedder, EmbedderLoadResult } from './port.js';
import { ThreadedEmbedder } from './threaded.js';

/** A download that did not complete; the message names the model and the reason. */
export class ModelFetchError extends Error {
  override name = 'ModelFetchError';
}

export interface FetchProgress {
  file: string;
  loaded: number;
  total: number;
}

export interface FetchOptions {
  onProgress?: (progress: FetchProgress) => void;
}

/** How long the hub gets to answer the first request: an unreachable hub should fail in seconds, not minutes. */
const REACHABILITY_TIMEOUT_MS = 15_000;

class TransformersEmbedder implements Embedder {
  constructor(
    readonly modelId: string,
    readonly dimension: number,
    private readonly extractor: FeatureExtractionPipeline,
    private readonly config: EmbedderConfig,
    readonly version: string,
  ) {}

  embedQueries(texts: string[]): Promise<Float32Array[]> {
    return this.embed(texts.map((text) => this.config.queryPrefix + normalizeText(text)));
  }

  embedPassages(texts: string[]): Promise<Float32Array[]> {
    return this.embed(texts.map((text) => this.config.passagePrefix + normalizeText(text)));
  }

  /**
   * Batches texts of similar length: a batch is padded to its longest text, so a short duty next to a
   * long one would cost as much as the long one (bench:embedding on the development corpus: 6.6 passages
   * per CPU-second in document order, batch 16; sorted, 11.4 at batch 16 and 15.0 at batch 8).
   */
  private async embed(texts: string[]): Promise<Float32Array[]> {
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length || a - b);
    const vectors: Float32Array[] = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += this.config.batchSize) {
      const batch = order.slice(start, start + this.config.batchSize);
      const pooled = await pooledEmbeddings(
        this.extractor,
        batch.map((i) => texts[i]!),
        this.config.maxTokens,
      );
      batch.forEach((i, j) => (vectors[i] = pooled[j]!));
    }
    return vectors;
  }
}

/**
 * Tokenizes (truncating at `maxTokens`), runs the model, then takes the mean over the attention-masked
 * tokens and L2-normalizes: how e5 and most sentence encoders are used. The pipeline's own call would
 * truncate only at the model's 512 positions.
 */
async function pooledEmbeddings(
  extractor: FeatureExtractionPipeline,
  texts: string[],
  maxTokens: number,
): Promise<Float32Array[]> {
  const inputs = extractor.tokenizer(texts, { padding: true, truncation: true, max_length: maxTokens });
  const outputs = (await extractor.model(inputs)) as Record<string, Tensor | undefined>;
  const hidden = outputs.last_hidden_state ?? outputs.token_embeddings ?? outputs.logits;
  if (!hidden)
    throw new Error(`the model has no last_hidden_state output (it has ${Object.keys(outputs).join(', ')})`);
  try {
    return meanPooled(hidden, inputs.attention_mask as Tensor, texts.length);
  } finally {
    for (const tensor of Object.values(outputs)) tensor?.dispose();
  }
}

/** Mean of each row's unmasked token states, L2-normalized. */
function meanPooled(hidden: Tensor, mask: Tensor, expectedRows: number): Float32Array[] {
  const [rows, length, dimension] = hidden.dims;
  if (hidden.dims.length !== 3 || rows !== expectedRows || !length || !dimension) {
    throw new Error(
      `model output has shape [${hidden.dims.join(', ')}], expected [${expectedRows}, tokens, dimension]`,
    );
  }
  const states = hidden.data as Float32Array;
  const attention = mask.data as BigInt64Array;
  return Array.from({ length: rows }, (_, row) => {
    const vector = new Float32Array(dimension);
    let tokens = 0;
    for (let t = 0; t < length; t++) {
      if (attention[row * length + t] === 0n) continue;
      tokens++;
      const offset = (row * length + t) * dimension;
      for (let d = 0; d < dimension; d++) vector[d]! += states[offset + d]!;
    }
    for (let d = 0; d < dimension; d++) vector[d]! /= Math.max(tokens, 1);
    return normalizeInPlace(vector);
  });
}

export interface LoadOptions extends FetchOptions {
  /**
   * Run the model on worker threads (the default): a forward pass is synchronous native code, so on the
   * caller's thread it would hold the event loop (an API server would stop answering while it embeds).
   * The worker itself loads in-process.
   */
  thread?: boolean;
}

/**
 * The model's embedder, or null and why not (model absent, download impossible, files corrupt, a
 * dimension other than config.json declares). Never throws and never waits on a network longer than
 * `config.timeoutMs`.
 */
export async function loadEmbedder(
  config: EmbedderConfig,
  options: LoadOptions = {},
): Promise<EmbedderLoadResult> {
  const missing = await missingModelFiles(config);
  if (missing.length > 0) {
    if (!config.allowRemote) {
      return {
        embedder: null,
        reason:
          `model "${config.modelId}" is not in ${modelPath(config)} (missing ${missing.join(', ')}); ` +
          'run `dutygraph model fetch` where a network is available, set DUTYGRAPH_MODEL_DIR to a directory ' +
          'that holds it, or set DUTYGRAPH_ALLOW_REMOTE_MODELS=1',
      };
    }
    try {
      await (options.thread === false ? downloadModel(config, options) : fetchModel(config, options));
    } catch (error) {
      return { embedder: null, reason: messageOf(error) };
    }
  }
  if (options.thread !== false) return ThreadedEmbedder.start({ ...config, allowRemote: false });
  try {
    return { embedder: await exclusive(() => openLocalModel(config)) };
  } catch (error) {
    return {
      embedder: null,
      reason: `model "${config.modelId}" in ${modelPath(config)} failed to load: ${messageOf(error)}`,
    };
  }
}

async function openLocalModel(config: EmbedderConfig): Promise<Embedder> {
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = withTrailingSeparator(config.modelDir);
  env.cacheDir = config.modelDir;
  const root = modelPath(config);
  const weightsFile = requiredModelFiles(config.dtype).find((f) => f.endsWith('.onnx'))!;
  const weights = path.join(root, weightsFile);
  const compute = config.int8Compute === 'off' ? null : await int8ComputeWeights(weights, config.int8Compute);
  // The rewritten weights reach the loader through transformers.js's custom-cache hook (the only way
  // to hand it bytes rather than a path); every other file is read from the model directory.
  env.useFSCache = compute === null;
  env.useCustomCache = compute !== null;
  env.customCache = compute && {
    match: async (key: string) =>
      path.resolve(key) === weights ? new Response(compute as Uint8Array<ArrayBuffer>) : undefined,
    put: async () => undefined,
  };
  const extractor = await pipeline('feature-extraction', config.modelId, {
    dtype: config.dtype,
    device: 'cpu',
    local_files_only: true,
    // One intra-op thread (config.ts says why); graph optimization stays at ONNX Runtime's default, "all".
    session_options: { intraOpNumThreads: config.threads, interOpNumThreads: 1, executionMode: 'sequential' },
  })
    .catch((error: unknown) => {
      // Loader messages rarely say which file is at fault; a model that does not parse is its weights.
      throw new Error(`${weights}: ${messageOf(error)}`);
    })
    .finally(() => {
      // The hook holds the rewritten weights (tens of MB): the session has its own copy now.
      env.customCache = null;
      env.useCustomCache = false;
      env.useFSCache = true;
    });
  // One forward pass proves the graph runs and tells the dimension, whatever config.json claims.
  const [probe] = await pooledEmbeddings(extractor, ['dutygraph'], config.maxTokens).catch(
    (error: unknown) => {
      throw new Error(`${weights}: the first forward pass failed (${messageOf(error)})`);
    },
  );
  if (!probe || !probe.every(Number.isFinite)) throw new Error(`${weights}: non-finite embedding`);
  const declared = await declaredDimension(path.join(root, 'config.json'));
  if (declared !== null && declared !== probe.length) {
    throw new Error(
      `${weights}: produces ${probe.length}-d embeddings, but config.json beside it declares hidden_size ${declared}`,
    );
  }
  // Size and modification time of the weights: a model imported or fetched again gets a new version.
  const { size, mtimeMs } = await stat(weights);
  // `block` keeps the suffix it had before `full` existed, so vectors cached with it stay valid.
  const suffix = { off: '', block: ':int8-compute', mixed: ':int8-mixed', full: ':int8-full' }[
    config.int8Compute
  ];
  const version = `${config.dtype}:${size}:${Math.round(mtimeMs)}${compute ? suffix : ''}`;
  return new TransformersEmbedder(config.modelId, probe.length, extractor, config, version);
}

/** The weights with int8 compute on their MatMulNBits nodes, or null when there is nothing to change. */
async function int8ComputeWeights(weights: string, mode: Int8Mode): Promise<Uint8Array | null> {
  const { model, converted, dense, levelled } = withInt8Compute(await readFile(weights), mode, weights);
  return converted + dense + levelled > 0 ? model : null;
}

/** hidden_size from config.json, or null when it does not say. */
async function declaredDimension(file: string): Promise<number | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: unreadable (${messageOf(error)})`, { cause: error });
  }
  const hidden = (parsed as { hidden_size?: unknown } | null)?.hidden_size;
  return typeof hidden === 'number' ? hidden : null;
}

/**
 * Downloads the model's files into `<modelDir>/<modelId>/`, replacing each file only once the whole set has
 * arrived. Throws ModelFetchError naming the model and the reason. Runs on the embedding thread, the
 * only one allowed to open ONNX sessions (embed-worker.ts), since the download does.
 */
export async function fetchModel(config: EmbedderConfig, options: FetchOptions = {}): Promise<void> {
  const failed = await ThreadedEmbedder.fetch(config, options);
  if (failed) throw failed.fetch ? new ModelFetchError(failed.error) : new Error(failed.error);
}

/** fetchModel, on the calling thread (the embedding thread's side). */
export async function downloadModel(config: EmbedderConfig, options: FetchOptions = {}): Promise<void> {
  const fail = (reason: string) =>
    new ModelFetchError(`cannot fetch model "${config.modelId}" from ${config.modelHost}: ${reason}`);
  await checkReachable(config, fail);
  let staging: string;
  try {
    await mkdir(config.modelDir, { recursive: true });
    // Inside the model directory, so the final renames stay on one file system.
    staging = await mkdtemp(path.join(config.modelDir, '.fetch-'));
  } catch (error) {
    throw fail(`cannot write to ${config.modelDir}: ${messageOf(error)}`);
  }
  try {
    // The timeout sits inside the lock so a stalled download releases it for the next load.
    const download = async () => {
      const { env, pipeline } = await import('@huggingface/transformers');
      env.allowLocalModels = true;
      env.allowRemoteModels = true;
      env.useFSCache = true;
      env.useCustomCache = false;
      env.remoteHost = config.modelHost;
      env.localModelPath = withTrailingSeparator(staging);
      env.cacheDir = staging;
      const extractor = await pipeline('feature-extraction', config.modelId, {
        dtype: config.dtype,
        device: 'cpu',
        cache_dir: staging,
        progress_callback: (event) => {
          if (event.status === 'progress' && options.onProgress) {
            options.onProgress({ file: event.file, loaded: event.loaded, total: event.total });
          }
        },
      });
      await extractor.dispose();
    };
    await exclusive(() =>
      withTimeout(download(), config.timeoutMs, () =>
        fail(`no complete download within ${config.timeoutMs} ms`),
      ),
    );
    const stagedModel = modelPath({ modelDir: staging, modelId: config.modelId });
    const incomplete = await missingModelFiles({ ...config, modelDir: staging });
    if (incomplete.length > 0) throw fail(`the download lacks ${incomplete.join(', ')}`);
    await moveTree(stagedModel, modelPath(config));
  } catch (error) {
    throw error instanceof ModelFetchError ? error : fail(messageOf(error));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Fails fast (seconds) with the network's own words when the hub cannot be reached or lacks the model. */
async function checkReachable(
  config: EmbedderConfig,
  fail: (reason: string) => ModelFetchError,
): Promise<void> {
  const url = `${config.modelHost}${config.modelId}/resolve/main/config.json`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'HEAD',
      signal: AbortSignal.timeout(Math.min(REACHABILITY_TIMEOUT_MS, config.timeoutMs)),
    });
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : messageOf(error);
    throw fail(
      error instanceof Error && error.name === 'TimeoutError' ? 'no answer from the host in time' : cause,
    );
  }
  if (!response.ok) throw fail(`HTTP ${response.status} for ${url}`);
}

/** Renames every file under `from` to the same place under `to`; each replacement is atomic. */
async function moveTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) await moveTree(source, target);
    else await rename(source, target);
  }
}

/** transformers.js keeps its settings in one global `env`; loads must not interleave their settings. */
let queue: Promise<unknown> = Promise.resolve();
function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
  });
  // The abandoned download may still settle later; its outcome no longer matters.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function withTrailingSeparator(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
