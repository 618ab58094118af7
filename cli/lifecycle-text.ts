/** Plain-text lines for a document's status and Lược đồ (`dutygraph doc`). */
import type { Evidence, Lineage } from '../graph/lifecycle-schema.js';

const STATUS: Record<Lineage['lifecycle']['status'], string> = {
  in_force: 'in force',
  expired: 'expired',
  replaced: 'replaced',
  amended: 'in force, amended',
  unknown: 'unknown',
};

const EVIDENCE: Record<Evidence['kind'], string> = {
  'replaced-by': 'replaced by',
  'repealed-by': 'repealed by',
  'amended-by': 'amended by',
  period: 'period',
  effective: 'in effect from',
  issued: 'issued',
  'no-later-document': 'no later document held replaces, repeals or amends it',
  'text-not-held': 'only cited: its text is not held',
  'self-relation': 'conflict: it replaces or amends itself',
  cycle: 'conflict: a cycle of replacements, one step by',
  chronology: 'conflict: dates out of order, stated by',
  'future-date': 'conflict: a date in the future,',
  'impossible-date': 'conflict: an impossible date,',
  'not-yet-effective': 'not yet in effect: from',
};

const RELATION: Record<Lineage['related'][number]['kind'], [outward: string, inward: string]> = {
  replaces: ['replaces', 'replaced by'],
  repeals: ['repeals', 'repealed by'],
  amends: ['amends', 'amended by'],
  guides: ['guides', 'guided by'],
  implements: ['implements', 'implemented by'],
  basis: ['based on', 'basis of'],
  cites: ['cites', 'cited by'],
};

function evidenceLine(e: Evidence, self: string): string {
  const who = e.document === self ? '' : ` ${e.symbol ?? e.document}`;
  const date = e.date ? ` ${e.date}` : '';
  const sentence = e.sentence ? `: “${e.sentence}”` : '';
  return `    ${EVIDENCE[e.kind]}${who}${date}${sentence}`;
}

export function lineageLines(lineage: Lineage): string[] {
  const { lifecycle, related, document } = lineage;
  return [
    `  status: ${STATUS[lifecycle.status]} (as of ${lifecycle.asOf})`,
    ...lifecycle.evidence.map((e) => evidenceLine(e, document.key)),
    ...related.map((r) => {
      const d = r.document;
      const what = [d.symbol ?? d.title ?? d.key, d.type, d.provinceName, d.issuedAt].filter(Boolean);
      return `  ${RELATION[r.kind][r.direction === 'out' ? 0 : 1]} ${what.join(' · ')} [${STATUS[r.status]}]`;
    }),
  ];
}
