import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConceptLexicon } from '../search/concepts.js';
import { type SearchRequest, SearchResponse } from '../search/schema.js';
import { SearchService } from '../search/service.js';
import type { AgencyRef, ExtractedDocument, Role } from '../ingest/schema.js';
import { defaultContext } from '../ingest/extract/context.js';
import { extractDocument } from '../ingest/extract/document.js';
import { documentFromDuties } from './support/documents.js';

interface DutySpec {
  path: string;
  heading?: string;
  text: string;
  agencies: Array<[id: string, name: string, role: Role, typeId: string | null]>;
  categories?: string[];
  deadline?: string;
}

interface DocSpec {
  id: string;
  province: string | null;
  provinceName: string | null;
  type: string;
  issuedAt: string | null;
  symbol?: string;
  duties: DutySpec[];
}

function makeDocument(spec: DocSpec): ExtractedDocument {
  const duties = spec.duties.map((d) => ({
    id: `${spec.id}#${d.path.replace(/ > /g, '.')}`,
    path: d.path,
    heading: d.heading ?? null,
    text: d.text,
    deadline: d.deadline ?? null,
    agencies: d.agencies.map(([id, name, role, typeId]): AgencyRef => ({
      id,
      name,
      mention: name,
      role,
      typeId,
      province: id.startsWith('vn:') ? null : spec.province,
    })),
    categories: d.categories ?? [],
    targets: [],
  }));
  return documentFromDuties(
    {
      id: spec.id,
      number: null,
      symbol: spec.symbol ?? null,
      type: spec.type,
      province: spec.province,
      provinceName: spec.provinceName,
      issuedAt: spec.issuedAt,
    },
    duties,
  );
}

const bankDoc = makeDocument({
  id: 'ha-giang:12-kh-ubnd:2024',
  province: 'ha-giang',
  provinceName: 'Hà Giang',
  type: 'Kế hoạch',
  issuedAt: '2024-03-05',
  symbol: '12/KH-UBND',
  duties: [
    {
      path: '1',
      heading: 'Công an tỉnh',
      text: 'Chủ trì điều tra, triệt phá các đường dây TPCTC, đánh bạc qua mạng; phối hợp Bộ đội Biên phòng tuần tra khu vực biên giới.',
      agencies: [
        ['ha-giang:cong-an-tinh', 'Công an tỉnh Hà Giang', 'lead', 'cong-an-tinh'],
        [
          'ha-giang:bo-chi-huy-bo-doi-bien-phong-tinh',
          'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hà Giang',
          'support',
          'bo-chi-huy-bo-doi-bien-phong-tinh',
        ],
      ],
      categories: ['organized-crime', 'gambling'],
    },
    {
      path: '2',
      heading: 'Ngân hàng Nhà nước chi nhánh tỉnh',
      text: 'Chỉ đạo các tổ chức tín dụng giám sát giao dịch đáng ngờ, thực hiện quy định về phòng, chống rửa tiền.',
      agencies: [
        [
          'ha-giang:ngan-hang-nha-nuoc-chi-nhanh-tinh',
          'Ngân hàng Nhà nước chi nhánh tỉnh Hà Giang',
          'assigned',
          'ngan-hang-nha-nuoc-chi-nhanh-tinh',
        ],
      ],
      categories: ['money-laundering'],
    },
    {
      path: '3',
      heading: 'Sở Tư pháp',
      text: 'Tổ chức trợ giúp pháp lý cho người dân vùng sâu; bồi dưỡng hòa giải viên ở cơ sở.',
      agencies: [['ha-giang:so-tu-phap', 'Sở Tư pháp tỉnh Hà Giang', 'assigned', 'so-tu-phap']],
      deadline: '2024-06-30',
    },
  ],
});

const tradeDoc = makeDocument({
  id: 'cao-bang:tb-vp:2025-02',
  province: 'cao-bang',
  provinceName: 'Cao Bằng',
  type: 'Thông báo',
  issuedAt: '2025-02',
  duties: [
    {
      path: 'II > 1',
      heading: 'Chi cục Quản lý thị trường',
      text: 'Kiểm tra hàng giả, hàng nhập lậu bán trên sàn thương mại điện tử và mạng xã hội.',
      agencies: [
        [
          'cao-bang:quan-ly-thi-truong-tinh',
          'Chi cục Quản lý thị trường tỉnh Cao Bằng',
          'assigned',
          'quan-ly-thi-truong-tinh',
        ],
      ],
      categories: ['counterfeit-goods', 'smuggling'],
    },
    {
      path: 'II > 2',
      heading: 'Sở Giáo dục và Đào tạo',
      text: 'Phối hợp tuyên truyền phòng ngừa ma túy trong học sinh, sinh viên tại các nhà trường.',
      agencies: [
        [
          'cao-bang:so-giao-duc-va-dao-tao',
          'Sở Giáo dục và Đào tạo tỉnh Cao Bằng',
          'assigned',
          'so-giao-duc-va-dao-tao',
        ],
      ],
      categories: ['drugs'],
    },
    {
      path: 'II > 3',
      heading: 'Công an tỉnh',
      text: 'Tấn công trấn áp tội phạm ma túy trên tuyến biên giới, điều tra các vụ mua bán người.',
      agencies: [['cao-bang:cong-an-tinh', 'Công an tỉnh Cao Bằng', 'lead', 'cong-an-tinh']],
      categories: ['drugs', 'human-trafficking'],
    },
  ],
});

const fixtureSource = (docs: ExtractedDocument[]) => ({
  async *allDocuments() {
    yield* docs;
  },
});

const lexicon = ConceptLexicon.load();
const warnings: string[] = [];
const open = (docs: ExtractedDocument[], dataDir: string | null = null, sink: string[] = warnings) =>
  SearchService.open(fixtureSource(docs), {
    dataDir,
    lexicon,
    embedder: null,
    embedderReason: 'no model in tests',
    onWarning: (m) => sink.push(m),
  });

let service: SearchService;
beforeAll(async () => {
  service = await open([bankDoc, tradeDoc]);
});

const topAgency = async (query: string, extra: Partial<SearchRequest> = {}) =>
  (await service.search({ query, ...extra })).agencies[0]?.id;

describe('search service: who is responsible for X', () => {
  it('answers Vietnamese queries with and without diacritics', async () => {
    expect(await topAgency('Cơ quan nào chịu trách nhiệm phòng, chống rửa tiền?')).toBe(
      'ha-giang:ngan-hang-nha-nuoc-chi-nhanh-tinh',
    );
    expect(await topAgency('co quan nao phu trach tro giup phap ly')).toBe('ha-giang:so-tu-phap');
    expect(await topAgency('kiểm tra hàng giả trên thương mại điện tử')).toBe(
      'cao-bang:quan-ly-thi-truong-tinh',
    );
  });

  it('answers abbreviations and English paraphrases through concepts', async () => {
    expect(await topAgency('ai chủ trì đấu tranh TPCTC')).toBe('ha-giang:cong-an-tinh');
    expect(await topAgency('who is responsible for anti-money-laundering?')).toBe(
      'ha-giang:ngan-hang-nha-nuoc-chi-nhanh-tinh',
    );
    expect(await topAgency('which agency handles drug prevention in schools')).toBe(
      'cao-bang:so-giao-duc-va-dao-tao',
    );
    expect(await topAgency('market surveillance of online counterfeit goods')).toBe(
      'cao-bang:quan-ly-thi-truong-tinh',
    );
    const response = await service.search({ query: 'who provides legal aid' });
    expect(response.language).toBe('en');
    expect(response.concepts.map((c) => c.id)).toContain('domain:legal-aid');
  });

  it('returns passages with duty, agencies with roles, document and highlights', async () => {
    const response = await service.search({ query: 'rửa tiền', k: 2 });
    expect(response.semantic).toBe(false);
    expect(SearchResponse.parse(response)).toBeTruthy();
    const [hit] = response.passages;
    expect(hit?.dutyId).toBe('ha-giang:12-kh-ubnd:2024#2');
    expect(hit?.document).toEqual({
      id: 'ha-giang:12-kh-ubnd:2024',
      source: 'ha-giang_12-kh-ubnd_2024.txt',
      symbol: '12/KH-UBND',
      type: 'Kế hoạch',
      issuedAt: '2024-03-05',
      province: 'ha-giang',
    });
    expect(hit?.agencies[0]).toMatchObject({ role: 'assigned', typeId: 'ngan-hang-nha-nuoc-chi-nhanh-tinh' });
    expect(hit?.highlights.some((h) => h.text.endsWith('rửa tiền'))).toBe(true);
    for (const h of hit?.highlights ?? []) expect(hit?.text.slice(h.start, h.end)).toBe(h.text);
    expect(response.agencies[0]?.evidence[0]).toMatchObject({ dutyId: hit?.dutyId, role: 'assigned' });
  });

  it('ranks lead roles above support roles for the same duty', async () => {
    const response = await service.search({ query: 'tuần tra biên giới' });
    const ids = response.agencies.map((a) => a.id);
    expect(ids.indexOf('ha-giang:cong-an-tinh')).toBeLessThan(
      ids.indexOf('ha-giang:bo-chi-huy-bo-doi-bien-phong-tinh'),
    );
    const guard = response.agencies.find((a) => a.id === 'ha-giang:bo-chi-huy-bo-doi-bien-phong-tinh');
    expect(guard?.roles).toEqual(['support']);
  });

  it('groups provincial agencies of one type on request', async () => {
    const response = await service.search({ query: 'Công an tỉnh điều tra', group: true });
    const police = response.agencies.find((a) => a.id === 'type:cong-an-tinh');
    expect(police?.members).toEqual(['cao-bang:cong-an-tinh', 'ha-giang:cong-an-tinh']);
    expect(police?.province).toBeNull();
  });

  it('filters by province, agency, category, type and date', async () => {
    const only = async (request: SearchRequest) =>
      new Set((await service.search(request)).passages.map((p) => p.document.province));
    expect(await only({ query: 'công an tỉnh', province: 'Cao Bằng' })).toEqual(new Set(['cao-bang']));
    expect(await only({ query: 'công an tỉnh', type: 'ke-hoach' })).toEqual(new Set(['ha-giang']));
    expect(await only({ query: 'công an tỉnh', from: '2025-01', to: '2025-12-31' })).toEqual(
      new Set(['cao-bang']),
    );
    const byCategory = await service.search({ query: 'công an', category: 'human trafficking' });
    expect(byCategory.passages.map((p) => p.dutyId)).toEqual(['cao-bang:tb-vp:2025-02#II.3']);
    const byAgency = await service.search({ query: 'tuần tra', agency: 'bo-chi-huy-bo-doi-bien-phong-tinh' });
    expect(byAgency.agencies.map((a) => a.id)).toEqual(['ha-giang:bo-chi-huy-bo-doi-bien-phong-tinh']);
  });

  it('searches a province merged in 2025 under the province it joined', async () => {
    const binhThuan = makeDocument({
      id: 'binh-thuan:7-kh-ubnd:2023',
      province: 'binh-thuan',
      provinceName: 'Bình Thuận',
      type: 'Kế hoạch',
      issuedAt: '2023-05-02',
      duties: [
        {
          path: '1',
          heading: 'Công an tỉnh',
          text: 'Tuần tra trên biển, phòng chống buôn lậu.',
          agencies: [['binh-thuan:cong-an-tinh', 'Công an tỉnh Bình Thuận', 'lead', 'cong-an-tinh']],
        },
      ],
    });
    const merged = await open([bankDoc, binhThuan]);
    for (const province of ['Lâm Đồng', 'lam-dong', 'Binh Thuan']) {
      const response = await merged.search({ query: 'công an tuần tra', province });
      expect(response.passages.map((p) => p.document.province)).toEqual(['binh-thuan']);
    }
  });

  it('answers unknown filter values with an empty result and a reason', async () => {
    for (const [request, words, code] of [
      [{ query: 'ma túy', province: 'Atlantis' }, 'province "Atlantis"', 'unknown-province'],
      [{ query: 'ma túy', agency: 'Sở Phép thuật' }, 'agency matching "Sở Phép thuật"', 'agency-empty'],
      [
        { query: 'ma túy', category: 'piracy on mars' },
        'crime category "piracy on mars"',
        'unknown-category',
      ],
      [{ query: 'ma túy', type: 'Sắc lệnh' }, 'type "Sắc lệnh"', 'type-empty'],
    ] as const) {
      const response = await service.search(request);
      expect(response.passages).toEqual([]);
      expect(response.reason).toContain(words);
      // The same reason as a code, which clients say in their own language.
      expect(response.reasonCode).toBe(code);
    }
  });

  it('gives the first reason when several hold, though the index is asked about all of them at once', async () => {
    const nowhere = { agency: 'Sở Phép thuật', category: 'piracy on mars', type: 'Sắc lệnh' };
    for (const [request, code] of [
      [{ query: 'ma túy', province: 'Cà Mau', ...nowhere }, 'province-empty'],
      [{ query: 'ma túy', province: 'Hà Giang', ...nowhere }, 'agency-empty'],
      [
        { query: 'ma túy', province: 'Hà Giang', category: 'piracy on mars', type: 'Sắc lệnh' },
        'unknown-category',
      ],
      [{ query: 'ma túy', province: 'Hà Giang', type: 'Sắc lệnh' }, 'type-empty'],
      [{ query: 'ma túy', province: 'Cà Mau', type: 'Sắc lệnh' }, 'province-empty'],
    ] as const) {
      const response = await service.search(request);
      expect(response.passages).toEqual([]);
      expect(response.reasonCode).toBe(code);
    }
    const passing = await service.search({ query: 'đánh bạc', province: 'Hà Giang', type: 'Kế hoạch' });
    expect(passing.reasonCode).toBeUndefined();
    expect(new Set(passing.passages.map((p) => p.document.province))).toEqual(new Set(['ha-giang']));
  });
});

describe('search service: bad input', () => {
  it('rejects empty, whitespace and oversized queries with a message naming the field', async () => {
    await expect(service.search({ query: '' })).rejects.toThrow(/query must not be empty/);
    await expect(service.search({ query: '   \n ' })).rejects.toThrow(/query must not be empty/);
    await expect(service.search({ query: 'rửa tiền '.repeat(1200) })).rejects.toThrow(/query is too long/);
    await expect(service.search({ query: 'ma túy', k: 0 })).rejects.toThrow(/k must be at least 1/);
    await expect(service.search({ query: 'ma túy', from: 'June 2025' })).rejects.toThrow(/YYYY/);
    await expect(service.search({ query: 'ma túy', from: '2026', to: '2025' })).rejects.toThrow(
      /"from" must not be after "to"/,
    );
  });

  it('answers punctuation-only and emoji-only queries with a reason', async () => {
    for (const query of ['?!...;;', '🚓🚨👮', '—–-', 'cơ quan nào?']) {
      const response = await service.search({ query });
      expect(response.passages).toEqual([]);
      expect(response.reason).toMatch(/no searchable words/);
      expect(response.reasonCode).toBe('no-searchable-words');
    }
  });

  it('searches the usable part of mixed-script queries', async () => {
    const response = await service.search({ query: 'rửa tiền 洗钱 отмывание 🚨' });
    expect(response.agencies[0]?.id).toBe('ha-giang:ngan-hang-nha-nuoc-chi-nhanh-tinh');
    const nothing = await service.search({ query: '洗钱 отмывание' });
    expect(nothing.passages).toEqual([]);
    expect(nothing.reason).toBeDefined();
  });
});

describe('search service: persistence and incremental updates', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dutygraph-search-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves indexes, reloads them without rebuilding, and says once that semantic search is off', async () => {
    const first: string[] = [];
    await open([bankDoc], dir, first);
    expect(first.filter((w) => /semantic search is off/.test(w))).toHaveLength(1);
    expect(first.some((w) => /missing; rebuilding/.test(w))).toBe(true);
    const second: string[] = [];
    const reloaded = await open([bankDoc], dir, second);
    // Loaded from disk: neither rebuilt nor found behind the graph.
    expect(second.some((w) => /rebuilding|behind/.test(w))).toBe(false);
    expect(reloaded.size).toEqual({ passages: 3, documents: 1 });
    expect((await reloaded.search({ query: 'rửa tiền' })).passages[0]?.dutyId).toBe(
      'ha-giang:12-kh-ubnd:2024#2',
    );
  });

  it('catches up on open with documents the graph gained, changed or lost meanwhile', async () => {
    await open([bankDoc], dir, []);
    const notes: string[] = [];
    const caughtUp = await open(
      [{ ...bankDoc, contentHash: 'edited', duties: bankDoc.duties.slice(1) }, tradeDoc],
      dir,
      notes,
    );
    expect(notes).toContain('search index was behind the graph: 2 documents re-indexed, 0 removed');
    expect(caughtUp.size).toEqual({ passages: 5, documents: 2 });
    const shrunk: string[] = [];
    const afterRemoval = await open([tradeDoc], dir, shrunk);
    expect(shrunk).toContain('search index was behind the graph: 0 documents re-indexed, 1 removed');
    expect((await afterRemoval.search({ query: 'rửa tiền' })).passages).toEqual([]);
  });

  it('rebuilds from the graph, with a warning, when index files are corrupt', async () => {
    await (await open([bankDoc], dir, [])).close();
    await writeFile(path.join(dir, 'search-index', 'index.sqlite'), 'not a database, just text '.repeat(200));
    const notes: string[] = [];
    const rebuilt = await open([bankDoc, tradeDoc], dir, notes);
    expect(notes.some((w) => /damaged.*rebuilding/.test(w))).toBe(true);
    expect(rebuilt.size.documents).toBe(2);
    expect((await rebuilt.search({ query: 'rửa tiền' })).passages[0]?.dutyId).toBe(
      'ha-giang:12-kh-ubnd:2024#2',
    );
  });

  it('converts a data directory with the old JSON index, says so, and removes the old files', async () => {
    await mkdir(path.join(dir, 'search'), { recursive: true });
    await writeFile(
      path.join(dir, 'search', 'manifest.json'),
      '{"format": "dutygraph-search", "version": 2}',
    );
    await writeFile(path.join(dir, 'search', 'lexical.json'), '{}');
    const notes: string[] = [];
    const converted = await open([bankDoc], dir, notes);
    expect(notes.some((w) => /old JSON format .*; rebuilding it from the graph/.test(w))).toBe(true);
    expect(converted.size).toEqual({ passages: 3, documents: 1 });
    expect(existsSync(path.join(dir, 'search'))).toBe(false);
    const again: string[] = [];
    await open([bankDoc], dir, again);
    expect(again.some((w) => /rebuilding|behind/.test(w))).toBe(false);
  });

  it('indexes and removes documents incrementally, and persists the change', async () => {
    const live = await open([bankDoc], dir, []);
    expect((await live.search({ query: 'thương mại điện tử' })).agencies.map((a) => a.id)).not.toContain(
      'cao-bang:quan-ly-thi-truong-tinh',
    );
    await live.indexDocuments([tradeDoc]);
    expect((await live.search({ query: 'thương mại điện tử' })).agencies[0]?.id).toBe(
      'cao-bang:quan-ly-thi-truong-tinh',
    );
    // Re-ingesting a changed document replaces its passages.
    const changed = { ...bankDoc, duties: bankDoc.duties.slice(0, 1) };
    await live.indexDocuments([changed]);
    expect(live.size).toEqual({ passages: 4, documents: 2 });
    expect(await live.removeDocuments([tradeDoc.id, 'no-such-document'])).toBe(1);
    const notes: string[] = [];
    const reloaded = await open([changed], dir, notes);
    expect(notes.some((w) => /rebuilding|behind/.test(w))).toBe(false);
    expect(reloaded.size).toEqual({ passages: 1, documents: 1 });
    expect((await reloaded.search({ query: 'rửa tiền' })).passages).toEqual([]);
  });
});

describe('search service: questions about a document itself', () => {
  // A short synthetic decision (written for this test): its subject, issuer and proposer, and one duty.
  const decision = extractDocument(
    {
      source: 'phu-yen-qd-vu-khi.txt',
      format: 'txt',
      text: `ỦY BAN NHÂN DÂN
TỈNH PHÚ YÊN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 41/2024/QĐ-UBND
Phú Yên, ngày 12 tháng 3 năm 2024

QUYẾT ĐỊNH
Ban hành Quy chế quản lý vũ khí, vật liệu nổ và công cụ hỗ trợ trên địa bàn tỉnh Phú Yên

ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN

Căn cứ Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 20 tháng 6 năm 2017;

Theo đề nghị của Giám đốc Công an tỉnh tại Tờ trình số 15/TTr-CAT ngày 01 tháng 3 năm 2024.

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý vũ khí, vật liệu nổ và công cụ hỗ trợ.

Điều 2. Sở Công Thương chủ trì kiểm tra việc sử dụng vật liệu nổ công nghiệp của các doanh nghiệp.
`,
    },
    defaultContext(),
  ).document;

  it('indexes the document’s own passage and answers who proposed or issued it', async () => {
    const search = await open([decision]);
    expect(search.size).toEqual({ passages: decision.duties.length + 1, documents: 1 });
    const proposed = await search.search({ query: 'Cơ quan nào đề nghị ban hành quy chế quản lý vũ khí?' });
    const [first] = proposed.agencies;
    expect(first).toMatchObject({ id: 'phu-yen:cong-an-tinh', roles: ['proposer'], related: false });
    expect(first!.evidence[0]).toMatchObject({ kind: 'document', role: 'proposer', mention: 'Công an tỉnh' });
    expect(first!.evidence[0]!.snippet).toContain('Theo đề nghị của Giám đốc Công an tỉnh');
    expect(proposed.passages).toContainEqual(
      expect.objectContaining({ kind: 'document', dutyId: `${decision.id}#document`, path: '' }),
    );
    const issued = await search.search({
      query: 'who issued the regulation on weapons and explosives in Phu Yen',
    });
    expect(issued.agencies.filter((a) => !a.related).map((a) => a.id)).toEqual(['phu-yen:ubnd-tinh']);
    // A question about the duty is answered by the body given it, the document's own bodies related.
    const duty = await search.search({ query: 'ai kiểm tra sử dụng vật liệu nổ công nghiệp' });
    expect(duty.agencies[0]).toMatchObject({ id: 'phu-yen:so-cong-thuong', related: false });
    expect(duty.agencies.find((a) => a.id === 'phu-yen:ubnd-tinh')?.related ?? true).toBe(true);
    SearchResponse.parse(proposed);
    await search.close();
  });
});
