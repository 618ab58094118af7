/**
 * .xlsx (exceljs) → text: appendices ("PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ") are often published as workbooks of their
 * own. Each visible sheet's rows in order: a row with one written cell outside the table (a title, "(Kèm theo Kế
 * hoạch số …)", a signature line) is a line of its own; the table's rows are cells joined by " | " as the HTML
 * renderer writes them, a merged cell shown as the ditto in the rows below its first and as empty cells to its
 * right, so the extractor reads an appendix table the same in every format.
 */
import ExcelJS from 'exceljs';
import { readFailure } from './errors.js';
import { DITTO, oneLine } from './html.js';
import { checkOfficePackage } from './signatures.js';

// Beyond this a sheet is data, not a document's appendix: refuse rather than render millions of cells.
const MAX_CELLS = 2_000_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell's text as the sheet shows it; dates as Vietnamese documents write them (dd/mm/yyyy). */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value instanceof Date)
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  return (cell.text ?? '').replace(/\r\n?/g, '\n').trim();
}

/** One sheet's rows, each cell in its column: a merged cell's continuation is a ditto below, empty beside. */
function gridOf(sheet: ExcelJS.Worksheet): string[][] {
  const columns = sheet.columnCount;
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= columns; c++) {
      const cell = row.getCell(c);
      const master = cell.isMerged ? cell.master : cell;
      if (master === cell || master.address === cell.address) cells.push(cellText(cell));
      else cells.push(Number(master.row) < r && cellText(master) ? DITTO : '');
    }
    rows.push(cells);
  }
  return rows;
}

const written = (row: readonly string[]) => row.filter((c) => c && c !== DITTO).length;

function renderSheet(sheet: ExcelJS.Worksheet): string {
  const grid = gridOf(sheet);
  // The table runs from the first row of several written cells to the last; a row inside it with one cell is a
  // group row ("II. CÔNG TÁC PHÒNG NGỪA" spanning the columns).
  const first = grid.findIndex((row) => written(row) >= 2);
  const last = grid.length - 1 - [...grid].reverse().findIndex((row) => written(row) >= 2);
  const width = first < 0 ? 0 : Math.max(...grid.slice(first, last + 1).map((row) => lastWritten(row) + 1));
  const lines = grid.map((row, i) => {
    if (row.every((c) => !c)) return '';
    if (first >= 0 && i >= first && i <= last) return row.slice(0, width).map(oneLine).join(' | ').trim();
    return row.filter(Boolean).join('\n');
  });
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function lastWritten(row: readonly string[]): number {
  for (let c = row.length - 1; c >= 0; c--) if (row[c]) return c;
  return -1;
}

export async function readXlsx(source: string, bytes: Uint8Array): Promise<string> {
  checkOfficePackage(source, bytes, { extension: '.xlsx', old: '.xls', application: 'Excel' });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split(/(?<=[.?!])\s+/)[0] : String(error);
    throw readFailure(source, 'corrupt', `damaged or truncated .xlsx (${reason})`);
  }
  const sheets = workbook.worksheets.filter((sheet) => sheet.state === 'visible');
  const cells = sheets.reduce((n, sheet) => n + sheet.rowCount * sheet.columnCount, 0);
  if (cells > MAX_CELLS)
    throw readFailure(
      source,
      'too-large',
      `${cells.toLocaleString('en')} cells in its sheets (at most ${MAX_CELLS.toLocaleString('en')})`,
    );
  return sheets.map(renderSheet).filter(Boolean).join('\n\n');
}
