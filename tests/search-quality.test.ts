/**
 * The search quality bar on the development corpus, without a neural model: agency hit@3 ≥ 0.9 overall and
 * ≥ 0.8 on English queries, and at least 0.3 above a plain BM25 baseline (see tests/eval/search-eval.ts).
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, type EvalReport, loadQueries, runSearchEval } from './eval/search-eval.js';

describe.runIf(existsSync(CORPUS_DIR))('search quality on the development corpus', () => {
  let report: EvalReport;
  beforeAll(async () => {
    report = await runSearchEval();
  });

  it('has at least 40 queries in every language group', async () => {
    const queries = await loadQueries();
    expect(queries.length).toBeGreaterThanOrEqual(40);
    for (const lang of ['vi', 'vi-nodiacritics', 'abbreviation', 'en']) {
      expect(queries.filter((q) => q.lang === lang).length).toBeGreaterThanOrEqual(5);
    }
    expect(report.unresolved).toEqual([]);
  });

  it('meets the agency hit@3 bar and beats the BM25 baseline by 0.3', () => {
    const [hybrid] = report.systems;
    const baseline = report.systems.at(-1)!;
    expect(hybrid?.name).toBe('lexical (no model)');
    expect(baseline.name).toBe('BM25 baseline');
    expect(hybrid!.byLanguage.overall.agencyHit3).toBeGreaterThanOrEqual(0.95);
    expect(hybrid!.byLanguage.en.agencyHit3).toBeGreaterThanOrEqual(0.8);
    expect(
      hybrid!.byLanguage.overall.agencyHit3 - baseline.byLanguage.overall.agencyHit3,
    ).toBeGreaterThanOrEqual(0.3);
    expect(hybrid!.byLanguage.overall.dutyRecall5).toBeGreaterThanOrEqual(0.8);
  });
});
