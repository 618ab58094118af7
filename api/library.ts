/**
 * What the API serves from: the graph store and the search index over it, plus the one write path
 * that keeps them in step (extract → graph → index). Writes run one at a time, so each extraction
 * resolves short citations against everything written before it and the index never sees two
 * updates of one document interleave.
 */
import { neo4jSettings, openStore, resolveDataDir, type StoreOptions } from '../graph/open.js';
import { ingestWithOriginal, OriginalFiles, removeWithOriginal } from '../graph/originals.js';
import type { GraphStore } from '../graph/port.js';
import type { IngestOutcome, RemoveOutcome } from '../graph/schema.js';
import { extractBuffer, extractFiles } from '../ingest/pipeline.js';
import { describeOriginal } from '../ingest/original.js';
import { type ExtractionPool, PoolBusyError } from '../ingest/pool.js';
import type { Bundle, ExtractedDocument, FileError } from '../ingest/schema.js';
import { ConceptLexicon } from '../search/concepts.js';
import { CachingEmbedder } from '../search/embedding/cache.js';
import { embedderConfigFromEnv } from '../search/embedding/config.js';
import { loadEmbedder } from '../search/embedding/transformers.js';
import { VectorCacheFile } from '../search/embedding/vector-cache.js';
import { Neo4jSearchIndex } from '../search/index/neo4j.js';
import { SearchService } from '../search/service.js';

/** The part of the search service the API uses. */
export type SearchIndex = Pick<
  SearchService,
  'search' | 'generation' | 'indexDocuments' | 'removeDocuments' | 'size' | 'semantic' | 'close' | 'embedder'
>;

export interface IngestReport {
  outcomes: IngestOutcome[];
  documents: ExtractedDocument[];
  errors: FileError[];
}

export class Library {
  private queue: Promise<unknown> = Promise.resolve();
  /** Uploads received and not yet written (their bytes are held in memory meanwhile). */
  private uploadsWaiting = 0;

  /**
   * With a pool, uploads are read and extracted on its threads, off the event loop, and at most
   * `maxUploadsWaiting` may wait their turn (more are refused with PoolBusyError).
   */
  constructor(
    readonly store: GraphStore,
    readonly search: SearchIndex,
    /** Where the files documents were read from are kept (under the data directory). */
    readonly originals: OriginalFiles,
    private readonly pool?: ExtractionPool,
    private readonly maxUploadsWaiting = 16,
  ) {}

  /** Extracts files and directories and writes them; unchanged files are a no-op. */
  ingestPaths(paths: string[]): Promise<IngestReport> {
    return this.serialized(async () => {
      const batch = this.originals.batch();
      let written: ExtractedDocument[] = [];
      try {
        const { bundle } = await extractFiles(paths, {
          known: await this.store.knownDocuments(),
          keepOriginal: batch.keep,
        });
        const report = await this.write(bundle);
        written = bundle.documents;
        return report;
      } finally {
        await batch.settle(this.store, written);
      }
    });
  }

  /**
   * One uploaded file (its name tells the format); throws ReadError or ExtractError. A file (not
   * text sent as a string) is kept as the document's original.
   */
  ingestUpload(
    name: string,
    bytes: Uint8Array,
    maxBytes: number,
    { keepOriginal = true }: { keepOriginal?: boolean } = {},
  ): Promise<{ outcome: IngestOutcome; key: string }> {
    if (this.uploadsWaiting >= this.maxUploadsWaiting) return Promise.reject(new PoolBusyError(5));
    this.uploadsWaiting++;
    return this.serialized(async () => {
      const known = await this.store.knownDocuments();
      const bundle = this.pool
        ? await this.pool.extract(name, bytes, known, maxBytes)
        : await extractBuffer(name, bytes, { known, maxBytes });
      const batch = this.originals.batch();
      let written: ExtractedDocument[] = [];
      try {
        if (keepOriginal) {
          const doc = bundle.documents[0]!;
          doc.original = describeOriginal(name, doc.format, bytes);
          await batch.keep(doc.original, bytes);
        }
        const { outcomes } = await this.write(bundle);
        written = bundle.documents;
        const outcome = outcomes[0]!;
        return { outcome, key: outcome.key };
      } finally {
        await batch.settle(this.store, written);
      }
    }).finally(() => this.uploadsWaiting--);
  }

  remove(key: string): Promise<RemoveOutcome> {
    return this.serialized(async () => {
      const outcome = await removeWithOriginal(this.store, this.originals, key);
      await this.search.removeDocuments([outcome.key]);
      return outcome;
    });
  }

  /** Waits for the write in progress (its index save included), then closes the store. */
  async close(): Promise<void> {
    await this.queue;
    await this.pool?.close();
    await this.search.close();
    await this.search.embedder?.close?.();
    await this.store.close();
  }

  private async write(bundle: Bundle): Promise<IngestReport> {
    const outcomes: IngestOutcome[] = [];
    const changed: ExtractedDocument[] = [];
    for (const doc of bundle.documents) {
      const outcome = await ingestWithOriginal(this.store, this.originals, doc, bundle.agencies);
      outcomes.push(outcome);
      if (outcome.status !== 'unchanged') changed.push(doc);
    }
    const replaced = outcomes.flatMap((o) => o.replaced);
    if (replaced.length > 0) await this.search.removeDocuments(replaced);
    if (changed.length > 0) await this.search.indexDocuments(changed);
    return { outcomes, documents: bundle.documents, errors: bundle.errors };
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

export interface OpenLibraryOptions extends StoreOptions {
  /** Receives operator warnings (no embedding model, rebuilt index). */
  onWarning?: (message: string) => void;
  /** Read uploads on this pool's threads (the server); without it they are read on the caller's thread. */
  pool?: ExtractionPool;
  /** Hears how many passages each embedding batch settled (from the model or the cache): ingest's progress. */
  onEmbedded?: (passages: number) => void;
}

/**
 * Opens the store the options name and the search index kept under the data directory (rebuilt from
 * the graph when missing or stale). The embedding model is optional: without it search is lexical.
 * A Neo4j graph keeps its index in Neo4j itself (full-text and vector indexes), shared by every API
 * process on that database; the embedded store keeps it beside its data (<dataDir>/search-index).
 */
export async function openLibrary(options: OpenLibraryOptions = {}): Promise<Library> {
  const store = await openStore(options);
  let index: Neo4jSearchIndex | undefined;
  let embedder: CachingEmbedder | null = null;
  try {
    const dataDir = resolveDataDir(options.dataDir);
    const loaded = await loadEmbedder(embedderConfigFromEnv());
    // Passage vectors outlive the process (keyed by model and text): re-ingests embed only new text.
    embedder =
      loaded.embedder &&
      new CachingEmbedder(loaded.embedder, {
        store: VectorCacheFile.open(dataDir),
        onPassages: options.onEmbedded,
      });
    const search = await SearchService.open(store, {
      dataDir,
      index: (index =
        store.kind === 'neo4j' ? await Neo4jSearchIndex.connect(neo4jSettings(options)) : undefined),
      lexicon: ConceptLexicon.load(),
      embedder,
      embedderReason: loaded.reason,
      onWarning: options.onWarning,
    });
    return new Library(store, search, OriginalFiles.in(dataDir), options.pool);
  } catch (error) {
    await index?.close().catch(() => undefined);
    await embedder?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}
