/** How eval:search prints a run: the metrics table per system and group, and the agencies left to judge. */
import path from 'node:path';
import { type Duty, shownText } from '../../ingest/schema.js';
import type { AgencyHit, SearchResponse } from '../../search/schema.js';
import { BASELINE } from './search-baseline.js';
import type { Judgements } from './search-judgements.js';
import type { Metrics, SystemResult } from './search-metrics.js';
import { agencyMatches, type EvalQuery, LANGUAGES } from './search-queries.js';

export interface EvalReport {
  queries: number;
  documents: number;
  duties: number;
  systems: SystemResult[];
  /** Expected duties that match no extracted duty (a query-file or extraction problem). */
  unresolved: string[];
}

/** Responses of every system, kept for `--judge`. */
export interface EvalRun {
  report: EvalReport;
  queries: EvalQuery[];
  responses: Map<string, SearchResponse[]>;
  judgements: Judgements;
  /** The corpus's duties by id, for the listing to show their full text. */
  duties: Map<string, Duty>;
}

export function formatReport(report: EvalReport, title: string): string {
  const pct = (x: number): string => (Number.isNaN(x) ? '—' : x.toFixed(3));
  const columns: Array<[string, (m: Metrics) => number]> = [
    ['hit@1', (m) => m.agencyHit1],
    ['hit@3', (m) => m.agencyHit3],
    ['P@5', (m) => m.precision5],
    ['ans R', (m) => m.answerRecall],
    ['nDCG@10', (m) => m.ndcg10],
    ['duty R@5', (m) => m.dutyRecall5],
    ['MRR', (m) => m.mrr],
  ];
  const width = Math.max(...report.systems.map((s) => s.name.length)) + 2;
  const lines = [
    `${title}: ${report.queries} queries over ${report.documents} documents (${report.duties} duties)`,
    '',
    `${'system'.padEnd(width)}${'group'.padEnd(17)}${'n'.padStart(4)}${columns.map(([c]) => c.padStart(9)).join('')}`,
  ];
  for (const system of report.systems) {
    for (const group of [...LANGUAGES, 'overall'] as const) {
      const m = system.byLanguage[group];
      if (m.queries === 0) continue;
      lines.push(
        `${system.name.padEnd(width)}${group.padEnd(17)}${String(m.queries).padStart(4)}${columns.map(([, f]) => pct(f(m)).padStart(9)).join('')}`,
      );
    }
  }
  const ours = report.systems.filter((s) => s.name !== BASELINE).at(-1);
  if (ours) {
    const misses = ours.scores
      .filter((s) => s.agencyRank === null || s.agencyRank > 3)
      .map((s) => `${s.id} (rank ${s.agencyRank ?? '-'})`);
    if (misses.length) lines.push('', `${ours.name}: agency misses at 3: ${misses.join(', ')}`);
  }
  const unjudged = report.systems
    .map((s) => ({ name: s.name, n: s.scores.reduce((n, q) => n + (q.graded?.unjudged.length ?? 0), 0) }))
    .filter((s) => s.n > 0);
  if (unjudged.length)
    lines.push(
      `agencies in a top 10 without a judgement (counted wrong; \`-- --judge\` lists them): ${unjudged.map((s) => `${s.name} ${s.n}`).join(', ')}`,
    );
  if (report.unresolved.length)
    lines.push(`expected duties not found in the extraction: ${report.unresolved.join('; ')}`);
  return lines.join('\n');
}

/**
 * Agencies some system returned in its top 10 with no judgement yet — every one the graded scores count
 * as wrong, related mentions included — to judge: query, agency id and name, where each system ranked it,
 * and the full text of each duty it was returned for (a judge reads them all, not only the snippet).
 */
export function unjudgedListing(run: EvalRun): string[] {
  const out: string[] = [];
  run.queries.forEach((q, i) => {
    const found = new Map<string, { agency: AgencyHit; ranks: string[] }>();
    for (const [system, list] of run.responses) {
      list[i]!.agencies.slice(0, 10).forEach((a, rank) => {
        const expected = q.agencies.some((e) =>
          agencyMatches(
            a,
            a.evidence.map((ev) => ev.mention),
            e,
          ),
        );
        if (expected || run.judgements.get(q.id)?.has(a.id)) return;
        const entry = found.get(a.id) ?? { agency: a, ranks: [] };
        entry.ranks.push(`${system} #${rank + 1}${a.related ? ' related' : ''}`);
        found.set(a.id, entry);
      });
    }
    for (const { agency, ranks } of found.values()) {
      const duties = agency.evidence.map((ev) => {
        const duty = run.duties.get(ev.dutyId);
        return `  [${ev.role}] ${path.basename(ev.document.source)} ${duty?.path ?? ''} (as "${ev.mention}"): ${duty ? shownText(duty) : ev.snippet}`;
      });
      const more = agency.evidenceCount - agency.evidence.length;
      out.push(
        `${q.id}\t${agency.id}\t${agency.name}\t${q.query}`,
        `  returned by: ${ranks.join('; ')}`,
        ...duties,
        ...(more > 0 ? [`  (+${more} more duties)`] : []),
        '',
      );
    }
  });
  return out;
}
