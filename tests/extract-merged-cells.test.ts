/**
 * Assignment tables with merged cells, as Word and portal viewers print them: one lead agency's cell spanning the
 * rows of its tasks (HTML rowspan, Word's vertical merge), group rows spanning every column ("II. CÔNG TÁC PHÒNG
 * NGỪA"), and the typist's ditto ("Nt", "-nt-", "Như trên") where a cell repeats the one above. Short documents of
 * our own wording (marked samples), built here in each format; written before the rules.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFiles } from '../ingest/pipeline.js';
import type { Bundle, Duty, ExtractedDocument } from '../ingest/schema.js';
import { documentFrom, spanMismatches } from './support/extract-helpers.js';

const HEAD = [
  'MẪU / SAMPLE — văn bản giả lập để kiểm thử',
  'ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN',
  'Số: 77/KH-UBND',
  'Phú Yên, ngày 12 tháng 3 năm 2026',
  'KẾ HOẠCH',
  'Phòng, chống buôn lậu, gian lận thương mại và hàng giả năm 2026',
  'Các sở, ngành thực hiện theo Phụ lục kèm theo.',
  'PHỤ LỤC',
  'PHÂN CÔNG NHIỆM VỤ',
];

const COLUMNS = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'];

/** Rows of the table as a reader sees them; `span` marks a cell merged with the ones below it. */
interface SourceCell {
  text: string;
  rows?: number;
  columns?: number;
}
const TABLE: SourceCell[][] = [
  [{ text: 'I. CÔNG TÁC TUYÊN TRUYỀN', columns: 5 }],
  [
    { text: '1' },
    { text: 'Tuyên truyền về tác hại của hàng giả trên báo và đài' },
    { text: 'Sở Văn hóa, Thể thao và Du lịch', rows: 2 },
    { text: 'Báo Phú Yên' },
    { text: 'Quý II/2026' },
  ],
  [
    { text: '2' },
    { text: 'Phát hành tờ rơi cho tiểu thương tại các chợ' },
    { text: 'Ủy ban nhân dân các xã, phường' },
    { text: 'Thường xuyên' },
  ],
  [{ text: 'II. CÔNG TÁC KIỂM TRA, KIỂM SOÁT', columns: 5 }],
  [
    { text: '3' },
    { text: 'Kiểm tra các cơ sở kinh doanh thực phẩm dịp Tết' },
    { text: 'Cục Quản lý thị trường tỉnh', rows: 3 },
    { text: 'Sở Y tế', rows: 2 },
    { text: 'Tháng 12/2026', rows: 3 },
  ],
  [{ text: '4' }, { text: 'Kiểm tra hàng hóa bán qua mạng xã hội' }],
  [{ text: '5' }, { text: 'Xử lý hàng nhập lậu tại kho bãi' }, { text: 'Công an tỉnh' }],
];

function html(): string {
  const cell = (c: SourceCell) =>
    `<td${c.rows ? ` rowspan="${c.rows}"` : ''}${c.columns ? ` colspan="${c.columns}"` : ''}>${c.text}</td>`;
  return [
    '<html><body>',
    ...HEAD.map((line) => `<p>${line}</p>`),
    '<table><tbody>',
    `<tr>${COLUMNS.map((c) => `<td><strong>${c}</strong></td>`).join('')}</tr>`,
    ...TABLE.map((row) => `<tr>${row.map(cell).join('')}</tr>`),
    '</tbody></table>',
    '<p>ỦY BAN NHÂN DÂN TỈNH</p>',
    '</body></html>',
  ].join('\n');
}

/** Word writes a merged cell as the first cell with vMerge "restart" and one empty "continue" cell per row below. */
async function docx(): Promise<Buffer> {
  const paragraph = (text: string, bold = false) =>
    new Paragraph({ children: [new TextRun({ text, bold })] });
  const open = new Map<number, number>(); // column → rows of its merge still to come
  const rows = TABLE.map((source) => {
    const cells: TableCell[] = [];
    let s = 0;
    for (let column = 0; column < COLUMNS.length;) {
      if (open.get(column)) {
        open.set(column, open.get(column)! - 1);
        cells.push(new TableCell({ children: [paragraph('')], verticalMerge: VerticalMergeType.CONTINUE }));
        column++;
        continue;
      }
      const c = source[s++];
      if (!c) break;
      if (c.rows) open.set(column, c.rows - 1);
      cells.push(
        new TableCell({
          children: [paragraph(c.text)],
          ...(c.rows ? { verticalMerge: VerticalMergeType.RESTART } : {}),
          ...(c.columns ? { columnSpan: c.columns } : {}),
        }),
      );
      column += c.columns ?? 1;
    }
    return new TableRow({ children: cells });
  });
  const header = new TableRow({
    children: COLUMNS.map((c) => new TableCell({ children: [paragraph(c, true)] })),
  });
  const document = new Document({
    sections: [
      {
        children: [
          ...HEAD.map((line) => paragraph(line)),
          new Table({ rows: [header, ...rows] }),
          paragraph('ỦY BAN NHÂN DÂN TỈNH'),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The same table typed in Markdown, where a cell cannot span: the typist writes "Nt" (như trên) instead. */
function markdown(): string {
  return [
    ...HEAD.map((line) => `${line}\n`),
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    '| **I** | **CÔNG TÁC TUYÊN TRUYỀN** | | | |',
    '| 1 | Tuyên truyền về tác hại của hàng giả trên báo và đài | Sở Văn hóa, Thể thao và Du lịch | Báo Phú Yên | Quý II/2026 |',
    '| 2 | Phát hành tờ rơi cho tiểu thương tại các chợ | Nt | Ủy ban nhân dân các xã, phường | Thường xuyên |',
    '| **II** | **CÔNG TÁC KIỂM TRA, KIỂM SOÁT** | | | |',
    '| 3 | Kiểm tra các cơ sở kinh doanh thực phẩm dịp Tết | Cục Quản lý thị trường tỉnh | Sở Y tế | Tháng 12/2026 |',
    '| 4 | Kiểm tra hàng hóa bán qua mạng xã hội | -nt- | Như trên | -Nt- |',
    '| 5 | Xử lý hàng nhập lậu tại kho bãi | nt | Công an tỉnh | nt |',
    '',
    'ỦY BAN NHÂN DÂN TỈNH',
  ].join('\n');
}

const FILES = { html: 'phu-yen-merged.html', docx: 'phu-yen-merged.docx', md: 'phu-yen-ditto.md' } as const;

let dir: string;
let bundle: Bundle;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dutygraph-merged-'));
  await writeFile(join(dir, FILES.html), html());
  await writeFile(join(dir, FILES.docx), await docx());
  await writeFile(join(dir, FILES.md), markdown());
  ({ bundle } = await extractFiles(Object.values(FILES).map((f) => join(dir, f))));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const roles = (duty: Duty) => duty.agencies.map((a) => [a.mention, a.role]);
function duty(doc: ExtractedDocument, start: string): Duty {
  const found = doc.duties.find((d) => d.text.startsWith(start));
  if (!found) throw new Error(`no duty "${start}"; got: ${doc.duties.map((d) => d.text).join(' / ')}`);
  return found;
}

describe.each(Object.entries(FILES))('a table with merged cells (%s)', (_format, name) => {
  const doc = () => documentFrom(bundle, name);

  it('is read whole, with every span in place', () => {
    expect(bundle.errors).toEqual([]);
    expect(spanMismatches({ ...bundle, documents: [doc()] })).toEqual([]);
    expect(doc().duties.map((d) => d.text.slice(0, 20))).toEqual([
      'Tuyên truyền về tác ',
      'Phát hành tờ rơi cho',
      'Kiểm tra các cơ sở k',
      'Kiểm tra hàng hóa bá',
      'Xử lý hàng nhập lậu ',
    ]);
  });

  it('gives every row under a merged lead cell that lead, and keeps its own partners', () => {
    expect(roles(duty(doc(), 'Phát hành tờ rơi'))).toEqual([
      ['Sở Văn hóa, Thể thao và Du lịch', 'lead'],
      ['Ủy ban nhân dân các xã, phường', 'support'],
    ]);
    expect(roles(duty(doc(), 'Kiểm tra hàng hóa bán qua mạng'))).toEqual([
      ['Cục Quản lý thị trường tỉnh', 'lead'],
      ['Sở Y tế', 'support'],
    ]);
    expect(roles(duty(doc(), 'Xử lý hàng nhập lậu'))).toEqual([
      ['Cục Quản lý thị trường tỉnh', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
  });

  it('carries a merged deadline down, and a group row is no task and does not end the table', () => {
    expect(duty(doc(), 'Xử lý hàng nhập lậu').deadlineText).toBe('Tháng 12/2026');
    expect(duty(doc(), 'Phát hành tờ rơi').deadlineText).toBe('Thường xuyên');
    expect(doc().duties.some((d) => /CÔNG TÁC/.test(d.text))).toBe(false);
  });

  it('points a carried cell at the words the document wrote', () => {
    const d = doc();
    const lead = duty(d, 'Xử lý hàng nhập lậu').agencies[0]!;
    expect(lead.span).toBeTruthy();
    expect(d.text.slice(...lead.span!)).toBe('Cục Quản lý thị trường tỉnh');
  });
});
