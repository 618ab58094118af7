/**
 * Where the server's log lines go: a bounded in-memory queue drained by asynchronous writes to a file
 * descriptor. A slow or stuck reader (a full pipe) never blocks a request or the shutdown: when the
 * queue is full, new lines are dropped and counted, and the final flush waits only up to a deadline.
 * (pino's default destination writes synchronously and retries a full pipe forever.)
 */
import { write as writeFd } from 'node:fs';

export const DEFAULT_LOG_BUFFER_BYTES = 4 * 1024 * 1024;
/** A non-blocking descriptor that is full answers EAGAIN: try again after this pause. */
const RETRY_MS = 25;

export interface LogSinkStats {
  /** Bytes waiting to be written (queued and in flight). */
  pendingBytes: number;
  /** Lines refused because the queue was full. */
  droppedLines: number;
}

export class LogSink {
  private queue: Buffer[] = [];
  private pending = 0;
  private dropped = 0;
  private writing = false;
  private idle: Array<() => void> = [];

  constructor(
    private readonly fd: number,
    private readonly maxBytes = DEFAULT_LOG_BUFFER_BYTES,
  ) {}

  /** pino's destination interface: never blocks, never throws. */
  write(line: string): boolean {
    const bytes = Buffer.from(line);
    if (this.pending + bytes.length > this.maxBytes) {
      this.dropped++;
      return true;
    }
    this.queue.push(bytes);
    this.pending += bytes.length;
    this.pump();
    return true;
  }

  stats(): LogSinkStats {
    return { pendingBytes: this.pending, droppedLines: this.dropped };
  }

  /** Resolves once everything queued is written, or after `deadlineMs`, whichever comes first. */
  flush(deadlineMs: number): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => {
      // Kept referenced: it is bounded, and it holds the process until the lines are out or time is up.
      const timer = setTimeout(resolve, deadlineMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private pump(): void {
    if (this.writing || this.queue.length === 0) return;
    this.writing = true;
    const chunk = this.queue.length === 1 ? this.queue[0]! : Buffer.concat(this.queue);
    this.queue = [];
    this.writeChunk(chunk);
  }

  private writeChunk(chunk: Buffer): void {
    // A blocking descriptor that is full parks this write on a libuv thread, not on the event loop.
    writeFd(this.fd, chunk, (error, written) => {
      if (error) {
        if (error.code === 'EAGAIN') {
          setTimeout(() => this.writeChunk(chunk), RETRY_MS).unref();
          return;
        }
        // The reader is gone (EPIPE) or the descriptor is closed: nothing can be logged any more.
        this.dropped += this.queue.length + 1;
        this.queue = [];
        this.pending = 0;
        this.done();
        return;
      }
      this.pending -= written;
      if (written < chunk.length) {
        this.writeChunk(chunk.subarray(written));
        return;
      }
      this.writing = false;
      if (this.queue.length > 0) this.pump();
      else this.done();
    });
  }

  private done(): void {
    this.writing = false;
    if (this.pending > 0) return;
    const waiting = this.idle;
    this.idle = [];
    for (const resolve of waiting) resolve();
  }
}
