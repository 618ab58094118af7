/**
 * CSV for every list (csv-stringify): UTF-8 with a byte-order mark so Excel shows Vietnamese, RFC 4180
 * quoting, CRLF line ends, one header row even when there is no data row.
 */
import { stringify } from 'csv-stringify/sync';
import type { AgencySummary, DocumentSummary } from '../../graph/schema.js';
import type { SearchResponse } from '../../search/schema.js';
import type { SelectedDuties } from '../capabilities.js';
import {
  ASSIGNMENT_COLUMNS,
  type AssignmentRow,
  assignmentRows,
  categoryLabel,
  documentLink,
  ROLE_LABELS,
} from './rows.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null;
}

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab/CR before one) as a formula; document text
 * must never do that (OWASP "CSV injection"), so such text gets a leading apostrophe, Excel's own marker
 * for "this is text". Numbers are left as they are.
 */
function cellText(value: string | number | boolean | null): string | number {
  if (value === null) return '';
  if (typeof value !== 'string') return typeof value === 'boolean' ? String(value) : value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv<T>(columns: Column<T>[], rows: readonly T[]): string {
  return stringify(
    rows.map((row) => columns.map((c) => cellText(c.value(row)))),
    {
      bom: true,
      header: true,
      columns: columns.map((c) => c.header),
      record_delimiter: 'windows',
      quoted_match: /[\r\n]/,
    },
  );
}

export function dutiesCsv(selected: SelectedDuties, base: string): string {
  return toCsv<AssignmentRow>(
    ASSIGNMENT_COLUMNS.map(({ key, header }) => ({ header, value: (row) => row[key] })),
    assignmentRows(selected, base),
  );
}

export function agenciesCsv(agencies: readonly AgencySummary[]): string {
  return toCsv<AgencySummary>(
    [
      { header: 'Mã / Id', value: (a) => a.key },
      { header: 'Tên / Name', value: (a) => a.name },
      { header: 'Tên tiếng Anh / English name', value: (a) => a.nameEn },
      { header: 'Loại / Type', value: (a) => a.typeId },
      { header: 'Tỉnh / Province', value: (a) => a.province },
      { header: 'Số nhiệm vụ / Duties', value: (a) => a.dutyCount },
      { header: 'Số văn bản / Documents', value: (a) => a.documentCount },
      { header: 'Tên khác / Aliases', value: (a) => a.aliases.join('; ') },
    ],
    agencies,
  );
}

export function documentsCsv(documents: readonly DocumentSummary[], base: string): string {
  return toCsv<DocumentSummary>(
    [
      { header: 'Mã / Key', value: (d) => d.key },
      { header: 'Số ký hiệu / Symbol', value: (d) => d.symbol },
      { header: 'Loại / Type', value: (d) => d.type },
      { header: 'Trích yếu / Subject', value: (d) => d.title },
      { header: 'Cơ quan ban hành / Issuer', value: (d) => d.issuer },
      { header: 'Ngày ban hành / Issued', value: (d) => d.issuedAt },
      { header: 'Tỉnh / Province', value: (d) => d.provinceName ?? d.province },
      {
        header: 'Loại tội phạm / Crime categories',
        value: (d) => d.categories.map(categoryLabel).join('; '),
      },
      { header: 'Số nhiệm vụ / Duties', value: (d) => d.dutyCount },
      { header: 'Số trích dẫn / Citations', value: (d) => d.citationCount },
      { header: 'Liên kết / Link', value: (d) => documentLink(base, d.key) },
    ],
    documents,
  );
}

export interface CategoryRow {
  key: string;
  label: { vi: string; en: string } | null;
  parent: string | null;
  dutyCount: number;
  documentCount: number;
}

export function categoriesCsv(categories: readonly CategoryRow[]): string {
  return toCsv<CategoryRow>(
    [
      { header: 'Mã / Id', value: (c) => c.key },
      { header: 'Tên / Name (vi)', value: (c) => c.label?.vi ?? null },
      { header: 'Tên tiếng Anh / Name (en)', value: (c) => c.label?.en ?? null },
      { header: 'Thuộc / Parent', value: (c) => c.parent },
      { header: 'Số nhiệm vụ / Duties', value: (c) => c.dutyCount },
      { header: 'Số văn bản / Documents', value: (c) => c.documentCount },
    ],
    categories,
  );
}

type Passage = SearchResponse['passages'][number];

export function searchCsv(response: SearchResponse, base: string): string {
  return toCsv<Passage & { rank: number }>(
    [
      { header: 'Hạng / Rank', value: (p) => p.rank },
      { header: 'Điểm / Score', value: (p) => p.score },
      {
        header: 'Cơ quan / Agencies',
        value: (p) => p.agencies.map((a) => `${a.name} — ${ROLE_LABELS[a.role]}`).join('; '),
      },
      {
        header: 'Văn bản / Document',
        value: (p) => [p.document.type, p.document.symbol].filter(Boolean).join(' ') || p.document.id,
      },
      { header: 'Ngày ban hành / Issued', value: (p) => p.document.issuedAt },
      { header: 'Tỉnh / Province', value: (p) => p.document.province },
      { header: 'Mục / Section', value: (p) => p.path },
      { header: 'Thời hạn / Deadline', value: (p) => p.deadline },
      {
        header: 'Loại tội phạm / Crime categories',
        value: (p) => p.categories.map(categoryLabel).join('; '),
      },
      { header: 'Nhiệm vụ / Duty', value: (p) => p.text },
      { header: 'Liên kết / Link', value: (p) => documentLink(base, p.document.id) },
    ],
    response.passages.map((p, i) => ({ ...p, rank: i + 1 })),
  );
}
