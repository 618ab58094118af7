/** The coverage table as CSV for spreadsheets: UTF-8 with a BOM (so Excel shows Vietnamese), RFC 4180 quoting. */
import type { Coverage } from '../graph/coverage.js';

const HEADER = [
  'province',
  'province_en',
  'coverage',
  'former_province',
  'symbol',
  'type',
  'issued_at',
  'title',
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
    if (p.documents.length === 0) rows.push([...base, ...HEADER.slice(base.length).map(() => '')]);
    for (const d of p.documents) {
      rows.push([
        ...base,
        d.formerProvince ? d.provinceName : '',
        d.symbol,
        d.type,
        d.issuedAt,
        d.title,
        d.relations.join(' '),
        d.via.map((v) => v.symbol ?? v.key).join(' → '),
        d.leadAgencies.map((a) => a.name).join('; '),
        d.lagDays,
      ]);
    }
  }
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
