/**
 * What surrounds the routes: the generated OpenAPI document and offline docs, security headers, CORS,
 * request ids, logs without document text, the web explorer hook, and the environment settings.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app.js';
import { ApiConfigError, apiConfigFromEnv, DEFAULT_RATE_LIMIT } from '../api/config.js';
import { authorized, json, startTestApi, type TestApi } from './support/api-app.js';
import { UPLOAD_TEXT } from './support/api-documents.js';

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        security?: unknown[];
        responses: Record<string, unknown>;
        requestBody?: { content: Record<string, unknown> };
        parameters?: Array<{ name: string; in: string; schema?: Record<string, unknown> }>;
      }
    >
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

describe('API surroundings', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await api.app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = json<OpenApiDocument>(response);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/agencies',
      '/api/agencies/{id}',
      '/api/categories',
      '/api/categories/{id}',
      '/api/documents',
      '/api/documents/{id}',
      '/api/documents/{id}/cascade',
      '/api/documents/{id}/citations',
      '/api/documents/{id}/coverage',
      '/api/documents/{id}/coverage.csv',
      '/api/documents/{id}/lineage',
      '/api/documents/{id}/original',
      '/api/documents/{id}/path',
      '/api/exports/agencies.csv',
      '/api/exports/categories.csv',
      '/api/exports/deadlines.ics',
      '/api/exports/documents.csv',
      '/api/exports/duties.csv',
      '/api/exports/responsibility.xlsx',
      '/api/exports/search.csv',
      '/api/graph/neighborhood',
      '/api/provinces',
      '/api/provinces/{slug}',
      '/api/search',
      '/api/stats',
      '/api/suggest',
      '/healthz',
      '/readyz',
    ]);
    expect(doc.paths['/api/search']!.get!.responses['200']).toEqual({
      description: expect.any(String),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResponse' } } },
    });
    expect(doc.paths['/api/search']!.get!.responses['400']).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    // The explorer's direction choice is an API option, documented with its values and default.
    expect(
      doc.paths['/api/graph/neighborhood']!.get!.parameters?.find((p) => p.name === 'direction'),
    ).toMatchObject({ in: 'query', schema: { enum: ['out', 'in', 'both'], default: 'both' } });
    const post = doc.paths['/api/documents']!.post!;
    // Links from an upload to reading and deleting it (Schemathesis follows them in its stateful phase).
    expect((post.responses['201'] as { links?: Record<string, unknown> }).links).toMatchObject({
      GetDocument: {
        operationRef: '#/paths/~1api~1documents~1{id}/get',
        parameters: { id: '$response.body#/outcome/key' },
      },
      DeleteDocument: { operationRef: '#/paths/~1api~1documents~1{id}/delete' },
    });
    expect(Object.keys(post.requestBody!.content).sort()).toEqual([
      'application/json',
      'multipart/form-data',
    ]);
    expect(post.security).toEqual([{ bearerAuth: [] }, { apiKeyHeader: [] }]);
    expect(doc.paths['/api/documents/{id}']!.delete!.security).toEqual(post.security);
    expect(doc.paths['/api/documents']!.get!.security).toBeUndefined();
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKeyHeader', 'bearerAuth']);
    // Only referenced components, each once (no unused "…Input" twins).
    expect(Object.keys(doc.components.schemas).filter((name) => name.endsWith('Input'))).toEqual([]);
    expect(doc.components.schemas.Problem).toBeDefined();
  });

  it('serves Swagger UI at /docs from bundled assets', async () => {
    const page = await api.app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith('http')).toBe(false);
      const asset = await api.app.inject({ url: path.posix.join('/docs/', src) });
      expect(asset.statusCode, src).toBe(200);
    }
    // The UI loads the spec from this server and never calls the online validator.
    const init = await api.app.inject({ url: '/docs/static/swagger-initializer.js' });
    expect(init.body).toContain("url: resolveUrl('./json')");
    expect(init.body).toContain('validatorUrl: null');
    expect(json(await api.app.inject({ url: '/docs/json' }))).toEqual(
      json(await api.app.inject({ url: '/openapi.json' })),
    );
  });

  it('sets security headers with a same-origin CSP, and request ids', async () => {
    const response = await api.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toBe('abc-123');
    const spoofed = await api.app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    expect(spoofed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps CORS off by default and answers only allowed origins when configured', async () => {
    const preflight = {
      method: 'OPTIONS' as const,
      url: '/api/search',
      headers: { origin: 'https://explorer.example.org', 'access-control-request-method': 'GET' },
    };
    expect((await api.app.inject(preflight)).headers['access-control-allow-origin']).toBeUndefined();
    const open = await startTestApi({
      config: { corsOrigins: ['https://explorer.example.org'] },
      ingest: [],
    });
    try {
      const allowed = await open.app.inject(preflight);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://explorer.example.org');
      expect(String(allowed.headers['access-control-allow-headers'])).toContain('X-API-Key');
      const other = await open.app.inject({
        url: '/healthz',
        headers: { origin: 'https://evil.example.com' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('logs requests with their ids but no document text at info level', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const app = await buildApp({
      library: api.library,
      config: apiConfigFromEnv(
        {},
        { apiKeys: [authorized.authorization.slice(7)], rateLimit: null, webDir: api.dataDir },
      ),
      logger: pino({ level: 'info' }, sink),
    });
    try {
      const text = UPLOAD_TEXT.replace('9907', '9917');
      const response = await app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: { ...authorized, 'x-request-id': 'log-test' },
        payload: { name: 'log.txt', text },
      });
      expect(response.statusCode).toBe(201);
      await app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: authorized,
        payload: { name: 'bad.txt', text: 'plain English words only' },
      });
      const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(records.some((r) => r.requestId === 'log-test' && r.msg === 'request completed')).toBe(true);
      expect(records.some((r) => r.code === 'not-vietnamese')).toBe(true);
      const all = lines.join('\n');
      for (const phrase of [
        'kiểm tra các kho hàng',
        'plain English words only',
        authorized.authorization.slice(7),
      ]) {
        expect(all).not.toContain(phrase);
      }
      const { key } = (json(response) as { outcome: { key: string } }).outcome;
      const removed = await app.inject({
        method: 'DELETE',
        url: `/api/documents/${key}`,
        headers: authorized,
      });
      expect(removed.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('serves the web explorer at / with an SPA fallback when web/dist is built', async () => {
    const webDir = await mkdtemp(path.join(tmpdir(), 'dutygraph-web-'));
    await mkdir(path.join(webDir, 'assets'));
    await writeFile(
      path.join(webDir, 'index.html'),
      '<!doctype html><title>explorer</title><script src="/assets/app.js"></script>',
    );
    await writeFile(path.join(webDir, 'assets/app.js'), 'console.log("explorer");');
    const web = await startTestApi({ config: { webDir }, ingest: [] });
    try {
      const home = await web.app.inject({ url: '/' });
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('<title>explorer</title>');
      expect(home.headers['content-security-policy']).toContain("script-src 'self'");
      expect((await web.app.inject({ url: '/assets/app.js' })).body).toContain('explorer');
      const deepLink = await web.app.inject({ url: '/agencies/lang-son:cong-an-tinh' });
      expect(deepLink.statusCode).toBe(200);
      expect(deepLink.body).toContain('<title>explorer</title>');
      const apiMiss = await web.app.inject({ url: '/api/no-such-route' });
      expect(apiMiss.statusCode).toBe(404);
      expect(apiMiss.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await web.app.inject({ url: '/api/documents' })).statusCode).toBe(200);
    } finally {
      await web.close();
      await rm(webDir, { recursive: true, force: true });
    }
  });
});

describe('API settings from the environment', () => {
  it('has safe defaults: writes off, CORS off, a generous rate limit', () => {
    const config = apiConfigFromEnv({});
    expect(config).toMatchObject({
      apiKeys: [],
      corsOrigins: [],
      rateLimit: { max: DEFAULT_RATE_LIMIT, windowMs: 60_000 },
      logLevel: 'info',
    });
    expect(config.maxUploadBytes).toBe(20 * 1024 * 1024);
  });

  it('reads keys, origins, limits and log level', () => {
    const config = apiConfigFromEnv({
      DUTYGRAPH_API_KEYS: ' key-aaaaaaaaaaaaaaaa , key-bbbbbbbbbbbbbbbb ',
      DUTYGRAPH_CORS_ORIGINS: 'https://a.example.org,http://localhost:5173/',
      DUTYGRAPH_MAX_UPLOAD_MB: '2.5',
      DUTYGRAPH_RATE_LIMIT: 'off',
      DUTYGRAPH_LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      apiKeys: ['key-aaaaaaaaaaaaaaaa', 'key-bbbbbbbbbbbbbbbb'],
      corsOrigins: ['https://a.example.org', 'http://localhost:5173'],
      maxUploadBytes: 2.5 * 1024 * 1024,
      rateLimit: null,
      logLevel: 'warn',
    });
    expect(apiConfigFromEnv({ DUTYGRAPH_RATE_LIMIT: '30' }).rateLimit).toEqual({ max: 30, windowMs: 60_000 });
  });

  it('refuses bad values, naming the variable', () => {
    const bad: Array<[Record<string, string>, RegExp]> = [
      [{ DUTYGRAPH_API_KEYS: 'short' }, /^DUTYGRAPH_API_KEYS: key 1 is too short/],
      [
        { DUTYGRAPH_CORS_ORIGINS: 'https://a.example.org/app' },
        /^DUTYGRAPH_CORS_ORIGINS: "https:\/\/a.example.org\/app"/,
      ],
      [{ DUTYGRAPH_CORS_ORIGINS: '*' }, /^DUTYGRAPH_CORS_ORIGINS: "\*"/],
      [{ DUTYGRAPH_MAX_UPLOAD_MB: 'lots' }, /^DUTYGRAPH_MAX_UPLOAD_MB: .*\(got "lots"\)/],
      [{ DUTYGRAPH_MAX_UPLOAD_MB: '0' }, /^DUTYGRAPH_MAX_UPLOAD_MB: must be more than 0/],
      [{ DUTYGRAPH_RATE_LIMIT: '-5' }, /^DUTYGRAPH_RATE_LIMIT: /],
      [{ DUTYGRAPH_LOG_LEVEL: 'loud' }, /^DUTYGRAPH_LOG_LEVEL: /],
    ];
    for (const [env, message] of bad) {
      expect(() => apiConfigFromEnv(env)).toThrow(ApiConfigError);
      expect(() => apiConfigFromEnv(env)).toThrow(message);
    }
  });
});
