/**
 * .xlsx appendices read with exceljs: a workbook built here (a synthetic "Phụ lục phân công nhiệm vụ", not a real
 * document) reads as the HTML renderer writes tables, so its rows become duties; bad files get a clear error.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { defaultContext } from '../ingest/extract/context.js';
import { extractLoaded } from '../ingest/pipeline.js';
import { readBuffer } from '../ingest/readers/index.js';
import { readFailureOf } from './support/read-helpers.js';

async function appendix(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Phụ lục');
  sheet.mergeCells('A1:F1');
  sheet.getCell('A1').value = 'PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ';
  sheet.mergeCells('A2:F2');
  sheet.getCell('A2').value =
    '(Kèm theo Kế hoạch số 45/KH-UBND ngày 12 tháng 3 năm 2026 của UBND tỉnh Quảng Bình)';
  sheet.addRow([]);
  sheet.addRow([
    'STT',
    'Nội dung nhiệm vụ',
    'Cơ quan chủ trì',
    'Cơ quan phối hợp',
    'Thời gian hoàn thành',
    'Sản phẩm',
  ]);
  sheet.addRow(['I. CÔNG TÁC TUYÊN TRUYỀN']);
  sheet.mergeCells('A5:F5');
  sheet.addRow([
    1,
    'Tuyên truyền phòng, chống ma túy trong trường học',
    'Sở Giáo dục và Đào tạo',
    'Công an tỉnh\nTỉnh đoàn',
    'Quý II/2026',
    'Báo cáo',
  ]);
  sheet.addRow(['II. CÔNG TÁC PHÒNG NGỪA, ĐẤU TRANH']);
  sheet.mergeCells('A7:F7');
  sheet.addRow([
    1,
    'Kiểm tra các cơ sở kinh doanh dịch vụ có điều kiện',
    'Công an tỉnh',
    'Sở Văn hóa, Thể thao và Du lịch',
    new Date(Date.UTC(2026, 5, 30)),
    'Báo cáo',
  ]);
  sheet.addRow([
    2,
    'Lập hồ sơ quản lý người sử dụng trái phép chất ma túy',
    '',
    'Sở Y tế',
    'Thường xuyên',
    '',
  ]);
  sheet.mergeCells('C8:C9');
  book.addWorksheet('Ghi chú', { state: 'hidden' }).addRow(['Bản nháp, không phải văn bản']);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('.xlsx', () => {
  it('reads title lines as lines and the table as rows, a merged cell as the ditto below it', async () => {
    const loaded = await readBuffer('phu-luc.xlsx', await appendix());
    expect(loaded.format).toBe('xlsx');
    const lines = loaded.text.split('\n');
    expect(lines[0]).toBe('PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ');
    expect(lines).toContain('I. CÔNG TÁC TUYÊN TRUYỀN |  |  |  |  |');
    // A line break in a cell separates two bodies; a date cell is written as documents write dates.
    expect(loaded.text).toContain('| Công an tỉnh; Tỉnh đoàn |');
    expect(loaded.text).toContain('| 30/06/2026 |');
    expect(loaded.text).toContain(
      '2 | Lập hồ sơ quản lý người sử dụng trái phép chất ma túy | 〃 | Sở Y tế |',
    );
    // A hidden sheet is not part of the document.
    expect(loaded.text).not.toContain('Bản nháp');
  });

  it('gives each row its duty, roles and deadline', async () => {
    const loaded = await readBuffer('phu-luc.xlsx', await appendix());
    const { document } = extractLoaded(loaded, defaultContext());
    const duties = document.duties.map((d) => ({
      path: d.path,
      agencies: d.agencies.map((a) => `${a.mention}/${a.role}`),
      deadline: d.deadline,
    }));
    expect(duties).toEqual([
      {
        path: 'Phụ lục > I > 1',
        agencies: ['Sở Giáo dục và Đào tạo/lead', 'Công an tỉnh/support', 'Tỉnh đoàn/support'],
        deadline: '2026-06',
      },
      {
        path: 'Phụ lục > II > 1',
        agencies: ['Công an tỉnh/lead', 'Sở Văn hóa, Thể thao và Du lịch/support'],
        deadline: '2026-06-30',
      },
      { path: 'Phụ lục > II > 2', agencies: ['Công an tỉnh/lead', 'Sở Y tế/support'], deadline: null },
    ]);
    // Published on its own, the appendix is part of the plan it is attached to, under a key of its own.
    expect(document).toMatchObject({
      province: 'quang-binh',
      type: 'Kế hoạch',
      symbol: '45/KH-UBND',
      issuedAt: '2026-03-12',
      id: 'quang-binh:45-kh-ubnd:2026~phu-luc',
    });
    expect(document.subject).toBe('PHÂN CÔNG NHIỆM VỤ');
    expect(document.citations.map((c) => c.symbol)).not.toContain('45/KH-UBND');
  });

  it('bad files get a clear error naming the file', async () => {
    const notZip = await readFailureOf(readBuffer('x.xlsx', new TextEncoder().encode('Phụ lục')));
    expect(notZip.message).toBe('x.xlsx: not an .xlsx file (not a zip archive)');
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const old = await readFailureOf(readBuffer('cu.xlsx', ole));
    expect(old.message).toBe(
      'cu.xlsx: this is an old binary Excel .xls file, not .xlsx; open it in Excel and save it as .xlsx',
    );
    const whole = await appendix();
    const cut = await readFailureOf(readBuffer('cut.xlsx', whole.subarray(0, whole.length >> 1)));
    expect(cut.code).toBe('corrupt');
    expect(cut.message).toMatch(/^cut\.xlsx: damaged or truncated \.xlsx/);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Trống');
    const blank = await readFailureOf(
      readBuffer('trong.xlsx', new Uint8Array(await empty.xlsx.writeBuffer())),
    );
    expect(blank.code).toBe('empty');
    expect(blank.message).toMatch(/^trong\.xlsx: /);
  });
});
