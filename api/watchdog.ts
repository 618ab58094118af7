/**
 * A shutdown deadline that holds even when the event loop is blocked (a synchronous write to a stuck
 * pipe, a runaway parse): a worker thread, started while the process is healthy, kills the process
 * with SIGKILL once armed and the deadline passes. The main thread's own timer cannot do this,
 * because it only fires when the loop runs.
 */
import { Worker } from 'node:worker_threads';

// Plain JavaScript evaluated in the worker: no loader, no imports from the project.
const WATCHDOG_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ deadlineMs }) => {
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), deadlineMs);
});
`;

export class Watchdog {
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(WATCHDOG_SOURCE, { eval: true, execArgv: [], stdout: true, stderr: true });
    // Idle until armed; it must never keep the process alive on its own.
    this.worker.unref();
  }

  /** After `deadlineMs` the process is killed, whatever the main thread is doing. */
  arm(deadlineMs: number): void {
    this.worker.postMessage({ deadlineMs });
  }
}
