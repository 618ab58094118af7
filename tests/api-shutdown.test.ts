/**
 * Shutdown that nothing can hold up: a log reader that never reads (the pipe fills) does not stop
 * requests or the exit, and the shutdown deadline holds even when the event loop is blocked.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, repoRoot } from './support/api-app.js';
import { spawnServe } from './support/serve.js';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'dutygraph-shutdown-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function exitOf(child: ReturnType<typeof spawn>) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
}

describe('shutdown', () => {
  it('serves and exits while nobody reads its log pipe', async () => {
    const server = spawnServe({
      dataDir,
      args: ['--store', 'embedded'],
      env: {
        DUTYGRAPH_API_KEYS: API_KEY,
        DUTYGRAPH_LOG_LEVEL: 'info',
        DUTYGRAPH_LOG_BUFFER_BYTES: '16384',
        DUTYGRAPH_SHUTDOWN_TIMEOUT_MS: '5000',
      },
    });
    const url = await server.url;
    // From here on nobody reads stdout: the pipe fills and stays full.
    server.child.stdout!.removeAllListeners('data');
    server.child.stdout!.pause();

    // Far more log output (two lines of ~300 bytes per request) than the pipe and the sink can hold.
    const statuses: number[] = [];
    const client = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const response = await fetch(`${url}/api/categories`);
        await response.arrayBuffer();
        statuses.push(response.status);
      }
    };
    await Promise.all(Array.from({ length: 8 }, () => client(250)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(2000);

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(server.stderr()).toMatch(/the log reader was too slow: [1-9]\d* log lines dropped/);
  });

  it('the watchdog ends a process whose event loop is blocked', async () => {
    const script = `
      const { Watchdog } = await import(${JSON.stringify(path.join(repoRoot, 'api/watchdog.ts'))});
      new Watchdog().arm(300);
      for (;;) {}
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
    expect(await exitOf(child)).toEqual({ code: null, signal: 'SIGKILL' });
  });
});
