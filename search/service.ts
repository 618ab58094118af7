/**
 * The search service: builds lexical, concept and (with a model) vector indexes over duty passages
 * from a document source (the graph store), keeps them next to the graph data, updates them when
 * documents are (re)ingested or removed, and answers "who is responsible for X" queries.
 *
 * Saved indexes that are missing, damaged or built with another lexicon or model are rebuilt from the
 * source on open, with a warning; a save never leaves a half-written index behind.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AgencyRef, ExtractedDocument } from '../ingest/schema.js';
import {
  allProvinces,
  findProvinceMentions,
  predecessorsOf,
  provinceBySlug,
} from '../ingest/taxonomy/provinces.js';
import { fold, normalizeText, slugify, squash } from '../ingest/text/normalize.js';
import { VietnameseAnalyzer } from './analyzer.js';
import { type ConceptLexicon, type QueryAnalysis } from './concepts.js';
import type { Embedder } from './embedding/port.js';
import { buildAnswer } from './answer/index.js';
import { byId, confidentDense, fuseRankings, type RankedList, type ScoredId } from './hybrid.js';
import { LexicalIndex, type LexicalPassage } from './lexical.js';
import { StoredPassage } from './passage.js';
import {
  type ParsedSearchRequest,
  parseSearchRequest,
  type SearchRequest,
  type SearchResponse,
} from './schema.js';
import { createVectorIndex, loadVectorIndex } from './vector/index.js';
import type { VectorIndex } from './vector/port.js';

/** Where documents come from: the GraphStore satisfies this. */
export interface DocumentSource {
  allDocuments(): AsyncIterable<ExtractedDocument>;
}

export interface SearchServiceOptions {
  /** Directory the indexes are saved in (`<dataDir>/search`); null keeps them in memory only. */
  dataDir: string | null;
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
  denseMargin: number;
  denseFloor: number;
  /** Weight of concept expansions in a Vietnamese query (English queries rely on them fully). */
  expansionWeight: number;
  /** Candidates taken from each retriever. */
  candidates: number;
  /** Score multiplier for passages from a province the query names. */
  provinceBoost: number;
}

export const TUNING: Tuning = {
  rrfK: 10,
  weights: { lexical: 1, concept: 1, dense: 1 },
  denseMargin: 0.05,
  denseFloor: 0.8,
  expansionWeight: 0.3,
  candidates: 200,
  provinceBoost: 1.5,
};

const StoredDocument = z.object({ id: z.string(), contentHash: z.string(), passages: z.array(z.string()) });

const Manifest = z.object({
  format: z.literal('dutygraph-search'),
  version: z.literal(2),
  lexicon: z.string(),
  model: z.string().nullable(),
  passages: z.number().int(),
  documents: z.number().int(),
  savedAt: z.string(),
});

const FORMAT_VERSION = 2;
const SEARCH_DIR = 'search';
const PASSAGES_FILE = 'passages.json';
const DOCUMENTS_FILE = 'documents.json';
const LEXICAL_FILE = 'lexical.json';
const MANIFEST_FILE = 'manifest.json';
const VECTOR_DIR = 'vectors';
const EMBED_BATCH = 64;
/** A concept carried by more than this share of passages only re-weights what rarer concepts found. */
const COMMON_CONCEPT_SHARE = 0.25;

export class SearchService {
  private readonly analyzer: VietnameseAnalyzer;
  private readonly tuning: Tuning;
  private readonly retrievers: ReadonlySet<Retriever>;
  private readonly passages = new Map<string, StoredPassage>();
  /** Document id → its content hash and passage ids (documents without duties are tracked too). */
  private readonly byDocument = new Map<string, { contentHash: string; passages: string[] }>();
  /** Concept id → ids of passages that carry it. */
  private readonly postings = new Map<string, Set<string>>();
  private lexical: LexicalIndex;
  private vectors: VectorIndex | null = null;
  private saving: Promise<void> = Promise.resolve();

  private constructor(private readonly options: SearchServiceOptions) {
    this.tuning = { ...TUNING, ...options.tuning };
    this.retrievers = new Set(options.retrievers ?? ['lexical', 'concept', 'dense']);
    this.analyzer = new VietnameseAnalyzer(options.lexicon.analyzerLexicon);
    this.lexical = LexicalIndex.create(this.analyzer);
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
    const problem = options.dataDir ? await service.load() : 'not saved';
    if (problem !== null) {
      if (options.dataDir) service.warn(`search index ${problem}; rebuilding it from the graph`);
      await service.rebuild(source);
    } else {
      const { updated, removed } = await service.synchronize(source);
      if (updated + removed > 0) {
        service.warn(
          `search index was behind the graph: ${updated} documents re-indexed, ${removed} removed`,
        );
      }
    }
    return service;
  }

  /**
   * Brings a loaded index in line with the source: documents added or changed since the last save
   * (e.g. by `dutygraph ingest`, which writes the graph only) are indexed, vanished ones dropped.
   */
  private async synchronize(source: DocumentSource): Promise<{ updated: number; removed: number }> {
    const seen = new Set<string>();
    const changed: ExtractedDocument[] = [];
    let updated = 0;
    for await (const doc of source.allDocuments()) {
      seen.add(doc.id);
      if (this.byDocument.get(doc.id)?.contentHash === doc.contentHash) continue;
      changed.push(doc);
      updated++;
      if (changed.length >= 200) await this.addDocuments(changed.splice(0));
    }
    await this.addDocuments(changed);
    const removed = this.dropDocuments([...this.byDocument.keys()].filter((id) => !seen.has(id)));
    if (updated + removed > 0) await this.save();
    return { updated, removed };
  }

  /** True when a neural model takes part in ranking. */
  get semantic(): boolean {
    return this.options.embedder !== null && this.vectors !== null && this.retrievers.has('dense');
  }

  get size(): { passages: number; documents: number } {
    return { passages: this.passages.size, documents: this.byDocument.size };
  }

  /** Drops everything and indexes every document of `source`. */
  async rebuild(source: DocumentSource): Promise<{ passages: number; documents: number }> {
    this.passages.clear();
    this.byDocument.clear();
    this.postings.clear();
    this.lexical = LexicalIndex.create(this.analyzer);
    this.vectors = null;
    const batch: ExtractedDocument[] = [];
    for await (const doc of source.allDocuments()) {
      batch.push(doc);
      if (batch.length >= 200) await this.addDocuments(batch.splice(0));
    }
    await this.addDocuments(batch);
    await this.save();
    return this.size;
  }

  /** Adds or replaces documents (the ingest path calls this after writing them to the graph). */
  async indexDocuments(docs: readonly ExtractedDocument[]): Promise<void> {
    await this.addDocuments(docs);
    await this.save();
  }

  /** Forgets documents by id; returns how many were indexed. */
  async removeDocuments(ids: readonly string[]): Promise<number> {
    const removed = this.dropDocuments(ids);
    if (removed > 0) await this.save();
    return removed;
  }

  async search(input: SearchRequest): Promise<SearchResponse> {
    const request = parseSearchRequest(input);
    const analysis = this.options.lexicon.analyzeQuery(request.query);
    const base: SearchResponse = {
      query: request.query,
      semantic: this.semantic,
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
      };
    }
    const filter = this.resolveFilters(request);
    if ('reason' in filter) return { ...base, reason: filter.reason };
    const accept = filter.accept;

    const lists: RankedList[] = [];
    const candidates = this.tuning.candidates;
    const { weights } = this.tuning;
    if (this.retrievers.has('lexical')) {
      const hits = this.lexical.search(
        {
          text: analysis.text,
          expansions: analysis.expansions,
          expansionWeight: analysis.language === 'en' ? 1 : this.tuning.expansionWeight,
        },
        candidates,
        accept,
      );
      lists.push({ name: 'lexical', weight: weights.lexical, hits });
    }
    if (this.retrievers.has('concept'))
      lists.push({
        name: 'concept',
        weight: weights.concept,
        hits: this.conceptHits(analysis, accept, candidates),
      });
    const denseScores = new Map<string, number>();
    if (this.semantic) {
      const embedded = await this.options.embedder!.embedQueries([request.query]);
      if (embedded[0]) {
        const hits = confidentDense(
          this.vectors!.search(embedded[0], candidates, accept),
          this.tuning.denseMargin,
          this.tuning.denseFloor,
        );
        for (const hit of hits) denseScores.set(hit.id, hit.score);
        lists.push({ name: 'dense', weight: weights.dense, hits });
      }
    }
    const named = this.provincesNamed(request.query);
    const fused = fuseRankings(lists, this.tuning.rrfK)
      .map((hit) => {
        const passage = this.passages.get(hit.id)!;
        const boost =
          passage.document.province && named.has(passage.document.province) ? this.tuning.provinceBoost : 1;
        return { passage, score: hit.score * boost };
      })
      .sort((a, b) => b.score - a.score || byId(a.passage.id, b.passage.id));
    if (fused.length === 0) return { ...base, reason: 'no duty matches the query' };

    const { agencies, passages } = buildAnswer(
      fused.map(({ passage, score }) => ({ passage, score, dense: denseScores.get(passage.id) })),
      {
        request,
        analysis,
        analyzer: this.analyzer,
        lexicon: this.options.lexicon,
        agencyIds: filter.agencyIds,
        conceptShare: (id) => (this.postings.get(id)?.size ?? 0) / Math.max(this.passages.size, 1),
      },
    );
    return { ...base, agencies, passages };
  }

  private conceptHits(
    analysis: QueryAnalysis,
    accept: ((id: string) => boolean) | undefined,
    limit: number,
  ): ScoredId[] {
    const scores = new Map<string, { sum: number; matched: number }>();
    const total = Math.max(this.passages.size, 1);
    // Rarest first. A concept most passages carry ("prevention") adds weight to the passages rarer
    // concepts found, but brings in no new ones of its own: it would only flood the list.
    const lists = analysis.concepts
      .map(({ concept }) => this.postings.get(concept.id))
      .filter((ids): ids is Set<string> => ids !== undefined && ids.size > 0)
      .sort((a, b) => a.size - b.size);
    lists.forEach((ids, i) => {
      // Rare concepts say more about a passage than ones every duty carries.
      const weight = Math.log(1 + total / ids.size);
      const common = i > 0 && ids.size > total * COMMON_CONCEPT_SHARE;
      const add = (id: string): void => {
        const entry = scores.get(id);
        if (entry) {
          entry.sum += weight;
          entry.matched++;
        } else if (!common && (!accept || accept(id))) scores.set(id, { sum: weight, matched: 1 });
      };
      if (common && scores.size < ids.size) {
        for (const id of scores.keys()) if (ids.has(id)) add(id);
      } else for (const id of ids) add(id);
    });
    const asked = analysis.concepts.length;
    // Covering more of what the query asks for beats one rare match (Lucene's old "coord" factor).
    return [...scores]
      .map(([id, { sum, matched }]) => ({ id, score: (sum * matched) / asked }))
      .sort((a, b) => b.score - a.score || byId(a.id, b.id))
      .slice(0, limit);
  }

  /** Provinces of indexed documents that the query names ("Lạng Sơn", "Lang Son"). */
  private provincesNamed(query: string): Set<string> {
    return new Set(findProvinceMentions(query).flatMap((m) => withPredecessors(m.slug)));
  }

  /** Turns filter values into a passage predicate, or a reason why nothing can match. */
  private resolveFilters(
    request: ParsedSearchRequest,
  ): { accept?: (id: string) => boolean; agencyIds?: Set<string> } | { reason: string } {
    const tests: Array<(p: StoredPassage) => boolean> = [];
    let agencyIds: Set<string> | undefined;
    if (request.province) {
      const province = resolveProvince(request.province);
      if (!province) return { reason: `unknown province "${request.province}"` };
      // A province merged in 2025 is searched with the one it joined ("Lâm Đồng" includes Bình Thuận).
      const wanted = new Set(withPredecessors(province));
      if (!this.anyPassage((p) => p.document.province !== null && wanted.has(p.document.province))) {
        return { reason: `no indexed document is from province "${request.province}"` };
      }
      tests.push((p) => p.document.province !== null && wanted.has(p.document.province));
    }
    if (request.agency) {
      const wanted = fold(request.agency);
      const slug = slugify(request.agency);
      agencyIds = new Set<string>();
      for (const p of this.passages.values()) {
        for (const a of p.agencies) {
          if (
            a.id === request.agency ||
            a.typeId === slug ||
            fold(a.name).includes(wanted) ||
            fold(a.mention).includes(wanted)
          )
            agencyIds.add(a.id);
        }
      }
      if (agencyIds.size === 0)
        return { reason: `no indexed duty is assigned to an agency matching "${request.agency}"` };
      const ids = agencyIds;
      tests.push((p) => p.agencies.some((a) => ids.has(a.id)));
    }
    if (request.category) {
      const concept = this.resolveCategory(request.category);
      if (!concept) return { reason: `unknown crime category "${request.category}"` };
      tests.push((p) => p.concepts.includes(concept));
    }
    if (request.type) {
      const wanted = slugify(request.type);
      const known = this.anyPassage((p) => p.document.type !== null && slugify(p.document.type) === wanted);
      if (!known) return { reason: `no indexed document has type "${request.type}"` };
      tests.push((p) => p.document.type !== null && slugify(p.document.type) === wanted);
    }
    if (request.from || request.to) {
      const from = request.from ?? '0000';
      const to = request.to ?? '9999';
      tests.push((p) => p.document.issuedAt !== null && overlaps(p.document.issuedAt, from, to));
    }
    if (tests.length === 0) return {};
    return { accept: (id) => tests.every((test) => test(this.passages.get(id)!)), agencyIds };
  }

  private anyPassage(test: (p: StoredPassage) => boolean): boolean {
    for (const p of this.passages.values()) if (test(p)) return true;
    return false;
  }

  private resolveCategory(value: string): string | null {
    const wanted = fold(value);
    for (const concept of this.options.lexicon.concepts()) {
      if (concept.kind !== 'category') continue;
      if (
        concept.key === value ||
        fold(concept.label.vi) === wanted ||
        fold(concept.label.en) === wanted ||
        concept.vi.some((v) => fold(v) === wanted)
      ) {
        return concept.id;
      }
    }
    return null;
  }

  private async addDocuments(docs: readonly ExtractedDocument[]): Promise<void> {
    if (docs.length === 0) return;
    this.dropDocuments(docs.map((d) => d.id));
    const added: StoredPassage[] = [];
    for (const doc of docs) {
      const passages = doc.duties.map((duty) => this.toPassage(doc, duty));
      this.byDocument.set(doc.id, { contentHash: doc.contentHash, passages: passages.map((p) => p.id) });
      for (const passage of passages) this.register(passage);
      added.push(...passages);
    }
    this.lexical.add(added.map(lexicalPassage));
    if (this.options.embedder) await this.embed(added);
  }

  private register(passage: StoredPassage): void {
    this.passages.set(passage.id, passage);
    for (const concept of passage.concepts) {
      let ids = this.postings.get(concept);
      if (!ids) this.postings.set(concept, (ids = new Set()));
      ids.add(passage.id);
    }
  }

  private dropDocuments(ids: readonly string[]): number {
    let removed = 0;
    const dropped: StoredPassage[] = [];
    for (const id of ids) {
      const entry = this.byDocument.get(id);
      if (!entry) continue;
      removed++;
      this.byDocument.delete(id);
      for (const pid of entry.passages) {
        const passage = this.passages.get(pid);
        if (!passage) continue;
        for (const concept of passage.concepts) this.postings.get(concept)?.delete(pid);
        this.passages.delete(pid);
        dropped.push(passage);
      }
    }
    this.lexical.remove(dropped.map(lexicalPassage));
    this.vectors?.remove(dropped.map((p) => p.id));
    return removed;
  }

  private toPassage(doc: ExtractedDocument, duty: ExtractedDocument['duties'][number]): StoredPassage {
    const body = normalizeText(
      duty.heading && !duty.text.startsWith(duty.heading) ? `${duty.heading}: ${duty.text}` : duty.text,
    );
    const concepts = this.options.lexicon.tag(body);
    for (const category of duty.categories) {
      concepts.add(`category:${category}`);
      for (const parent of this.options.lexicon.get(`category:${category}`)?.parents ?? [])
        concepts.add(parent);
    }
    for (const agency of duty.agencies) if (agency.typeId) concepts.add(`agency-type:${agency.typeId}`);
    return {
      id: duty.id,
      documentId: doc.id,
      path: duty.path,
      text: body,
      agencies: duty.agencies.map((a: AgencyRef) => ({ ...a })),
      categories: [...duty.categories],
      concepts: [...concepts].sort(),
      deadline: duty.deadline,
      document: {
        id: doc.id,
        source: doc.source,
        symbol: doc.symbol,
        type: doc.type,
        issuedAt: doc.issuedAt,
        province: doc.province,
        provinceName: doc.provinceName,
      },
    };
  }

  private async embed(passages: readonly StoredPassage[]): Promise<void> {
    const embedder = this.options.embedder!;
    this.vectors ??= createVectorIndex(embedder.dimension, {
      expectedCount: this.passages.size,
      metadata: { model: embedder.modelId },
    });
    for (let i = 0; i < passages.length; i += EMBED_BATCH) {
      const batch = passages.slice(i, i + EMBED_BATCH);
      const vectors = await embedder.embedPassages(batch.map((p) => p.text));
      this.vectors.add(
        batch.map((p) => p.id),
        vectors,
      );
    }
  }

  /** Reads saved indexes; returns null when loaded, else what is wrong with them. */
  private async load(): Promise<string | null> {
    const dir = path.join(this.options.dataDir!, SEARCH_DIR);
    let manifest: z.infer<typeof Manifest>;
    try {
      manifest = Manifest.parse(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')));
    } catch (error) {
      return isMissing(error) ? 'is missing' : 'is damaged (unreadable manifest)';
    }
    if (manifest.lexicon !== this.options.lexicon.fingerprint)
      return 'was built with another concept lexicon';
    const model = this.options.embedder?.modelId ?? null;
    if (manifest.model !== model)
      return `was built for ${manifest.model ? `model ${manifest.model}` : 'no model'}, not ${model ? `model ${model}` : 'no model'}`;
    try {
      const stored = z
        .array(StoredPassage)
        .parse(JSON.parse(await readFile(path.join(dir, PASSAGES_FILE), 'utf8')));
      const documents = z
        .array(StoredDocument)
        .parse(JSON.parse(await readFile(path.join(dir, DOCUMENTS_FILE), 'utf8')));
      const lexical = LexicalIndex.fromJSON(
        this.analyzer,
        await readFile(path.join(dir, LEXICAL_FILE), 'utf8'),
      );
      const vectors = model ? await loadVectorIndex(path.join(dir, VECTOR_DIR)) : null;
      if (
        stored.length !== manifest.passages ||
        documents.length !== manifest.documents ||
        lexical.size !== stored.length ||
        (vectors && vectors.size !== stored.length)
      ) {
        return 'is damaged (its files disagree)';
      }
      for (const passage of stored) this.register(passage);
      for (const { id, ...entry } of documents) this.byDocument.set(id, entry);
      this.lexical = lexical;
      this.vectors = vectors;
      return null;
    } catch (error) {
      this.passages.clear();
      this.byDocument.clear();
      this.postings.clear();
      return `is damaged (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
  }

  /** Writes all index files into a fresh directory, then swaps it in: readers never see a mix. */
  private save(): Promise<void> {
    const dataDir = this.options.dataDir;
    if (!dataDir) return Promise.resolve();
    const run = async (): Promise<void> => {
      const dir = path.join(dataDir, SEARCH_DIR);
      const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
      await mkdir(staging, { recursive: true });
      try {
        await writeFile(path.join(staging, PASSAGES_FILE), JSON.stringify([...this.passages.values()]));
        await writeFile(
          path.join(staging, DOCUMENTS_FILE),
          JSON.stringify([...this.byDocument].map(([id, entry]) => ({ id, ...entry }))),
        );
        await writeFile(path.join(staging, LEXICAL_FILE), this.lexical.toJSON());
        if (this.vectors) await this.vectors.save(path.join(staging, VECTOR_DIR));
        const manifest: z.infer<typeof Manifest> = {
          format: 'dutygraph-search',
          version: FORMAT_VERSION,
          lexicon: this.options.lexicon.fingerprint,
          model: this.vectors ? (this.options.embedder?.modelId ?? null) : null,
          passages: this.passages.size,
          documents: this.byDocument.size,
          savedAt: new Date().toISOString(),
        };
        // The manifest goes last: a directory without one is never loaded.
        await writeFile(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
        const old = `${dir}.old-${process.pid}-${Date.now()}`;
        await rename(dir, old).catch((error: unknown) => {
          if (!isMissing(error)) throw error;
        });
        await rename(staging, dir);
        await rm(old, { recursive: true, force: true });
      } catch (error) {
        await rm(staging, { recursive: true, force: true });
        throw error;
      }
    };
    this.saving = this.saving.then(run, run);
    return this.saving;
  }

  private warn(message: string): void {
    this.options.onWarning?.(message);
  }
}

function resolveProvince(value: string): string | null {
  const slug = slugify(value);
  if (provinceBySlug(slug)) return slug;
  const wanted = fold(value);
  const match = allProvinces().find((p) => [p.name, p.nameEn, ...p.aliases].some((n) => fold(n) === wanted));
  return match?.slug ?? null;
}

function withPredecessors(slug: string): string[] {
  return [slug, ...predecessorsOf(slug)];
}

function lexicalPassage(passage: StoredPassage): LexicalPassage {
  const names = passage.agencies.flatMap((a) => [a.name, a.mention]);
  return { id: passage.id, body: passage.text, context: squash([...new Set(names)].join('. ')) };
}

/** True when the partial date's span ("2026-06" = all of June) meets [from, to] (partial dates too). */
function overlaps(date: string, from: string, to: string): boolean {
  // Plain code-unit order: "~" sorts after every digit and "-", closing the partial date's span.
  return `${date}~` >= from && date <= `${to}~`;
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'ENOENT';
}
