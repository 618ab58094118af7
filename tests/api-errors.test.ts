/**
 * Every error class the API gives, as application/problem+json: 400 naming the fields, 401/403 on
 * writes, 404, 413, 415, 422, 429, and a 500 that reveals nothing of the internals. (503 needs a store
 * that can go away: see api-neo4j.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { Problem } from '../api/problem.js';
import {
  API_KEY,
  authorized,
  json,
  startTestApi,
  type TestApi,
  uploadFile as uploadTo,
} from './support/api-app.js';
import { UPLOAD_TEXT } from './support/api-documents.js';

const MAX_UPLOAD = 8 * 1024;

function expectProblem(response: LightMyRequestResponse, status: number, code?: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = Problem.parse(json(response));
  expect(problem.status).toBe(status);
  expect(problem.type).toBe('about:blank');
  expect(problem.requestId).toBe(response.headers['x-request-id']);
  if (code) expect(problem.code).toBe(code);
  return problem;
}

describe('API errors', () => {
  let api: TestApi;
  const get = (url: string) => api.app.inject({ method: 'GET', url });
  const upload = (payload: object, headers: Record<string, string> = authorized) =>
    api.app.inject({ method: 'POST', url: '/api/documents', headers, payload });
  const uploadFile = (field: string, bytes: Uint8Array | string, filename: string) =>
    uploadTo(api.app, field, bytes, filename);

  beforeAll(async () => {
    api = await startTestApi({ config: { maxUploadBytes: MAX_UPLOAD } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('400 names every offending query field and why', async () => {
    const problem = expectProblem(await get('/api/search?k=0&from=24-1&group=maybe'), 400, 'invalid-request');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual([
      'query.from',
      'query.group',
      'query.k',
      'query.q',
    ]);
    expect(problem.errors?.find((e) => e.path === 'query.q')?.message).toBe('q is required');
    expect(problem.errors?.find((e) => e.path === 'query.k')?.message).toBe('k must be at least 1');
    expect(problem.detail).toContain('query.k: k must be at least 1');

    const cases: Array<[string, string]> = [
      ['/api/search?q=%20%20', 'query.q'],
      [`/api/search?q=${'a'.repeat(501)}`, 'query.q'],
      ['/api/search?q=ma%20t%C3%BAy&from=2026&to=2024', 'query.from'],
      ['/api/search?q=x&q=y', 'query.q'],
      ['/api/documents?year=twenty', 'query.year'],
      ['/api/documents?limit=501', 'query.limit'],
      ['/api/documents?cursor=not-a-cursor', 'query.cursor'],
      ['/api/agencies?cursor=%E2%9C%93', 'query.cursor'],
      ['/api/documents/vn:9901-qd-ttg:2024/citations?direction=sideways', 'query.direction'],
      ['/api/documents/vn:9901-qd-ttg:2024/citations?depth=7', 'query.depth'],
      ['/api/graph/neighborhood?node=vn:9901-qd-ttg:2024', 'query.node'],
      ['/api/graph/neighborhood?node=doc:vn:9901-qd-ttg:2024&depth=5', 'query.depth'],
      ['/api/graph/neighborhood?node=doc:vn:9901-qd-ttg:2024&direction=up', 'query.direction'],
      ['/api/categories?limit=1.5', 'query.limit'],
    ];
    for (const [url, path] of cases) {
      const found = expectProblem(await get(url), 400, 'invalid-request');
      expect(
        found.errors?.map((e) => e.path),
        url,
      ).toContain(path);
    }
  });

  it('400 names the body field of a bad JSON upload, and refuses malformed JSON', async () => {
    expect(expectProblem(await upload({ name: 'a.txt' }), 400).errors).toEqual([
      { path: 'body.text', message: expect.any(String) },
    ]);
    expect(
      expectProblem(await upload({ name: '../etc/passwd', text: UPLOAD_TEXT }), 400).errors?.[0]?.path,
    ).toBe('body.name');
    const pdf = expectProblem(await upload({ name: 'plan.pdf', text: UPLOAD_TEXT }), 400);
    expect(pdf.errors?.[0]).toMatchObject({
      path: 'body.name',
      message: expect.stringContaining('multipart'),
    });
    expectProblem(
      await api.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: { ...authorized, 'content-type': 'application/json' },
        payload: '{"name": "a.txt", "text": ',
      }),
      400,
    );
    // A multipart content type without a boundary (found by Schemathesis) is a malformed request.
    const noBoundary = await api.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: { ...authorized, 'content-type': 'multipart/form-data' },
      payload: '{"name": "0", "text": "0"}',
    });
    expect(expectProblem(noBoundary, 400, 'invalid-multipart').detail).toContain('Boundary not found');
    expect(expectProblem(await uploadFile('document', UPLOAD_TEXT, 'a.txt'), 400).errors?.[0]?.path).toBe(
      'body.file',
    );
  });

  it('401 without an API key or with a wrong one, on every write route', async () => {
    for (const headers of <Array<Record<string, string>>>[
      {},
      { authorization: 'Bearer wrong-key-wrong-key' },
      { 'x-api-key': `${API_KEY}x` },
    ]) {
      const post = await upload({ name: 'a.txt', text: UPLOAD_TEXT }, headers);
      expectProblem(post, 401);
      expect(post.headers['www-authenticate']).toBe('Bearer realm="dutygraph"');
      expectProblem(
        await api.app.inject({ method: 'DELETE', url: '/api/documents/vn:9901-qd-ttg:2024', headers }),
        401,
      );
    }
    // Nothing was written or deleted.
    expect((await get('/api/documents/vn:9901-qd-ttg:2024')).statusCode).toBe(200);
  });

  it('403 on writes when the server has no API key configured', async () => {
    const closed = await startTestApi({ config: { apiKeys: [] }, ingest: [] });
    try {
      const response = await closed.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: authorized,
        payload: { name: 'a.txt', text: UPLOAD_TEXT },
      });
      const problem = expectProblem(response, 403, 'writes-disabled');
      expect(problem.detail).toContain('DUTYGRAPH_API_KEYS');
      expect((await closed.app.inject({ url: '/api/documents' })).json()).toEqual({
        items: [],
        nextCursor: null,
      });
    } finally {
      await closed.close();
    }
  });

  it('404 for unknown routes, as problem+json', async () => {
    expect(expectProblem(await get('/api/nothing-here'), 404, 'no-route').detail).toBe(
      'no route GET /api/nothing-here',
    );
    expect(expectProblem(await get('/'), 404).detail).toContain('/docs');
    expectProblem(await api.app.inject({ method: 'PUT', url: '/api/documents' }), 404);
  });

  it('413 for uploads over DUTYGRAPH_MAX_UPLOAD_MB, as JSON text or as a file', async () => {
    const big = UPLOAD_TEXT.repeat(Math.ceil((MAX_UPLOAD + 1) / UPLOAD_TEXT.length));
    expect(expectProblem(await upload({ name: 'big.txt', text: big }), 413, 'too-large').detail).toMatch(
      /over the limit/,
    );
    expectProblem(await uploadFile('file', big, 'big.txt'), 413);
    // A body far beyond the limit is cut off before it is parsed.
    expectProblem(await upload({ name: 'huge.txt', text: 'x'.repeat(MAX_UPLOAD + 128 * 1024) }), 413);
  });

  it('415 for unsupported file types and request bodies', async () => {
    const exe = expectProblem(await uploadFile('file', 'MZ\u0090\u0000', 'tool.exe'), 415, 'unsupported');
    expect(exe.detail).toContain('.exe');
    expectProblem(
      await api.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: { ...authorized, 'content-type': 'text/plain' },
        payload: UPLOAD_TEXT,
      }),
      415,
    );
  });

  it('422 for files that cannot be read as a Vietnamese administrative document', async () => {
    expectProblem(
      await upload({ name: 'note.txt', text: 'This is an English shopping list: milk, eggs.' }),
      422,
      'not-vietnamese',
    );
    expectProblem(await uploadFile('file', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), 'broken.docx'), 422);
    expectProblem(await uploadFile('file', '', 'empty.txt'), 422, 'empty');
  });

  it('429 once a client passes the rate limit; probes are never limited', async () => {
    const limited = await startTestApi({ config: { rateLimit: { max: 3, windowMs: 60_000 } }, ingest: [] });
    try {
      for (let i = 0; i < 3; i++)
        expect((await limited.app.inject({ url: '/api/stats' })).statusCode).toBe(200);
      const refused = await limited.app.inject({ url: '/api/stats' });
      expectProblem(refused, 429, 'rate-limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await limited.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      expect((await limited.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('500 for an unexpected failure, with the request id and nothing of the internals', async () => {
    const broken = await startTestApi({ ingest: [] });
    try {
      // A store closed under the server is a bug, not a client error: the client learns only the id.
      await broken.library.store.close();
      const response = await broken.app.inject({
        url: '/api/documents',
        headers: { 'x-request-id': 'trace-42' },
      });
      const problem = expectProblem(response, 500, 'internal-error');
      expect(problem.requestId).toBe('trace-42');
      expect(problem.detail).toBe('unexpected server error; quote request id trace-42 when reporting it');
      expect(response.body).not.toMatch(/database|sqlite|at .*\.ts/i);
    } finally {
      await broken.close();
    }
  });
});
