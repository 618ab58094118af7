/**
 * The exports read back with the libraries other tools use: the XLSX with exceljs (cell by cell against
 * the JSON API's view of the same duties), the ICS with ical.js, the CSV with csv-parse (Vietnamese
 * text round-trips byte for byte). Empty selections give valid files with their headers; unknown
 * filters give problems naming the parameter; `dutygraph export duties` writes the same files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../api/exports/csv.js';
import { deadlineDay } from '../api/exports/ics.js';
import { ROLE_LABELS } from '../api/exports/rows.js';
import { DUTIES_SHEET, MATRIX_SHEET, MAX_CELL_CHARS, responsibilityWorkbook } from '../api/exports/xlsx.js';
import type { DocumentDetail } from '../api/schemas.js';
import { shownText, type Duty } from '../ingest/schema.js';
import { json, repoRoot, SAMPLES_DIR, startTestApi, type TestApi } from './support/api-app.js';

let api: TestApi;
/** Every sample document as the JSON API gives it: the reference the files are checked against. */
let documents: DocumentDetail[];

beforeAll(async () => {
  api = await startTestApi();
  const list = json<{ items: Array<{ key: string }> }>(await api.app.inject({ url: '/api/documents' }));
  documents = await Promise.all(
    list.items.map(async ({ key }) =>
      json<DocumentDetail>(await api.app.inject({ url: `/api/documents/${encodeURIComponent(key)}` })),
    ),
  );
});
afterAll(async () => {
  await api?.close();
});

const get = (url: string) => api.app.inject({ url });

/** Duties of Lạng Sơn documents on money laundering, from the JSON API. */
function reference(filter: (doc: DocumentDetail, duty: Duty) => boolean) {
  return documents.flatMap((doc) => doc.duties.filter((d) => filter(doc, d)).map((duty) => ({ doc, duty })));
}
const langSonLaundering = (doc: DocumentDetail, duty: Duty) =>
  doc.document.province === 'lang-son' && duty.categories.includes('money-laundering');

async function workbook(url: string) {
  const response = await get(url);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return book;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

describe('GET /api/exports/responsibility.xlsx', () => {
  it('sheet 1 crosses agencies with the category: duty counts and roles, cell by cell', async () => {
    const book = await workbook(
      '/api/exports/responsibility.xlsx?province=Lạng Sơn&category=rửa tiền'.replace(/ /g, '%20'),
    );
    expect(book.worksheets.map((s) => s.name)).toEqual([MATRIX_SHEET, DUTIES_SHEET, 'Thông tin - About']);
    const matrix = book.getWorksheet(MATRIX_SHEET)!;
    expect(rowValues(matrix, 1)).toEqual([
      'Cơ quan / Agency',
      'Mã cơ quan / Agency id',
      'Tỉnh / Province',
      'Số nhiệm vụ / Duties',
      'Rửa tiền: số nhiệm vụ / duties',
      'Rửa tiền: vai trò / roles',
    ]);
    // Expected cells, computed from the JSON API: per agency, distinct duties and duties per role.
    const expected = new Map<
      string,
      { name: string; duties: Set<string>; roles: Map<string, Set<string>> }
    >();
    for (const { duty } of reference(langSonLaundering)) {
      for (const a of duty.agencies) {
        const entry = expected.get(a.id) ?? { name: a.name, duties: new Set(), roles: new Map() };
        expected.set(a.id, entry);
        entry.duties.add(duty.id);
        entry.roles.set(a.role, (entry.roles.get(a.role) ?? new Set()).add(duty.id));
      }
    }
    expect(matrix.rowCount - 1).toBe(expected.size);
    for (let n = 2; n <= matrix.rowCount; n++) {
      const [name, id, , total, count, roles] = rowValues(matrix, n) as [
        string,
        string,
        string,
        number,
        number,
        string,
      ];
      const want = expected.get(id)!;
      expect(name).toBe(want.name);
      expect(total).toBe(want.duties.size);
      expect(count).toBe(want.duties.size);
      const roleText = (['lead', 'support', 'requested', 'assigned'] as const)
        .filter((r) => want.roles.has(r))
        .map((r) => `${ROLE_LABELS[r]} ${want.roles.get(r)!.size}`)
        .join('; ');
      expect(roles).toBe(roleText);
    }
    // Sorted by duties, and the State Bank regional branch is among the agencies responsible.
    const totals = Array.from(
      { length: matrix.rowCount - 1 },
      (_, i) => matrix.getRow(i + 2).getCell(4).value as number,
    );
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(matrix.getColumn(1).values).toContain('Ngân hàng Nhà nước Khu vực 5');
  });

  it('sheet 2 lists each duty and agency with document, role, deadline, text and link', async () => {
    const book = await workbook(
      '/api/exports/responsibility.xlsx?province=lang-son&category=money-laundering',
    );
    const duties = book.getWorksheet(DUTIES_SHEET)!;
    expect(rowValues(duties, 1)).toEqual([
      'Cơ quan / Agency',
      'Mã cơ quan / Agency id',
      'Vai trò / Role',
      'Văn bản / Document',
      'Ngày ban hành / Issued',
      'Tỉnh / Province',
      'Mục / Section',
      'Thời hạn / Deadline',
      'Loại tội phạm / Crime categories',
      'Nhiệm vụ / Duty',
      'Liên kết / Link',
    ]);
    const want = reference(langSonLaundering).flatMap(({ doc, duty }) =>
      duty.agencies.map((a) => ({ doc, duty, a })),
    );
    expect(duties.rowCount - 1).toBe(want.length);
    const rows = Array.from({ length: duties.rowCount - 1 }, (_, i) => rowValues(duties, i + 2));
    for (const { doc, duty, a } of want) {
      const row = rows.find(
        (r) => r[1] === a.id && r[6] === duty.path && r[3] === `${doc.document.type} ${doc.document.symbol}`,
      );
      expect(row, `${duty.id} ${a.id}`).toBeDefined();
      expect(row![0]).toBe(a.name);
      expect(row![2]).toBe(ROLE_LABELS[a.role]);
      expect(row![4]).toBe(doc.document.issuedAt);
      expect(row![5]).toBe('Lạng Sơn');
      expect(row![7]).toBe(duty.deadline ?? '');
      expect(row![9]).toBe(shownText(duty));
      const link = `http://localhost:80/#/doc/${encodeURIComponent(doc.document.key)}`;
      expect(row![10]).toEqual({ text: link, hyperlink: link });
    }
    // The 9906/UBND-NC deadline for the State Bank branch, as the document states it (10/6/2026).
    expect(rows.find((r) => r[0] === 'Ngân hàng Nhà nước Khu vực 5' && r[7] === '2026-06-10')?.[3]).toBe(
      'Công văn 9906/UBND-NC',
    );
  });

  it('an empty selection is a valid workbook with headers only; unknown filters are problems', async () => {
    const book = await workbook('/api/exports/responsibility.xlsx?province=dien-bien');
    expect(book.getWorksheet(MATRIX_SHEET)!.rowCount).toBe(1);
    expect(book.getWorksheet(DUTIES_SHEET)!.rowCount).toBe(1);
    expect(rowValues(book.getWorksheet(MATRIX_SHEET)!, 1)[0]).toBe('Cơ quan / Agency');

    const province = await get('/api/exports/responsibility.xlsx?province=atlantis');
    expect(province.statusCode).toBe(400);
    expect(json(province).errors).toEqual([
      { path: 'query.province', message: 'unknown province "atlantis"' },
    ]);
    const category = await get('/api/exports/responsibility.xlsx?category=piracy-of-the-seas');
    expect(json(category).errors).toEqual([
      { path: 'query.category', message: 'unknown crime category "piracy-of-the-seas"' },
    ]);
    const agency = await get('/api/exports/deadlines.ics?agency=lang-son:no-such-agency');
    expect(agency.statusCode).toBe(404);
    expect(json(agency).detail).toMatch(/lang-son:no-such-agency/);
    expect((await get(`/api/exports/duties.csv?province=${'x'.repeat(300)}`)).statusCode).toBe(400);
  });
});

describe('responsibilityWorkbook', () => {
  it('cuts a duty text longer than an Excel cell holds, and says so', async () => {
    const duty: Duty = {
      id: 'x:1#1',
      path: '1',
      heading: null,
      text: 'rà soát '.repeat(6000),
      deadline: null,
      agencies: [
        {
          id: 'vn:bo-cong-an',
          name: 'Bộ Công an',
          mention: 'Bộ Công an',
          role: 'lead',
          typeId: null,
          province: null,
        },
      ],
      categories: [],
      targets: [],
    };
    const document = {
      id: 'x:1',
      symbol: '1/KH',
      type: 'Kế hoạch',
      issuedAt: '2026',
      province: null,
      provinceName: null,
      subject: null,
    };
    const bytes = await responsibilityWorkbook(
      { selection: { province: null, category: null, agency: null }, rows: [{ duty, document }] },
      'http://h',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const cell = book.getWorksheet(DUTIES_SHEET)!.getRow(2).getCell(10).text;
    expect(cell).toHaveLength(MAX_CELL_CHARS);
    expect(cell.endsWith('[cắt bớt / truncated]')).toBe(true);
    expect(book.getWorksheet(MATRIX_SHEET)!.getRow(2).getCell(1).text).toBe('Bộ Công an');
  });
});

describe('GET /api/exports/deadlines.ics', () => {
  it('has one all-day event per duty with a deadline, with the duty text and document', async () => {
    const response = await get('/api/exports/deadlines.ics?agency=lang-son:cong-an-tinh');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const want = reference(
      (_doc, duty) => duty.deadline !== null && duty.agencies.some((a) => a.id === 'lang-son:cong-an-tinh'),
    );
    expect(events).toHaveLength(want.length);
    for (const { doc, duty } of want) {
      const event = events.find((e) => e.uid === `${duty.id}@dutygraph`)!;
      expect(event.startDate.isDate).toBe(true);
      expect(event.startDate.toString()).toBe(deadlineDay(duty.deadline!).date);
      expect(event.description).toContain(shownText(duty));
      expect(event.description).toContain(
        `${doc.document.type} ${doc.document.symbol} (${doc.document.issuedAt})`,
      );
      expect(event.summary.startsWith(`${doc.document.symbol}: `)).toBe(true);
    }
    expect(events.find((e) => e.startDate.toString() === '2026-06-15')?.description).toMatch(
      /Thời hạn \/ Deadline: 15\/6\/2026/,
    );
  });

  it('an empty selection is a valid calendar with no events', async () => {
    const response = await get('/api/exports/deadlines.ics?province=ha-giang');
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(0);
  });

  it('places partial deadlines on the last day of their month or year, and says so', () => {
    expect(deadlineDay('2026-06-10')).toMatchObject({ date: '2026-06-10', precision: 'day' });
    expect(deadlineDay('2028-02')).toMatchObject({ date: '2028-02-29', precision: 'month' });
    expect(deadlineDay('2026-02').date).toBe('2026-02-28');
    expect(deadlineDay('2026-12')).toMatchObject({ date: '2026-12-31' });
    expect(deadlineDay('2026-06').note).toMatch(
      /month 6\/2026 \(the document gives the month only; shown on its last day\)/,
    );
    expect(deadlineDay('2027')).toMatchObject({ date: '2027-12-31', precision: 'year' });
    expect(deadlineDay('2027').note).toMatch(/year 2027/);
  });
});

describe('CSV exports', () => {
  const csv = async (url: string) => {
    const response = await get(url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return {
      raw: bytes.toString('utf8'),
      rows: parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>,
    };
  };

  it('duties.csv round-trips Vietnamese duty text exactly', async () => {
    const { raw, rows } = await csv('/api/exports/duties.csv?province=lang-son&category=money-laundering');
    expect(raw).toMatch(/\r\n$/);
    const want = reference(langSonLaundering);
    expect(rows).toHaveLength(want.reduce((n, { duty }) => n + duty.agencies.length, 0));
    for (const { duty } of want) {
      expect(
        rows.some((r) => r['Nhiệm vụ / Duty'] === shownText(duty) && r['Mục / Section'] === duty.path),
      ).toBe(true);
    }
    expect(rows.find((r) => r['Cơ quan / Agency'] === 'Ngân hàng Nhà nước Khu vực 5')).toBeDefined();
  });

  it('every list has a CSV with its headers, even when empty', async () => {
    const agencies = await csv('/api/exports/agencies.csv?province=lang-son');
    expect(agencies.rows.find((r) => r['Mã / Id'] === 'lang-son:cong-an-tinh')?.['Tên / Name']).toBe(
      'Công an tỉnh Lạng Sơn',
    );
    const docs = await csv('/api/exports/documents.csv');
    expect(docs.rows.map((r) => r['Số ký hiệu / Symbol']).sort()).toEqual(
      documents.map((d) => d.document.symbol).sort(),
    );
    const categories = await csv('/api/exports/categories.csv');
    expect(categories.rows.find((r) => r['Mã / Id'] === 'money-laundering')?.['Tên / Name (vi)']).toBe(
      'Rửa tiền',
    );
    const search = await csv(`/api/exports/search.csv?q=${encodeURIComponent('rửa tiền')}&k=3`);
    expect(search.rows).toHaveLength(3);
    expect(search.rows[0]!['Hạng / Rank']).toBe('1');

    for (const url of [
      '/api/exports/agencies.csv?province=ha-giang',
      '/api/exports/duties.csv?province=dien-bien',
    ]) {
      const empty = await csv(url);
      expect(empty.rows).toHaveLength(0);
      expect(empty.raw.split('\r\n')).toHaveLength(2); // the header line, then nothing
    }
    expect((await get('/api/exports/search.csv?q=')).statusCode).toBe(400);
  });

  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    const text = toCsv(
      [
        { header: 'a', value: (r: { v: string }) => r.v },
        { header: 'n', value: () => 5 },
      ],
      [
        { v: 'Công an tỉnh, "Sở Tư pháp"\nhai dòng' },
        { v: '=HYPERLINK("http://x")' },
        { v: '- gạch đầu dòng' },
      ],
    );
    const rows = parse(text, { bom: true }) as string[][];
    expect(rows).toEqual([
      ['a', 'n'],
      ['Công an tỉnh, "Sở Tư pháp"\nhai dòng', '5'],
      [`'=HYPERLINK("http://x")`, '5'],
      [`'- gạch đầu dòng`, '5'],
    ]);
  });
});

describe('OpenAPI', () => {
  it('documents the exports as binary responses with their content types', async () => {
    const doc = json<{
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }>;
    }>(await get('/openapi.json'));
    const types = (p: string) => Object.keys(doc.paths[p]!.get.responses['200']!.content);
    expect(types('/api/exports/responsibility.xlsx')).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(types('/api/exports/deadlines.ics')).toEqual(['text/calendar']);
    for (const list of ['duties', 'agencies', 'documents', 'categories', 'search']) {
      expect(types(`/api/exports/${list}.csv`)).toEqual(['text/csv']);
    }
    expect(doc.paths['/mcp']).toBeUndefined();
  });
});

describe('dutygraph export duties', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'dutygraph-export-'));
  const cli = (args: string[]) =>
    spawnSync(
      process.execPath,
      [
        '--import',
        import.meta.resolve('tsx'),
        path.join(repoRoot, 'cli/main.ts'),
        ...args,
        '--data-dir',
        path.join(work, 'store'),
      ],
      { cwd: repoRoot, env: { ...process.env, NEO4J_URI: '', DUTYGRAPH_DATA_DIR: '' }, encoding: 'utf8' },
    );
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes xlsx, csv and ics files, and refuses unknown filters in one line', async () => {
    expect(cli(['ingest', SAMPLES_DIR]).status).toBe(0);
    const xlsx = path.join(work, 'm.xlsx');
    const run = cli(['export', 'duties', '--format', 'xlsx', '--province', 'lang-son', '--out', xlsx]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^exported \d+ duties to .*m\.xlsx \(xlsx\)$/m);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.getWorksheet(DUTIES_SHEET)!.getRow(2).getCell(11).text).toMatch(
      /^http:\/\/localhost:8080\/#\/doc\/lang-son/,
    );

    const csvOut = cli(['export', 'duties', '--format', 'csv', '--category', 'mua bán người', '--out', '-']);
    const rows = parse(csvOut.stdout, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['Loại tội phạm / Crime categories']!.includes('Mua bán người'))).toBe(true);

    const ics = path.join(work, 'd.ics');
    expect(
      cli(['export', 'duties', '--format', 'ics', '--agency', 'lang-son:cong-an-tinh', '--out', ics]).status,
    ).toBe(0);
    expect(
      new ICAL.Component(ICAL.parse(readFileSync(ics, 'utf8'))).getAllSubcomponents('vevent').length,
    ).toBeGreaterThan(0);

    const bad = cli(['export', 'duties', '--province', 'atlantis']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('dutygraph: --province: unknown province "atlantis"\n');
  });
});
