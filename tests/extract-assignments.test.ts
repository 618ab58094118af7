/**
 * Issue 9, assignments: clause-level duties in every layout (prose công văn, Điều articles, press summaries,
 * meeting conclusions, "a) b) c)" plans, appendix tables in .md/.html/.docx), agencies kept as written, their
 * spans, deadlines, and documents without any assignment. The synthetic layouts (tests/fixtures/synthetic,
 * written before the rules) are scored strictly here; eval:extract scores every set by agency + role.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayText, prepare } from '../ingest/extract/blocks.js';
import { frameOf, sentences } from '../ingest/extract/clauses.js';
import { defaultContext } from '../ingest/extract/context.js';
import { tableDuties } from '../ingest/extract/tables.js';
import { extractDeadline } from '../ingest/extract/targets.js';
import { extractFiles } from '../ingest/pipeline.js';
import { shownText, type Bundle, type ExtractedDocument } from '../ingest/schema.js';
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
  './fixtures/headers/',
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

  it('each duty: the text at its span is exactly the duty text; what readers see is that text, markup stripped', () => {
    const bad: string[] = [];
    let n = 0;
    let cleaned = 0;
    for (const d of all) {
      for (const duty of d.duties) {
        n++;
        const at = duty.span ? d.text.slice(duty.span[0], duty.span[1]) : '<no span>';
        if (at !== duty.text)
          bad.push(`${basename(d.source)} ${duty.path}: «${at.slice(0, 60)}» vs «${duty.text.slice(0, 60)}»`);
        // The display text is present only when it differs, and is the written text cleaned.
        if (duty.display !== undefined) {
          cleaned++;
          if (duty.display === duty.text || displayText(duty.text) !== duty.display)
            bad.push(`${basename(d.source)} ${duty.path}: shown «${duty.display.slice(0, 60)}»`);
        }
      }
    }
    expect(n).toBeGreaterThan(150);
    // Some duties carry markup, footnote marks or line breaks (the development plans do): those show cleaned.
    expect(cleaned).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });

  // A name broken over two lines ("thành\nphố" in a PDF's text layer) is the same words: line breaks are layout.
  it('each agency mention: the text at its span is the mention as written, up to line breaks', () => {
    const bad: string[] = [];
    for (const d of all)
      for (const duty of d.duties)
        for (const a of duty.agencies) {
          const at = a.span ? d.text.slice(a.span[0], a.span[1]).replace(/\s*\n\s*/g, ' ') : '<no span>';
          if (at !== a.mention) bad.push(`${basename(d.source)} ${duty.path}: «${at}» vs «${a.mention}»`);
        }
    expect(bad).toEqual([]);
  });

  it('no footnote is spliced into a duty', () => {
    const spliced = all.flatMap((d) =>
      d.duties
        .filter((x) => /\[\d{1,3}\]|<sup>|[¹²³⁴⁵⁶⁷⁸⁹]/u.test(shownText(x)))
        .map((x) => `${basename(d.source)} ${x.path}`),
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

  it('`dutygraph ingest` stores a document without assignments and lists it as "no duties found", per file', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dutygraph-no-duties-'));
    const run = (args: string[]) =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', 'cli/main.ts', 'ingest', ...args, '--data-dir', dataDir],
        { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8', timeout: 120_000 },
      );
    const files = [join(SYNTHETIC, 'bc-khong-nhiem-vu.txt'), join(SYNTHETIC, 'qd-dieu.txt')];
    const text = run(files);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/2 added, .* 0 failed/);
    expect(text.stdout).toMatch(/no duties found in .*bc-khong-nhiem-vu\.txt/);
    expect(text.stdout).not.toMatch(/no duties found in .*qd-dieu\.txt/);
    // Re-ingesting is a no-op, and the JSON summary names the file per file.
    const json = run([...files, '--json']);
    expect(json.status, json.stderr).toBe(0);
    const outcome = JSON.parse(json.stdout) as {
      unchanged: number;
      noDutiesFound: string[];
      failed: unknown[];
    };
    expect(outcome).toMatchObject({ unchanged: 2, failed: [] });
    expect(outcome.noDutiesFound.map((f) => basename(f))).toEqual(['bc-khong-nhiem-vu.txt']);
    rmSync(dataDir, { recursive: true, force: true });
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
    const duty = d.duties.find((x) => shownText(x).includes(evidence.slice(evidence.indexOf('phối hợp'))));
    // No annotation of this agency points at this duty (by its phrase of the text).
    const listed = extra.docs['quangtri-heldout-kh-2025.md']!.duties.filter(
      (g) =>
        fold(agency).startsWith(g.agency) &&
        (!g.text_has || fold(duty ? shownText(duty) : '').includes(g.text_has)),
    );
    expect(listed).toEqual([]);
    expect(duty?.agencies.find((a) => a.mention === agency)?.role).toBe('support');
  });
});

describe('the steps on their own', () => {
  const agencies = defaultContext().agencies;
  const frame = (text: string) => {
    const f = frameOf(text, agencies);
    return f && { mentions: f.mentions.map((m) => m.text), requested: f.requested, subject: f.subject };
  };

  it('frames: the object of an assigning verb, not its speaker; a subject followed by its action', () => {
    expect(frame('Chủ tịch UBND tỉnh giao Sở Y tế, Sở Tư pháp rà soát các cơ sở.')).toEqual({
      mentions: ['Sở Y tế', 'Sở Tư pháp'],
      requested: false,
      subject: false,
    });
    expect(frame('Đồng thời, đề nghị Tòa án nhân dân tỉnh đưa ra xét xử lưu động.')?.requested).toBe(true);
    expect(frame('Sở Nội vụ là cơ quan thường trực, chủ trì tổng hợp.')?.subject).toBe(true);
    // Reports and speakers are not duties; "nhiệm vụ được giao" is not "giao".
    expect(frame('Công an tỉnh đã bắt giữ 12 đối tượng.')).toBeNull();
    expect(frame('UBND tỉnh yêu cầu định kỳ báo cáo kết quả.')).toBeNull();
    expect(frame('Thực hiện nhiệm vụ được giao Sở Tư pháp hướng dẫn.')).toBeNull();
  });

  it('the press ("các cơ quan báo chí / truyền thông") as a subject of a prose sentence carries the work, the duty is kept', () => {
    // "của tỉnh" after the group is part of its name; before the press group was known, the sentence kept the
    // department only, and a name ending in "… của" would have dropped the whole duty.
    for (const press of [
      'các cơ quan truyền thông của tỉnh',
      'các cơ quan thông tấn, báo chí',
      'các cơ quan báo chí',
    ])
      expect(frame(`Sở Văn hoá - Thể thao và Du lịch và ${press} tăng cường công tác tuyên truyền.`)).toEqual(
        {
          mentions: ['Sở Văn hoá - Thể thao và Du lịch', press],
          requested: false,
          subject: true,
        },
      );
    // The press is a kind of body, not a catch-all: alone it is addressed too.
    expect(frame('Các cơ quan báo chí của tỉnh tăng cường tuyên truyền.')?.mentions).toEqual([
      'Các cơ quan báo chí của tỉnh',
    ]);
  });

  it('the districts or communes named bare ("các huyện, thành phố", "các xã, phường, thị trấn") are their People\'s Committees', () => {
    expect(frame('Giao các huyện, thành phố triển khai kế hoạch.')?.mentions).toEqual([
      'các huyện, thành phố',
    ]);
    expect(frame('Các huyện, thị xã, thành phố chỉ đạo UBND cấp xã rà soát người nghiện.')?.mentions).toEqual(
      ['Các huyện, thị xã, thành phố'],
    );
    expect(frame('Các xã, phường, thị trấn rà soát người nghiện.')?.mentions).toEqual([
      'Các xã, phường, thị trấn',
    ]);
    expect(
      frameOf('Các huyện, thị xã tăng cường tuần tra.', agencies)?.mentions.map((m) => m.type?.id),
    ).toEqual(['ubnd-cap-huyen']);
  });

  it('a place after the last subject qualifies it ("… của tỉnh", "… thuộc tỉnh X", "… tại địa phương"): the duty stays', () => {
    const subjects = (text: string) => frame(text)?.mentions;
    expect(subjects('Sở Y tế và các sở, ban, ngành của tỉnh tăng cường kiểm tra.')).toEqual([
      'Sở Y tế',
      'các sở, ban, ngành',
    ]);
    expect(
      subjects('Công an tỉnh và UBND các huyện, thị xã thuộc tỉnh Lạng Sơn tăng cường tuần tra.'),
    ).toEqual(['Công an tỉnh', 'UBND các huyện, thị xã']);
    expect(subjects('Công an tỉnh và các sở, ngành tại địa phương tăng cường phối hợp.')).toEqual([
      'Công an tỉnh',
      'các sở, ngành',
    ]);
    // Still a report, and still a group alone.
    expect(frame('Công an tỉnh của tỉnh đã triển khai kế hoạch.')).toBeNull();
    expect(frame('Các sở, ban, ngành của tỉnh tăng cường kiểm tra.')).toBeNull();
  });

  it('sentences are cut at ". X" but not inside parentheses or after "TP."', () => {
    const parts = sentences('Sở Y tế kiểm tra (xem mục 2. Hướng dẫn). Công an TP. Hải Phòng tuần tra. Xong.');
    expect(parts.map((p) => p.text)).toEqual([
      'Sở Y tế kiểm tra (xem mục 2. Hướng dẫn).',
      'Công an TP. Hải Phòng tuần tra.',
      'Xong.',
    ]);
  });

  it('deadlines: dates, quarters, months, table cells, recurrences', () => {
    expect(extractDeadline('hoàn thành trước ngày 30/6/2026')).toEqual({
      date: '2026-06-30',
      text: 'hoàn thành trước ngày 30/6/2026',
    });
    expect(extractDeadline('thực hiện trong Quý IV/2026').date).toBe('2026-12');
    // The limit in other words, a label written as a table's column, a month with no year.
    expect(extractDeadline('muộn nhất vào ngày 05/8/2026 gửi báo cáo').date).toBe('2026-08-05');
    expect(extractDeadline('không chậm hơn ngày 1/9/2026').date).toBe('2026-09-01');
    expect(extractDeadline('rà soát, lập danh sách. Thời gian thực hiện: Quý III/2026.')).toEqual({
      date: '2026-09',
      text: 'Quý III/2026',
    });
    expect(extractDeadline('báo cáo trong tháng 2', '2026-06-16').date).toBe('2027-02');
    expect(extractDeadline('tổ chức vào tháng 7 hằng năm', '2026-06-16').date).toBe(null);
    expect(extractDeadline('báo cáo trong tháng 9', null).date).toBe(null);
    expect(extractDeadline('trình UBND tỉnh trong tháng 11 năm 2026').date).toBe('2026-11');
    expect(extractDeadline('Năm 2027').date).toBe('2027');
    expect(extractDeadline('15/8/2026').date).toBe('2026-08-15');
    expect(extractDeadline('báo cáo định kỳ hằng quý')).toEqual({ date: null, text: 'định kỳ hằng quý' });
    expect(extractDeadline('trước ngày 21/6 và 25/12 hằng năm').text).toBe(
      'trước ngày 21/6 và 25/12 hằng năm',
    );
    expect(extractDeadline('từ ngày 01/3/2026 đến ngày 30/3/2026').date).toBeNull();
  });

  it("deadlines: a year to finish in, half-years, and a day-month in the document's year", () => {
    expect(extractDeadline('rà soát, hoàn thành trong năm 2026').date).toBe('2026');
    // A year in running text is a period unless something is finished in it.
    expect(extractDeadline('tuyên truyền trong năm 2026 cho học sinh').date).toBeNull();
    expect(extractDeadline('trong 6 tháng đầu năm 2026 tổng kết').date).toBe('2026-06');
    expect(extractDeadline('6 tháng cuối năm 2026').date).toBe('2026-12');
    expect(extractDeadline('gửi báo cáo trước 30/9', '2026-06-16').date).toBe('2026-09-30');
    // Already past at issue: next year's.
    expect(extractDeadline('gửi báo cáo trước 15/3', '2026-06-16').date).toBe('2027-03-15');
    expect(extractDeadline('gửi báo cáo trước 30/9', '2026').date).toBe('2026-09-30');
    expect(extractDeadline('gửi báo cáo trước 30/9')).toEqual({ date: null, text: 'trước 30/9' });
    expect(extractDeadline('trước ngày 15/12 hằng năm', '2026-06-16').date).toBeNull();
    expect(extractDeadline('định kỳ hằng năm báo cáo trước ngày 15/12', '2026-06-16').date).toBeNull();
    // The day and month in words, with no year.
    expect(extractDeadline('hoàn thành trước ngày 15 tháng 7', '2026-05-20')).toEqual({
      date: '2026-07-15',
      text: 'trước ngày 15 tháng 7',
    });
    expect(extractDeadline('báo cáo trước ngày 20 tháng 12 hằng năm', '2026-05-20').date).toBeNull();
    expect(extractDeadline('chậm nhất ngày 5 tháng 1', '2026-05-20').date).toBe('2027-01-05');
  });

  it('tables: columns found by header words in any order, merged lead/support cells, other tables ignored', () => {
    const blocks = (rows: string[]) => prepare(rows.join('\n')).blocks.filter((b) => b.text.includes('|'));
    const duties = tableDuties(
      blocks([
        'Thời hạn | Đơn vị phối hợp | Nhiệm vụ | Đơn vị chủ trì',
        'Quý I/2026 | Sở Tư pháp | Kiểm tra cơ sở cầm đồ | Công an tỉnh',
        'Thường xuyên |  | Cảnh báo lừa đảo qua mạng | Sở Khoa học và Công nghệ',
      ]),
      agencies,
    );
    expect(
      duties.map((d) => [d.text, d.deadlineText, d.agencies.map((a) => `${a.mention.text}/${a.role}`)]),
    ).toEqual([
      ['Kiểm tra cơ sở cầm đồ', 'Quý I/2026', ['Công an tỉnh/lead', 'Sở Tư pháp/support']],
      ['Cảnh báo lừa đảo qua mạng', 'Thường xuyên', ['Sở Khoa học và Công nghệ/lead']],
    ]);
    expect(tableDuties(blocks(['Chỉ tiêu | Năm 2025 | Năm 2026', 'Số vụ | 12 | 10']), agencies)).toEqual([]);
  });

  it('keeps an agency it cannot type as written and unresolved instead of dropping the duty', () => {
    const a = doc('bao-tom-tat.txt')
      .duties.flatMap((d) => d.agencies)
      .find((x) => x.mention === 'Chi cục Hải quan cửa khẩu Tân Lập');
    expect(a).toMatchObject({ resolved: false, typeId: null });
  });
});
