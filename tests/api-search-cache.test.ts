/**
 * The search result cache (api/search-cache.ts): a repeated request is answered with the identical
 * body, every write through the API makes cached answers unreachable, and with several API processes on
 * one Neo4j a write through one is seen by the other at once (the generation token lives in Neo4j).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestResult } from '../api/schemas.js';
import { CACHE_HEADER } from '../api/routes/search.js';
import type { StoreOptions } from '../graph/open.js';
import { SearchResponse } from '../search/schema.js';
import { API_KEY, authorized, json, startTestApi, type TestApi } from './support/api-app.js';
import { UPLOAD_TEXT } from './support/api-documents.js';
import { type Neo4jHandle, neo4jSuiteEnabled, startNeo4j } from './support/neo4j.js';
import { type ServeProcess, spawnServe } from './support/serve.js';

/** Words only the uploaded letter has; Quảng Trị: only the upload is from there. */
const UPLOAD_QUERY = `q=${encodeURIComponent('buôn lậu pháo nổ qua cửa khẩu')}&province=quang-tri`;

interface Answer {
  status: number;
  cache: string | undefined;
  body: string;
  documents: string[];
}

function answerOf(status: number, cache: string | null | undefined, body: string): Answer {
  expect(status, body).toBe(200);
  const parsed = SearchResponse.parse(JSON.parse(body));
  return { status, cache: cache ?? undefined, body, documents: parsed.passages.map((p) => p.document.id) };
}

async function search(api: TestApi, query: string): Promise<Answer> {
  const response = await api.app.inject({ url: `/api/search?${query}` });
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  return answerOf(response.statusCode, response.headers[CACHE_HEADER] as string | undefined, response.body);
}

async function upload(api: TestApi): Promise<string> {
  const added = await api.app.inject({
    method: 'POST',
    url: '/api/documents',
    headers: authorized,
    payload: { name: 'cong-van-9907', text: UPLOAD_TEXT },
  });
  expect(added.statusCode, added.body).toBe(201);
  return IngestResult.parse(json(added)).outcome.key;
}

describe('search cache', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers a repeated request with the identical body; the request as validated is the key', async () => {
    const q = `q=${encodeURIComponent('rửa tiền')}`;
    const first = await search(api, q);
    expect(first.cache).toBe('miss');
    expect(first.documents.length).toBeGreaterThan(0);
    const again = await search(api, q);
    expect(again).toEqual({ ...first, cache: 'hit' });
    // Defaults filled in and spaces trimmed: the same request.
    expect((await search(api, `${q}&k=10&group=false`)).cache).toBe('hit');
    expect((await search(api, `q=${encodeURIComponent('  rửa tiền ')}`)).cache).toBe('hit');
    // Any other parameter is another answer.
    const fewer = await search(api, `${q}&k=2`);
    expect(fewer.cache).toBe('miss');
    expect(fewer.documents).toEqual(first.documents.slice(0, 2));
    expect((await search(api, `${q}&inForce=true`)).cache).toBe('miss');
    expect((await search(api, `${q}&group=true`)).cache).toBe('miss');
  });

  // Before any write: both apps hold the same documents, written in the same order.
  it('turned off (0 bytes), answers the same without the header', async () => {
    const off = await startTestApi({ config: { searchCacheBytes: 0 } });
    try {
      for (const q of [`q=${encodeURIComponent('ma túy')}`, `q=money%20laundering&k=3`]) {
        const cached = await search(api, q);
        const plain = await search(off, q);
        const again = await search(off, q);
        expect(plain.cache).toBeUndefined();
        expect(again.cache).toBeUndefined();
        expect(JSON.parse(plain.body)).toEqual(JSON.parse(cached.body));
        expect(again.body).toBe(plain.body);
      }
    } finally {
      await off.close();
    }
  });

  it('answers from the new content after every write through the API (upload, delete)', async () => {
    const before = await search(api, UPLOAD_QUERY);
    expect(before.documents).toEqual([]);
    expect((await search(api, UPLOAD_QUERY)).cache).toBe('hit');

    const key = await upload(api);
    const added = await search(api, UPLOAD_QUERY);
    expect(added.cache).toBe('miss');
    expect(added.documents[0]).toBe(key);
    expect((await search(api, UPLOAD_QUERY)).body).toBe(added.body);

    const removed = await api.app.inject({
      method: 'DELETE',
      url: `/api/documents/${encodeURIComponent(key)}`,
      headers: authorized,
    });
    expect(removed.statusCode).toBe(200);
    const after = await search(api, UPLOAD_QUERY);
    expect(after.cache).toBe('miss');
    expect(after.documents).toEqual([]);
  });
});

describe.runIf(neo4jSuiteEnabled('api/search-cache'))('search cache, two API processes on one Neo4j', () => {
  let server: Neo4jHandle;
  beforeAll(async () => {
    server = await startNeo4j();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("never answers from before another process's write", async () => {
    const store: StoreOptions = {
      store: 'neo4j',
      neo4jUri: server.uri,
      neo4jUser: server.user,
      neo4jPassword: server.password,
    };
    // One API in this process, one `dutygraph serve` process: each with its own cache.
    const local = await startTestApi({ store, neo4jIndex: true, ingest: [] });
    const dataDir = await mkdtemp(path.join(tmpdir(), 'dutygraph-cache-'));
    let remote: ServeProcess | undefined;
    try {
      remote = spawnServe({
        dataDir,
        args: ['--neo4j-uri', server.uri, '--neo4j-user', server.user],
        env: { NEO4J_PASSWORD: server.password, DUTYGRAPH_API_KEYS: API_KEY },
      });
      const url = await remote.url;
      const remoteSearch = async (query: string): Promise<Answer> => {
        const response = await fetch(`${url}/api/search?${query}`);
        return answerOf(response.status, response.headers.get(CACHE_HEADER), await response.text());
      };

      // Both have the answer from before the upload cached.
      for (const ask of [remoteSearch, (q: string) => search(local, q)]) {
        expect((await ask(UPLOAD_QUERY)).documents).toEqual([]);
        expect((await ask(UPLOAD_QUERY)).cache).toBe('hit');
      }
      const key = await upload(local);
      const seen = await remoteSearch(UPLOAD_QUERY);
      expect(seen.cache).toBe('miss');
      expect(seen.documents[0]).toBe(key);
      expect((await remoteSearch(UPLOAD_QUERY)).cache).toBe('hit');
      expect((await search(local, UPLOAD_QUERY)).documents[0]).toBe(key);
      expect((await search(local, UPLOAD_QUERY)).cache).toBe('hit');

      const removed = await fetch(`${url}/api/documents/${encodeURIComponent(key)}`, {
        method: 'DELETE',
        headers: authorized,
      });
      expect(removed.status).toBe(200);
      const gone = await search(local, UPLOAD_QUERY);
      expect(gone.cache).toBe('miss');
      expect(gone.documents).toEqual([]);
    } finally {
      if (remote) {
        remote.child.kill('SIGTERM');
        await remote.exited;
      }
      await local.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
