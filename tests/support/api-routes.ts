/**
 * The route suite every store passes: each route through `fastify.inject`, answers checked against
 * the response schemas and against the store itself. api-routes.test.ts runs it on the embedded
 * store, api-neo4j.test.ts on a real Neo4j server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgencyPage,
  AgencyProfile,
  CitationChain,
  DocumentPage,
  RemoveOutcome,
  Subgraph,
} from '../../graph/schema.js';
import { passageCount } from '../../search/index/passage.js';
import { SearchResponse } from '../../search/schema.js';
import { Problem } from '../../api/problem.js';
import {
  CategoryDetail,
  CategoryList,
  DocumentDetail,
  IngestResult,
  StatsResponse,
} from '../../api/schemas.js';
import { extractFiles } from '../../ingest/pipeline.js';
import type { Bundle } from '../../ingest/schema.js';
import { authorized, json, SAMPLES_DIR, type TestApi } from './api-app.js';
import { UPLOAD_SYMBOL, UPLOAD_TEXT } from './api-documents.js';

/**
 * What the API must serve is what the extractor makes of the samples: expectations come from
 * extracting them here, so the suite checks the API and the stores, not one version of the extractor.
 */
class Reference {
  readonly keys: string[];
  constructor(readonly bundle: Bundle) {
    this.keys = bundle.documents.map((d) => d.id).sort();
  }
  static async load(): Promise<Reference> {
    return new Reference((await extractFiles([SAMPLES_DIR])).bundle);
  }
  doc(symbol: string) {
    const found = this.bundle.documents.find((d) => d.symbol === symbol);
    if (!found) throw new Error(`the samples have no document ${symbol}`);
    return found;
  }
  key = (symbol: string) => this.doc(symbol).id;
  get duties() {
    return this.bundle.documents.reduce((sum, d) => sum + d.duties.length, 0);
  }
  /** What the search index holds: the duties, and each document's own passage. */
  get passages() {
    return this.bundle.documents.reduce((sum, d) => sum + passageCount(d), 0);
  }
  /** Breadth-first citation depths from a document (cited keys, resolved or not, ingested or stubs). */
  depths(from: string, depth: number): Map<string, number> {
    const cites = new Map(this.bundle.documents.map((d) => [d.id, d.citations.map((c) => c.key)]));
    const seen = new Map([[from, 0]]);
    let frontier = [from];
    for (let d = 1; d <= depth; d++) {
      frontier = [...new Set(frontier.flatMap((k) => cites.get(k) ?? []))].filter((k) => !seen.has(k));
      for (const k of frontier) seen.set(k, d);
    }
    return seen;
  }
}

export function apiRouteSuite(label: string, start: () => Promise<TestApi>): void {
  describe(`API routes on the ${label} store`, () => {
    let api: TestApi;
    let ref: Reference;
    let DECISION: string;
    const get = (url: string) => api.app.inject({ method: 'GET', url });

    beforeAll(async () => {
      [api, ref] = await Promise.all([start(), Reference.load()]);
      DECISION = ref.key('9901/QĐ-TTg');
    });
    afterAll(async () => {
      await api?.close();
    });

    it('GET /healthz and /readyz report the process and the store', async () => {
      const health = await get('/healthz');
      expect(health.statusCode).toBe(200);
      expect(json(health).status).toBe('ok');
      const ready = await get('/readyz');
      expect(ready.statusCode).toBe(200);
      expect(json(ready)).toEqual({
        status: 'ready',
        store: { kind: label },
        index: { passages: ref.passages, semantic: false },
      });
    });

    it('GET /api/stats is what the store and the index say', async () => {
      const response = await get('/api/stats');
      expect(response.statusCode).toBe(200);
      const stats = StatsResponse.parse(json(response));
      expect(stats.graph).toEqual(await api.library.store.stats());
      expect(stats.graph.documents).toBe(ref.keys.length);
      expect(stats.search).toEqual({ ...api.library.search.size, semantic: false });
    });

    it('GET /api/search ranks agencies for a Vietnamese question, and filters narrow it', async () => {
      const response = await get(
        `/api/search?q=${encodeURIComponent('ai chịu trách nhiệm phòng chống rửa tiền')}&k=5`,
      );
      expect(response.statusCode).toBe(200);
      const result = SearchResponse.parse(json(response));
      expect(result.concepts.map((c) => c.id)).toContain('category:money-laundering');
      expect(result.passages.length).toBeGreaterThan(0);
      expect(result.passages.length).toBeLessThanOrEqual(5);
      expect(result.agencies.length).toBeGreaterThan(0);
      expect(result.passages[0]!.text.toLowerCase()).toContain('rửa tiền');

      const filtered = SearchResponse.parse(
        json(
          await get(`/api/search?q=${encodeURIComponent('rửa tiền')}&province=lang-son&from=2026&to=2026-12`),
        ),
      );
      expect(filtered.passages.length).toBeGreaterThan(0);
      for (const passage of filtered.passages) {
        expect(passage.document.province).toBe('lang-son');
        expect(passage.document.issuedAt!.startsWith('2026')).toBe(true);
      }
      const none = SearchResponse.parse(
        json(await get('/api/search?q=money%20laundering&province=khanh-hoa')),
      );
      expect(none.passages).toEqual([]);
      expect(none.reason).toMatch(/khanh-hoa/);
    });

    it('GET /api/search answers English through the bilingual concepts', async () => {
      const result = SearchResponse.parse(
        json(await get('/api/search?q=who%20fights%20human%20trafficking&k=3')),
      );
      expect(result.language).toBe('en');
      expect(result.passages.length).toBeGreaterThan(0);
      expect(result.passages.some((p) => p.categories.includes('human-trafficking'))).toBe(true);
    });

    it('GET /api/documents lists, filters and pages with cursors', async () => {
      const all = DocumentPage.parse(json(await get('/api/documents')));
      expect(all.items.map((d) => d.key)).toEqual(ref.keys);
      expect(all.nextCursor).toBeNull();

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/documents?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = DocumentPage.parse(json(await get(url)));
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.items.map((d) => d.key));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ref.keys);

      const keys = async (query: string) =>
        DocumentPage.parse(json(await get(`/api/documents?${query}`))).items.map((d) => d.key);
      const where = (test: (d: Bundle['documents'][number]) => boolean) =>
        ref.bundle.documents
          .filter(test)
          .map((d) => d.id)
          .sort();
      expect(await keys('province=lang-son')).toEqual(where((d) => d.province === 'lang-son'));
      expect(await keys('year=2024&type=K%E1%BA%BF%20ho%E1%BA%A1ch')).toEqual(
        where((d) => d.type === 'Kế hoạch' && d.issuedAt?.startsWith('2024') === true),
      );
      expect(await keys('q=9904')).toEqual([ref.key('9904/TB-BCĐ389')]);
    });

    it('GET /api/documents/:id gives metadata, duties and citations out and in, by key or symbol', async () => {
      const byKey = DocumentDetail.parse(json(await get(`/api/documents/${DECISION}`)));
      expect(byKey.document).toMatchObject({
        key: DECISION,
        stub: false,
        symbol: '9901/QĐ-TTg',
        type: 'Quyết định',
      });
      expect(byKey.duties.length).toBe(byKey.document.dutyCount);
      expect(byKey.citations.out).toEqual(ref.doc('9901/QĐ-TTg').citations);
      // Everything that cites the decision, as each citing document states it.
      const citing = [...new Set(byKey.citations.in.map((c) => c.document.key))].sort();
      expect(citing).toEqual(
        ref.bundle.documents
          .filter((d) => d.citations.some((c) => c.key === DECISION))
          .map((d) => d.id)
          .sort(),
      );
      for (const { document, citation } of byKey.citations.in) {
        expect(citation).toMatchObject({ type: 'CITES', source: document.id, target: `doc:${DECISION}` });
        const theirs = DocumentDetail.parse(json(await get(`/api/documents/${document.key}`)));
        expect(theirs.citations.out.map((c) => c.key)).toContain(DECISION);
      }
      expect(byKey.content?.text).toContain(byKey.document.symbol);

      const bySymbol = await get(`/api/documents/${encodeURIComponent('9901/QĐ-TTg')}`);
      expect(bySymbol.statusCode).toBe(200);
      expect(json(bySymbol)).toEqual(json(await get(`/api/documents/doc:${DECISION}`)));
    });

    it('GET /api/documents/:id of a document known only through citations is a stub', async () => {
      const cited = ref.doc('9901/QĐ-TTg').citations.find((c) => !ref.keys.includes(c.key))!;
      const stub = DocumentDetail.parse(json(await get(`/api/documents/${cited.key}`)));
      expect(stub.document.stub).toBe(true);
      expect(stub.duties).toEqual([]);
      expect(stub.content).toBeNull();
      expect(stub.citations.in.map((c) => c.document.key)).toContain(DECISION);
    });

    it('GET /api/documents/:id/citations walks out, in and both, to a depth', async () => {
      const letter = ref.key('9906/UBND-NC');
      const out = CitationChain.parse(json(await get(`/api/documents/${letter}/citations?depth=2`)));
      expect(out.root).toBe(`doc:${letter}`);
      const reached = new Map(out.nodes.map((n) => [n.node.properties.key, n.depth]));
      expect(reached).toEqual(ref.depths(letter, 2));
      expect(reached.get(ref.key('9902/KH-BCA'))).toBe(2);
      for (const path of out.paths) expect(path.nodes[0]).toBe(out.root);

      const incoming = CitationChain.parse(
        json(await get(`/api/documents/${DECISION}/citations?direction=in`)),
      );
      expect(incoming.nodes.filter((n) => n.depth === 1).map((n) => n.node.properties.key)).toContain(
        ref.key('9905/UBND-NC'),
      );
      const both = CitationChain.parse(
        json(await get(`/api/documents/${DECISION}/citations?direction=both&depth=1&limit=2`)),
      );
      expect(both.nodes.length).toBe(3);
      expect(both.truncated).toBe(true);
    });

    it('GET /api/agencies pages through agencies; GET /api/agencies/:id profiles one', async () => {
      const first = AgencyPage.parse(json(await get('/api/agencies?limit=5&province=lang-son')));
      expect(first.items.length).toBe(5);
      expect(first.items.every((a) => a.province === 'lang-son')).toBe(true);
      const second = AgencyPage.parse(
        json(await get(`/api/agencies?limit=5&province=lang-son&cursor=${first.nextCursor}`)),
      );
      expect(second.items[0]!.key > first.items[4]!.key).toBe(true);

      const police = AgencyPage.parse(json(await get('/api/agencies?type=cong-an-tinh'))).items;
      expect(police.map((a) => a.key)).toContain('lang-son:cong-an-tinh');

      const profile = AgencyProfile.parse(json(await get('/api/agencies/lang-son:cong-an-tinh')));
      expect(profile).toEqual(await api.library.store.agencyProfile('lang-son:cong-an-tinh'));
      expect(profile.documents.map((d) => d.document.key)).toContain(ref.key('9903/KH-UBND'));
      expect(profile.roles.lead).toBeGreaterThan(0);
    });

    it('GET /api/categories lists with bilingual labels; GET /api/categories/:id gives agencies and duties', async () => {
      const list = CategoryList.parse(json(await get('/api/categories?limit=500')));
      const laundering = list.items.find((c) => c.key === 'money-laundering');
      expect(laundering?.label).toEqual({ vi: 'Rửa tiền', en: 'Money laundering' });

      const detail = CategoryDetail.parse(json(await get('/api/categories/money-laundering?limit=50')));
      expect(detail.label?.en).toBe('Money laundering');
      expect(detail.agencies.length).toBeGreaterThan(0);
      expect(detail.duties.length).toBe(Math.min(detail.dutyCount, 50));
      for (const duty of detail.duties) expect(duty.categories).toContain('money-laundering');
      expect(
        CategoryDetail.parse(json(await get('/api/categories/category:money-laundering?limit=50'))),
      ).toEqual(detail);
    });

    it('GET /api/graph/neighborhood returns the nodes and edges around a node, flagged when capped', async () => {
      const around = Subgraph.parse(
        json(await get(`/api/graph/neighborhood?node=doc:${DECISION}&depth=1&limit=500`)),
      );
      expect(around.truncated).toBe(false);
      const ids = new Set(around.nodes.map((n) => n.id));
      expect(ids.has(`doc:${DECISION}`)).toBe(true);
      for (const edge of around.edges) expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);

      const capped = Subgraph.parse(
        json(await get(`/api/graph/neighborhood?node=doc:${DECISION}&depth=2&limit=5`)),
      );
      expect(capped.nodes.length).toBe(5);
      expect(capped.truncated).toBe(true);
    });

    it('GET /api/graph/neighborhood follows the direction asked for before the cap', async () => {
      const around = (direction: string) =>
        get(`/api/graph/neighborhood?node=doc:${DECISION}&direction=${direction}&limit=6`).then((r) =>
          Subgraph.parse(json(r)),
        );
      const cites = (g: Subgraph) => g.edges.some((e) => e.target === 'doc:vn:623-qd-ttg:2016');
      // More citers than the cap: both ways, they take every place and what it cites is cut.
      const both = await around('both');
      expect(both).toMatchObject({ direction: 'both', truncated: true });
      expect(cites(both)).toBe(false);
      const incoming = await around('in');
      expect(incoming).toMatchObject({ direction: 'in', truncated: true });
      expect(incoming.edges.every((e) => e.target === incoming.root)).toBe(true);
      const outgoing = await around('out');
      expect(outgoing.direction).toBe('out');
      expect(outgoing.edges.every((e) => e.source === outgoing.root)).toBe(true);
      expect(cites(outgoing)).toBe(true);
      // Without the parameter: both ways, as before it existed.
      expect(Subgraph.parse(json(await get(`/api/graph/neighborhood?node=doc:${DECISION}&limit=6`)))).toEqual(
        both,
      );
    });

    it('answers 404 as problem+json for unknown documents, agencies, categories and nodes', async () => {
      for (const url of [
        '/api/documents/vn:no-such-document:1999',
        '/api/documents/vn:no-such-document:1999/citations',
        '/api/agencies/lang-son:no-such-agency',
        '/api/categories/no-such-category',
        '/api/graph/neighborhood?node=agency:nowhere:nobody',
      ]) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(404);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(Problem.parse(json(response))).toMatchObject({
          status: 404,
          title: 'Not Found',
          instance: url.split('?')[0],
        });
      }
    });

    it('POST /api/documents ingests into the graph and the index; DELETE removes it from both', async () => {
      const search = async () =>
        SearchResponse.parse(
          json(await get(`/api/search?q=${encodeURIComponent('buôn lậu pháo nổ')}&province=quang-tri`)),
        );
      expect((await search()).passages).toEqual([]);

      const added = await api.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: authorized,
        payload: { name: 'cong-van-9907', text: UPLOAD_TEXT },
      });
      expect(added.statusCode).toBe(201);
      const result = IngestResult.parse(json(added));
      const UPLOAD_KEY = result.outcome.key;
      expect(UPLOAD_KEY.endsWith(':9907-ubnd-nc:2026')).toBe(true);
      expect(added.headers.location).toBe(`/api/documents/${encodeURIComponent(UPLOAD_KEY)}`);
      expect(result.outcome).toEqual({ key: UPLOAD_KEY, status: 'added', replaced: [] });
      expect(result.document.document).toMatchObject({
        symbol: UPLOAD_SYMBOL,
        source: 'upload/cong-van-9907.txt',
      });
      expect(result.document.duties.length).toBeGreaterThan(0);
      expect(json(await get(`/api/documents/${UPLOAD_KEY}`))).toEqual(result.document);
      expect((await search()).passages.map((p) => p.document.id)).toContain(UPLOAD_KEY);
      // It cites the decision, which now lists it among the documents citing it.
      const decision = DocumentDetail.parse(json(await get(`/api/documents/${DECISION}`)));
      expect(decision.citations.in.map((c) => c.document.key)).toContain(UPLOAD_KEY);

      const again = await api.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: { 'x-api-key': authorized.authorization.slice('Bearer '.length) },
        payload: { name: 'cong-van-9907.txt', text: UPLOAD_TEXT },
      });
      expect(again.statusCode).toBe(200);
      expect(IngestResult.parse(json(again)).outcome.status).toBe('unchanged');

      const form = new FormData();
      form.append(
        'file',
        new Blob([UPLOAD_TEXT.replace('báo cáo kết quả', 'gửi báo cáo kết quả')]),
        'cv-9907.md',
      );
      const request = new Request('http://localhost/', { method: 'POST', body: form });
      const multipart = await api.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: { ...authorized, 'content-type': request.headers.get('content-type')! },
        payload: Buffer.from(await request.arrayBuffer()),
      });
      expect(multipart.statusCode).toBe(200);
      const updated = IngestResult.parse(json(multipart));
      expect(updated.outcome).toEqual({ key: UPLOAD_KEY, status: 'updated', replaced: [] });
      expect(updated.document.document.format).toBe('md');

      const removed = await api.app.inject({
        method: 'DELETE',
        url: `/api/documents/${UPLOAD_KEY}`,
        headers: authorized,
      });
      expect(removed.statusCode).toBe(200);
      expect(RemoveOutcome.parse(json(removed))).toEqual({
        key: UPLOAD_KEY,
        keptAsStub: false,
        removedStubs: [],
      });
      expect((await get(`/api/documents/${UPLOAD_KEY}`)).statusCode).toBe(404);
      expect((await search()).passages).toEqual([]);
      const gone = await api.app.inject({
        method: 'DELETE',
        url: `/api/documents/${UPLOAD_KEY}`,
        headers: authorized,
      });
      expect(gone.statusCode).toBe(404);
      expect(DocumentPage.parse(json(await get('/api/documents'))).items.map((d) => d.key)).toEqual(ref.keys);
    });
  });
}
