/**
 * One thread of the extraction pool (pool.ts): reads and extracts uploaded files posted to it, so a
 * heavy file never holds the server's event loop. Failures travel back as plain data and become the
 * same errors on the other side.
 */
import { parentPort } from 'node:worker_threads';
import { ExtractError, extractBuffer } from './pipeline.js';
import { ReadError } from './readers/index.js';
import type { Bundle, CitedDocument } from './schema.js';

export interface ExtractJob {
  id: number;
  name: string;
  data: Uint8Array;
  known: CitedDocument[];
  maxBytes?: number;
}

export type JobFailure =
  | { kind: 'read'; source: string; code: ReadError['code']; message: string }
  | { kind: 'extract'; source: string; code: ExtractError['code']; message: string }
  | { kind: 'other'; message: string };

export type ExtractReply =
  { id: number; ok: true; bundle: Bundle } | { id: number; ok: false; failure: JobFailure };

function describe(error: unknown): JobFailure {
  if (error instanceof ReadError)
    return { kind: 'read', source: error.source, code: error.code, message: error.message };
  if (error instanceof ExtractError)
    return { kind: 'extract', source: error.source, code: error.code, message: error.message };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

const port = parentPort;
if (!port) throw new Error('extract-worker.ts must run in a worker thread');
port.on('message', (job: ExtractJob) => {
  extractBuffer(job.name, job.data, { known: job.known, maxBytes: job.maxBytes }).then(
    (bundle) => port.postMessage({ id: job.id, ok: true, bundle } satisfies ExtractReply),
    (error: unknown) =>
      port.postMessage({ id: job.id, ok: false, failure: describe(error) } satisfies ExtractReply),
  );
});
