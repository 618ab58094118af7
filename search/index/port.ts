/**
 * The search-index port: the passage store, lexical retrieval over pre-analyzed terms, concept postings
 * and nearest-neighbour vectors, behind one interface. Adapters: SQLite FTS5 + HNSW files for the
 * embedded store (sqlite.ts), Neo4j's Lucene full-text and vector indexes for the Neo4j store (neo4j.ts).
 * Both pass tests/support/search-index-contract.ts.
 *
 * Nothing here holds the whole index in memory: queries ask the engine for a bounded number of hits and
 * the passages are read back by id.
 */
import type { StoredPassage } from '../passage.js';

/** What a saved index was built with; a mismatch makes the service rebuild it. */
export interface IndexMeta {
  /** Bumped when the stored layout or the analysis changes. */
  format: string;
  lexicon: string;
  /** Embedding model id, or null when no vectors are kept. */
  model: string | null;
}

/** Restricts retrieval to passages meeting every given condition. */
export interface PassageFilter {
  /** Province slugs of the passage's document. */
  provinces?: readonly string[];
  /** Canonical agency ids: the passage assigns at least one of them. */
  agencies?: readonly string[];
  /** A concept id the passage carries. */
  concept?: string;
  /** Slug of the document type ("ke-hoach"). */
  type?: string;
  /** Partial dates (YYYY[-MM[-DD]]): the document's issue date overlaps [from, to]. */
  from?: string;
  to?: string;
}

/** One passage as written into the index: its analyzed fields and (with a model) its embedding. */
export interface IndexedPassage {
  passage: StoredPassage;
  /** Space-separated analyzed terms: exact diacritic forms, folded syllables + bigrams, folded context. */
  fields: { exact: string; folded: string; context: string };
  vector: Float32Array | null;
}

export interface IndexedDocument {
  id: string;
  contentHash: string;
  passages: IndexedPassage[];
}

/** A lexical query: analyzed terms (bigrams joined with "_") and how much each counts. */
export type WeightedTerms = ReadonlyMap<string, number>;

export interface ScoredPassageId {
  id: string;
  score: number;
}

export interface LexicalResult {
  hits: ScoredPassageId[];
  /** The terms actually searched (common ones may be pruned): what highlights can show. */
  terms: string[];
}

export interface SearchIndex {
  readonly kind: 'sqlite' | 'neo4j';
  /** Null when nothing was ever saved (a new index). Throws IndexDamagedError when unreadable. */
  meta(): Promise<IndexMeta | null>;
  /** Drops every passage and vector and records what the new content is built with. */
  reset(meta: IndexMeta): Promise<void>;
  stats(): Promise<{ passages: number; documents: number; vectors: number }>;
  /**
   * A token stored with the index and replaced in the transaction of every write and reset, whichever
   * process makes it: equal tokens mean equal content. One cheap lookup (the API reads it per search
   * to know whether a cached answer still holds).
   */
  generation(): Promise<string>;
  /** Document id → content hash of every indexed document (documents without duties included). */
  documentHashes(): Promise<Map<string, string>>;
  /**
   * Replaces the given documents' passages and removes the `remove` ones, all-or-nothing: after a crash
   * the index holds the state before or after the call, never a mix. `removed`: how many of `remove` were indexed.
   */
  write(upsert: readonly IndexedDocument[], remove: readonly string[]): Promise<{ removed: number }>;
  /**
   * Makes deferred work durable. After reset(), writes may put off work that only pays once (merging
   * index segments, saving vectors) until flush() or close(); a crash before it leaves an index the
   * service sees as incomplete and rebuilds.
   */
  flush(): Promise<void>;
  /** Passages by id, in the order asked (unknown ids are skipped). */
  passages(ids: readonly string[]): Promise<StoredPassage[]>;
  /** Best lexical matches, best first; the engine's query syntax never reaches it (terms are quoted). */
  lexical(terms: WeightedTerms, limit: number, filter: PassageFilter | null): Promise<LexicalResult>;
  /** Number of passages carrying each concept (absent = none). */
  conceptCounts(conceptIds: readonly string[]): Promise<Map<string, number>>;
  /**
   * Passages carrying the concept, within `among` when given, meeting `filter`; at most `limit` of them
   * when given (which ones is the adapter's choice: the embedded one keeps the newest).
   */
  conceptPassages(
    conceptId: string,
    filter: PassageFilter | null,
    among?: readonly string[],
    limit?: number,
  ): Promise<string[]>;
  /**
   * Optional, for engines a round trip away: concept retrieval in one query, as retrieval.ts computes it
   * from conceptPassages. Candidates: the passages of each `read` concept meeting `filter`, at most
   * `postings` of each (the same bounded read as conceptPassages with that limit). Each candidate sums
   * the `weights` of the read concepts whose read found it and of the other weighted concepts it
   * carries, and counts them; the `limit` best by sum × matched (ties by id).
   */
  conceptScores?(
    read: readonly string[],
    weights: ReadonlyMap<string, number>,
    filter: PassageFilter | null,
    postings: number,
    limit: number,
  ): Promise<Array<{ id: string; sum: number; matched: number }>>;
  /** Nearest passages by cosine similarity of their embeddings. */
  nearest(vector: Float32Array, k: number, filter: PassageFilter | null): Promise<ScoredPassageId[]>;
  /** True when some passage meets the filter. */
  any(filter: PassageFilter): Promise<boolean>;
  /** Agency ids whose id or type id equals `id`, or whose folded name or mention contains `folded`. */
  agenciesMatching(id: string, typeId: string, folded: string): Promise<string[]>;
  close(): Promise<void>;
}

/** A saved index that cannot be read; the service rebuilds it from the graph. */
export class IndexDamagedError extends Error {
  override name = 'IndexDamagedError';
}
