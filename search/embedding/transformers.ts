/**
 * Embedder adapter over @huggingface/transformers v3 (ONNX Runtime for Node). Loading never touches the
 * network unless remote models are allowed; downloads go through a staging directory so an interrupted
 * fetch never leaves a truncated model where the loader would pick it up.
 */
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { normalizeText } from '../../ingest/text/normalize.js';
import { type EmbedderConfig, missingModelFiles, modelPath } from './config.js';
import type { Embedder, EmbedderLoadResult } from './port.js';

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
  ) {}

  embedQueries(texts: string[]): Promise<Float32Array[]> {
    return this.embed(texts.map((text) => this.config.queryPrefix + normalizeText(text)));
  }

  embedPassages(texts: string[]): Promise<Float32Array[]> {
    return this.embed(texts.map((text) => this.config.passagePrefix + normalizeText(text)));
  }

  private async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.config.batchSize) {
      vectors.push(
        ...(await pooledEmbeddings(this.extractor, texts.slice(start, start + this.config.batchSize))),
      );
    }
    return vectors;
  }
}

/** Mean over the attention-masked tokens, then L2 normalization: how e5 and most sentence encoders are used. */
async function pooledEmbeddings(
  extractor: FeatureExtractionPipeline,
  texts: string[],
): Promise<Float32Array[]> {
  const output = await extractor(texts, { pooling: 'mean', normalize: true });
  try {
    const [rows, dimension] = output.dims;
    if (output.dims.length !== 2 || rows !== texts.length || !dimension) {
      throw new Error(
        `model output has shape [${output.dims.join(', ')}], expected [${texts.length}, dimension]`,
      );
    }
    const data = output.data as Float32Array;
    return Array.from({ length: rows }, (_, row) => data.slice(row * dimension, (row + 1) * dimension));
  } finally {
    output.dispose();
  }
}

/**
 * The model's embedder, or null and why not (model absent, download impossible, files corrupt). Never
 * throws and never waits on a network longer than `config.timeoutMs`.
 */
export async function loadEmbedder(
  config: EmbedderConfig,
  options: FetchOptions = {},
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
      await fetchModel(config, options);
    } catch (error) {
      return { embedder: null, reason: messageOf(error) };
    }
  }
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
  const extractor = await pipeline('feature-extraction', config.modelId, {
    dtype: config.dtype,
    device: 'cpu',
    local_files_only: true,
    session_options: { intraOpNumThreads: config.threads, interOpNumThreads: 1 },
  });
  // One forward pass proves the graph runs and tells the dimension, whatever config.json claims.
  const [probe] = await pooledEmbeddings(extractor, ['dutygraph']);
  if (!probe || !probe.every(Number.isFinite)) throw new Error('the model produced a non-finite embedding');
  return new TransformersEmbedder(config.modelId, probe.length, extractor, config);
}

/**
 * Downloads the model's files into `<modelDir>/<modelId>/`, replacing each file only once the whole set has
 * arrived. Throws ModelFetchError naming the model and the reason.
 */
export async function fetchModel(config: EmbedderConfig, options: FetchOptions = {}): Promise<void> {
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
