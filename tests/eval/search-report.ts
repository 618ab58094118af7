/** How eval:search prints a run: the metrics table per system and group, and the agencies left to judge. */
import type { SearchResponse } from '../../search/schema.js';
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
    const unjudged = new Set(ours.scores.flatMap((s) => s.graded?.unjudged.map((a) => `${s.id}:${a}`) ?? []));
    if (unjudged.size)
      lines.push(`${ours.name}: ${unjudged.size} agencies in a top 10 without a judgement (counted wrong)`);
  }
  if (report.unresolved.length)
    lines.push(`expected duties not found in the extraction: ${report.unresolved.join('; ')}`);
  return lines.join('\n');
}

/** Agencies some system returned in its top 10 with no judgement yet, with their evidence, to judge. */
export function unjudgedListing(run: EvalRun): string[] {
  const out: string[] = [];
  run.queries.forEach((q, i) => {
    const seen = new Set<string>();
    for (const [, list] of run.responses) {
      // Answers in the first five decide precision; related mentions only weigh in nDCG.
      for (const a of list[i]!.agencies.slice(0, 10).filter((x, rank) => rank < 5 || !x.related)) {
        const expected = q.agencies.some((e) =>
          agencyMatches(
            a,
            a.evidence.map((ev) => ev.mention),
            e,
          ),
        );
        if (expected || seen.has(a.id) || run.judgements.get(q.id)?.has(a.id)) continue;
        seen.add(a.id);
        // Every duty shown for it, role first: a judge reads them all, not only the strongest.
        const duties = a.evidence.map((ev) => `[${ev.role}] ${ev.snippet}`).join(' | ');
        out.push(`${q.id}\t${a.id}\t${q.query}\t${a.related ? 'related' : 'answer'}\t${duties}`);
      }
    }
  });
  return out;
}
