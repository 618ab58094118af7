/**
 * The responsibility matrix as an Excel workbook (exceljs): sheet 1 crosses agencies with crime
 * categories (duties and roles per cell pair), sheet 2 lists every duty with its document, role,
 * deadline, text and a link, sheet 3 says what was selected. Every cell is written as a string or a
 * number, never a formula, so document text cannot run as one.
 */
import type ExcelJS from 'exceljs';
import type { Role } from '../../ingest/schema.js';
import { expandCategory } from '../../ingest/taxonomy/crime-categories.js';
import { provinceBySlug } from '../../ingest/taxonomy/provinces.js';
import type { SelectedDuties } from '../capabilities.js';
import { ASSIGNMENT_COLUMNS, assignmentRows, categoryLabel, ROLE_LABELS } from './rows.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const UNCATEGORIZED = '(không phân loại / uncategorized)';
export const MATRIX_SHEET = 'Trách nhiệm - Responsibility';
export const DUTIES_SHEET = 'Nhiệm vụ - Duties';
export const ABOUT_SHEET = 'Thông tin - About';

const ROLE_ORDER: Role[] = ['lead', 'support', 'requested', 'assigned'];

/** Duty ids of one agency in one category, overall and per role. */
interface Cell {
  duties: Set<string>;
  roles: Map<Role, Set<string>>;
}

/** "chủ trì (lead) 2; phối hợp (support) 1" */
function rolesText(roles: Map<Role, Set<string>>): string {
  return ROLE_ORDER.filter((r) => roles.has(r))
    .map((r) => `${ROLE_LABELS[r]} ${roles.get(r)!.size}`)
    .join('; ');
}

/** Agencies (most duties first) × categories (most duties first), from the selected duties. */
export function responsibilityMatrix(selected: SelectedDuties) {
  const wanted = selected.selection.category ? new Set(expandCategory(selected.selection.category.id)) : null;
  const agencies = new Map<
    string,
    { name: string; province: string | null; duties: Set<string>; cells: Map<string, Cell> }
  >();
  const categoryTotals = new Map<string, number>();
  for (const { duty } of selected.rows) {
    const categories = duty.categories.filter((c) => !wanted || wanted.has(c));
    const columns = categories.length > 0 ? categories : [UNCATEGORIZED];
    for (const c of columns) categoryTotals.set(c, (categoryTotals.get(c) ?? 0) + 1);
    for (const a of duty.agencies) {
      if (selected.selection.agency && a.id !== selected.selection.agency.id) continue;
      const row = agencies.get(a.id) ?? {
        name: a.name,
        province: a.province,
        duties: new Set(),
        cells: new Map(),
      };
      agencies.set(a.id, row);
      row.duties.add(duty.id);
      for (const c of columns) {
        const cell = row.cells.get(c) ?? { duties: new Set(), roles: new Map() };
        row.cells.set(c, cell);
        cell.duties.add(duty.id);
        cell.roles.set(a.role, (cell.roles.get(a.role) ?? new Set()).add(duty.id));
      }
    }
  }
  const categories = [...categoryTotals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([c]) => c);
  const rows = [...agencies]
    .map(([id, row]) => ({
      id,
      name: row.name,
      province: row.province,
      duties: row.duties.size,
      cells: categories.map((c) => {
        const cell = row.cells.get(c);
        return { count: cell?.duties.size ?? 0, roles: cell ? rolesText(cell.roles) : '' };
      }),
    }))
    .sort((a, b) => b.duties - a.duties || a.name.localeCompare(b.name, 'vi'));
  return { categories, rows };
}

/** Excel refuses cells over 32,767 characters; a longer duty text is cut with a marker saying so. */
export const MAX_CELL_CHARS = 32_767;
function fitCell(text: string): string {
  const marker = ' … [cắt bớt / truncated]';
  return text.length <= MAX_CELL_CHARS ? text : text.slice(0, MAX_CELL_CHARS - marker.length) + marker;
}

function header(sheet: ExcelJS.Worksheet): void {
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: 'top', wrapText: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
}

/** Describes the selection in words, for the About sheet and file metadata. */
export function selectionText(selected: SelectedDuties): string {
  const { province, category, agency } = selected.selection;
  const parts = [
    province ? `tỉnh / province: ${province.name}` : null,
    category ? `loại tội phạm / category: ${category.label.vi} (${category.label.en})` : null,
    agency ? `cơ quan / agency: ${agency.name}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'tất cả / everything';
}

export async function responsibilityWorkbook(
  selected: SelectedDuties,
  base: string,
  now = new Date(),
): Promise<Buffer> {
  // exceljs takes most of a second to load: only when a workbook is asked for, not on every CLI start.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'dutygraph';
  workbook.created = now;
  workbook.title = `Trách nhiệm / Responsibility — ${selectionText(selected)}`;

  const { categories, rows } = responsibilityMatrix(selected);
  const matrix = workbook.addWorksheet(MATRIX_SHEET);
  matrix.columns = [
    { header: 'Cơ quan / Agency', width: 36 },
    { header: 'Mã cơ quan / Agency id', width: 28 },
    { header: 'Tỉnh / Province', width: 14 },
    { header: 'Số nhiệm vụ / Duties', width: 12 },
    ...categories.flatMap((c) => {
      const label = c === UNCATEGORIZED ? c : categoryLabel(c);
      return [
        { header: `${label}: số nhiệm vụ / duties`, width: 14 },
        { header: `${label}: vai trò / roles`, width: 26 },
      ];
    }),
  ];
  for (const row of rows) {
    matrix.addRow([
      row.name,
      row.id,
      row.province ? (provinceBySlug(row.province)?.name ?? row.province) : 'toàn quốc / national',
      row.duties,
      ...row.cells.flatMap((cell) => [cell.count, cell.roles]),
    ]);
  }
  header(matrix);

  const duties = workbook.addWorksheet(DUTIES_SHEET);
  duties.columns = ASSIGNMENT_COLUMNS.map(({ key, header, width }) => ({ key, header, width }));
  for (const row of assignmentRows(selected, base)) {
    const added = duties.addRow({ ...row, text: fitCell(row.text) });
    added.getCell('text').alignment = { wrapText: true, vertical: 'top' };
    added.getCell('link').value = { text: row.link, hyperlink: row.link };
  }
  header(duties);

  const about = workbook.addWorksheet(ABOUT_SHEET);
  about.columns = [{ width: 28 }, { width: 90 }];
  about.addRows([
    ['Lựa chọn / Selection', selectionText(selected)],
    ['Nhiệm vụ / Duties', selected.rows.length],
    ['Cơ quan / Agencies', rows.length],
    ['Tạo lúc / Generated', now.toISOString()],
    [
      'Nguồn / Source',
      'dutygraph: trích xuất tự động từ văn bản; đối chiếu văn bản gốc trước khi sử dụng / extracted automatically; check the source document before acting on it',
    ],
  ]);
  about.getColumn(1).font = { bold: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
