/**
 * eval:search metrics: per query, the rank of the first expected agency, duty recall@5 and the graded
 * scores (search-judgements.ts); per language group and overall, their means.
 */
import type { AgencyHit, SearchResponse } from '../../search/schema.js';
import { type GradedScore, gradeResponse, type Judgements } from './search-judgements.js';
import { agencyMatches, dutyMatches, type EvalQuery, type Language, LANGUAGES } from './search-queries.js';

export interface Metrics {
  queries: number;
  agencyHit1: number;
  agencyHit3: number;
  dutyRecall5: number;
  mrr: number;
  /** Graded (search-judgements.json): NaN for systems that return no agency list (the baseline). */
  precision5: number;
  /** Share of the known answers listed as answers (not related mentions) in the first ten. */
  answerRecall: number;
  ndcg10: number;
}

export interface QueryScore {
  id: string;
  lang: Language;
  /** 1-based rank of the first expected agency, or null. */
  agencyRank: number | null;
  /** Null when the query lists no expected duties. */
  dutyRecall: number | null;
  graded?: GradedScore;
}

export interface SystemResult {
  name: string;
  byLanguage: Record<Language | 'overall', Metrics>;
  scores: QueryScore[];
}

/** NaN for no values (printed as a dash): a group without expected duties has no recall. */
export const mean = (values: number[]): number =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;

export function summarize(scores: QueryScore[]): Record<Language | 'overall', Metrics> {
  const of = (list: QueryScore[]): Metrics => {
    const n = list.length || 1;
    return {
      queries: list.length,
      agencyHit1: list.filter((s) => s.agencyRank === 1).length / n,
      agencyHit3: list.filter((s) => s.agencyRank !== null && s.agencyRank <= 3).length / n,
      dutyRecall5: mean(list.flatMap((s) => (s.dutyRecall === null ? [] : [s.dutyRecall]))),
      mrr: list.reduce((sum, s) => sum + (s.agencyRank ? 1 / s.agencyRank : 0), 0) / n,
      precision5: mean(list.flatMap((s) => (s.graded ? [s.graded.precision5 ?? 0] : []))),
      answerRecall: mean(
        list.flatMap((s) => (s.graded?.answerRecall != null ? [s.graded.answerRecall] : [])),
      ),
      ndcg10: mean(list.flatMap((s) => (s.graded ? [s.graded.ndcg10] : []))),
    };
  };
  const out = { overall: of(scores) } as Record<Language | 'overall', Metrics>;
  for (const lang of LANGUAGES) out[lang] = of(scores.filter((s) => s.lang === lang));
  return out;
}

/** Scores the hybrid service's answers. */
export function scoreService(
  queries: EvalQuery[],
  responses: SearchResponse[],
  name: string,
  judgements: Judgements = new Map(),
): SystemResult {
  const scores = queries.map((q, i): QueryScore => {
    const response = responses[i]!;
    const expected = (a: AgencyHit): boolean =>
      q.agencies.some((e) =>
        agencyMatches(
          a,
          a.evidence.map((ev) => ev.mention),
          e,
        ),
      );
    const index = response.agencies.findIndex(expected);
    const top = response.passages.slice(0, 5);
    const found = q.duties.filter((spec) => top.some((p) => dutyMatches(p, p.document.source, spec))).length;
    return {
      id: q.id,
      lang: q.lang,
      agencyRank: index >= 0 ? index + 1 : null,
      dutyRecall: q.duties.length ? found / q.duties.length : null,
      graded: gradeResponse(response.agencies, judgements.get(q.id), expected, 1),
    };
  });
  return { name, byLanguage: summarize(scores), scores };
}
