/**
 * The search service wires the stages of a query: retrieval through the SearchIndex port
 * (search/index/: lexical, concept and dense lists), fusion, then answering (search/answer/). The
 * index is kept in step with a document source (the graph store) by search/index/corpus.ts: saved
 * indexes that are missing, damaged or built with another lexicon or model are rebuilt on open, with a
 * warning.
 */
import type { ExtractedDocument } from '../ingest/schema.js';
import { findProvincesInQuery } from '../ingest/taxonomy/provinces.js';
import { fold } from '../ingest/text/normalize.js';
import { VietnameseAnalyzer } from './analyzer.js';
import { type ConceptLexicon, type QueryAnalysis } from './concepts.js';
import type { Embedder } from './embedding/port.js';
import { answerDepth, buildAnswer, TopicMatcher } from './answer/index.js';
import { IssuerPhrases } from './answer/issuer.js';
import { byId, confidentDense, type FusedHit, fuseRankings, type RankedList, withTimeout } from './hybrid.js';
import { type DocumentSource, IndexedCorpus } from './index/corpus.js';
import type { SearchIndex } from './index/port.js';
import { DOCUMENT_CONCEPT, documentPassageId, isDocumentPassageId, type StoredPassage } from './passage.js';
import { conceptHits, lexicalHits, resolveFilter, withPredecessors } from './index/retrieval.js';
import { parseSearchRequest, type SearchRequest, type SearchResponse } from './schema.js';

export type { DocumentSource } from './index/corpus.js';

export interface SearchServiceOptions {
  /** Data directory the embedded index is saved in (`<dataDir>/search-index`); null keeps it in memory. */
  dataDir: string | null;
  /** An index to use instead of the embedded one (the Neo4j adapter, shared by API processes). */
  index?: SearchIndex;
  lexicon: ConceptLexicon;
  /** Null runs lexical + concept search only; `embedderReason` says why. */
  embedder: Embedder | null;
  embedderReason?: string;
  /** Receives warnings meant for the operator (missing model, rebuilt index). */
  onWarning?: (message: string) => void;
  /** Retrievers that take part (default all available); the eval compares them one by one. */
  retrievers?: ReadonlyArray<Retriever>;
  /** Ranking settings to use instead of the tuned ones (the eval's tuning runs). */
  tuning?: Partial<Tuning>;
  /** Longest wait for a query embedding before answering lexically (DUTYGRAPH_QUERY_TIMEOUT_MS). */
  queryTimeoutMs?: number;
}

export type Retriever = 'lexical' | 'concept' | 'dense';

/** Ranking settings, chosen on the development corpus (tests/eval/search-eval.ts). */
export interface Tuning {
  /** Reciprocal-rank-fusion constant: lower trusts the top of each list more. */
  rrfK: number;
  weights: Record<Retriever, number>;
  /**
   * A dense hit counts only within this cosine distance of the best one and above `denseFloor`: a
   * model always returns neighbours, close or not.
   */
  denseMargin: number;
  denseFloor: number;
  /**
   * Models `denseFloor` was calibrated for (model ids ending so): cosine scales differ between models,
   * so for any other model only the margin applies.
   */
  denseFloorModels: readonly string[];
  /**
   * Dense weight for Vietnamese written without diacritics: the model reads "phong chong ma tuy" far
   * worse than "phòng chống ma túy", so its neighbours count for less.
   */
  denseWeightFolded: number;
  /** Below this share of the best answer's score an agency is a related mention, not an answer. */
  relatedCut: number;
  /**
   * Dense weight in the plain hybrid that orders related mentions, where every neighbour counts however
   * far: they need no confident evidence, only closeness to the question (0: lexical order).
   */
  relatedDenseWeight: number;
  /** Weight of concept expansions in a Vietnamese query (English queries rely on them fully). */
  expansionWeight: number;
  /** Candidates taken from each retriever. */
  candidates: number;
  /** Score multiplier for passages from a province the query names. */
  provinceBoost: number;
  /**
   * Score multiplier for duties in which a body takes the part the question asks about ("Ai chủ trì …":
   * a body leads the duty); the question is about who does it, not only what is done.
   */
  roleBoost: number;
  /**
   * Score multiplier for passages of documents issued by a body of the type the question names as their issuer
   * ("Trong kế hoạch của Bộ Công an …").
   */
  issuerBoost: number;
}

export const TUNING: Tuning = {
  rrfK: 10,
  // Tuned with `npm run eval:search:tune` (tuning split; the check split agreed: hit@1 0.966 → 1.000).
  weights: { lexical: 1, concept: 1, dense: 0.5 },
  denseMargin: 0.03,
  denseFloor: 0.75,
  denseFloorModels: ['multilingual-e5-small'],
  denseWeightFolded: 0,
  // Tuned after fusion on F1 of P@5 and answer recall (tuning split P@5 0.682 → 0.913, answer recall
  // 0.929 → 0.897; the check split agreed: P@5 0.752 → 0.908, answer recall 0.957 → 0.914).
  relatedCut: 0.4,
  // Tuned on both sets' tuning splits (nDCG@10 0.930 → 0.937 and 0.773 → 0.842; the check splits agreed:
  // 0.935 → 0.940 and 0.863 → 0.894).
  relatedDenseWeight: 1,
  expansionWeight: 0.3,
  candidates: 200,
  provinceBoost: 1.5,
  roleBoost: 1.5,
  issuerBoost: 2,
};

const DEFAULT_QUERY_TIMEOUT_MS = 5000;

export class SearchService {
  private readonly analyzer: VietnameseAnalyzer;
  private readonly tuning: Tuning;
  private readonly retrievers: ReadonlySet<Retriever>;
  /** Passages, lexical, concept and vector retrieval, behind the SearchIndex port. */
  private corpus!: IndexedCorpus;

  private constructor(private readonly options: SearchServiceOptions) {
    this.tuning = { ...TUNING, ...options.tuning };
    this.retrievers = new Set(options.retrievers ?? ['lexical', 'concept', 'dense']);
    this.analyzer = new VietnameseAnalyzer(options.lexicon.analyzerLexicon);
  }

  /**
   * Loads saved indexes from the data directory, or builds them from `source` when there are none
   * or they cannot be used (with a warning saying why).
   */
  static async open(source: DocumentSource, options: SearchServiceOptions): Promise<SearchService> {
    const service = new SearchService(options);
    if (!options.embedder) {
      service.warn(
        `semantic search is off (${options.embedderReason ?? 'no embedding model'}); using lexical and concept search`,
      );
    }
    service.corpus = await IndexedCorpus.open(source, {
      dataDir: options.dataDir,
      index: options.index,
      lexicon: options.lexicon,
      analyzer: service.analyzer,
      embedder: options.embedder,
      warn: (message) => service.warn(message),
    });
    return service;
  }

  /** True when a neural model takes part in ranking. */
  get semantic(): boolean {
    return this.corpus.semantic && this.retrievers.has('dense');
  }

  /** The embedding model, for other features that compare texts (the cascade of duties); null without one. */
  get embedder(): Embedder | null {
    return this.options.embedder;
  }

  /** Why semantic search is off; undefined when it is on. */
  get semanticReason(): string | undefined {
    if (this.semantic) return undefined;
    if (!this.options.embedder) return this.options.embedderReason ?? 'no embedding model is configured';
    if (!this.retrievers.has('dense')) return 'dense retrieval is not enabled';
    return 'the index has no vectors yet';
  }

  get size(): { passages: number; documents: number } {
    return this.corpus.size;
  }

  /**
   * Changes whenever what the index holds changes, by a write of this process or of another sharing the
   * index (SearchIndex.generation): answers computed under one generation hold until it changes.
   */
  generation(): Promise<string> {
    return this.corpus.index.generation();
  }

  /** Drops everything and indexes every document of `source`. */
  rebuild(source: DocumentSource): Promise<{ passages: number; documents: number }> {
    return this.corpus.rebuild(source);
  }

  /** Adds or replaces documents (the ingest path calls this after writing them to the graph). */
  indexDocuments(docs: readonly ExtractedDocument[]): Promise<void> {
    return this.corpus.indexDocuments(docs);
  }

  /** Forgets documents by id; returns how many were indexed. */
  removeDocuments(ids: readonly string[]): Promise<number> {
    return this.corpus.removeDocuments(ids);
  }

  /** Closes the index (the Neo4j adapter's connection, the embedded database). */
  close(): Promise<void> {
    return this.corpus.close();
  }

  async search(input: SearchRequest): Promise<SearchResponse> {
    const request = parseSearchRequest(input);
    const { analysis, issuerTypes } = this.analyze(request.query);
    const base: SearchResponse = {
      query: request.query,
      semantic: this.semantic,
      ...(this.semanticReason ? { semanticReason: this.semanticReason } : {}),
      language: analysis.language,
      concepts: analysis.concepts.map((m) => ({ id: m.concept.id, label: m.concept.label, text: m.text })),
      agencies: [],
      passages: [],
    };
    // Question words alone ("cơ quan nào?") or symbols ask nothing, with or without a model.
    if (!analysis.text.trim() && analysis.concepts.length === 0) {
      return {
        ...base,
        reason: 'the query has no searchable words (only punctuation, symbols or question words)',
        reasonCode: 'no-searchable-words',
      };
    }
    const index = this.corpus.index;
    const filter = await resolveFilter(index, this.options.lexicon, request);
    if ('reason' in filter) return { ...base, reason: filter.reason, reasonCode: filter.reasonCode };
    const where = filter.filter;

    // The query embedding runs on the embedding thread while lexical and concept retrieval run here.
    const timeout = this.options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    const embedding = this.semantic
      ? withTimeout(
          this.options.embedder!.embedQueries([request.query]).catch((error: unknown) => ({
            failed: error instanceof Error ? error.message : String(error),
          })),
          timeout,
        )
      : null;
    const candidates = this.tuning.candidates;
    const { weights } = this.tuning;
    // Independent reads go out together: on Neo4j each is a round trip (the embedded index answers
    // them one after the other either way). The concept counts serve concept retrieval and the answer.
    const allCounts = index.conceptCounts([...analysis.concepts.map((m) => m.concept.id), DOCUMENT_CONCEPT]);
    const conceptCounts = allCounts.then((counts) => {
      const own = new Map(counts);
      own.delete(DOCUMENT_CONCEPT);
      return own;
    });
    // How common a concept is, is a share of the duties: documents' own passages post no concepts.
    const duties = allCounts.then((counts) =>
      Math.max(this.corpus.size.passages - (counts.get(DOCUMENT_CONCEPT) ?? 0), 1),
    );
    for (const pending of [conceptCounts, duties]) pending.catch(() => undefined); // awaited below unless the query finds nothing
    const [empty, lexical, concept] = await Promise.all([
      filter.empty,
      this.retrievers.has('lexical')
        ? lexicalHits(index, this.analyzer, analysis, this.tuning, where, candidates)
        : null,
      this.retrievers.has('concept')
        ? conceptHits(index, analysis, where, duties, candidates, conceptCounts)
        : null,
    ]);
    if (empty) return { ...base, reason: empty.reason, reasonCode: empty.reasonCode };
    const lists: RankedList[] = [];
    if (lexical) lists.push({ name: 'lexical', weight: weights.lexical, hits: lexical.hits });
    if (concept) lists.push({ name: 'concept', weight: weights.concept, hits: concept });
    const matcher = new TopicMatcher(analysis, this.analyzer, this.options.lexicon);
    const known = new Map<string, StoredPassage>();
    if (embedding) {
      // While the embedding thread computes the query's vector, the passages the other lists rank
      // highest are read and matched against the question: most of them make the answer.
      const ahead = fuseRankings(lists, this.tuning.rrfK, isDocumentPassageId).slice(
        0,
        answerDepth(request.k),
      );
      for (const passage of await index.passages(ahead.map((hit) => hit.id))) {
        known.set(passage.id, passage);
        matcher.of(passage);
      }
    }
    const denseScores = new Map<string, number>();
    // The plain hybrid's lists: every dense neighbour counts, however far (it orders related mentions).
    let tailLists: RankedList[] | null = null;
    let semanticNote: string | undefined;
    if (embedding) {
      const embedded = await embedding;
      if (embedded === 'timeout') {
        semanticNote = `the query embedding took longer than ${timeout} ms; this answer is lexical only`;
      } else if ('failed' in embedded) {
        semanticNote = `the query embedding failed (${embedded.failed}); this answer is lexical only`;
      } else if (embedded[0]) {
        // A document's own passage is found by its words only: its short subject is close to most questions in
        // the model's space ("Tăng cường công tác phòng, chống tội phạm").
        const neighbours = (await index.nearest(embedded[0], candidates, where)).filter(
          (n) => !isDocumentPassageId(n.id),
        );
        const hits = confidentDense(
          neighbours,
          this.tuning.denseMargin,
          this.tuning.denseFloorModels.some((m) => this.options.embedder!.modelId.endsWith(m))
            ? this.tuning.denseFloor
            : -1,
        );
        const folded = analysis.language === 'vi' && fold(request.query) === request.query.toLowerCase();
        const weight = folded ? this.tuning.denseWeightFolded : weights.dense;
        // A close neighbour is topic evidence only when the model's ranking counts at all for this query.
        if (weight > 0) for (const hit of hits) denseScores.set(hit.id, hit.score);
        lists.push({ name: 'dense', weight, hits });
        const tailWeight = folded ? this.tuning.denseWeightFolded : this.tuning.relatedDenseWeight;
        tailLists = [...lists.slice(0, -1), { name: 'dense', weight: tailWeight, hits: neighbours }];
      }
    }
    if (semanticNote) base.semanticReason = semanticNote;
    const named = this.provincesNamed(request.query);
    // Role concepts are keyed by the role they ask about ("role:lead" — chủ trì, đầu mối).
    const roles = new Set(
      analysis.concepts.filter((m) => m.concept.kind === 'role').map((m) => m.concept.key),
    );
    const boosted = named.size > 0 || roles.size > 0;
    const { provinceBoost, roleBoost } = this.tuning;
    const depth = answerDepth(request.k);
    const rankOptions = {
      depth,
      known,
      boost: boosted
        ? {
            of: (passage: StoredPassage) =>
              (passage.document.province && named.has(passage.document.province) ? provinceBoost : 1) *
              (passage.agencies.some((a) => roles.has(a.role)) ? roleBoost : 1),
            max:
              (named.size > 0 ? Math.max(provinceBoost, 1) : 1) *
              (roles.size > 0 ? Math.max(roleBoost, 1) : 1),
          }
        : null,
    };
    const issued = await this.issuedBy(index, issuerTypes);
    const fused = await issued(
      await rankPassages(index, fuseRankings(lists, this.tuning.rrfK, isDocumentPassageId), rankOptions),
    );
    if (fused.length === 0) return { ...base, reason: 'no duty matches the query', reasonCode: 'no-match' };
    // The plain hybrid's order reads only the passages it ranks high that the answer's order did not.
    const read = new Map([...known, ...fused.map((f) => [f.passage.id, f.passage] as const)]);
    const tail = tailLists
      ? await issued(
          await rankPassages(index, fuseRankings(tailLists, this.tuning.rrfK, isDocumentPassageId), {
            ...rankOptions,
            known: read,
          }),
        )
      : fused;
    const tailScores = new Map(tail.map((t) => [t.passage.id, t.score]));
    const answered = new Set(fused.slice(0, depth).map((f) => f.passage.id));

    const counts = await conceptCounts;
    const dutyCount = await duties;
    const { agencies, passages } = buildAnswer(
      [
        ...fused.map(({ passage, score }) => ({
          passage,
          score,
          dense: denseScores.get(passage.id),
          tail: tailScores.get(passage.id),
        })),
        // Passages only the plain hybrid ranks high: their agencies may be related mentions, no more.
        ...tail
          .slice(0, depth)
          .filter((t) => !answered.has(t.passage.id))
          .map(({ passage, score }) => ({ passage, score: 0, tail: score, tailOnly: true })),
      ],
      {
        request,
        analysis,
        analyzer: this.analyzer,
        lexicon: this.options.lexicon,
        agencyIds: filter.agencyIds,
        relatedCut: this.tuning.relatedCut,
        provinces: named,
        issuerTypes,
        conceptShare: (id) => (counts.get(id) ?? 0) / dutyCount,
      },
      matcher,
    );
    return { ...base, agencies, passages };
  }

  /**
   * The question's analysis without the names of who it says issued or asks ("Theo Bộ Công an, cục nào …"):
   * their words would find the duties of the issuer itself. Their agency types come apart; a question that
   * is nothing but such a name is read whole.
   */
  private analyze(query: string): { analysis: QueryAnalysis; issuerTypes: ReadonlySet<string> } {
    const { lexicon } = this.options;
    const typesIn = (text: string): string[] =>
      lexicon
        .analyzeQuery(text)
        .concepts.filter((m) => m.concept.kind === 'agency-type')
        .map((m) => m.concept.key);
    const issuer = new IssuerPhrases(query, (name) => typesIn(name).length > 0);
    const analysis = issuer.names.length > 0 ? lexicon.analyzeQuery(issuer.rest) : null;
    if (!analysis || (!analysis.text.trim() && analysis.concepts.length === 0))
      return { analysis: lexicon.analyzeQuery(query), issuerTypes: new Set() };
    return { analysis, issuerTypes: new Set(issuer.names.flatMap(typesIn)) };
  }

  /**
   * Ranked passages with those of documents issued by a body of `types` boosted (`issuerBoost`) and ranked again;
   * a document's issuer is the agency its own passage names as such. The ranking as it was when `types` is empty.
   */
  private async issuedBy(index: SearchIndex, types: ReadonlySet<string>): Promise<RankedBy> {
    if (types.size === 0) return (ranked) => Promise.resolve(ranked);
    const { issuerBoost } = this.tuning;
    const issuers = new Map<string, boolean>();
    return async (ranked) => {
      const unknown = [...new Set(ranked.map((r) => r.passage.document.id))].filter((id) => !issuers.has(id));
      const own = unknown.length > 0 ? await index.passages(unknown.map(documentPassageId)) : [];
      for (const id of unknown) issuers.set(id, false);
      for (const passage of own)
        issuers.set(
          passage.document.id,
          passage.agencies.some((a) => a.role === 'issuer' && a.typeId !== null && types.has(a.typeId)),
        );
      return ranked
        .map((r) => (issuers.get(r.passage.document.id) ? { ...r, score: r.score * issuerBoost } : r))
        .sort((a, b) => b.score - a.score || byId(a.passage.id, b.passage.id));
    };
  }

  /** Provinces of indexed documents that the query names ("Lạng Sơn", "Lang Son"). */
  private provincesNamed(query: string): Set<string> {
    return new Set(findProvincesInQuery(query).flatMap((m) => withPredecessors(m.slug)));
  }

  private warn(message: string): void {
    this.options.onWarning?.(message);
  }
}

type Ranked = Array<{ passage: StoredPassage; score: number }>;
type RankedBy = (ranked: Ranked) => Promise<Ranked>;

/**
 * The fused hits' passages, boosted and ranked, as far down as the answer looks (`depth`), read in fused
 * order a batch at a time (an id may name a passage removed since retrieval found it); those in `known`
 * are not read again. Boosts multiply a score by at most `boost.max`: once the `depth`-th boosted score
 * beats what any unread hit could reach, the rest cannot rank above it and are not read (reading and
 * parsing a passage is most of its cost). Without boosts the fused order stands.
 */
async function rankPassages(
  index: SearchIndex,
  hits: readonly FusedHit[],
  options: {
    depth: number;
    known: ReadonlyMap<string, StoredPassage>;
    boost: { of: (passage: StoredPassage) => number; max: number } | null;
  },
): Promise<Array<{ passage: StoredPassage; score: number }>> {
  const { depth, known, boost } = options;
  const ranked: Array<{ passage: StoredPassage; score: number }> = [];
  // With boosts, a hit that only ties the depth-th score may still rank above it by id; without them
  // hits come in ranked order already (fused order breaks ties by id as the ranking does).
  const mayReach = (hit: FusedHit, bar: number) => (boost ? hit.score * boost.max >= bar : hit.score > bar);
  for (let from = 0; from < hits.length;) {
    let to = from + depth - ranked.length;
    if (ranked.length >= depth) {
      const bar = ranked[depth - 1]!.score;
      for (to = from; to < hits.length && mayReach(hits[to]!, bar);) to++;
      if (to === from) break;
    }
    const batch = hits.slice(from, to);
    from += batch.length;
    const missing = batch.filter((hit) => !known.has(hit.id)).map((hit) => hit.id);
    const fresh = new Map((missing.length > 0 ? await index.passages(missing) : []).map((p) => [p.id, p]));
    for (const hit of batch) {
      const passage = known.get(hit.id) ?? fresh.get(hit.id);
      if (passage) ranked.push({ passage, score: boost ? hit.score * boost.of(passage) : hit.score });
    }
    ranked.sort((a, b) => b.score - a.score || byId(a.passage.id, b.passage.id));
  }
  return ranked;
}
