/** PassageFilter → an SQL condition over `passages p` (parameters only, never spliced values). */
import type { PassageFilter } from './port.js';

export function filterSql(filter: PassageFilter): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.provinces) {
    conditions.push('p.province IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.provinces));
  }
  if (filter.agencies) {
    conditions.push(
      'p.pid IN (SELECT a.pid FROM passage_agencies a WHERE a.agency IN (SELECT value FROM json_each(?)))',
    );
    params.push(JSON.stringify(filter.agencies));
  }
  if (filter.concept !== undefined) {
    conditions.push('p.pid IN (SELECT c.pid FROM passage_concepts c WHERE c.concept = ?)');
    params.push(filter.concept);
  }
  if (filter.type !== undefined) {
    conditions.push('p.type_slug = ?');
    params.push(filter.type);
  }
  if (filter.from !== undefined || filter.to !== undefined) {
    // A partial date's span ("2026-06" = all of June) meets [from, to]: "~" sorts after digits and "-".
    conditions.push("p.issued_at IS NOT NULL AND p.issued_at || '~' >= ? AND p.issued_at <= ? || '~'");
    params.push(filter.from ?? '0000', filter.to ?? '9999');
  }
  return { sql: conditions.length > 0 ? conditions.join(' AND ') : '1', params };
}
