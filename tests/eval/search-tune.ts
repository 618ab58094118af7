/**
 * Tunes the ranking settings on one split of the query sets and checks them on the other: queries are
 * split by a hash of their id (stable, independent of their order or text). First the fusion settings:
 * every setting of a small grid is scored on the tuning split, the best by hit@1, then nDCG@10, then
 * hit@3. Then, with those, the related-mention cut: the best by hit@3, hit@1, then the F1 of precision@5
 * and answer recall (a cut high enough to list one agency per question would have perfect precision and
 * give away every other answer). Last the dense weight of the order of related mentions, on both sets'
 * tuning splits, by mean hit@3, nDCG@10, then hit@1. Every choice is reported on both splits.
 *
 * `npm run eval:search:tune` with DUTYGRAPH_MODEL_DIR holding the model. The chosen values go into
 * TUNING (search/service.ts) by hand, with the figures this prints.
 */
import { createHash } from 'node:crypto';
import { CachingEmbedder } from '../../search/embedding/cache.js';
import { embedderConfigFromEnv } from '../../search/embedding/config.js';
import { loadEmbedder } from '../../search/embedding/transformers.js';
import { TUNING, type Tuning } from '../../search/service.js';
import {
  type EvalQuery,
  loadCorpus,
  type Metrics,
  QUERY_SETS,
  runSearchEvalWithResponses,
} from './search-eval.js';

/** Half the queries tune, the other half check. */
export const inTuningSplit = (q: EvalQuery): boolean =>
  createHash('sha256').update(q.id).digest()[0]! % 2 === 0;

const GRID = {
  dense: [0.5, 1],
  denseWeightFolded: [0, 0.25, 0.5],
  denseMargin: [0.03, 0.05, 0.08],
  denseFloor: [0.75, 0.8, 0.85],
};

function settings(): Array<Partial<Tuning>> {
  // The current setting first: it wins ties.
  const out: Array<Partial<Tuning>> = [{}];
  for (const dense of GRID.dense)
    for (const denseWeightFolded of GRID.denseWeightFolded)
      for (const denseMargin of GRID.denseMargin)
        for (const denseFloor of GRID.denseFloor)
          out.push({
            weights: { ...TUNING.weights, dense },
            denseWeightFolded,
            denseMargin,
            denseFloor,
          });
  return out;
}

/** Related-mention cuts tried once the fusion settings are chosen (they do not change retrieval). */
const RELATED_CUTS = [TUNING.relatedCut, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/** Dense weights of the plain hybrid ordering related mentions, tried last (it orders only them). */
const RELATED_DENSE_WEIGHTS = [TUNING.relatedDenseWeight, 0, 0.5, 1, 2];

const fusionKey = (m: Metrics): number[] => [m.agencyHit1, m.ndcg10, m.agencyHit3];
const f1 = (p: number, r: number): number => (p + r > 0 ? (2 * p * r) / (p + r) : 0);
const cutKey = (m: Metrics): number[] => [m.agencyHit3, m.agencyHit1, f1(m.precision5, m.answerRecall)];
const mean = (ms: Metrics[], f: (m: Metrics) => number): number =>
  ms.reduce((sum, m) => sum + f(m), 0) / ms.length;
const orderKey = (ms: Metrics[]): number[] => [
  mean(ms, (m) => m.agencyHit3),
  mean(ms, (m) => m.ndcg10),
  mean(ms, (m) => m.agencyHit1),
];
/**
 * A setting replaces the one before it only by a real gain: differences within NOISE (less than one query
 * in a hundred) are ties, and the first setting tried — the current one — wins ties.
 */
const NOISE = 0.01;
const better = (a: number[], b: number[]): boolean => {
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > NOISE) return a[i]! > b[i]!;
  return false;
};

async function main(): Promise<void> {
  const loaded = await loadEmbedder(embedderConfigFromEnv(process.env));
  if (!loaded.embedder) throw new Error(`tuning needs the model: ${loaded.reason}`);
  const embedder = new CachingEmbedder(loaded.embedder);
  const corpora = await Promise.all(QUERY_SETS.map((set) => loadCorpus(set.corpusDir)));
  const score = async (tuning: Partial<Tuning>, split: (q: EvalQuery) => boolean): Promise<Metrics[]> => {
    const out: Metrics[] = [];
    for (const [i, set] of QUERY_SETS.entries()) {
      const run = await runSearchEvalWithResponses({
        ...set,
        corpus: corpora[i],
        embedder,
        tuning,
        only: split,
        hybridOnly: true,
      });
      out.push(run.report.systems.at(-1)!.byLanguage.overall);
    }
    return out;
  };
  // The development set decides fusion and the cut; corpus-extra is reported (its duties depend on extraction).
  let best: { tuning: Partial<Tuning>; key: number[] } | null = null;
  for (const tuning of settings()) {
    const [dev] = await score(tuning, inTuningSplit);
    const k = fusionKey(dev!);
    if (!best || better(k, best.key)) best = { tuning, key: k };
  }
  const fusion = best!.tuning;
  best = null;
  for (const relatedCut of RELATED_CUTS) {
    const tuning = { ...fusion, relatedCut };
    const [dev] = await score(tuning, inTuningSplit);
    const k = cutKey(dev!);
    if (!best || better(k, best.key)) best = { tuning, key: k };
  }
  const cut = best!.tuning;
  best = null;
  // Both sets decide the order of related mentions: every agency either returns is judged, and the
  // development set alone cannot tell the settings apart (few of its related mentions are on topic).
  for (const relatedDenseWeight of RELATED_DENSE_WEIGHTS) {
    const tuning = { ...cut, relatedDenseWeight };
    const k = orderKey(await score(tuning, inTuningSplit));
    if (!best || better(k, best.key)) best = { tuning, key: k };
  }
  const fmt = (m: Metrics): string =>
    `hit@1 ${m.agencyHit1.toFixed(3)} hit@3 ${m.agencyHit3.toFixed(3)} P@5 ${m.precision5.toFixed(3)} ans R ${m.answerRecall.toFixed(3)} nDCG@10 ${m.ndcg10.toFixed(3)}`;
  const lines = [`best on the tuning split: ${JSON.stringify(best!.tuning)}`];
  for (const [name, split] of [
    ['tune', inTuningSplit],
    ['check', (q: EvalQuery) => !inTuningSplit(q)],
  ] as const) {
    const chosen = await score(best!.tuning, split);
    const current = await score({}, split);
    QUERY_SETS.forEach((set, i) => {
      lines.push(`${name.padEnd(6)} ${set.title.padEnd(20)} best:    ${fmt(chosen[i]!)}`);
      lines.push(`${name.padEnd(6)} ${set.title.padEnd(20)} current: ${fmt(current[i]!)}`);
    });
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`eval:search:tune: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
