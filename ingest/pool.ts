/**
 * A bounded pool of extraction threads for uploads: at most `size` files are read at once (one per
 * core by default), at most `queueLimit` wait, and anything beyond is refused at once with
 * PoolBusyError (the API answers 503 + Retry-After) instead of piling up in memory. A thread that
 * dies (out of memory) or overruns the deadline is replaced and its file refused with a clear error.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ExtractJob, ExtractReply, JobFailure } from './extract-worker.js';
import { ExtractError } from './pipeline.js';
import { ReadError } from './readers/index.js';
import type { Bundle, CitedDocument } from './schema.js';
import { startWorker } from './worker-start.js';

export const DEFAULT_JOB_TIMEOUT_MS = 120_000;
const WORKER_HEAP_MB = 1536;

/** Too many uploads are being read or waiting; try again shortly. */
export class PoolBusyError extends Error {
  override name = 'PoolBusyError';
  constructor(readonly retryAfterSeconds: number) {
    super(`the server is busy reading other uploads; retry in ${retryAfterSeconds} s`);
  }
}

export interface PoolOptions {
  size?: number;
  queueLimit?: number;
  timeoutMs?: number;
}

interface Pending {
  job: ExtractJob;
  resolve: (bundle: Bundle) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  timer?: NodeJS.Timeout;
}

function toError(failure: JobFailure): Error {
  if (failure.kind === 'read') return new ReadError(failure.source, failure.code, failure.message);
  if (failure.kind === 'extract') return new ExtractError(failure.source, failure.code, failure.message);
  return new Error(failure.message);
}

export class ExtractionPool {
  readonly size: number;
  private readonly queueLimit: number;
  private readonly timeoutMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    this.queueLimit = Math.max(0, options.queueLimit ?? this.size * 4);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  }

  /** Reads and extracts one uploaded file on a pool thread; throws ReadError, ExtractError or PoolBusyError. */
  extract(name: string, data: Uint8Array, known: CitedDocument[], maxBytes?: number): Promise<Bundle> {
    if (this.closed) return Promise.reject(new Error('the extraction pool is closed'));
    const idle =
      this.slots.find((s) => !s.busy) ?? (this.slots.length < this.size ? this.spawn() : undefined);
    if (!idle && this.queue.length >= this.queueLimit) return Promise.reject(new PoolBusyError(5));
    return new Promise<Bundle>((resolve, reject) => {
      const pending = { job: { id: this.nextId++, name, data, known, maxBytes }, resolve, reject };
      if (idle) this.assign(idle, pending);
      else this.queue.push(pending);
    });
  }

  /** How many files are being read and how many wait. */
  load(): { running: number; queued: number } {
    return { running: this.slots.filter((s) => s.busy).length, queued: this.queue.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('the extraction pool is closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = startWorker(new URL('./extract-worker.ts', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    // Idle threads must not keep the process alive.
    worker.unref();
    const slot: Slot = { worker, busy: null };
    worker.on('message', (reply: ExtractReply) => {
      const pending = slot.busy;
      if (!pending || pending.job.id !== reply.id) return;
      this.release(slot);
      if (reply.ok) pending.resolve(reply.bundle);
      else pending.reject(toError(reply.failure));
    });
    const fail = (error: Error) => {
      const pending = slot.busy;
      this.discard(slot);
      pending?.reject(error);
    };
    worker.on('error', (error: Error & { code?: string }) => {
      const name = slot.busy?.job.name ?? 'the upload';
      fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ReadError(
              name,
              'too-large',
              `${name}: reading it needs more than ${WORKER_HEAP_MB} MB of memory`,
            )
          : new Error(`extraction thread failed on ${name}: ${error.message}`),
      );
    });
    worker.on('exit', (code) => {
      if (this.slots.includes(slot))
        fail(new Error(`extraction thread stopped unexpectedly (exit code ${code})`));
    });
    this.slots.push(slot);
    return slot;
  }

  private assign(slot: Slot, pending: Pending) {
    slot.busy = pending;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      const name = pending.job.name;
      this.discard(slot);
      pending.reject(
        new ReadError(
          name,
          'corrupt',
          `${name}: reading did not finish within ${this.timeoutMs / 1000} s (damaged or pathological file)`,
        ),
      );
    }, this.timeoutMs);
    slot.worker.postMessage(pending.job);
  }

  private release(slot: Slot) {
    clearTimeout(slot.timer);
    slot.busy = null;
    slot.worker.unref();
    const next = this.queue.shift();
    if (next) this.assign(slot, next);
  }

  /** Drops a broken or overrunning thread; the next file waiting gets a fresh one. */
  private discard(slot: Slot) {
    clearTimeout(slot.timer);
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    slot.busy = null;
    void slot.worker.terminate();
    const next = this.queue.shift();
    if (next && !this.closed) this.assign(this.spawn(), next);
  }
}
