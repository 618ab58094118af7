/**
 * The embedder on a worker thread. A forward pass is synchronous native code: on the event loop it
 * would stop an API server from answering while it embeds, and a query-embedding timeout could not
 * fire. One thread per process hosts every model (embed-worker.ts says why only one); it runs each
 * passage batch as its own step, so a question waits for at most one batch of an ingest, and it does
 * not keep the process alive while idle.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../ingest/worker-start.js';
import type { EmbedderConfig } from './config.js';
import type { HostReply, HostRequest } from './embed-worker.js';
import type { Embedder, EmbedderLoadResult } from './port.js';
import type { FetchOptions } from './transformers.js';

type Settled = Exclude<HostReply, { progress: unknown }>;
type RequestBody = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, 'id'> : never) : never;

interface Waiting {
  settle: (reply: Settled) => void;
  onProgress?: FetchOptions['onProgress'];
}

/** The process's embedding thread, started on first use and kept (see embed-worker.ts). */
class EmbeddingHost {
  private static instance: EmbeddingHost | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private stopped: string | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: HostReply) => {
      const waiting = this.waiting.get(message.id);
      if (!waiting) return;
      if ('progress' in message) return waiting.onProgress?.(message.progress);
      this.waiting.delete(message.id);
      if (this.waiting.size === 0) worker.unref();
      waiting.settle(message);
    });
    const fail = (reason: string) => {
      this.stopped ??= reason;
      for (const [id, waiting] of this.waiting) waiting.settle({ id, error: this.failure() });
      this.waiting.clear();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    worker.unref();
  }

  static get(): EmbeddingHost {
    return (EmbeddingHost.instance ??= new EmbeddingHost(
      startWorker(new URL('./embed-worker.ts', import.meta.url), {}),
    ));
  }

  request(body: RequestBody, onProgress?: FetchOptions['onProgress']): Promise<Settled> {
    const id = this.nextId++;
    if (this.stopped !== null) return Promise.resolve({ id, error: this.failure() });
    return new Promise((settle) => {
      this.waiting.set(id, { settle, onProgress });
      this.worker.ref();
      this.worker.postMessage({ ...body, id } as HostRequest);
    });
  }

  private failure(): string {
    // A second thread cannot take over: onnxruntime-node stays bound to the first one.
    return `the embedding thread stopped (${this.stopped}); restart the process to use the model again`;
  }
}

export class ThreadedEmbedder implements Embedder {
  private closed = false;

  private constructor(
    private readonly handle: number,
    readonly modelId: string,
    readonly dimension: number,
    readonly version: string | undefined,
  ) {}

  /** Loads the model on the embedding thread; null and the reason when it cannot be loaded. */
  static async start(config: EmbedderConfig): Promise<EmbedderLoadResult> {
    const reply = await EmbeddingHost.get().request({ op: 'load', config });
    if ('loaded' in reply) {
      const { handle, modelId, dimension, version } = reply.loaded;
      return { embedder: new ThreadedEmbedder(handle, modelId, dimension, version) };
    }
    if ('unavailable' in reply) return { embedder: null, reason: reply.unavailable };
    return { embedder: null, reason: 'error' in reply ? reply.error : 'unexpected reply' };
  }

  /** Downloads on the embedding thread; rejects with the thread's message (`fetch`: a ModelFetchError). */
  static async fetch(
    config: EmbedderConfig,
    options: FetchOptions,
  ): Promise<{ error: string; fetch: boolean } | null> {
    const reply = await EmbeddingHost.get().request({ op: 'fetch', config }, options.onProgress);
    return 'error' in reply ? { error: reply.error, fetch: reply.fetch === true } : null;
  }

  embedQueries(texts: string[]): Promise<Float32Array[]> {
    return this.embed('query', texts);
  }

  embedPassages(texts: string[]): Promise<Float32Array[]> {
    return this.embed('passage', texts);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await EmbeddingHost.get().request({ op: 'close', handle: this.handle });
  }

  private async embed(kind: 'query' | 'passage', texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    if (this.closed) throw new Error(`model "${this.modelId}" was closed`);
    const reply = await EmbeddingHost.get().request({ op: 'embed', handle: this.handle, kind, texts });
    if ('vectors' in reply) return reply.vectors;
    throw new Error('error' in reply ? reply.error : 'unexpected reply from the embedding thread');
  }
}
