/**
 * `dutygraph serve [--port] [--host] [store options] [--ingest <paths…>]`: the HTTP API (and the web
 * explorer when built). `--ingest` writes the given files into the store and the search index before
 * listening; unchanged files are a no-op, so restarting with the same paths is cheap.
 */
import type { Command } from 'commander';
import { pino } from 'pino';
import { buildApp } from '../../api/app.js';
import { ApiConfigError, apiConfigFromEnv } from '../../api/config.js';
import { type Library, openLibrary } from '../../api/library.js';
import { DEFAULT_LOG_BUFFER_BYTES, LogSink } from '../../api/log-sink.js';
import { installShutdown, listen, SHUTDOWN_TIMEOUT_MS } from '../../api/server.js';
import { ExtractionPool } from '../../ingest/pool.js';
import { UserError } from '../errors.js';
import {
  addStoreOptions,
  asUserError,
  integerFlag,
  type StoreFlags,
  storeOptions,
} from '../store-options.js';

interface ServeFlags extends StoreFlags {
  port: number;
  host: string;
  ingest?: string[];
}

/** A positive whole number from the environment, or the default; anything else is a usage error. */
function positiveEnv(name: string, fallback: number, unit: string): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new UserError(`${name}: expected a positive whole number of ${unit} (got "${raw}")`);
  return value;
}

async function ingestBeforeListening(library: Library, paths: string[]): Promise<void> {
  const { outcomes, errors } = await library.ingestPaths(paths);
  for (const e of errors) process.stderr.write(`dutygraph: skipped ${e.message}\n`);
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  process.stdout.write(
    `ingested ${paths.join(', ')}: ${count('added')} added, ${count('updated')} updated, ` +
      `${count('unchanged')} unchanged, ${errors.length} failed\n`,
  );
  if (outcomes.length === 0 && errors.length > 0) {
    throw new UserError(`--ingest: none of the ${errors.length} input files could be ingested`);
  }
}

export function registerServe(program: Command): void {
  addStoreOptions(
    program
      .command('serve')
      .description('Serve the HTTP API (OpenAPI docs at /docs) and the web explorer when built')
      .option('--port <number>', 'TCP port (0 picks a free one)', integerFlag, 8080)
      .option('--host <address>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
      .option('--ingest <paths...>', 'ingest these files or directories before listening (idempotent)'),
  ).action(async (flags: ServeFlags) => {
    if (flags.port < 0 || flags.port > 65535)
      throw new UserError(`--port must be from 0 to 65535, got ${flags.port}`);
    let config;
    try {
      config = apiConfigFromEnv();
    } catch (error) {
      throw error instanceof ApiConfigError ? new UserError(error.message) : error;
    }
    let library: Library;
    try {
      library = await openLibrary({
        ...storeOptions(flags),
        // Uploads are read off the event loop, so probes and searches are answered meanwhile.
        pool: new ExtractionPool(),
        onWarning: (message) => process.stderr.write(`dutygraph: ${message}\n`),
      });
    } catch (error) {
      throw asUserError(error);
    }
    const timeoutMs = positiveEnv('DUTYGRAPH_SHUTDOWN_TIMEOUT_MS', SHUTDOWN_TIMEOUT_MS, 'milliseconds');
    // Log lines go through a bounded asynchronous queue: a stuck reader of stdout never blocks the server.
    const logSink = new LogSink(
      1,
      positiveEnv('DUTYGRAPH_LOG_BUFFER_BYTES', DEFAULT_LOG_BUFFER_BYTES, 'bytes'),
    );
    const app = await buildApp({ library, config, logger: pino({ level: config.logLevel }, logSink) });
    const shutdown = installShutdown(app, library, { timeoutMs, logSink });
    try {
      if (flags.ingest?.length) await ingestBeforeListening(library, flags.ingest);
      const url = await listen(app, flags.host, flags.port);
      shutdown.onSignals();
      logSink.write(`dutygraph API listening on ${url} (docs: ${url}/docs, ${library.store.kind} store)\n`);
      if (config.apiKeys.length === 0) {
        logSink.write('write routes are disabled: set DUTYGRAPH_API_KEYS to enable uploads and deletes\n');
      }
    } catch (error) {
      await app.close().catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw new UserError(`${flags.host}:${flags.port} is already in use; pass another --port`);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
        throw new UserError(`--host ${flags.host}: no such local address`);
      if (code === 'EACCES')
        throw new UserError(`not allowed to listen on ${flags.host}:${flags.port}; use a port above 1023`);
      throw asUserError(error);
    }
  });
}
