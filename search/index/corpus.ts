/**
 * The indexed corpus: keeps a SearchIndex in step with a document source (the graph store). Opening
 * checks what the saved index was built with and rebuilds it from the source, with a warning, when it
 * is missing, damaged, in an old format, or built for another lexicon or model; otherwise it catches up
 * with documents the graph gained, changed or lost meanwhile, comparing content hashes only (no
 * document is read unless it changed).
 */
import type { ExtractedDocument } from '../../ingest/schema.js';
import { ANALYZER_VERSION, type VietnameseAnalyzer } from '../analyzer.js';
import type { ConceptLexicon } from '../concepts.js';
import type { Embedder } from '../embedding/port.js';
import { openEmbeddedIndex } from './open.js';
import { analyzedDocumentPassage, analyzedPassage } from './passage.js';
import type { IndexedDocument, IndexMeta, SearchIndex } from './port.js';

/** Where documents come from: the GraphStore satisfies this. */
export interface DocumentSource {
  allDocuments(): AsyncIterable<ExtractedDocument>;
  /** Document id → content hash, without reading documents (lets open skip unchanged ones). */
  documentHashes?(): Promise<Map<string, string>>;
  getDocument?(id: string): Promise<ExtractedDocument | null>;
}

export interface CorpusOptions {
  /** Data directory of the embedded index; null keeps it in memory. Ignored when `index` is given. */
  dataDir: string | null;
  /** An index to use instead of the embedded one (the Neo4j adapter). */
  index?: SearchIndex;
  lexicon: ConceptLexicon;
  analyzer: VietnameseAnalyzer;
  embedder: Embedder | null;
  warn: (message: string) => void;
}

/** Layout of what adapters store (passages, fields, concept ids); bump to force a rebuild. */
const INDEX_FORMAT = 7;
const BATCH_DOCUMENTS = 200;
const EMBED_BATCH = 64;

export class IndexedCorpus {
  private counts = { passages: 0, documents: 0, vectors: 0 };

  private constructor(
    readonly index: SearchIndex,
    private readonly options: CorpusOptions,
  ) {}

  static async open(source: DocumentSource, options: CorpusOptions): Promise<IndexedCorpus> {
    const opened = options.index
      ? { index: options.index, problem: null, afterRebuild: async () => undefined }
      : await openEmbeddedIndex(options.dataDir);
    const corpus = new IndexedCorpus(opened.index, options);
    const persistent = Boolean(options.index) || options.dataDir !== null;
    const problem = opened.problem ?? (await corpus.problem());
    if (problem !== null) {
      if (persistent) options.warn(`search index ${problem}; rebuilding it from the graph`);
      await corpus.rebuild(source);
      await opened.afterRebuild();
    } else {
      const { updated, removed } = await corpus.synchronize(source);
      if (updated + removed > 0)
        options.warn(
          `search index was behind the graph: ${updated} documents re-indexed, ${removed} removed`,
        );
    }
    return corpus;
  }

  get size(): { passages: number; documents: number } {
    return { passages: this.counts.passages, documents: this.counts.documents };
  }

  /** True when passages have vectors for the embedder in use. */
  get semantic(): boolean {
    return this.options.embedder !== null && this.counts.vectors > 0;
  }

  /** Drops everything and indexes every document of `source`. */
  async rebuild(source: DocumentSource): Promise<{ passages: number; documents: number }> {
    await this.index.reset(this.wantedMeta());
    let batch: ExtractedDocument[] = [];
    for await (const doc of source.allDocuments()) {
      batch.push(doc);
      if (batch.length >= BATCH_DOCUMENTS) {
        await this.index.write(await this.prepare(batch), []);
        batch = [];
      }
    }
    await this.index.write(await this.prepare(batch), []);
    await this.index.flush();
    await this.refresh();
    return this.size;
  }

  /** Adds or replaces documents (the ingest path calls this after writing them to the graph). */
  async indexDocuments(docs: readonly ExtractedDocument[]): Promise<void> {
    for (let i = 0; i < docs.length; i += BATCH_DOCUMENTS)
      await this.index.write(await this.prepare(docs.slice(i, i + BATCH_DOCUMENTS)), []);
    await this.refresh();
  }

  /** Forgets documents by id; returns how many were indexed. */
  async removeDocuments(ids: readonly string[]): Promise<number> {
    const { removed } = await this.index.write([], ids);
    await this.refresh();
    return removed;
  }

  async close(): Promise<void> {
    await this.index.close();
  }

  private wantedMeta(): IndexMeta {
    return {
      format: `${INDEX_FORMAT}.${ANALYZER_VERSION}`,
      lexicon: this.options.lexicon.fingerprint,
      model: this.options.embedder?.modelId ?? null,
    };
  }

  /** What makes the saved index unusable, or null. */
  private async problem(): Promise<string | null> {
    const meta = await this.index.meta();
    if (meta === null) return 'is missing';
    const wanted = this.wantedMeta();
    if (meta.format !== wanted.format) return `has format ${meta.format}, not ${wanted.format}`;
    if (meta.lexicon !== wanted.lexicon) return 'was built with another concept lexicon';
    if (meta.model !== wanted.model) {
      const name = (model: string | null) => (model ? `model ${model}` : 'no model');
      return `was built for ${name(meta.model)}, not ${name(wanted.model)}`;
    }
    await this.refresh();
    if (wanted.model !== null && this.counts.vectors !== this.counts.passages)
      return `is damaged (${this.counts.vectors} vectors for ${this.counts.passages} passages)`;
    return null;
  }

  private async synchronize(source: DocumentSource): Promise<{ updated: number; removed: number }> {
    const indexed = await this.index.documentHashes();
    const changed: ExtractedDocument[] = [];
    const seen = new Set<string>();
    let updated = 0;
    const flush = async (): Promise<void> => {
      await this.index.write(await this.prepare(changed.splice(0)), []);
    };
    if (source.documentHashes && source.getDocument) {
      for (const [id, hash] of await source.documentHashes()) {
        seen.add(id);
        if (indexed.get(id) === hash) continue;
        const doc = await source.getDocument(id);
        if (!doc) continue;
        changed.push(doc);
        updated++;
        if (changed.length >= BATCH_DOCUMENTS) await flush();
      }
    } else {
      for await (const doc of source.allDocuments()) {
        seen.add(doc.id);
        if (indexed.get(doc.id) === doc.contentHash) continue;
        changed.push(doc);
        updated++;
        if (changed.length >= BATCH_DOCUMENTS) await flush();
      }
    }
    await flush();
    const gone = [...indexed.keys()].filter((id) => !seen.has(id));
    const { removed } = await this.index.write([], gone);
    await this.refresh();
    return { updated, removed };
  }

  /** Passages, analyzed fields and (with a model) embeddings of each document, ready to write. */
  private async prepare(docs: readonly ExtractedDocument[]): Promise<IndexedDocument[]> {
    const { lexicon, analyzer, embedder } = this.options;
    const prepared = docs.map((doc) => ({
      id: doc.id,
      contentHash: doc.contentHash,
      passages: [
        ...doc.duties.map((duty) => analyzedPassage(lexicon, analyzer, doc, duty)),
        ...[analyzedDocumentPassage(lexicon, analyzer, doc)].filter((p) => p !== null),
      ].map((p) => ({ ...p, vector: null as Float32Array | null })),
    }));
    if (embedder) {
      const all = prepared.flatMap((d) => d.passages);
      for (let i = 0; i < all.length; i += EMBED_BATCH) {
        const batch = all.slice(i, i + EMBED_BATCH);
        const vectors = await embedder.embedPassages(batch.map((p) => p.passage.text));
        batch.forEach((p, j) => (p.vector = vectors[j] ?? null));
      }
    }
    return prepared;
  }

  private async refresh(): Promise<void> {
    this.counts = await this.index.stats();
  }
}
