/**
 * The one contract every GraphStore adapter passes. Each adapter's test file calls `graphContract`
 * with a factory that returns an empty store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotFoundError, type GraphStore } from '../../graph/port.js';
import { ORPHAN_RULES, parseNodeId } from '../../graph/model.js';
import {
  AgencyProfile,
  CitationChain,
  CorpusStats,
  GraphEdge,
  GraphNode,
  Subgraph,
} from '../../graph/schema.js';
import {
  AGENCIES,
  KEYS,
  amendment,
  corpus,
  document,
  letter1482,
  letterLs,
  notice,
  plan89ls,
} from './graph-fixtures.js';
import { lifecycleContract } from './lifecycle-contract.js';

export type StoreFactory = () => Promise<GraphStore>;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export async function ingestAll(store: GraphStore, docs = corpus()) {
  const outcomes = [];
  for (const d of docs) outcomes.push(await store.ingest(d, AGENCIES));
  return outcomes;
}

/** Whole-graph invariants: no dangling edge, no duplicate, no orphaned shared node, valid shapes. */
export async function expectConsistent(store: GraphStore) {
  const nodes = await collect(store.allNodes());
  const edges = await collect(store.allEdges());
  const ids = new Set(nodes.map((n) => n.id));
  expect(ids.size).toBe(nodes.length);
  expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
  for (const n of nodes) GraphNode.parse(n);
  for (const e of edges) {
    GraphEdge.parse(e);
    expect(ids.has(e.source), `edge ${e.id} source`).toBe(true);
    expect(ids.has(e.target), `edge ${e.id} target`).toBe(true);
  }
  for (const n of nodes) {
    const rule = ORPHAN_RULES.find((r) => r.label === n.label);
    if (!rule || (n.label === 'Document' && !n.properties.stub)) continue;
    const kept = edges.some((e) => rule.keptBy.includes(e.type) && (e.source === n.id || e.target === n.id));
    expect(kept, `${n.id} is orphaned`).toBe(true);
  }
  const counts = await store.counts();
  expect(Object.values(counts.nodes).reduce((a, b) => a + b, 0)).toBe(nodes.length);
  expect(Object.values(counts.edges).reduce((a, b) => a + b, 0)).toBe(edges.length);
  return { nodes, edges };
}

export function graphContract(name: string, open: StoreFactory) {
  lifecycleContract(name, open);
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore | undefined;
    const fresh = async () => {
      store = await open();
      return store;
    };
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    it('ingests documents, gives them back whole and lists what it knows', async () => {
      const s = await fresh();
      const outcomes = await ingestAll(s);
      expect(outcomes.map((o) => o.status)).toEqual(['added', 'added', 'added', 'added', 'added']);
      expect(await s.getDocument(KEYS.letter1482)).toEqual(letter1482());
      expect(await s.getDocument(KEYS.strategy)).toBeNull(); // a stub has no document body
      expect(await s.getDocument('vn:no-such:1999')).toBeNull();
      const all = await collect(s.allDocuments());
      expect(all.map((d) => d.id)).toEqual(
        corpus()
          .map((d) => d.id)
          .sort(),
      );
      const known = await s.knownDocuments();
      expect(known.map((k) => k.key)).toEqual(
        expect.arrayContaining([KEYS.strategy, KEYS.plan89tn, KEYS.letter1482]),
      );
      expect(known.find((k) => k.key === KEYS.strategy)).toMatchObject({
        symbol: '623/QĐ-TTg',
        issuedAt: '2016-04-14',
      });
      const { nodes, edges } = await expectConsistent(s);
      const strategy = nodes.find((n) => n.id === `doc:${KEYS.strategy}`);
      expect(strategy?.properties).toMatchObject({ stub: true, type: 'Quyết định', year: 2016 });
      // Provenance: every document fact names its document and section path.
      const assigned = edges.filter((e) => e.type === 'ASSIGNED_TO');
      expect(assigned.length).toBe(10);
      for (const e of assigned) expect(e.properties.document && e.properties.path).toBeTruthy();
      const footnote = edges.find((e) => e.type === 'CITES' && e.target === `doc:${KEYS.plan89tn}`);
      expect(footnote?.properties).toMatchObject({
        relation: 'implements',
        context: 'footnote 2',
        document: KEYS.letter1482,
      });
      expect(edges.filter((e) => e.type === 'AMENDS').map((e) => [e.source, e.target])).toEqual([
        [`doc:${KEYS.amendment}`, `doc:${KEYS.plan89ls}`],
      ]);
      expect(
        edges.some((e) => e.type === 'ADDRESSED_TO' && e.target === 'agency:lang-son:bo-chi-huy-bien-phong'),
      ).toBe(true);
      expect(edges.some((e) => e.type === 'SIGNED' && e.source === 'person:nong-quang-nhat')).toBe(true);
    });

    it('re-ingesting an unchanged document changes nothing', async () => {
      const s = await fresh();
      await ingestAll(s);
      const before = await expectConsistent(s);
      const again = await ingestAll(s);
      expect(again.map((o) => o.status)).toEqual([
        'unchanged',
        'unchanged',
        'unchanged',
        'unchanged',
        'unchanged',
      ]);
      expect(await expectConsistent(s)).toEqual(before);
    });

    it('keeps the original file a document records; a rewrite of unchanged text records a new one', async () => {
      const s = await fresh();
      await ingestAll(s);
      const original = {
        sha256: 'ab'.repeat(32),
        mediaType: 'application/pdf',
        name: 'Công văn 1482.pdf',
        size: 48_213,
      };
      expect(await s.documentsFromSource(letter1482().source)).toEqual([KEYS.letter1482]);
      expect(await s.documentsFromSource('no/such/file.txt')).toEqual([]);
      const withOriginal = { ...letter1482(), original };
      // Same text and source: unchanged unless asked to rewrite the record.
      expect((await s.ingest(withOriginal)).status).toBe('unchanged');
      expect((await s.getDocument(KEYS.letter1482))?.original).toBeUndefined();
      expect((await s.ingest(withOriginal, [], { rewrite: true })).status).toBe('updated');
      expect((await s.getDocument(KEYS.letter1482))?.original).toEqual(original);
      const all = await collect(s.allDocuments());
      expect(all.find((d) => d.id === KEYS.letter1482)?.original).toEqual(original);
      await expectConsistent(s);
    });

    it('a changed document replaces its duties and citations; orphaned stubs and agencies go', async () => {
      const s = await fresh();
      await ingestAll(s);
      const changed = letter1482('Công văn 1482, bản sửa.');
      changed.citations = changed.citations.filter((c) => c.key === KEYS.strategy);
      changed.duties = changed.duties.slice(0, 1);
      expect(await s.ingest(changed, AGENCIES)).toEqual({
        key: KEYS.letter1482,
        status: 'updated',
        replaced: [],
      });
      const { nodes, edges } = await expectConsistent(s);
      const ids = new Set(nodes.map((n) => n.id));
      expect(ids.has(`doc:${KEYS.plan89tn}`)).toBe(false); // only 1482 cited it
      expect(ids.has(`doc:${KEYS.traffickingLaw}`)).toBe(false);
      expect(ids.has('agency:thai-nguyen:so-lao-dong')).toBe(false);
      expect(ids.has('agency:thai-nguyen:vien-kiem-sat')).toBe(false);
      expect(ids.has(`duty:${KEYS.letter1482}#8`)).toBe(false);
      expect(ids.has('agency:thai-nguyen:cong-an-tinh')).toBe(true);
      expect(edges.filter((e) => e.source === `doc:${KEYS.letter1482}` && e.type === 'CITES')).toHaveLength(
        1,
      );
      expect(await s.getDocument(KEYS.letter1482)).toEqual(changed);
    });

    it('the same source yielding a new key drops the old document', async () => {
      const s = await fresh();
      await ingestAll(s);
      const renumbered = {
        ...letterLs(),
        id: 'lang-son:1500-ubnd-nc:2026',
        symbol: '1500/UBND-NC',
        number: '1500',
      };
      renumbered.duties = renumbered.duties.map((d) => ({
        ...d,
        id: d.id.replace(KEYS.letterLs, renumbered.id),
      }));
      const outcome = await s.ingest(renumbered, AGENCIES);
      expect(outcome).toEqual({ key: renumbered.id, status: 'added', replaced: [KEYS.letterLs] });
      expect(await s.getDocument(KEYS.letterLs)).toBeNull();
      expect(await s.findDocuments(KEYS.letterLs)).toEqual([]);
      expect((await s.findDocuments('1500/UBND-NC')).map((d) => d.key)).toEqual([renumbered.id]);
      await expectConsistent(s);
    });

    it('a later ingest fills a stub; removing a cited document leaves a stub, uncited stubs go', async () => {
      const s = await fresh();
      await s.ingest(notice(), AGENCIES);
      const [stub] = await s.findDocuments(KEYS.plan89ls);
      expect(stub).toMatchObject({ stub: true, symbol: '89/KH-UBND', dutyCount: 0 });
      await s.ingest(plan89ls(), AGENCIES);
      const [filled] = await s.findDocuments(KEYS.plan89ls);
      expect(filled).toMatchObject({ stub: false, source: 'fixtures/plan89ls.txt', dutyCount: 1 });
      expect((await s.citationChain(KEYS.plan89ls, { direction: 'in' })).nodes.map((n) => n.node.id)).toEqual(
        [`doc:${KEYS.plan89ls}`, `doc:${KEYS.notice}`],
      );

      // 89 is still cited by the notice: it becomes a stub again, and what only it cited goes.
      const removed = await s.remove(KEYS.plan89ls);
      expect(removed).toEqual({ key: KEYS.plan89ls, keptAsStub: true, removedStubs: [KEYS.strategy] });
      const [again] = await s.findDocuments(KEYS.plan89ls);
      expect(again).toMatchObject({ stub: true, source: null, symbol: '89/KH-UBND' });
      expect(await s.getDocument(KEYS.plan89ls)).toBeNull();
      await expect(s.remove(KEYS.plan89ls)).rejects.toThrow(NotFoundError);

      const last = await s.remove(KEYS.notice);
      expect(last).toEqual({
        key: KEYS.notice,
        keptAsStub: false,
        removedStubs: [KEYS.directive13tu, KEYS.plan89ls, KEYS.directive13ttg].sort(),
      });
      const { nodes, edges } = await expectConsistent(s);
      expect(nodes).toEqual([]);
      expect(edges).toEqual([]);
      await expect(s.remove('vn:unknown:2020')).rejects.toThrow(
        /no document with key or symbol "vn:unknown:2020"/,
      );
    });

    it('finds documents by key or symbol, accents and case ignored; ambiguous symbols list their keys', async () => {
      const s = await fresh();
      await ingestAll(s);
      expect((await s.findDocuments('623/qd-ttg')).map((d) => d.key)).toEqual([KEYS.strategy]);
      expect((await s.findDocuments(`doc:${KEYS.notice}`)).map((d) => d.key)).toEqual([KEYS.notice]);
      const both = await s.findDocuments('89/KH-UBND');
      expect(both.map((d) => [d.key, d.stub])).toEqual([
        [KEYS.plan89ls, false],
        [KEYS.plan89tn, true],
      ]);
      expect(await s.findDocuments('999/XX')).toEqual([]);
      await expect(s.findDocuments('  ')).rejects.toThrow(InvalidArgumentError);
      // The ingested one wins for a removal by symbol; two stubs sharing a symbol would be ambiguous.
      expect((await s.remove('89/KH-UBND')).key).toBe(KEYS.plan89ls);
    });

    it('walks citation chains out, in and both ways with the paths', async () => {
      const s = await fresh();
      await ingestAll(s);
      const out1 = CitationChain.parse(await s.citationChain(KEYS.notice, { direction: 'out', depth: 1 }));
      expect(out1.nodes.map((n) => [n.node.id, n.depth])).toEqual([
        [`doc:${KEYS.notice}`, 0],
        [`doc:${KEYS.directive13tu}`, 1],
        [`doc:${KEYS.plan89ls}`, 1],
        [`doc:${KEYS.directive13ttg}`, 1],
      ]);
      expect(out1.edges.filter((e) => e.target === `doc:${KEYS.directive13tu}`)).toHaveLength(2);
      expect(out1.truncated).toBe(false);

      const out3 = await s.citationChain(KEYS.notice, { direction: 'out', depth: 3 });
      const toStrategy = out3.paths.find((p) => p.nodes.at(-1) === `doc:${KEYS.strategy}`);
      expect(toStrategy?.nodes).toEqual([
        `doc:${KEYS.notice}`,
        `doc:${KEYS.plan89ls}`,
        `doc:${KEYS.strategy}`,
      ]);
      expect(toStrategy?.edges).toHaveLength(2);
      for (const p of out3.paths) {
        p.edges.forEach((edgeId, i) => {
          const e = out3.edges.find((x) => x.id === edgeId)!;
          expect([e.source, e.target]).toEqual([p.nodes[i], p.nodes[i + 1]]);
        });
      }

      const in2 = await s.citationChain(KEYS.strategy, { direction: 'in', depth: 2 });
      expect(in2.nodes.map((n) => [n.node.properties.key, n.depth])).toEqual([
        [KEYS.strategy, 0],
        [KEYS.plan89ls, 1],
        [KEYS.letterLs, 1],
        [KEYS.letter1482, 1],
        [KEYS.amendment, 2],
        [KEYS.notice, 2],
      ]);
      const viaPlan = in2.paths.find((p) => p.nodes.at(-1) === `doc:${KEYS.notice}`);
      expect(viaPlan?.nodes).toEqual([`doc:${KEYS.strategy}`, `doc:${KEYS.plan89ls}`, `doc:${KEYS.notice}`]);

      const both = await s.citationChain(KEYS.plan89ls, { direction: 'both', depth: 1 });
      expect(both.nodes.map((n) => n.node.properties.key)).toEqual([
        KEYS.plan89ls,
        KEYS.amendment,
        KEYS.directive13tu,
        KEYS.notice,
        KEYS.strategy,
      ]);
      const cut = await s.citationChain(KEYS.strategy, { direction: 'in', depth: 2, limit: 2 });
      expect(cut.truncated).toBe(true);
      expect(cut.nodes).toHaveLength(3);
      expect(cut.paths).toHaveLength(2);
    });

    it('rejects bad chain arguments and unknown documents clearly', async () => {
      const s = await fresh();
      await ingestAll(s);
      await expect(s.citationChain(KEYS.notice, { depth: 7 })).rejects.toThrow(
        'depth must be an integer from 1 to 6, got 7',
      );
      await expect(s.citationChain(KEYS.notice, { depth: 0 })).rejects.toThrow(InvalidArgumentError);
      await expect(s.citationChain(KEYS.notice, { limit: 0 })).rejects.toThrow(/limit must be/);
      await expect(s.citationChain(KEYS.notice, { direction: 'up' as never })).rejects.toThrow(/direction/);
      await expect(s.citationChain('vn:nope:2000')).rejects.toThrow(NotFoundError);
      // A symbol shared by one ingested document and stubs means the ingested one …
      expect((await s.citationChain('89/KH-UBND')).root).toBe(`doc:${KEYS.plan89ls}`);
      // … but two ingested documents with one symbol are ambiguous.
      await s.ingest(document({ id: KEYS.plan89tn, symbol: '89/KH-UBND', type: 'Kế hoạch' }));
      await expect(s.citationChain('89/kh-ubnd')).rejects.toThrow(
        `symbol "89/kh-ubnd" names 2 documents; use a key: ${KEYS.plan89ls}, ${KEYS.plan89tn}`,
      );
    });

    it('profiles an agency: duties by document, roles, categories, provinces', async () => {
      const s = await fresh();
      await ingestAll(s);
      const profile = AgencyProfile.parse(await s.agencyProfile('lang-son:bo-chi-huy-bien-phong'));
      expect(profile.agency.properties).toMatchObject({
        name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lạng Sơn',
        nameEn: 'Provincial Border Guard Command',
        aliases: ['Ban Chỉ huy Bộ đội Biên phòng tỉnh'],
      });
      expect(profile.documents.map((d) => [d.document.key, d.duties.map((x) => [x.path, x.roles])])).toEqual([
        [KEYS.letterLs, [['5', ['support']]]],
        [KEYS.notice, [['3', ['lead']]]],
        [KEYS.plan89ls, [['III > 1', ['support']]]],
      ]);
      expect(profile.roles).toEqual({ lead: 1, support: 2, requested: 0, assigned: 0 });
      expect(profile.categories).toEqual([
        { category: 'buon-lau', duties: 2 },
        { category: 'xuyen-quoc-gia', duties: 1 },
      ]);
      expect(profile.provinces).toEqual([{ province: 'lang-son', documents: 3 }]);
      expect(profile).toMatchObject({ dutyCount: 3, documentCount: 3, truncated: false });
      const short = await s.agencyProfile('agency:lang-son:bo-chi-huy-bien-phong', { limit: 1 });
      expect(short.documents).toHaveLength(1);
      expect(short.truncated).toBe(true);
      await expect(s.agencyProfile('lang-son:khong-co')).rejects.toThrow('no agency "lang-son:khong-co"');
    });

    it('lists the agencies responsible for a crime category', async () => {
      const s = await fresh();
      await ingestAll(s);
      const smuggling = await s.categoryAgencies('buon-lau');
      expect(smuggling).toMatchObject({
        category: 'buon-lau',
        dutyCount: 3,
        documentCount: 2,
        truncated: false,
      });
      expect(
        smuggling.agencies.map((a) => [a.agency.id, a.duties, a.documents, a.roles.lead, a.roles.support]),
      ).toEqual([
        ['agency:lang-son:bo-chi-huy-bien-phong', 2, 2, 1, 1],
        ['agency:lang-son:cong-an-tinh', 2, 2, 2, 0],
      ]);
      const trafficking = await s.categoryAgencies('category:mua-ban-nguoi', { limit: 1 });
      expect(trafficking.agencies.map((a) => a.agency.id)).toEqual(['agency:thai-nguyen:cong-an-tinh']);
      expect(trafficking.truncated).toBe(true);
      await expect(s.categoryAgencies('ma-tuy')).rejects.toThrow(NotFoundError);
    });

    it('returns a bounded neighborhood of any node', async () => {
      const s = await fresh();
      await ingestAll(s);
      const around = Subgraph.parse(await s.neighborhood('agency:lang-son:cong-an-tinh', { depth: 1 }));
      expect(around.nodes.map((n) => n.id)).toEqual([
        'agency-type:cong-an-tinh',
        'agency:lang-son:cong-an-tinh',
        `duty:${KEYS.plan89ls}#III.1`,
        `duty:${KEYS.notice}#2`,
        `duty:${KEYS.letterLs}#5`,
        'province:lang-son',
      ]);
      expect(around.edges.every((e) => e.source === around.root || e.target === around.root)).toBe(true);
      expect(around.truncated).toBe(false);
      const wide = await s.neighborhood('province:lang-son', { depth: 2, limit: 5 });
      expect(wide.nodes).toHaveLength(5);
      expect(wide.truncated).toBe(true);
      const ids = new Set(wide.nodes.map((n) => n.id));
      expect(wide.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
      await expect(s.neighborhood('doc:vn:none:2000')).rejects.toThrow('no node "doc:vn:none:2000"');
      await expect(s.neighborhood('lang-son')).rejects.toThrow(/must start with one of/);
      await expect(s.neighborhood('province:lang-son', { depth: 5 })).rejects.toThrow(
        /depth must be an integer from 1 to 4/,
      );
      await expect(s.neighborhood('province:lang-son', { limit: 5001 })).rejects.toThrow(/limit/);
    });

    it('follows only the direction asked for, before the node cap cuts the neighbourhood', async () => {
      const s = await fresh();
      await ingestAll(s);
      const agency = 'agency:lang-son:cong-an-tinh';
      const ends = (g: Subgraph) =>
        g.edges.map((e) => (e.source === g.root ? `-> ${e.target}` : `<- ${e.source}`));
      // Three duties point to the agency, more than a cap of two neighbours: asked for, they fill it.
      const incoming = Subgraph.parse(await s.neighborhood(agency, { direction: 'in', limit: 3 }));
      expect(incoming).toMatchObject({ root: agency, direction: 'in', truncated: true });
      expect(incoming.nodes).toHaveLength(3);
      expect(ends(incoming)).toHaveLength(2);
      expect(ends(incoming).every((e) => e.startsWith(`<- duty:`))).toBe(true);
      // Its own two links (type, province) are not crowded out by the duties, and nothing else comes.
      const outgoing = await s.neighborhood(agency, { direction: 'out', limit: 3 });
      expect(outgoing).toMatchObject({ direction: 'out', truncated: false });
      expect(ends(outgoing)).toEqual(['-> province:lang-son', '-> agency-type:cong-an-tinh']);
      // Both ways under the same cap, the first side in edge order takes it: why a side can be asked for.
      const both = await s.neighborhood(agency, { limit: 3 });
      expect(both).toMatchObject({ direction: 'both', truncated: true });
      expect(ends(both).some((e) => e.startsWith('<- duty:'))).toBe(false);
      // Deeper walks keep the direction at every step: what the cited documents cite in turn.
      const cited = await s.neighborhood(`doc:${KEYS.plan89ls}`, { direction: 'out', depth: 2, limit: 500 });
      const citedEdges = cited.edges.filter((e) => e.type === 'CITES');
      expect(citedEdges.length).toBeGreaterThan(0);
      expect(citedEdges.some((e) => e.target === `doc:${KEYS.plan89ls}`)).toBe(false);
      const citers = await s.neighborhood(`doc:${KEYS.plan89ls}`, { direction: 'in', limit: 500 });
      expect(citers.edges.map((e) => e.source).sort()).toEqual([
        `doc:${KEYS.amendment}`,
        `doc:${KEYS.amendment}`,
        `doc:${KEYS.notice}`,
      ]);
      await expect(s.neighborhood(agency, { direction: 'sideways' as unknown as 'in' })).rejects.toThrow(
        /direction must be out, in or both, got "sideways"/,
      );
    });

    it('reports corpus stats and paginated lists', async () => {
      const s = await fresh();
      await ingestAll(s);
      const stats = CorpusStats.parse(await s.stats());
      expect(stats).toMatchObject({ documents: 5, stubs: 5, duties: 6, agencies: 8 });
      expect(stats.citations).toEqual({ total: 11, unresolved: 0 });
      expect(stats.byProvince).toEqual([
        { value: 'lang-son', count: 4 },
        { value: 'thai-nguyen', count: 1 },
      ]);
      expect(stats.byYear.map((y) => y.value)).toEqual(['2022', '2023', '2025', '2026']);
      expect(stats.mostCited[0]).toMatchObject({ document: { key: KEYS.strategy }, citedBy: 3 });
      expect(stats.counts.nodes.Document).toBe(10);

      const first = await s.listDocuments({ limit: 2 });
      expect(first.items.map((d) => d.key)).toEqual([KEYS.amendment, KEYS.plan89ls]);
      const second = await s.listDocuments({ limit: 2, cursor: first.nextCursor });
      expect(second.items.map((d) => d.key)).toEqual([KEYS.notice, KEYS.letterLs]);
      const third = await s.listDocuments({ limit: 2, cursor: second.nextCursor });
      expect(third).toEqual({ items: [expect.objectContaining({ key: KEYS.letter1482 })], nextCursor: null });
      expect((await s.listDocuments({ province: 'thai-nguyen' })).items.map((d) => d.key)).toEqual([
        KEYS.letter1482,
      ]);
      expect((await s.listDocuments({ type: 'Kế hoạch', year: 2022 })).items.map((d) => d.key)).toEqual([
        KEYS.plan89ls,
      ]);
      expect((await s.listDocuments({ q: 'MUA BAN NGUOI' })).items.map((d) => d.key)).toEqual([
        KEYS.letter1482,
      ]);
      await expect(s.listDocuments({ cursor: 'not a cursor!' })).rejects.toThrow(/cursor/);
      await expect(s.listDocuments({ limit: 501 })).rejects.toThrow(/limit/);

      const agencies = await s.listAgencies({ province: 'lang-son', limit: 50 });
      expect(agencies.items.map((a) => [a.key, a.dutyCount, a.documentCount])).toEqual([
        ['lang-son:bo-chi-huy-bien-phong', 3, 3],
        ['lang-son:cong-an-tinh', 3, 3],
        ['lang-son:ubnd-tinh', 0, 0],
        ['lang-son:van-phong-ubnd', 0, 0],
      ]);
      expect((await s.listAgencies({ q: 'bien phong' })).items.map((a) => a.key)).toEqual([
        'lang-son:bo-chi-huy-bien-phong',
      ]);
      const cats = await s.listCategories({ limit: 2 });
      expect(cats.items).toEqual([
        { id: 'category:buon-lau', key: 'buon-lau', dutyCount: 3, documentCount: 2 },
        { id: 'category:hang-gia', key: 'hang-gia', dutyCount: 1, documentCount: 1 },
      ]);
      expect((await s.listCategories({ cursor: cats.nextCursor })).items.map((c) => c.key)).toEqual([
        'mua-ban-nguoi',
        'xuyen-quoc-gia',
      ]);
    });

    it('rejects an invalid document without writing anything', async () => {
      const s = await fresh();
      const bad = { ...plan89ls(), issuedAt: '22/04/2022' };
      await expect(s.ingest(bad, AGENCIES)).rejects.toThrow(
        /fixtures\/plan89ls.txt is not a valid extracted document/,
      );
      expect(await s.knownDocuments()).toEqual([]);
      expect(Object.values((await s.counts()).nodes).every((n) => n === 0)).toBe(true);
    });

    it('keeps node ids kind-prefixed and consistent with their labels', async () => {
      const s = await fresh();
      await ingestAll(s, [...corpus(), document({ id: 'vn:110-kh-bca:2024', type: 'Kế hoạch' })]);
      const { nodes } = await expectConsistent(s);
      for (const n of nodes) expect(parseNodeId(n.id)).toEqual({ label: n.label, key: n.properties.key });
      expect(nodes.filter((n) => n.label === 'Document' && !n.properties.stub)).toHaveLength(6);
      expect(amendment().citations[0]?.relation).toBe('amends');
    });
  });
}
