/**
 * Running the API: listen, report the URL, and shut down gracefully on SIGTERM/SIGINT: requests
 * already received finish (uploads included), new ones get 503 problem+json with `Connection: close`,
 * the store is closed, the log is flushed — all under one deadline. The deadline holds even if the
 * event loop is blocked (a watchdog thread kills the process) and the log flush has its own short
 * deadline, so a stuck log reader cannot keep the process alive. A second signal exits at once.
 */
import type { FastifyInstance } from 'fastify';
import type { Library } from './library.js';
import { LogSink } from './log-sink.js';
import { ApiProblem } from './problem.js';
import { Watchdog } from './watchdog.js';

export const SHUTDOWN_TIMEOUT_MS = 20_000;
/** How long the exit may wait for buffered log lines to reach a slow reader. */
const LOG_FLUSH_MS = 1000;
/** The watchdog fires this long after the shutdown deadline, if the loop never got to honour it. */
const WATCHDOG_GRACE_MS = 2000;

export interface ShutdownOptions {
  timeoutMs?: number;
  /** The log destination to flush (with a deadline) before exiting. */
  logSink?: LogSink;
}

export interface Shutdown {
  /** Installs the SIGTERM/SIGINT handlers (after listening). */
  onSignals(): void;
}

/**
 * Wires a graceful shutdown into the app; call before it is ready (it adds hooks). The library is
 * closed when the app closes, after in-flight requests are done.
 */
export function installShutdown(
  app: FastifyInstance,
  library: Library,
  options: ShutdownOptions = {},
): Shutdown {
  const timeoutMs = options.timeoutMs ?? SHUTDOWN_TIMEOUT_MS;
  let closing = false;
  // Started now, while the process is healthy: a thread started during a stuck shutdown may never run.
  const watchdog = new Watchdog();
  app.addHook('onRequest', async () => {
    if (closing) {
      throw new ApiProblem(503, 'shutting-down', 'the server is shutting down; retry shortly', undefined, {
        'retry-after': '5',
        connection: 'close',
      });
    }
  });
  closeWithApp(app, library);

  const exit = async (code: number) => {
    const sink = options.logSink;
    if (sink) {
      await sink.flush(LOG_FLUSH_MS);
      const { droppedLines, pendingBytes } = sink.stats();
      if (droppedLines > 0 || pendingBytes > 0) {
        // stderr through a sink of its own too: it may be as stuck as stdout.
        const stderr = new LogSink(2);
        stderr.write(
          `dutygraph: the log reader was too slow: ${droppedLines} log lines dropped, ${pendingBytes} bytes unwritten\n`,
        );
        await stderr.flush(LOG_FLUSH_MS);
      }
    }
    process.exit(code);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      app.log.warn({ signal }, 'second signal: exiting without waiting');
      void exit(1);
      return;
    }
    closing = true;
    watchdog.arm(timeoutMs + LOG_FLUSH_MS + WATCHDOG_GRACE_MS);
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const deadline = setTimeout(() => {
      app.log.error(`shutdown took longer than ${timeoutMs} ms; exiting`);
      void exit(1);
    }, timeoutMs);
    deadline.unref();
    app.close().then(
      () => {
        clearTimeout(deadline);
        const dropped = options.logSink?.stats().droppedLines ?? 0;
        app.log.info({ droppedLogLines: dropped }, 'shut down cleanly');
        void exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'error while shutting down');
        void exit(1);
      },
    );
  };
  return {
    onSignals() {
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    },
  };
}

/** Closes the library when the app closes, after in-flight requests are done. */
export function closeWithApp(app: FastifyInstance, library: Library): void {
  app.addHook('onClose', async () => {
    await library.close();
  });
}

/** Listens and returns the URL a browser would use (loopback for wildcard hosts). */
export async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${actualPort}`;
}
