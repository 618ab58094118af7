/**
 * The same route suite on a real Neo4j server (a private one: the suite needs a graph holding only the
 * samples, and the last test stops the server), plus the 503 a client gets when Neo4j goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreOptions } from '../graph/open.js';
import { Problem } from '../api/problem.js';
import { IngestResult } from '../api/schemas.js';
import { SearchResponse } from '../search/schema.js';
import { authorized, json, startTestApi } from './support/api-app.js';
import { UPLOAD_TEXT } from './support/api-documents.js';
import { apiRouteSuite } from './support/api-routes.js';
import { type Neo4jHandle, neo4jSuiteEnabled, startNeo4j } from './support/neo4j.js';

describe.runIf(neo4jSuiteEnabled('api/neo4j'))('API on Neo4j', () => {
  let server: Neo4jHandle;
  const store = (): StoreOptions => ({
    store: 'neo4j',
    neo4jUri: server.uri,
    neo4jUser: server.user,
    neo4jPassword: server.password,
  });

  beforeAll(async () => {
    server = await startNeo4j();
  });
  afterAll(async () => {
    await server?.stop();
  });

  apiRouteSuite('neo4j', () => startTestApi({ store: store() }));

  it('shares one search index in Neo4j between API processes: ingest through one, search and delete through the other', async () => {
    const [writer, reader] = [
      await startTestApi({ store: store(), neo4jIndex: true, ingest: [] }),
      await startTestApi({ store: store(), neo4jIndex: true, ingest: [] }),
    ];
    const search = async (api: typeof reader, q: string) => {
      // Quảng Trị: only the upload is from there, whatever else earlier tests left in the graph.
      const response = await api.app.inject({
        url: `/api/search?q=${encodeURIComponent(q)}&province=quang-tri`,
      });
      expect(response.statusCode, `${q}: ${response.body}`).toBe(200);
      return SearchResponse.parse(json(response));
    };
    try {
      const added = await writer.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: authorized,
        payload: { name: 'cong-van-9907', text: UPLOAD_TEXT },
      });
      expect(added.statusCode).toBe(201);
      const key = IngestResult.parse(json(added)).outcome.key;
      // The reader opened its index before the upload: it sees the write in Neo4j, not a copy of its own.
      const found = await search(reader, 'buôn lậu pháo nổ qua cửa khẩu');
      expect(found.passages[0]?.document.id).toBe(key);
      // Lucene syntax in a query is text: quotes, operators, wildcards, fields, fuzzy, ranges, escapes.
      for (const q of [
        '"pháo nổ',
        'pháo AND nổ',
        'pháo OR (nổ',
        'NOT pháo',
        'pháo* nổ:',
        'exact:pháo^9',
        'nổ~2 [a TO z] {x}',
        'pháo \\ / && || !',
      ])
        expect((await search(reader, q)).passages[0]?.document.id, q).toBe(key);
      expect((await search(reader, '* : ~ ^ "')).passages).toEqual([]);

      const removed = await reader.app.inject({
        method: 'DELETE',
        url: `/api/documents/${encodeURIComponent(key)}`,
        headers: authorized,
      });
      expect(removed.statusCode).toBe(200);
      expect(
        (await search(writer, 'buôn lậu pháo nổ qua cửa khẩu')).passages.map((p) => p.document.id),
      ).not.toContain(key);
    } finally {
      await writer.close();
      await reader.close();
    }
  }, 180_000);

  it('answers 503 problem+json with Retry-After at once while Neo4j is down, and recovers when it is back', async () => {
    const api = await startTestApi({ store: store(), ingest: [] });
    let restarted: Neo4jHandle | undefined;
    let elapsed = 0;
    try {
      expect((await api.app.inject({ url: '/readyz' })).statusCode).toBe(200);
      server.kill();
      const requests = [
        { url: '/readyz' },
        { url: '/api/documents' },
        { url: '/api/documents/vn:9901-qd-ttg:2024' },
        { url: '/api/stats' },
        {
          method: 'POST' as const,
          url: '/api/documents',
          headers: authorized,
          payload: { name: 'a.txt', text: UPLOAD_TEXT },
        },
      ];
      const started = Date.now();
      // One after the other: the first finds the server gone, the circuit opens, the rest fail fast.
      const responses = [];
      for (const request of requests) responses.push(await api.app.inject(request));
      elapsed = Date.now() - started;
      responses.forEach((response, i) => {
        expect(response.statusCode, requests[i]!.url).toBe(503);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        const problem = Problem.parse(json(response));
        expect(problem).toMatchObject({ status: 503, code: 'store-unavailable' });
        expect(problem.detail).toContain(server.uri);
      });
      // /readyz names the dependency that is down.
      expect(Problem.parse(json(responses[0]!)).detail).toMatch(/^dependency down: .*Neo4j at bolt:/);
      // Driver timeouts and the breaker: five requests fail in a few seconds, not 15-30 s each.
      expect(elapsed).toBeLessThan(10_000);
      // The index lives in the process: search still answers from it, and says the graph is down.
      const search = await api.app.inject({ url: '/api/search?q=ma%20t%C3%BAy' });
      expect(search.statusCode).toBe(200);
      expect(json(search)).toMatchObject({
        store: { available: false, note: expect.stringContaining('Neo4j at bolt:') },
      });

      // Same home, same port: the API finds it again by itself (the first call after the cool-down probes).
      restarted = await startNeo4j({
        home: server.home,
        port: Number(new URL(server.uri).port),
        password: server.password,
      });
      let ready = await api.app.inject({ url: '/readyz' });
      for (let attempt = 0; attempt < 40 && ready.statusCode !== 200; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        ready = await api.app.inject({ url: '/readyz' });
      }
      expect(ready.statusCode, ready.body).toBe(200);
      expect((await api.app.inject({ url: '/api/documents' })).statusCode).toBe(200);
      const again = await api.app.inject({ url: '/api/search?q=ma%20t%C3%BAy' });
      expect(json(again)).not.toHaveProperty('store');
    } finally {
      console.log(`five 503s in ${elapsed} ms`);
      await api.close();
      await restarted?.stop();
    }
  }, 180_000);
});
