/**
 * The same route suite on a real Neo4j server (a private one: the suite needs a graph holding only the
 * samples, and the last test stops the server), plus the 503 a client gets when Neo4j goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreOptions } from '../graph/open.js';
import { Problem } from '../api/problem.js';
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

  it('answers 503 problem+json for graph reads and writes once Neo4j is gone; search keeps working', async () => {
    const api = await startTestApi({ store: store(), ingest: [] });
    let elapsed = 0;
    try {
      expect((await api.app.inject({ url: '/readyz' })).statusCode).toBe(200);
      await server.stop();
      // The driver retries a lost server for a while before giving up, so the requests go in parallel.
      const probe = await api.app.inject({ url: '/readyz' });
      expect(probe.statusCode).toBe(503);
      expect(Problem.parse(json(probe)).detail).toMatch(/did not answer within \d+ ms|cannot reach/);
      const requests = [
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
      const responses = await Promise.all(requests.map((request) => api.app.inject(request)));
      elapsed = Date.now() - started;
      responses.forEach((response, i) => {
        expect(response.statusCode, requests[i]!.url).toBe(503);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.headers['retry-after']).toBe('5');
        const problem = Problem.parse(json(response));
        expect(problem).toMatchObject({ status: 503, code: 'store-unavailable' });
        expect(problem.detail).toContain(server.uri);
      });
      // The index lives in the process: search still answers from it.
      expect((await api.app.inject({ url: '/api/search?q=ma%20t%C3%BAy' })).statusCode).toBe(200);
    } finally {
      console.log(`503s after ${elapsed} ms`);
      await api.close();
    }
  }, 120_000);
});
