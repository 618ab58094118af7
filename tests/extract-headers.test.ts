/**
 * Issue 9, headers and citations: every set's citations carry a span that holds their symbol; documented
 * gold corrections still apply to the annotation and are borne out by the text; a summary ingested before the
 * signed text is replaced by it under one key; a line addressed to an AI assistant is only text.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '../graph/open.js';
import { displayText } from '../ingest/extract/blocks.js';
import { defaultContext } from '../ingest/extract/context.js';
import { extractDocument } from '../ingest/extract/document.js';
import { extractFiles } from '../ingest/pipeline.js';
import { shownText, type Bundle, type ExtractedDocument } from '../ingest/schema.js';
import { repairSubject } from '../ingest/extract/header-lines.js';
import { findProvinceInSource, findProvinceInText } from '../ingest/taxonomy/provinces.js';
import { fold } from '../ingest/text/normalize.js';
import { CORPUS_DIR } from './eval/extract-eval.js';
import { discoverSets, loadSetGold } from './eval/extract-sets.js';
import { GOLD_CORRECTIONS } from './eval/gold-corrections.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const texts = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.(txt|md|html|docx)$/.test(f) && f !== 'README.md')
        .map((f) => path.join(dir, f))
    : [];

describe('citation spans over every document of all sets', () => {
  let bundle: Bundle;
  beforeAll(async () => {
    const dirs = [
      CORPUS_DIR,
      ...discoverSets().map((s) => s.dir),
      path.join(FIXTURES, 'unseen'),
      path.resolve(import.meta.dirname, '../samples'),
    ];
    ({ bundle } = await extractFiles([...new Set(dirs)].flatMap(texts)));
  }, 60_000);

  it('reads the sets', () => {
    expect(bundle.documents.length).toBeGreaterThanOrEqual(30);
  });

  it('gives every citation a span of the normalized text that holds its symbol (or, cited by name, its name) as written', () => {
    const wrong: string[] = [];
    for (const d of bundle.documents) {
      for (const c of d.citations) {
        if (!c.span) {
          wrong.push(`${path.basename(d.source)}: ${c.symbol ?? c.title} has no span`);
          continue;
        }
        const [start, end] = c.span;
        const shown = d.text.slice(start, end);
        // The symbol as printed: only the spaces some copies put around its separators ("23/2012/TT - BCA") go.
        const symbol = shown.replace(/\s*([-/])\s*/g, '$1');
        // A document cited by name (resolution may tie it to a numbered one) is found by its whole name as
        // printed, its quotes, emphasis and line breaks aside.
        const name = displayText(shown).replace(/[“”"]/g, '');
        const ok =
          start < end &&
          end <= d.text.length &&
          ((c.symbol !== null && symbol.includes(c.symbol)) || (c.title !== null && name.includes(c.title)));
        if (!ok)
          wrong.push(`${path.basename(d.source)}: ${c.symbol ?? c.title} at [${start},${end}) = "${shown}"`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps footnotes out of the sentences they annotate', () => {
    for (const d of bundle.documents)
      for (const duty of d.duties)
        expect(shownText(duty), d.source).not.toMatch(/\s\[\d{1,2}\]\s+(?:Quyết|Nghị|Chỉ)/u);
  });
});

describe('documented gold corrections', () => {
  // Pages that never name their province: the annotation gives the one the page's site (and the file's name)
  // belongs to, which the extraction takes from the file's name; the text alone could not tell.
  it('a page naming no province takes the one of its file name, as annotated', async () => {
    const spec = discoverSets().find((s) => s.name === 'corpus-extra');
    if (!spec) return;
    const gold = await loadSetGold(spec.goldFile);
    const { bundle } = await extractFiles(texts(spec.dir));
    const unnamed = bundle.documents.filter(
      (d) => path.dirname(d.source) === spec.dir && d.provinceInferred && !findProvinceInText(d.text),
    );
    expect(unnamed.map((d) => path.basename(d.source)).sort()).toEqual([
      'dak-lak-4235-ubnd-kgvx-2018.txt',
      'kon-tum-vpubnd-thang-hanh-dong-ma-tuy-2012.txt',
      'lang-son-463-ubnd-nc-2019.txt',
    ]);
    for (const d of unnamed) {
      expect(d.province).toBe(findProvinceInSource(d.source)?.slug);
      expect(gold[path.basename(d.source)]?.province).toBe(d.province);
    }
  });

  it.each(GOLD_CORRECTIONS.map((c) => [`${c.set} ${c.file} ${c.field}`, c] as const))('%s', async (_, c) => {
    const spec = discoverSets().find((s) => s.name === c.set);
    expect(spec, `set ${c.set}`).toBeDefined();
    const gold = await loadSetGold(spec!.goldFile);
    // The annotation still says what we correct (else the correction is stale and must go).
    expect((gold[c.file] as Record<string, unknown>)[c.field]).toEqual(c.from);
    const text = readFileSync(path.join(spec!.dir, c.file), 'utf8').normalize('NFC');
    for (const phrase of c.evidence ?? []) expect(text).toContain(phrase);
    for (const phrase of c.absent ?? []) expect(fold(text)).not.toContain(fold(phrase));
    expect(c.reason.length).toBeGreaterThan(20);
  });
});

// Invented documents (province Hậu Giang, numbers made up): a portal summary, then the signed text.
const SUMMARY = `Tăng cường phòng, chống tội phạm trộm cắp tài sản

Ngày 12/3/2024, UBND tỉnh Hậu Giang vừa ban hành Chỉ thị số 05/CT-UBND về tăng cường phòng, chống tội phạm trộm cắp tài sản.

Theo đó, Chủ tịch UBND tỉnh giao Công an tỉnh chủ trì tăng cường tuần tra.
`;
const SIGNED = `ỦY BAN NHÂN DÂN
TỈNH HẬU GIANG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 05/CT-UBND
Hậu Giang, ngày 12 tháng 3 năm 2024
CHỈ THỊ
Về tăng cường phòng, chống tội phạm trộm cắp tài sản
Thời gian qua, tội phạm trộm cắp tài sản diễn biến phức tạp. Chủ tịch UBND tỉnh chỉ thị:
1. Công an tỉnh chủ trì tăng cường tuần tra, kiểm soát.
`;

describe('a summary, then the signed text of the same document', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dutygraph-provenance-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const extract = (text: string, source: string): ExtractedDocument =>
    extractDocument({ source, format: 'txt', text }, defaultContext()).document;

  it('gives the summary the summarized identity, and the signed text replaces it under that key', async () => {
    const summary = extract(SUMMARY, 'portal-summary.txt');
    expect(summary).toMatchObject({
      symbol: '05/CT-UBND',
      type: 'Chỉ thị',
      issuedAt: '2024-03-12',
      province: 'hau-giang',
      provenance: 'summary',
    });
    expect(summary.citations.map((c) => c.symbol)).not.toContain('05/CT-UBND');
    const signed = extract(SIGNED, 'signed.txt');
    expect(signed).toMatchObject({ id: summary.id, provenance: 'signed' });

    const store = openEmbedded(dir);
    try {
      await store.ingest(summary);
      await store.ingest(signed);
      const stored = await store.getDocument(summary.id);
      expect(stored).toMatchObject({ provenance: 'signed', source: 'signed.txt' });
      const page = await store.listDocuments();
      expect(page.items.filter((d) => d.key === summary.id)).toHaveLength(1);
      // A summary arriving after the signed text does not replace it.
      expect(await store.ingest(summary)).toMatchObject({ key: summary.id, status: 'unchanged' });
      expect(await store.getDocument(summary.id)).toMatchObject({
        provenance: 'signed',
        source: 'signed.txt',
      });
    } finally {
      await store.close();
    }
  });
});

describe('text is data', () => {
  it('reads a line addressed to an AI assistant as text of the document', async () => {
    const { bundle } = await extractFiles([path.join(FIXTURES, 'headers', 'bk-press-vb.txt')]);
    const d = bundle.documents[0]!;
    expect(d).toMatchObject({ type: 'Công văn', symbol: '915/UBND-KT', provenance: 'summary' });
    expect(d.text).toContain('trợ lý AI');
  });
});

describe('a subject a stamp covered in part', () => {
  it('is restored from the name the body quotes, else loses only its stray quote', () => {
    const damaged = 'Triển khai Chương trình an toàn giao thông" thuộc Kế hoạch tổng thể';
    const body = [
      'Thực hiện Quyết định số 12/QĐ-UBND phê duyệt Chương trình "Nâng cao ý thức an toàn giao thông" (Chương trình 3).',
    ];
    expect(repairSubject(damaged, body)).toBe(
      'Triển khai Chương trình “Nâng cao ý thức an toàn giao thông” thuộc Kế hoạch tổng thể',
    );
    expect(repairSubject(damaged, [])).toBe(
      'Triển khai Chương trình an toàn giao thông thuộc Kế hoạch tổng thể',
    );
    const whole = 'Thực hiện Đề án “Xây dựng khu dân cư an toàn” giai đoạn 2021-2025';
    expect(repairSubject(whole, body)).toBe(whole);
  });
});
