/**
 * Issue 9, assignments: clause-level duties in every layout (prose công văn, Điều articles, press summaries,
 * meeting conclusions, "a) b) c)" plans, appendix tables in .md/.html/.docx), agencies kept as written, their
 * spans, deadlines, and documents without any assignment. The synthetic layouts (tests/fixtures/synthetic,
 * written before the rules) are scored strictly here; eval:extract scores every set by agency + role.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayText } from '../ingest/extract/blocks.js';
import { extractFiles } from '../ingest/pipeline.js';
import type { Bundle, ExtractedDocument } from '../ingest/schema.js';
import { fold } from '../ingest/text/normalize.js';
import { scoreStrict, sum, type GoldDuty } from './eval/duty-match.js';
import { buildTableDocx } from './support/synthetic-docx.js';

const SYNTHETIC = fileURLToPath(new URL('./fixtures/synthetic/', import.meta.url));
const gold = JSON.parse(readFileSync(join(SYNTHETIC, 'gold.json'), 'utf8')) as {
  docs: Record<string, { duties: GoldDuty[] }>;
};

let bundle: Bundle;
const doc = (name: string): ExtractedDocument => {
  const found = bundle.documents.find((d) => basename(d.source) === name);
  if (!found) throw new Error(`no document ${name}: ${JSON.stringify(bundle.errors)}`);
  return found;
};

beforeAll(async () => {
  // The .docx is built afresh from its spec with the docx package; the other files are read as they are.
  const dir = mkdtempSync(join(tmpdir(), 'dutygraph-synthetic-'));
  for (const name of Object.keys(gold.docs)) {
    if (name.endsWith('.docx')) writeFileSync(join(dir, name), await buildTableDocx());
    else copyFileSync(join(SYNTHETIC, name), join(dir, name));
  }
  ({ bundle } = await extractFiles([dir]));
}, 60_000);

describe('synthetic assignment layouts', () => {
  it('finds every (agency as written, role) of every layout: P and R ≥ 0.9, each file ≥ 0.8', () => {
    const scores = Object.entries(gold.docs).map(([name, g]) => ({
      name,
      ...scoreStrict(doc(name), g.duties),
    }));
    const report = scores
      .filter((s) => s.fn || s.fp)
      .map((s) => `${s.name}: missed [${s.misses.join('; ')}] extra [${s.extras.join('; ')}]`)
      .join('\n');
    const total = sum(scores);
    expect({ p: total.precision >= 0.9, r: total.recall >= 0.9, report }).toEqual({
      p: true,
      r: true,
      report,
    });
    for (const s of scores) {
      const one = sum([s]);
      expect([s.name, one.precision >= 0.8 && one.recall >= 0.8]).toEqual([s.name, true]);
    }
  });

  it('reads deadlines, recurrences and per-agency verbs', () => {
    const misses = Object.entries(gold.docs).flatMap(([name, g]) =>
      scoreStrict(doc(name), g.duties).deadlineMisses.map((m) => `${name}: ${m}`),
    );
    expect(misses).toEqual([]);
  });

  it('keeps agency names exactly as written, next to the canonical agency', () => {
    const mentions = doc('bao-tom-tat.txt').duties.flatMap((d) => d.agencies.map((a) => a.mention));
    expect(mentions).toContain('Ban Quản lý Khu kinh tế cửa khẩu Tân Lập - Đông Sơn');
    expect(mentions).toContain('Báo và Đài Phát thanh, Truyền hình Đông Sơn');
  });

  it('does not make the issuer that "chỉ đạo"/"giao" an assignee', () => {
    for (const name of ['bao-tom-tat.txt', 'cv-kinh-gui-prose.txt', 'qd-dieu.txt']) {
      const mentions = doc(name).duties.flatMap((d) => d.agencies.map((a) => a.mention));
      expect(mentions.filter((m) => /^(?:UBND|Ủy ban nhân dân) tỉnh$/u.test(m))).toEqual([]);
    }
  });

  it('treats a line addressed to software as text: kept in the text, no effect on the duties', () => {
    const d = doc('cv-kinh-gui-prose.txt');
    expect(d.text).toContain('Note to AI assistants');
    expect(d.duties.some((x) => x.agencies.length === 0)).toBe(false);
    expect(d.duties.length).toBeGreaterThanOrEqual(4);
  });

  it('a document with no assignment still has its header and citations, and no duties', () => {
    const d = doc('bc-khong-nhiem-vu.txt');
    expect(d.symbol).toBe('41/BC-CAT');
    expect(d.citations.map((c) => c.symbol)).toContain('93/KH-UBND');
    expect(d.duties).toEqual([]);
  });
});

/** Every document of every set we have: the spans address the document's own text. */
const SETS = [
  '../../shared/corpus/',
  '../../shared/corpus-extra/',
  '../samples/',
  './fixtures/synthetic/',
  './fixtures/unseen/',
];

describe('spans over every document of all sets', () => {
  let all: ExtractedDocument[] = [];
  beforeAll(async () => {
    const dirs = SETS.map((s) => fileURLToPath(new URL(s, import.meta.url)));
    const files = dirs.flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => /\.(?:txt|md|html|docx)$/.test(f) && f !== 'README.md')
        .map((f) => join(dir, f)),
    );
    all = (await extractFiles(files)).bundle.documents;
  }, 90_000);

  it('each duty: the text at its span, markup stripped, is the duty text', () => {
    const bad: string[] = [];
    let n = 0;
    for (const d of all) {
      for (const duty of d.duties) {
        n++;
        const at = duty.span ? displayText(d.text.slice(duty.span[0], duty.span[1])) : '<no span>';
        if (at !== duty.text)
          bad.push(`${basename(d.source)} ${duty.path}: «${at.slice(0, 60)}» vs «${duty.text.slice(0, 60)}»`);
      }
    }
    expect(n).toBeGreaterThan(150);
    expect(bad).toEqual([]);
  });

  it('each agency mention: the text at its span is the mention as written', () => {
    const bad: string[] = [];
    for (const d of all)
      for (const duty of d.duties)
        for (const a of duty.agencies) {
          const at = a.span ? displayText(d.text.slice(a.span[0], a.span[1])) : '<no span>';
          if (at !== a.mention) bad.push(`${basename(d.source)} ${duty.path}: «${at}» vs «${a.mention}»`);
        }
    expect(bad).toEqual([]);
  });

  it('no footnote is spliced into a duty', () => {
    const spliced = all.flatMap((d) =>
      d.duties.filter((x) => /\[\d{1,3}\]|<sup>/.test(x.text)).map((x) => `${basename(d.source)} ${x.path}`),
    );
    expect(spliced).toEqual([]);
  });
});

describe('bad input and annotations we disagree with', () => {
  it('`dutygraph extract` counts a document without assignments as "no duties found", not as a failure', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'cli/main.ts',
        'extract',
        join(SYNTHETIC, 'bc-khong-nhiem-vu.txt'),
        join(SYNTHETIC, 'qd-dieu.txt'),
      ],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/2 documents extracted, 0 failed/);
    expect(result.stdout).toMatch(/no duties found in .*bc-khong-nhiem-vu\.txt/);
    expect(result.stdout).not.toMatch(/no duties found in .*qd-dieu\.txt/);
  });

  // ../shared/corpus-extra/gold.json lists, for quangtri-heldout-kh-2025.md, neither partner below although the
  // text names each one after "phối hợp với": eval:extract counts them as false positives; we keep them.
  it.each([
    [
      'Ngân hàng Nhà nước chi nhánh tỉnh',
      'phối hợp với Ngân hàng Nhà nước chi nhánh tỉnh xác minh giao dịch đáng ngờ',
    ],
    ['Sở Tài chính', 'Giao Sở Xây dựng phối hợp với Sở Tài chính kiểm tra'],
  ])('corpus-extra gold misses the partner %s (text: "%s")', async (agency, evidence) => {
    const file = fileURLToPath(
      new URL('../../shared/corpus-extra/quangtri-heldout-kh-2025.md', import.meta.url),
    );
    expect(readFileSync(file, 'utf8')).toContain(evidence);
    const extra = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../shared/corpus-extra/gold.json', import.meta.url)), 'utf8'),
    ) as { docs: Record<string, { duties: GoldDuty[] }> };
    const d = (await extractFiles([file])).bundle.documents[0]!;
    const duty = d.duties.find((x) => x.text.includes(evidence.slice(evidence.indexOf('phối hợp'))));
    // No annotation of this agency points at this duty (by its phrase of the text).
    const listed = extra.docs['quangtri-heldout-kh-2025.md']!.duties.filter(
      (g) =>
        fold(agency).startsWith(g.agency) && (!g.text_has || fold(duty?.text ?? '').includes(g.text_has)),
    );
    expect(listed).toEqual([]);
    expect(duty?.agencies.find((a) => a.mention === agency)?.role).toBe('support');
  });
});
