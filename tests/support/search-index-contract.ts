/**
 * The SearchIndex contract: what both adapters (SQLite FTS5 + HNSW, Neo4j full-text + vector) must do,
 * run against each by tests/search-index.test.ts and tests/search-index-neo4j.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AgencyRef, ExtractedDocument } from '../../ingest/schema.js';
import { VietnameseAnalyzer } from '../../search/analyzer.js';
import { ConceptLexicon } from '../../search/concepts.js';
import { passageContext, toPassage } from '../../search/index/passage.js';
import type { IndexedDocument, IndexMeta, SearchIndex } from '../../search/index/port.js';
import { passageFields, queryTerms } from '../../search/index/terms.js';
import { documentFromDuties } from './documents.js';

const META: IndexMeta = { format: 'contract', lexicon: 'test-lexicon', model: 'unit-4d' };

function agency(id: string, name: string, typeId: string, province: string | null): AgencyRef {
  return { id, name, mention: name, role: 'lead', typeId, province };
}

function doc(
  id: string,
  province: string,
  type: string,
  issuedAt: string,
  duties: Array<[text: string, agency: AgencyRef, categories: string[]]>,
): ExtractedDocument {
  return documentFromDuties(
    { id, number: null, symbol: null, type, province, provinceName: null, issuedAt },
    duties.map(([text, a, categories], i) => ({
      id: `${id}#${i + 1}`,
      path: String(i + 1),
      heading: null,
      text,
      deadline: null,
      agencies: [a],
      categories,
      targets: [],
    })),
  );
}

const police = agency('lang-son:cong-an-tinh', 'Công an tỉnh Lạng Sơn', 'cong-an-tinh', 'lang-son');
const bank = agency('vn:ngan-hang-nha-nuoc', 'Ngân hàng Nhà nước Việt Nam', 'ngan-hang-nha-nuoc', null);
const market = agency(
  'cao-bang:quan-ly-thi-truong',
  'Chi cục Quản lý thị trường',
  'quan-ly-thi-truong',
  'cao-bang',
);

export const CONTRACT_DOCS = [
  doc('lang-son:1-kh:2024', 'lang-son', 'Kế hoạch', '2024-03-05', [
    ['Chủ trì phòng, chống rửa tiền và giám sát giao dịch đáng ngờ.', bank, ['money-laundering']],
    ['Tuần tra biên giới, triệt phá đường dây buôn lậu ma túy.', police, ['drugs', 'smuggling']],
  ]),
  doc('cao-bang:2-tb:2025', 'cao-bang', 'Thông báo', '2025-02', [
    ['Kiểm tra hàng giả trên sàn thương mại điện tử.', market, ['counterfeit-goods']],
    ['Con rùa được bảo vệ; xử lý buôn bán động vật hoang dã.', police, []],
  ]),
];

/** Unit vectors in 4-d: the passage's position in CONTRACT_DOCS picks its axis. */
function vectorFor(i: number): Float32Array {
  const v = new Float32Array(4);
  v[i % 4] = 1;
  return v;
}

export function searchIndexContract(name: string, open: () => Promise<SearchIndex>): void {
  describe(`SearchIndex contract: ${name}`, () => {
    const lexicon = ConceptLexicon.load();
    const analyzer = new VietnameseAnalyzer(lexicon.analyzerLexicon);
    let index: SearchIndex;
    let position = 0;
    const prepare = (docs: readonly ExtractedDocument[], withVectors = true): IndexedDocument[] =>
      docs.map((d) => ({
        id: d.id,
        contentHash: d.contentHash,
        passages: d.duties.map((duty) => {
          const passage = toPassage(lexicon, d, duty);
          return {
            passage,
            fields: passageFields(analyzer, passage.text, passageContext(passage)),
            vector: withVectors ? vectorFor(position++) : null,
          };
        }),
      }));
    const lexical = async (text: string, filter = null as Parameters<SearchIndex['lexical']>[2]) =>
      (
        await index.lexical(queryTerms(analyzer, { text, expansions: [], expansionWeight: 0 }), 10, filter)
      ).hits.map((h) => h.id);

    beforeAll(async () => {
      index = await open();
      await index.reset(META);
      position = 0;
      await index.write(prepare(CONTRACT_DOCS), []);
    });

    it('records what it was built with and counts what it holds', async () => {
      expect(await index.meta()).toEqual(META);
      expect(await index.stats()).toEqual({ passages: 4, documents: 2, vectors: 4 });
      expect(await index.documentHashes()).toEqual(new Map(CONTRACT_DOCS.map((d) => [d.id, d.contentHash])));
    });

    it('returns stored passages by id, in the order asked, skipping unknown ids', async () => {
      const got = await index.passages(['cao-bang:2-tb:2025#1', 'nope', 'lang-son:1-kh:2024#1']);
      expect(got.map((p) => p.id)).toEqual(['cao-bang:2-tb:2025#1', 'lang-son:1-kh:2024#1']);
      expect(got[1]).toMatchObject({ documentId: 'lang-son:1-kh:2024', agencies: [bank] });
    });

    it('finds passages by their words, with and without diacritics, exact forms first', async () => {
      expect((await lexical('rửa tiền'))[0]).toBe('lang-son:1-kh:2024#1');
      expect((await lexical('rua tien'))[0]).toBe('lang-son:1-kh:2024#1');
      // "rùa" (turtle) folds like "rửa": the exact form ranks its own passage first.
      expect((await lexical('rùa'))[0]).toBe('cao-bang:2-tb:2025#2');
      expect(await lexical('thương mại điện tử')).toEqual(['cao-bang:2-tb:2025#1']);
      // Agency names count too (context field).
      expect(await lexical('ngân hàng nhà nước')).toContain('lang-son:1-kh:2024#1');
    });

    it('never reads query text as engine syntax', async () => {
      // Punctuation and operators alone: quoted, they are nothing to match (and never an error).
      const operators = ['"', '*', '(', ')', '^2', '\\', '~', '-', ':', '"NEAR"', '+', '{}'];
      expect((await index.lexical(new Map(operators.map((t) => [t, 1])), 10, null)).hits).toEqual([]);
      // Words next to operators are words: no prefix search, no column filter, no NOT.
      const near = await index.lexical(
        new Map([
          ['ti*', 1],
          ['exact:rua', 1],
          ['NOT', 1],
        ]),
        10,
        null,
      );
      expect(near.hits.map((h) => h.id)).not.toContain('lang-son:1-kh:2024#2');
      for (const text of [
        '"rửa tiền',
        'rửa AND tiền',
        'rửa OR (tiền',
        'NOT rửa',
        'rửa* tiền:',
        'NEAR(rửa, tiền)',
      ])
        expect((await lexical(text))[0], text).toBe('lang-son:1-kh:2024#1');
    });

    it('applies filters in the engine: province, agency, concept, type and dates', async () => {
      expect(await lexical('buôn', { provinces: ['cao-bang'] })).toEqual(['cao-bang:2-tb:2025#2']);
      expect(await lexical('buôn', { agencies: [police.id], type: 'ke-hoach' })).toEqual([
        'lang-son:1-kh:2024#2',
      ]);
      expect(await lexical('buôn', { from: '2025', to: '2025-12' })).toEqual(['cao-bang:2-tb:2025#2']);
      expect(await lexical('buôn', { concept: 'category:drugs' })).toEqual(['lang-son:1-kh:2024#2']);
      expect(await index.any({ provinces: ['ha-noi'] })).toBe(false);
      expect(await index.any({ type: 'thong-bao' })).toBe(true);
    });

    it('counts concept postings and lists them within a set and a filter', async () => {
      const counts = await index.conceptCounts(['category:money-laundering', 'category:nothing']);
      expect(counts).toEqual(new Map([['category:money-laundering', 1]]));
      expect(await index.conceptPassages('category:money-laundering', null)).toEqual([
        'lang-son:1-kh:2024#1',
      ]);
      expect(
        await index.conceptPassages('category:money-laundering', null, ['cao-bang:2-tb:2025#1']),
      ).toEqual([]);
      expect(await index.conceptPassages('category:money-laundering', { provinces: ['cao-bang'] })).toEqual(
        [],
      );
      // A bounded read returns at most `limit` of the concept's passages.
      const all = await index.conceptPassages('agency-type:cong-an-tinh', null);
      expect(all).toHaveLength(2);
      const bounded = await index.conceptPassages('agency-type:cong-an-tinh', null, undefined, 1);
      expect(bounded).toHaveLength(1);
      expect(all).toContain(bounded[0]);
    });

    it('finds nearest passages by cosine similarity, filtered too', async () => {
      const query = new Float32Array([0.1, 1, 0, 0.2]);
      const hits = await index.nearest(query, 2, null);
      expect(hits[0]?.id).toBe('lang-son:1-kh:2024#2');
      expect(hits[0]!.score).toBeCloseTo(1 / Math.sqrt(1.05), 3);
      const filtered = await index.nearest(query, 1, { provinces: ['cao-bang'] });
      expect(filtered.map((h) => h.id)).toEqual(['cao-bang:2-tb:2025#2']);
    });

    it('resolves agencies by id, type or a folded part of the name', async () => {
      expect(await index.agenciesMatching('x', 'cong-an-tinh', 'zzz')).toEqual([police.id]);
      expect(await index.agenciesMatching('x', 'x', 'quan ly thi truong')).toEqual([market.id]);
      expect(await index.agenciesMatching(bank.id, 'x', 'zzz')).toEqual([bank.id]);
    });

    it('replaces a document whole, removes documents, and reports how many were indexed', async () => {
      const [first] = CONTRACT_DOCS;
      const shorter = { ...first!, contentHash: 'edited', duties: first!.duties.slice(1) };
      await index.write(prepare([shorter]), []);
      expect(await lexical('giao dịch đáng ngờ')).toEqual([]);
      expect((await index.stats()).passages).toBe(3);
      expect(await index.write([], [first!.id, 'no-such-document'])).toEqual({ removed: 1 });
      expect(await index.stats()).toEqual({ passages: 2, documents: 1, vectors: 2 });
      expect(await index.agenciesMatching(bank.id, 'x', 'zzz')).toEqual([]);
      await index.reset({ ...META, model: null });
      expect(await index.stats()).toEqual({ passages: 0, documents: 0, vectors: 0 });
      await index.write(prepare(CONTRACT_DOCS, false), []);
      expect(await index.stats()).toEqual({ passages: 4, documents: 2, vectors: 0 });
      expect(await index.nearest(new Float32Array([1, 0, 0, 0]), 3, null)).toEqual([]);
    });

    it('replaces its generation token with every write and reset, never with a read', async () => {
      const before = await index.generation();
      expect(before).not.toBe('');
      await lexical('rửa tiền');
      await index.passages(['lang-son:1-kh:2024#1']);
      expect(await index.generation()).toBe(before);
      await index.write(prepare(CONTRACT_DOCS.slice(1), false), []);
      const written = await index.generation();
      expect(written).not.toBe(before);
      await index.write([], ['no-such-document']);
      const removed = await index.generation();
      expect(removed).not.toBe(written);
      await index.reset(META);
      expect([before, written, removed, '']).not.toContain(await index.generation());
    });
  });
}
