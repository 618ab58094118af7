/** The coverage table of a document as CSV: one row per (province, covering document), a province with none once. */
import type { Coverage, CoverageDocument, ProvinceCoverage } from '../../graph/coverage.js';
import { type Column, toCsv } from './csv.js';

type Row = { province: ProvinceCoverage; doc: CoverageDocument | null };

const COLUMNS: Column<Row>[] = [
  { header: 'province', value: (r) => r.province.name },
  { header: 'province_en', value: (r) => r.province.nameEn },
  { header: 'coverage', value: (r) => r.province.level },
  { header: 'former_province', value: (r) => (r.doc?.formerProvince ? r.doc.provinceName : null) },
  { header: 'symbol', value: (r) => r.doc?.symbol ?? null },
  { header: 'type', value: (r) => r.doc?.type ?? null },
  { header: 'issued_at', value: (r) => r.doc?.issuedAt ?? null },
  { header: 'title', value: (r) => r.doc?.title ?? null },
  { header: 'status', value: (r) => r.doc?.status ?? null },
  { header: 'relations', value: (r) => r.doc?.relations.join(' ') ?? null },
  { header: 'via', value: (r) => r.doc?.via.map((v) => v.symbol ?? v.key).join(' → ') ?? null },
  { header: 'lead_agencies', value: (r) => r.doc?.leadAgencies.map((a) => a.name).join('; ') ?? null },
  { header: 'lag_days', value: (r) => r.doc?.lagDays ?? null },
];

export function coverageCsv(coverage: Coverage): string {
  const rows = coverage.provinces.flatMap((province): Row[] =>
    province.documents.length === 0
      ? [{ province, doc: null }]
      : province.documents.map((doc) => ({ province, doc })),
  );
  return toCsv(COLUMNS, rows);
}
