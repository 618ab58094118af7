/**
 * Running the API: listen, report the URL, and shut down gracefully on SIGTERM/SIGINT (stop
 * accepting, finish in-flight requests, close the store), with a deadline so a stuck request cannot
 * keep the process alive. A second signal exits at once.
 */
import type { FastifyInstance } from 'fastify';
import type { Library } from './library.js';

export const SHUTDOWN_TIMEOUT_MS = 20_000;

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

export function shutdownOnSignals(app: FastifyInstance, timeoutMs = SHUTDOWN_TIMEOUT_MS): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      app.log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const deadline = setTimeout(() => {
      app.log.error(`shutdown took longer than ${timeoutMs} ms; exiting`);
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    app.close().then(
      () => {
        clearTimeout(deadline);
        app.log.info('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
