/**
 * The in-memory lexical index the service used before search/index/ (kept as the peer bench:index
 * measures the on-disk index against): MiniSearch (BM25+) over passages analyzed by the Vietnamese
 * analyzer, with the same query terms (search/index/terms.ts). A passage is
 * stored as analyzed terms in three fields: folded syllables and bigrams, exact (diacritic-bearing)
 * syllables, boosted, and the folded terms of its context (agency names), weighted low.
 *
 * Query terms that nearly every passage contains ("phòng", "tội_phạm") cost the most to score and say
 * the least, so they are left out when the query has better terms; the index keeps the document
 * frequencies of its folded terms for that.
 */
import MiniSearch from 'minisearch';
import { fold } from '../ingest/text/normalize.js';
import type { VietnameseAnalyzer } from './analyzer.js';
import { type LexicalQuery, queryTerms } from './index/terms.js';

export interface LexicalPassage {
  id: string;
  /** The duty: heading and text. */
  body: string;
  /** Words around it that help find it: agency names. */
  context: string;
}

export interface LexicalHit {
  id: string;
  score: number;
  /** Index terms that matched (analyzed forms, bigrams joined with "_"). */
  terms: string[];
}

const BOOST = { exact: 2, folded: 1, context: 0.3 };
/** A term in more than this share of passages is skipped in queries that have other terms. */
const COMMON_SHARE = 0.2;
/** Pruning only makes sense on a collection of some size. */
const PRUNE_FROM = 1000;
/** Postings scored per query at most (beyond the MIN_TERMS rarest terms, which are always kept). */
const POSTINGS_BUDGET = 20_000;
const MIN_TERMS = 3;

// Fields hold pre-analyzed terms separated by spaces; MiniSearch only splits them again.
const OPTIONS = {
  fields: Object.keys(BOOST),
  tokenize: (text: string) => (text ? text.split(' ') : []),
  processTerm: (term: string) => term,
};

interface Saved {
  index: unknown;
  df: Array<[string, number]>;
}

export class LexicalIndex {
  private constructor(
    private readonly analyzer: VietnameseAnalyzer,
    private readonly index: MiniSearch,
    /** Folded term (syllable or bigram) → number of passages containing it. */
    private readonly df: Map<string, number>,
  ) {}

  static create(analyzer: VietnameseAnalyzer): LexicalIndex {
    return new LexicalIndex(analyzer, new MiniSearch(OPTIONS), new Map());
  }

  /** Restores a saved index; throws when the JSON is not one (callers rebuild). */
  static fromJSON(analyzer: VietnameseAnalyzer, json: string): LexicalIndex {
    const saved = JSON.parse(json) as Saved;
    if (!saved || typeof saved !== 'object' || !Array.isArray(saved.df))
      throw new Error('not a lexical index');
    return new LexicalIndex(
      analyzer,
      MiniSearch.loadJS(saved.index as Parameters<typeof MiniSearch.loadJS>[0], OPTIONS),
      new Map(saved.df),
    );
  }

  toJSON(): string {
    return JSON.stringify({ index: this.index.toJSON(), df: [...this.df] });
  }

  get size(): number {
    return this.index.documentCount;
  }

  /** Adds passages, replacing any already indexed under the same id (pass the old text to `remove` first). */
  add(passages: readonly LexicalPassage[]): void {
    const docs = passages.map((p) => {
      const body = this.analyzer.analyze(p.body);
      for (const term of body.folded) this.df.set(term, (this.df.get(term) ?? 0) + 1);
      return {
        id: p.id,
        exact: body.exact.join(' '),
        folded: body.folded.join(' '),
        context: this.analyzer.analyze(p.context).folded.join(' '),
      };
    });
    for (const doc of docs) if (this.index.has(doc.id)) this.index.discard(doc.id);
    this.index.addAll(docs);
  }

  /** Removes passages (their text keeps the syllable frequencies right). */
  remove(passages: readonly LexicalPassage[]): void {
    const present = passages.filter((p) => this.index.has(p.id));
    for (const p of present) {
      for (const term of this.analyzer.analyze(p.body).folded) {
        const n = this.df.get(term);
        if (n === undefined) continue;
        if (n <= 1) this.df.delete(term);
        else this.df.set(term, n - 1);
      }
    }
    if (present.length > 0) this.index.discardAll(present.map((p) => p.id));
  }

  search(query: LexicalQuery, limit: number, accept?: (id: string) => boolean): LexicalHit[] {
    const weights = new Map(queryTerms(this.analyzer, query));
    this.pruneCommon(weights);
    if (weights.size === 0) return [];
    const results = this.index.search([...weights.keys()].join(' '), {
      boost: BOOST,
      boostTerm: (term) => weights.get(term) ?? 1,
      filter: accept ? (result) => accept(String(result.id)) : undefined,
    });
    return results.slice(0, limit).map((r) => ({ id: String(r.id), score: r.score, terms: r.terms }));
  }

  /**
   * Scoring cost grows with the postings of the query terms. Terms most passages contain are dropped
   * when better ones remain, and past a postings budget the commonest of the rest go too: the rare
   * terms decide the ranking anyway.
   */
  private pruneCommon(weights: Map<string, number>): void {
    const total = this.index.documentCount;
    if (total < PRUNE_FROM) return;
    const byFrequency = [...weights.keys()]
      .map((term) => ({ term, df: this.df.get(fold(term)) ?? 0 }))
      .sort((a, b) => a.df - b.df);
    let postings = 0;
    byFrequency.forEach(({ term, df }, i) => {
      postings += df;
      const keep = i < MIN_TERMS || (df <= total * COMMON_SHARE && postings <= POSTINGS_BUDGET);
      if (!keep) weights.delete(term);
    });
  }
}
