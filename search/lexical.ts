/**
 * Lexical retrieval: MiniSearch (BM25+) over passages analyzed by the Vietnamese analyzer. Each passage
 * is stored as analyzed term lists in four fields: body and context (agency names, document subject),
 * each in an exact and a folded form. Exact fields weigh more, so "rửa tiền" ranks text written with
 * those diacritics above text that merely folds to "rua tien".
 */
import MiniSearch from 'minisearch';
import { BIGRAM_JOINER, type VietnameseAnalyzer } from './analyzer.js';

export interface LexicalPassage {
  id: string;
  /** The duty: heading and text. */
  body: string;
  /** Words around it that help find it: agency names, document type and subject. */
  context: string;
}

export interface LexicalQuery {
  /** The user's words (question words removed). */
  text: string;
  /** Extra Vietnamese forms from concepts; they count for less than the user's words. */
  expansions: readonly string[];
  /** Weight of expansion terms relative to the user's words (0..1). */
  expansionWeight: number;
}

export interface LexicalHit {
  id: string;
  score: number;
  /** Index terms that matched (analyzed forms, bigrams joined with "_"). */
  terms: string[];
}

const FIELDS = ['bodyExact', 'bodyFolded', 'contextExact', 'contextFolded'] as const;
const BOOST: Record<(typeof FIELDS)[number], number> = {
  bodyExact: 2,
  bodyFolded: 1,
  contextExact: 0.6,
  contextFolded: 0.3,
};

// Fields hold pre-analyzed terms separated by spaces; MiniSearch only splits them again.
const OPTIONS = {
  fields: [...FIELDS],
  tokenize: (text: string) => (text ? text.split(' ') : []),
  processTerm: (term: string) => term,
};

export class LexicalIndex {
  private constructor(
    private readonly analyzer: VietnameseAnalyzer,
    private readonly index: MiniSearch,
  ) {}

  static create(analyzer: VietnameseAnalyzer): LexicalIndex {
    return new LexicalIndex(analyzer, new MiniSearch(OPTIONS));
  }

  /** Restores a saved index; throws when the JSON is not one (callers rebuild). */
  static fromJSON(analyzer: VietnameseAnalyzer, json: string): LexicalIndex {
    return new LexicalIndex(analyzer, MiniSearch.loadJSON(json, OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.index);
  }

  get size(): number {
    return this.index.documentCount;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** Adds passages, replacing any already indexed under the same id. */
  add(passages: readonly LexicalPassage[]): void {
    const docs = passages.map((p) => {
      const body = this.analyzer.analyze(p.body);
      const context = this.analyzer.analyze(p.context);
      return {
        id: p.id,
        bodyExact: body.exact.join(' '),
        bodyFolded: body.folded.join(' '),
        contextExact: context.exact.join(' '),
        contextFolded: context.folded.join(' '),
      };
    });
    for (const doc of docs) {
      if (this.index.has(doc.id)) this.index.discard(doc.id);
    }
    this.index.addAll(docs);
  }

  remove(ids: readonly string[]): void {
    const present = ids.filter((id) => this.index.has(id));
    if (present.length > 0) this.index.discardAll(present);
  }

  search(query: LexicalQuery, limit: number, accept?: (id: string) => boolean): LexicalHit[] {
    const weights = new Map<string, number>();
    const note = (terms: string[], weight: number): void => {
      for (const term of terms) weights.set(term, Math.max(weights.get(term) ?? 0, weight));
    };
    for (const expansion of query.expansions) {
      // An expansion is a phrase: its bigrams carry it; its syllables alone ("phòng", "chống") would
      // match half the corpus. One-syllable expansions ("thuế") are kept whole. The weight is shared
      // among the phrase's bigrams, so a long phrase counts like one word, not like a paragraph.
      const { exact, folded } = this.analyzer.analyze(expansion);
      const bigrams = exact.filter((t) => t.includes(BIGRAM_JOINER));
      const terms =
        bigrams.length > 0
          ? [...bigrams, ...folded.filter((t) => t.includes(BIGRAM_JOINER))]
          : [...exact, ...folded];
      note(terms, query.expansionWeight / Math.max(bigrams.length, 1));
    }
    const { exact, folded } = this.analyzer.analyze(query.text);
    note([...exact, ...folded], 1);
    if (weights.size === 0) return [];
    const results = this.index.search([...weights.keys()].join(' '), {
      boost: BOOST,
      boostTerm: (term) => weights.get(term) ?? 1,
      filter: accept ? (result) => accept(String(result.id)) : undefined,
    });
    return results.slice(0, limit).map((r) => ({ id: String(r.id), score: r.score, terms: r.terms }));
  }
}
