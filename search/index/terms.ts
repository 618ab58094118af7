/**
 * From text to index terms, shared by both adapters: a passage's analyzed fields, and a query's
 * weighted terms (the user's words count fully, concept expansions less).
 */
import { BIGRAM_JOINER, type Syllable, type VietnameseAnalyzer } from '../analyzer.js';
import type { Expansion } from '../concepts.js';
import type { IndexedPassage, WeightedTerms } from './port.js';

/** Field weights (bm25 column weights in FTS5, term boosts in Lucene). */
export const FIELD_WEIGHTS = { exact: 2, folded: 1, context: 0.3 } as const;
export type Field = keyof typeof FIELD_WEIGHTS;

/**
 * Analyzed contexts by analyzer: a context is its agencies' names, and a collection names the same few
 * thousand agencies over and over, so each is analyzed once (bounded, for collections that do not).
 */
const contextCache = new WeakMap<VietnameseAnalyzer, Map<string, string>>();
const CONTEXT_CACHE_SIZE = 20_000;

/** `body`: the passage's text, or its syllables when the caller has split it already. */
export function passageFields(
  analyzer: VietnameseAnalyzer,
  body: string | ReadonlyArray<Syllable | null>,
  context: string,
): IndexedPassage['fields'] {
  const analyzed = typeof body === 'string' ? analyzer.analyze(body) : analyzer.analyzeSyllables(body);
  let contexts = contextCache.get(analyzer);
  if (!contexts) contextCache.set(analyzer, (contexts = new Map()));
  let folded = contexts.get(context);
  if (folded === undefined) {
    if (contexts.size >= CONTEXT_CACHE_SIZE) contexts.clear();
    folded = analyzer.analyze(context).folded.join(' ');
    contexts.set(context, folded);
  }
  return { exact: analyzed.exact.join(' '), folded: analyzed.folded.join(' '), context: folded };
}

export interface LexicalQuery {
  /** The user's words (question words removed). */
  text: string;
  /** Extra Vietnamese forms from concepts; they count for less than the user's words. */
  expansions: readonly Expansion[];
  /** Weight of expansion terms relative to the user's words (0..1). */
  expansionWeight: number;
}

export function queryTerms(analyzer: VietnameseAnalyzer, query: LexicalQuery): WeightedTerms {
  const weights = new Map<string, number>();
  const note = (terms: string[], weight: number): void => {
    for (const term of terms) weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  };
  for (const expansion of query.expansions) {
    // An expansion is a phrase: its bigrams carry it; its syllables alone ("phòng", "chống") would
    // match half the corpus. One-syllable expansions ("thuế") are kept whole. The weight is shared
    // among the phrase's bigrams, so a long phrase counts like one word, not like a paragraph.
    const { exact, folded } = analyzer.analyze(expansion.text);
    const bigrams = folded.filter((t) => t.includes(BIGRAM_JOINER));
    note(
      bigrams.length > 0 ? bigrams : [...exact, ...folded],
      (query.expansionWeight * expansion.weight) / Math.max(bigrams.length, 1),
    );
  }
  const { exact, folded } = analyzer.analyze(query.text);
  note([...exact, ...folded], 1);
  return weights;
}

/** A term in more than this share of passages is skipped in queries that have other terms. */
const COMMON_SHARE = 0.2;
/** Pruning only makes sense on a collection of some size. */
const PRUNE_FROM = 1000;
/** Postings scored per query at most (beyond the MIN_TERMS rarest terms). */
const POSTINGS_BUDGET = 20_000;
const MIN_TERMS = 3;
/** Even the rarest terms are dropped past this many postings each, when a rarer one remains. */
const MAX_TERM_POSTINGS = 100_000;

/**
 * Bounds a query's work by what the engine would have to score: terms most passages contain are dropped
 * when better ones remain, and past a postings budget the commonest of the rest go too; the rare terms
 * decide the ranking anyway. `df` gives each term's document frequency.
 */
export function pruneTerms(
  terms: WeightedTerms,
  df: ReadonlyMap<string, number>,
  total: number,
): Map<string, number> {
  const kept = new Map(terms);
  if (total < PRUNE_FROM) return kept;
  const byFrequency = [...terms.keys()]
    .map((term) => ({ term, df: df.get(term) ?? 0 }))
    .filter(({ df }) => df > 0)
    .sort((a, b) => a.df - b.df || (a.term < b.term ? -1 : 1));
  for (const term of terms.keys()) if (!df.get(term)) kept.delete(term);
  let postings = 0;
  byFrequency.forEach(({ term, df: n }, i) => {
    postings += n;
    const rare = i < MIN_TERMS && (i === 0 || n <= MAX_TERM_POSTINGS);
    const keep = rare || (n <= total * COMMON_SHARE && postings <= POSTINGS_BUDGET);
    if (!keep) kept.delete(term);
  });
  return kept;
}

/** Postings a lexical query scores, about (a microsecond or so each): what bounds query time at any size. */
const SCORED_POSTINGS = 5_000;

/** One kept term and the passages it is scored over: those numbered `from` or later (write order). */
export interface TermScan {
  term: string;
  weight: number;
  from: number;
}

/**
 * Which postings of each kept term a query scores, the same on every adapter so that they rank alike.
 * Rarest terms first (MaxScore-style: they decide the ranking), within a budget of scored postings.
 * Half of it goes to the rarest terms, scored over every passage; the other terms share the rest,
 * scored over the newest passages only: a window sized so that their postings in it fit. Smaller
 * collections never fill the budget, so their ranking is exact. Passages are numbered in write order,
 * `first` to `last`.
 */
export function scanPlan(
  kept: ReadonlyMap<string, number>,
  df: ReadonlyMap<string, number>,
  first: number,
  last: number,
): TermScan[] {
  const ordered = [...kept].sort(
    (a, b) => (df.get(a[0]) ?? 0) - (df.get(b[0]) ?? 0) || (a[0] < b[0] ? -1 : 1),
  );
  let spent = 0;
  let rare = 0;
  while (rare < ordered.length && spent + (df.get(ordered[rare]![0]) ?? 0) <= SCORED_POSTINGS / 2)
    spent += df.get(ordered[rare++]![0]) ?? 0;
  const remaining = ordered.slice(rare).reduce((sum, [term]) => sum + (df.get(term) ?? 0), 0);
  const share = remaining === 0 ? 1 : (SCORED_POSTINGS - spent) / remaining;
  const floor = share >= 1 ? first : Math.floor(last - share * (last - first));
  return ordered.map(([term, weight], i) => ({ term, weight, from: i < rare ? first : floor }));
}
