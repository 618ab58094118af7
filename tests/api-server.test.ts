/**
 * `dutygraph serve` as a user runs it: a real process on a real socket, ingesting the samples first,
 * finishing an in-flight upload when told to stop, and keeping what it wrote for the next start.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY } from './support/api-app.js';
import { UPLOAD_TEXT } from './support/api-documents.js';
import { type ServeProcess, spawnServe } from './support/serve.js';

let dataDir: string;

function serve(args: string[], env: Record<string, string> = {}, port = 0): ServeProcess {
  return spawnServe({
    dataDir,
    port,
    args: ['--store', 'embedded', ...args],
    env: { DUTYGRAPH_API_KEYS: API_KEY, DUTYGRAPH_LOG_LEVEL: 'info', ...env },
  });
}

/** Resolves with the first JSON log line of `server` that `match` accepts (lines already seen included). */
function logLine(server: ServeProcess, match: (record: LogRecord) => boolean): Promise<LogRecord> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = records(server.stdout()).find(match);
      if (!found) return false;
      server.child.stdout!.off('data', check);
      resolve(found);
      return true;
    };
    if (check()) return;
    server.child.stdout!.on('data', check);
    void server.exited.then(() => reject(new Error(`serve exited before logging the expected line`)));
  });
}

interface LogRecord {
  msg: string;
  time: number;
  requestId?: string;
}

function records(stdout: string): LogRecord[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogRecord);
}

/**
 * A POST whose body arrives in two parts: the headers and the first half go out, `between()` runs once
 * the server has logged receiving the request, and the rest follows when it resolves.
 */
function splitUpload(url: string, body: string, requestId: string, between: () => Promise<void>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const bytes = Buffer.from(body);
    const req = httpRequest(
      `${url}/api/documents`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': bytes.length,
          'x-api-key': API_KEY,
          'x-request-id': requestId,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.flushHeaders();
    req.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    between().then(() => req.end(bytes.subarray(Math.floor(bytes.length / 2))), reject);
  });
}

describe('dutygraph serve', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dutygraph-serve-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('ingests, serves over a socket, and finishes an in-flight upload on SIGTERM before exiting', async () => {
    const server = serve(['--ingest', 'samples']);
    const url = await server.url;
    expect(server.stdout()).toMatch(/ingested samples: 13 added, 0 updated, 0 unchanged, 0 failed/);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toBeTruthy();
    const search = await fetch(`${url}/api/search?q=${encodeURIComponent('phòng chống mua bán người')}`);
    expect(search.status).toBe(200);
    expect(((await search.json()) as { passages: unknown[] }).passages.length).toBeGreaterThan(0);
    expect((await fetch(`${url}/docs/`)).headers.get('content-type')).toMatch(/text\/html/);

    const form = new FormData();
    form.append('file', new Blob([UPLOAD_TEXT]), 'cv-9907.txt');
    const upload = await fetch(`${url}/api/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}` },
      body: form,
    });
    expect(upload.status).toBe(201);
    const location = upload.headers.get('location')!;

    // Synchronization points, not pauses: the server has logged the request before the signal, and
    // has started shutting down before the rest of the body leaves.
    const finished = await splitUpload(
      url,
      JSON.stringify({ name: 'second.txt', text: UPLOAD_TEXT.replace(/9907/g, '9908') }),
      'in-flight-upload',
      async () => {
        await logLine(server, (r) => r.msg === 'incoming request' && r.requestId === 'in-flight-upload');
        server.child.kill('SIGTERM');
        await logLine(server, (r) => r.msg === 'shutting down: finishing in-flight requests');
      },
    );
    expect(finished.status).toBe(201);
    expect((await server.exited).code).toBe(0);
    const stdout = server.stdout();
    const at = (msg: string) =>
      records(stdout)
        .filter((r) => r.msg === msg)
        .map((r) => r.time);
    expect(at('shutting down: finishing in-flight requests')).toHaveLength(1);
    // The in-flight upload completed before the process called it done.
    expect(Math.min(...at('shut down cleanly'))).toBeGreaterThanOrEqual(Math.max(...at('request completed')));

    // The next start finds everything: the samples unchanged, both uploads kept.
    const again = serve(['--ingest', 'samples']);
    const againUrl = await again.url;
    try {
      expect(again.stdout()).toMatch(/ingested samples: 0 added, 0 updated, 13 unchanged, 0 failed/);
      expect((await fetch(`${againUrl}${location}`)).status).toBe(200);
      const second = JSON.parse(finished.body) as { outcome: { key: string } };
      expect(second.outcome.key).toMatch(/9908/);
      expect((await fetch(`${againUrl}/api/documents/${second.outcome.key}`)).status).toBe(200);
    } finally {
      again.child.kill('SIGINT');
      expect((await again.exited).code).toBe(0);
    }
  });

  it('refuses a busy port, bad settings and missing inputs with one-line errors', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const servers = [
      serve([], {}, port),
      serve([], { DUTYGRAPH_API_KEYS: 'short' }),
      serve(['--ingest', 'no-such-dir']),
    ];
    const exits = await Promise.all(
      servers.map(async (server) => ({ ...(await server.exited), stderr: server.stderr() })),
    ).finally(() => blocker.close());
    const [busy, weak, missing] = exits as [(typeof exits)[0], (typeof exits)[0], (typeof exits)[0]];
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(`dutygraph: 127.0.0.1:${port} is already in use; pass another --port\n`);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/^dutygraph: DUTYGRAPH_API_KEYS: key 1 is too short/m);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no-such-dir');
    for (const result of [busy, weak, missing]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
