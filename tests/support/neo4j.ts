/**
 * A real Neo4j Community server for tests, without Docker: the embedded launcher in tools/neo4j
 * (Bolt on 127.0.0.1, auth on), so neo4j-driver talks to it exactly as to a standalone server.
 *
 * Starting one takes seconds, so a whole run normally shares ONE server started by
 * tests/support/neo4j-global-setup.ts; `connectNeo4j()` uses it when present and starts a private
 * server otherwise (a single test file run on its own, or a config without the global setup).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { inject } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const moduleDir = join(repoRoot, 'tools/neo4j');
export const NEO4J_JAR = join(moduleDir, 'target/dutygraph-neo4j.jar');
export const NEO4J_BUILD_COMMAND = [
  'mvn',
  '-q',
  '-B',
  '-f',
  join(moduleDir, 'pom.xml'),
  'package',
  '-DskipTests',
];

const USER = 'neo4j';
const READY_PREFIX = 'BOLT_READY ';
/** Kept from the server's stderr for error messages; Neo4j itself logs to <home>/logs. */
const STDERR_TAIL_CHARS = 8_000;
const STOP_GRACE_MS = 30_000;
/** A first build downloads ~170 MB of Maven dependencies. */
const BUILD_LOCK_WAIT_MS = 600_000;

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
}

export interface Neo4jHandle extends Neo4jConnection {
  /** Neo4j home (data/ and logs/); reuse it with `startNeo4j({ home })` to test crash recovery. */
  home: string;
  /** SIGTERM, wait for a clean shutdown, then delete the home unless the caller supplied it. */
  stop(): Promise<void>;
  /** SIGKILL, for crash tests. Call `stop()` afterwards to clean up. */
  kill(): void;
}

export interface StartNeo4jOptions {
  /** Password of user `neo4j` (at least 8 characters); random by default. */
  password?: string;
  /** Bolt port on 127.0.0.1; 0 (default) lets the server pick a free one. */
  port?: number;
  /** An existing Neo4j home to reopen; it is then left in place on `stop()`. */
  home?: string;
  /** How long to wait until Bolt answers `RETURN 1`. */
  startTimeoutMs?: number;
  /** JVM heap limit. */
  heap?: string;
  /**
   * The JVM's full JIT (C1 then C2), as a long-running server has, for benchmarks of query latency. Tests
   * stop at C1, which starts faster but runs queries slower: the Neo4j search index's statements at 200k
   * passages took 75 ms of server time per search at C1, 42 ms with C2.
   */
  fullJit?: boolean;
}

export interface Neo4jAvailability {
  available: boolean;
  reason?: string;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Java runs the server; Maven builds it (needed even with a built jar, so a stale one can be rebuilt). */
export function neo4jAvailability(): Neo4jAvailability {
  const missing = ['java', 'mvn'].filter((command) => !onPath(command));
  if (missing.length === 0) return { available: true };
  return {
    available: false,
    reason: `${missing.join(' and ')} not found on PATH: the embedded Neo4j needs Java 17+ and Maven 3.8+ (tools/neo4j/README.md)`,
  };
}

/**
 * Gate for suites that need Neo4j: `describe.runIf(neo4jSuiteEnabled('graph/neo4j'))(...)`.
 * In CI a missing toolchain fails the run, because the Neo4j tests are mandatory there.
 */
export function neo4jSuiteEnabled(suite: string): boolean {
  const { available, reason } = neo4jAvailability();
  if (available) return true;
  if (process.env.CI) throw new Error(`${suite}: Neo4j tests are required in CI, but ${reason}`);
  console.warn(`\n*** SKIPPING ${suite}: ${reason} ***\n`);
  return false;
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

function jarIsCurrent(): boolean {
  if (!existsSync(NEO4J_JAR) || !existsSync(join(moduleDir, 'target/lib'))) return false;
  const sources = Math.max(newestMtime(join(moduleDir, 'pom.xml')), newestMtime(join(moduleDir, 'src')));
  return statSync(NEO4J_JAR).mtimeMs >= sources;
}

function run(command: string[], label: string): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const [executable, ...args] = command as [string, ...string[]];
    const child = spawn(executable, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-STDERR_TAIL_CHARS);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => reject(new Error(`${label}: cannot run ${executable}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolveRun();
      else reject(new Error(`${label} failed (exit ${code}): ${command.join(' ')}\n${output}`));
    });
  });
}

function holderIsGone(lockDir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
  } catch {
    return false; // the holder has not written its pid yet
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Test files run in parallel worker processes, and several may find the jar stale at once: a lock
 * directory (mkdir is atomic) lets one Maven build run while the others wait for it.
 */
async function withBuildLock(work: () => Promise<void>): Promise<void> {
  const lockDir = join(moduleDir, 'target/.build-lock');
  await mkdir(dirname(lockDir), { recursive: true });
  const deadline = Date.now() + BUILD_LOCK_WAIT_MS;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (holderIsGone(lockDir)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `waited ${BUILD_LOCK_WAIT_MS / 1000} s for another build of tools/neo4j (lock ${lockDir})`,
      );
    }
    await sleep(500);
  }
  try {
    await writeFile(join(lockDir, 'pid'), String(process.pid));
    await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/** Builds tools/neo4j when its jar is missing or older than its sources. */
export async function ensureNeo4jJar(): Promise<void> {
  const { available, reason } = neo4jAvailability();
  if (!available) throw new Error(`cannot start Neo4j: ${reason}`);
  if (jarIsCurrent()) return;
  await withBuildLock(async () => {
    if (!jarIsCurrent()) await run(NEO4J_BUILD_COMMAND, 'building the embedded Neo4j');
  });
}

async function answersQuery(connection: Neo4jConnection): Promise<unknown> {
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password));
  try {
    const session = driver.session();
    try {
      await session.run('RETURN 1 AS one');
      return undefined;
    } finally {
      await session.close();
    }
  } catch (error) {
    return error;
  } finally {
    await driver.close();
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

async function logTail(home: string): Promise<string> {
  try {
    const lines = (await readFile(join(home, 'logs/debug.log'), 'utf8')).trimEnd().split('\n');
    return lines.slice(-15).join('\n');
  } catch {
    return '(no debug.log)';
  }
}

/**
 * Starts a Neo4j server in a fresh temp dir (or `options.home`) and resolves once Bolt answers
 * `RETURN 1` with the configured credentials.
 */
export async function startNeo4j(options: StartNeo4jOptions = {}): Promise<Neo4jHandle> {
  await ensureNeo4jJar();
  const password = options.password ?? randomBytes(12).toString('hex');
  const ownsHome = options.home === undefined;
  const home = options.home ?? (await mkdtemp(join(tmpdir(), 'dutygraph-neo4j-')));
  const timeoutMs = options.startTimeoutMs ?? 120_000;

  // C1-only JIT halves the CPU spent starting up (measured ~17 s -> ~9 s of CPU); test queries are
  // too short to profit from C2.
  const args = [
    `-Xmx${options.heap ?? '512m'}`,
    ...(options.fullJit ? [] : ['-XX:TieredStopAtLevel=1']),
    '-jar',
    NEO4J_JAR,
    '--home',
    home,
  ];
  args.push('--port', String(options.port ?? 0), '--stop-on-stdin-eof');
  // Password through the environment so it does not show up in `ps`. stdin stays open as a
  // lifeline: if this process dies, the server sees EOF and shuts down.
  const child = spawn('java', args, {
    env: { ...process.env, NEO4J_PASSWORD: password },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL_CHARS);
  });
  let stdout = '';
  const ready = new Promise<string>((resolveReady, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(READY_PREFIX));
      if (line) resolveReady(line.slice(READY_PREFIX.length).trim());
    });
    child.on('error', (error) => reject(new Error(`cannot run java: ${error.message}`)));
    child.on('exit', (code, signal) =>
      reject(new Error(`the server exited early (${signal ?? `exit ${code}`})`)),
    );
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await withTimeout(exited(child), STOP_GRACE_MS, 'no clean shutdown').catch(async () => {
          child.kill('SIGKILL');
          await exited(child);
        });
      }
      if (ownsHome) await rm(home, { recursive: true, force: true });
    })();
    return stopping;
  };

  const deadline = Date.now() + timeoutMs;
  try {
    const uri = await withTimeout(ready, timeoutMs, `no ${READY_PREFIX.trim()} line within ${timeoutMs} ms`);
    const connection = { uri, user: USER, password };
    let failure = await answersQuery(connection);
    while (failure !== undefined && Date.now() < deadline) {
      await sleep(250);
      failure = await answersQuery(connection);
    }
    if (failure !== undefined) {
      throw new Error(`Bolt at ${uri} did not answer RETURN 1: ${(failure as Error).message}`);
    }
    return { ...connection, home, stop, kill: () => void child.kill('SIGKILL') };
  } catch (error) {
    const log = await logTail(home);
    await stop();
    throw new Error(
      `Neo4j did not start: ${(error as Error).message}\n--- server stderr ---\n${stderr || '(empty)'}\n` +
        `--- Neo4j logs/debug.log (last lines) ---\n${log}`,
      { cause: error },
    );
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run-wide server from neo4j-global-setup.ts; null when it is not running. */
    neo4j: Neo4jConnection | null;
  }
}

export interface Neo4jLease extends Neo4jConnection {
  /** Stops the server if this lease started it; the shared one is left to the global teardown. */
  release(): Promise<void>;
}

/** The run-wide server when the global setup provided one, otherwise a private server. */
export async function connectNeo4j(): Promise<Neo4jLease> {
  const shared = inject('neo4j');
  if (shared) return { ...shared, release: async () => {} };
  const handle = await startNeo4j();
  return { uri: handle.uri, user: handle.user, password: handle.password, release: handle.stop };
}
