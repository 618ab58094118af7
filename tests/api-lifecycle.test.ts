/**
 * Lifecycle over HTTP on the samples (9907/KH-UBND replaces 9903/KH-UBND, 9908/KH-BCA amends
 * 9902/KH-BCA, 623/QĐ-TTg's period 2016 - 2025 has ended): statuses on lists and details, the status
 * filter, the Lược đồ, the shortest path, "in force only" search, and compressed responses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentDetail, DocumentListPage, DocumentPath, Lineage } from '../api/schemas.js';
import { SearchResponse } from '../search/schema.js';
import { json, startTestApi, type TestApi } from './support/api-app.js';

const PLAN = 'lang-son:9903-kh-ubnd:2026';
const REPLACER = 'lang-son:9907-kh-ubnd:2026';
const AS_OF = '2026-10-01';

describe('document lifecycle over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });
  const get = (url: string, headers: Record<string, string> = {}) => api.app.inject({ url, headers });

  it('lists documents with their status and filters by it', async () => {
    const all = DocumentListPage.parse(json(await get(`/api/documents?asOf=${AS_OF}`)));
    const status = Object.fromEntries(all.items.map((d) => [d.symbol, d.status]));
    expect(status).toMatchObject({
      '9903/KH-UBND': 'replaced',
      '9907/KH-UBND': 'in_force',
      '9902/KH-BCA': 'amended',
      '9901/QĐ-TTg': 'in_force',
    });
    const replaced = DocumentListPage.parse(json(await get(`/api/documents?status=replaced&asOf=${AS_OF}`)));
    expect(replaced.items.map((d) => d.key)).toEqual([PLAN]);
    // A plan for 2026 has run its course in 2027.
    const later = DocumentListPage.parse(json(await get('/api/documents?status=expired&asOf=2027-03-01')));
    expect(later.items.map((d) => d.key)).toContain(REPLACER);
    const bad = await get('/api/documents?status=valid');
    expect(bad.statusCode).toBe(400);
    expect(json(bad).detail).toMatch(/status/);
    expect((await get('/api/documents?asOf=2026-02-30')).statusCode).toBe(400);
  });

  it('gives the status with its evidence and the Lược đồ on the document and its lineage', async () => {
    const detail = DocumentDetail.parse(json(await get(`/api/documents/${PLAN}?asOf=${AS_OF}`)));
    expect(detail.lifecycle.status).toBe('replaced');
    expect(detail.lifecycle.evidence[0]).toMatchObject({ kind: 'replaced-by', document: REPLACER });
    expect(detail.lifecycle.evidence[0]!.sentence).toMatch(/thay thế Kế hoạch số 9903\/KH-UBND/);
    expect(detail.related.find((r) => r.kind === 'replaces')).toMatchObject({
      direction: 'in',
      document: { key: REPLACER },
      status: 'in_force',
    });
    const lineage = Lineage.parse(
      json(await get(`/api/documents/${encodeURIComponent('623/QĐ-TTg')}/lineage`)),
    );
    expect(lineage.lifecycle).toMatchObject({ status: 'expired', period: { from: 2016, to: 2025 } });
    expect(lineage.related.every((r) => r.direction === 'in')).toBe(true);
    expect((await get('/api/documents/vn:khong-co:1999/lineage')).statusCode).toBe(404);
  });

  it('answers the shortest path between two documents', async () => {
    const path = DocumentPath.parse(
      json(await get(`/api/documents/${REPLACER}/path?to=${encodeURIComponent('9902/KH-BCA')}`)),
    );
    expect(path.found).toBe(true);
    expect(path.documents[0]!.key).toBe(REPLACER);
    expect(path.documents.at(-1)!.symbol).toBe('9902/KH-BCA');
    expect(path.steps).toHaveLength(path.documents.length - 1);
    expect(path.steps.length).toBeLessThanOrEqual(2);
    const missing = await get(`/api/documents/${REPLACER}/path?to=99/XX-YY`);
    expect(missing.statusCode).toBe(404);
    expect((await get(`/api/documents/${REPLACER}/path`)).statusCode).toBe(400);
  });

  it('searches documents in force only when asked', async () => {
    const q = encodeURIComponent('rửa tiền');
    const everything = SearchResponse.parse(json(await get(`/api/search?q=${q}&k=50`)));
    expect(everything.passages.some((p) => p.document.id === PLAN)).toBe(true);
    const inForce = SearchResponse.parse(json(await get(`/api/search?q=${q}&k=50&inForce=true`)));
    expect(inForce.passages.length).toBeGreaterThan(0);
    expect(inForce.passages.some((p) => p.document.id === PLAN)).toBe(false);
    expect(inForce.agencies.flatMap((a) => a.evidence).some((e) => e.document.id === PLAN)).toBe(false);
  });

  it('suggests documents, agencies and crime categories for a search box', async () => {
    const suggestions = async (q: string) =>
      json<{ items: { node: string; kind: string; label: string }[] }>(
        await get(`/api/suggest?q=${encodeURIComponent(q)}`),
      ).items;
    const byQuery = new Map<string, { node: string; kind: string; label: string }[]>();
    for (const q of ['9903', 'rửa tiền', 'ngan hang nha nuoc', 'money laundering'])
      byQuery.set(q, await suggestions(q));
    const items = (q: string) => byQuery.get(q)!;
    expect(items('9903')).toContainEqual(
      expect.objectContaining({ node: `doc:${PLAN}`, label: 'Kế hoạch 9903/KH-UBND' }),
    );
    expect(items('rửa tiền')).toContainEqual(
      expect.objectContaining({ node: 'category:money-laundering', kind: 'CrimeCategory' }),
    );
    expect(
      items('ngan hang nha nuoc').some((i) => i.kind === 'Agency' && /Ngân hàng Nhà nước/.test(i.label)),
    ).toBe(true);
    expect(items('money laundering').map((i) => i.node)).toContain('category:money-laundering');
    const stub = await suggestions('623/QĐ-TTg');
    expect(stub[0]).toMatchObject({ node: 'doc:vn:623-qd-ttg:2016', label: 'Quyết định 623/QĐ-TTg' });
    expect((await get('/api/suggest?q=')).statusCode).toBe(400);
  });

  it('compresses responses for clients that accept it', async () => {
    const response = await get(`/api/documents/${PLAN}`, { 'accept-encoding': 'br, gzip' });
    expect(response.headers['content-encoding']).toBe('br');
    const plain = await get(`/api/documents/${PLAN}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(response.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
  });
});
