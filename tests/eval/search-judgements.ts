/**
 * Graded judgements for eval:search: for each query, agencies a system returned, judged by reading their
 * duty text as an answer (the agency is responsible for what was asked), related (a duty touches the
 * topic, but it is not who the question is after) or wrong. Kept as data in search-judgements.json and
 * extended when a system returns a new agency in its top 10 (`npm run eval:search -- --judge` lists them).
 *
 * An agency matching a query's expected agencies is an answer without a judgement.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { AgencyHit } from '../../search/schema.js';

export const JUDGEMENTS_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'search-judgements.json',
);

export const Label = z.enum(['answer', 'related', 'wrong']);
export type Label = z.infer<typeof Label>;

const JudgementsFile = z.object({
  $comment: z.string().optional(),
  /** Query id → agency id → label. */
  judgements: z.record(z.string(), z.record(z.string(), Label)),
});
export type Judgements = Map<string, Map<string, Label>>;

export async function loadJudgements(file = JUDGEMENTS_FILE): Promise<Judgements> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return new Map();
  }
  const parsed = JudgementsFile.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: invalid at ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return new Map(
    Object.entries(parsed.data.judgements).map(([q, byAgency]) => [q, new Map(Object.entries(byAgency))]),
  );
}

const GAIN: Record<Label, number> = { answer: 2, related: 1, wrong: 0 };

export interface GradedScore {
  /** Share of the first five answers (related mentions excluded) judged answers; null without answers. */
  precision5: number | null;
  /**
   * Share of the agencies known to answer the query (judged answers, expected agencies) that the first ten
   * list as answers: what a high related-mention cut would give away. Null when none is known.
   */
  answerRecall: number | null;
  /** nDCG over the first ten agencies (answers, then related mentions), graded answer 2 / related 1. */
  ndcg10: number;
  /** Agencies in the first ten with no judgement (counted as wrong). */
  unjudged: string[];
}

/**
 * Graded scores of one response. `expected(agency)` says whether an agency matches the query's expected
 * agencies; `expectedCount` is how many expected agencies there are (the ideal ranking holds at least
 * that many answers).
 */
export function gradeResponse(
  agencies: readonly AgencyHit[],
  judged: ReadonlyMap<string, Label> | undefined,
  expected: (agency: AgencyHit) => boolean,
  expectedCount: number,
): GradedScore {
  const unjudged: string[] = [];
  const labelOf = (a: AgencyHit): Label => {
    if (expected(a)) return 'answer';
    const label = judged?.get(a.id);
    if (!label) unjudged.push(a.id);
    return label ?? 'wrong';
  };
  const top = agencies.slice(0, 10);
  const labels = top.map(labelOf);
  const answers = top.filter((a) => !a.related).slice(0, 5);
  const precision5 =
    answers.length === 0
      ? null
      : answers.filter((a) => labels[top.indexOf(a)] === 'answer').length / answers.length;
  const dcg = labels.reduce((sum, l, i) => sum + GAIN[l] / Math.log2(i + 2), 0);
  // The ideal: every agency known to be an answer or related, for this query, best first.
  const known = new Map<string, Label>(judged ?? []);
  top.forEach((a, i) => known.set(a.id, labels[i]!));
  const gains = [...known.values()].map((l) => GAIN[l]);
  const answersKnown = [...known.values()].filter((l) => l === 'answer').length;
  for (let i = answersKnown; i < expectedCount; i++) gains.push(GAIN.answer);
  gains.sort((a, b) => b - a);
  const idcg = gains.slice(0, 10).reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  const knownAnswers = Math.max(answersKnown, expectedCount);
  const listedAnswers = top.filter((a, i) => !a.related && labels[i] === 'answer').length;
  return {
    precision5,
    answerRecall: knownAnswers > 0 ? Math.min(listedAnswers / knownAnswers, 1) : null,
    ndcg10: idcg > 0 ? dcg / idcg : 0,
    unjudged,
  };
}
