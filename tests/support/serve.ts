/**
 * `dutygraph serve` as a real child process on a real socket, for tests and benchmarks that need the
 * whole server (start-up, logs, signals) rather than an in-process app.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LISTENING = /listening on (http:\/\/\S+)/;
/** Output kept for error messages and log assertions; a long run must not grow without bound. */
const OUTPUT_TAIL_CHARS = 1_000_000;

export interface ServeExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServeProcess {
  child: ChildProcess;
  /** Resolves with the base URL once the server listens; rejects if the process exits first. */
  url: Promise<string>;
  exited: Promise<ServeExit>;
  stdout(): string;
  stderr(): string;
}

export interface ServeOptions {
  dataDir: string;
  /** 0 (default) lets the server pick a free port. */
  port?: number;
  /** Arguments after `serve --data-dir <dir> --port <port>`. */
  args?: string[];
  /** Added to (and overriding) the defaults: rate limit off, warn logs, no model. */
  env?: Record<string, string | undefined>;
}

export function spawnServe({ dataDir, port = 0, args = [], env = {} }: ServeOptions): ServeProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/main.ts', 'serve', '--data-dir', dataDir, '--port', String(port), ...args],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        DUTYGRAPH_RATE_LIMIT: 'off',
        DUTYGRAPH_LOG_LEVEL: 'warn',
        // A directory that does not exist: no model, lexical search, unless the caller names one.
        DUTYGRAPH_MODEL_DIR: path.join(dataDir, 'no-models'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  const keep = (all: string, chunk: Buffer) => (all + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  child.stdout!.on('data', (chunk: Buffer) => (stdout = keep(stdout, chunk)));
  child.stderr!.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
  const exited = new Promise<ServeExit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = LISTENING.exec(stdout);
      if (!match) return;
      child.stdout!.off('data', onData);
      resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) =>
      reject(new Error(`serve exited (${code ?? signal}) before listening:\n${stdout}\n${stderr}`)),
    );
  });
  url.catch(() => undefined);
  return { child, url, exited, stdout: () => stdout, stderr: () => stderr };
}
