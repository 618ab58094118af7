/** The coverage table as CSV for spreadsheets: UTF-8 with a BOM (so Excel shows Vietnamese), RFC 4180 quoting. */
import type { Coverage } from '../graph/coverage.js';

const HEADER = [
  'province',
  'province_en',
  'coverage',
  'former_province',
  'document',
  'symbol',
  'type',
  'issued_at',
  'relations',
  'via',
  'lead_agencies',
  'lag_days',
];

const cell = (value: string | number | null): string => {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per (province, covering document); a province with none gets one row with empty document cells. */
export function coverageCsv(coverage: Coverage): string {
  const rows: (string | number | null)[][] = [HEADER];
  for (const p of coverage.provinces) {
    const base = [p.name, p.nameEn, p.level];
    if (p.documents.length === 0) rows.push([...base, '', '', '', '', '', '', '', '', '']);
    for (const d of p.documents) {
      rows.push([
        ...base,
        d.formerProvince ? d.provinceName : '',
        d.key,
        d.symbol,
        d.type,
        d.issuedAt,
        d.relations.join(' '),
        d.via.join(' '),
        d.leadAgencies.map((a) => a.name).join('; '),
        d.lagDays,
      ]);
    }
  }
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
