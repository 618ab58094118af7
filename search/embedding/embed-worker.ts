/**
 * The embedding thread (threaded.ts): every model of the process is loaded, run and downloaded here.
 * onnxruntime-node 1.21 keeps process-global state bound to the first thread that opens a session, so
 * only one thread may ever use it. Vectors travel back as transferred buffers (no copy).
 */
import { parentPort } from 'node:worker_threads';
import type { EmbedderConfig } from './config.js';
import type { Embedder } from './port.js';
import { downloadModel, type FetchProgress, loadEmbedder, ModelFetchError } from './transformers.js';

export type HostRequest = { id: number } & (
  | { op: 'load'; config: EmbedderConfig }
  | { op: 'embed'; handle: number; kind: 'query' | 'passage'; texts: string[] }
  | { op: 'close'; handle: number }
  | { op: 'fetch'; config: EmbedderConfig }
);

export type HostReply = { id: number } & (
  | { loaded: { handle: number; modelId: string; dimension: number; version?: string } }
  | { unavailable: string }
  | { vectors: Float32Array[] }
  | { done: true }
  | { progress: FetchProgress }
  | { error: string; fetch?: boolean }
);

const port = parentPort!;
const models = new Map<number, Embedder>();
const reply = (message: HostReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function handle(request: HostRequest): Promise<void> {
  const { id } = request;
  switch (request.op) {
    case 'load': {
      const loaded = await loadEmbedder(request.config, { thread: false });
      if (!loaded.embedder) return reply({ id, unavailable: loaded.reason });
      models.set(id, loaded.embedder);
      const { modelId, dimension, version } = loaded.embedder;
      return reply({ id, loaded: { handle: id, modelId, dimension, version } });
    }
    case 'embed': {
      const model = models.get(request.handle);
      if (!model) return reply({ id, error: 'the model was closed' });
      const vectors =
        request.kind === 'query'
          ? await model.embedQueries(request.texts)
          : await model.embedPassages(request.texts);
      return reply(
        { id, vectors },
        vectors.map((v) => v.buffer as ArrayBuffer),
      );
    }
    case 'close': {
      await models.get(request.handle)?.close?.();
      models.delete(request.handle);
      return reply({ id, done: true });
    }
    case 'fetch': {
      await downloadModel(request.config, { onProgress: (progress) => reply({ id, progress }) });
      return reply({ id, done: true });
    }
  }
}

port.on('message', (request: HostRequest) => {
  handle(request).catch((error: unknown) =>
    reply({ id: request.id, error: messageOf(error), fetch: error instanceof ModelFetchError }),
  );
});
