/**
 * The GraphStore port. Callers (CLI, search indexer, API) see only `GraphStore`; an adapter implements
 * `GraphBackend`: a handful of storage primitives and native aggregations. The write algorithm and the
 * traversals live once in graph/store.ts on top of those primitives, so the two stores cannot drift apart.
 */
import type { Agency, CitedDocument, ExtractedDocument } from '../ingest/schema.js';
import type { DocumentPath, Lifecycle, LifecycleStatus, Lineage } from './lifecycle-schema.js';
import type {
  AgencyPage,
  AgencyProfile,
  CategoryAgencies,
  CategoryPage,
  CitationChain,
  CorpusStats,
  Counts,
  Direction,
  DocumentPage,
  DocumentSummary,
  EdgeType,
  GraphEdge,
  GraphNode,
  IngestOutcome,
  RemoveOutcome,
  Subgraph,
} from './schema.js';

export type StoreKind = 'embedded' | 'neo4j';

export interface ChainOptions {
  direction?: Direction;
  /** 1..6 */
  depth?: number;
  /** Maximum number of documents reached (1..5000). */
  limit?: number;
}

export interface NeighborhoodOptions {
  /** Which edges each step follows: leaving the node (out), reaching it (in) or both (default). */
  direction?: Direction;
  /** 1..4 */
  depth?: number;
  /** Maximum number of nodes (1..5000). */
  limit?: number;
}

export interface ListDocumentsOptions {
  province?: string;
  type?: string;
  year?: number;
  /** Matched, accents ignored, against key, symbol, subject and issuer. */
  q?: string;
  /** Only documents with this lifecycle status on `today`. */
  status?: LifecycleStatus;
  /** YYYY-MM-DD; defaults to the current UTC date. */
  today?: string;
  limit?: number;
  cursor?: string | null;
}

export interface LifecycleOptions {
  /** YYYY-MM-DD; defaults to the current UTC date. */
  today?: string;
}

export interface ListAgenciesOptions {
  province?: string;
  typeId?: string;
  q?: string;
  limit?: number;
  cursor?: string | null;
}

export interface ListCategoriesOptions {
  limit?: number;
  cursor?: string | null;
}

/** Whether the store's server answers now (an embedded store always does). */
export interface Availability {
  /** The dependency this reports on, as an operator names it ("Neo4j at bolt://…"). */
  dependency: string;
  available: boolean;
  /** Why it is unavailable (the last failure). */
  detail?: string;
  /** When a caller may try again. */
  retryAfterSeconds?: number;
}

export interface IngestOptions {
  /**
   * Write even when the text and source are unchanged (the document's record changed otherwise, e.g.
   * it now has its original file).
   */
  rewrite?: boolean;
}

export interface GraphStore {
  readonly kind: StoreKind;
  /** Data directory or server URI, for messages. */
  readonly location: string;
  /** What the last calls found, without a round trip (a circuit breaker's state). */
  availability(): Availability;

  /** Writes one document in one transaction. `agencies` is the extractor's registry (names, aliases). */
  ingest(
    doc: ExtractedDocument,
    agencies?: readonly Agency[],
    options?: IngestOptions,
  ): Promise<IngestOutcome>;
  /** Deletes an ingested document by key or symbol; throws NotFoundError. */
  remove(keyOrSymbol: string): Promise<RemoveOutcome>;

  getDocument(key: string): Promise<ExtractedDocument | null>;
  allDocuments(): AsyncIterable<ExtractedDocument>;
  /** Key → content hash of every ingested document, without reading the documents. */
  documentHashes(): Promise<Map<string, string>>;
  /** Every document the store knows (ingested and stubs), for resolving short citations. */
  knownDocuments(): Promise<CitedDocument[]>;

  /** Documents whose key or symbol (accents and case ignored) equals the argument; several when a symbol is ambiguous. */
  findDocuments(keyOrSymbol: string): Promise<DocumentSummary[]>;
  /** Keys of the ingested documents read from this source (path or upload name). */
  documentsFromSource(source: string): Promise<string[]>;
  /** The one document a key or symbol names; NotFoundError, or InvalidArgumentError for an ambiguous symbol. */
  resolveDocument(keyOrSymbol: string): Promise<DocumentSummary>;
  citationChain(key: string, options?: ChainOptions): Promise<CitationChain>;
  agencyProfile(agencyId: string, options?: { limit?: number }): Promise<AgencyProfile>;
  categoryAgencies(categoryId: string, options?: { limit?: number }): Promise<CategoryAgencies>;
  neighborhood(nodeId: string, options?: NeighborhoodOptions): Promise<Subgraph>;
  stats(): Promise<CorpusStats>;
  counts(): Promise<Counts>;

  /** A document's derived status with its evidence, and every related document (Lược đồ). */
  lineage(keyOrSymbol: string, options?: LifecycleOptions): Promise<Lineage>;
  /** Derived status of each document key (keys the store does not hold are "unknown"). */
  lifecycles(keys: string[], options?: LifecycleOptions): Promise<Map<string, Lifecycle>>;
  /** Shortest path along citations (either way) between two documents, at most `maxSteps` (1..12, default 8). */
  documentPath(
    fromKeyOrSymbol: string,
    toKeyOrSymbol: string,
    options?: { maxSteps?: number },
  ): Promise<DocumentPath>;

  listDocuments(options?: ListDocumentsOptions): Promise<DocumentPage>;
  listAgencies(options?: ListAgenciesOptions): Promise<AgencyPage>;
  listCategories(options?: ListCategoriesOptions): Promise<CategoryPage>;

  /**
   * Copies another store's nodes, edges and document bodies as they are (migration). Idempotent: a rerun
   * after a failure converges on the same graph.
   */
  importFrom(source: GraphStore, onProgress?: (done: number, total: number) => void): Promise<void>;

  /** Every node, then every edge, in id order (for export and migration). */
  allNodes(): AsyncIterable<GraphNode>;
  allEdges(): AsyncIterable<GraphEdge>;

  close(): Promise<void>;
}

/** What a Document node keeps besides its public properties. */
export interface DocumentPayload {
  key: string;
  /** The ExtractedDocument as JSON; null when the node is (again) a stub. */
  json: string | null;
}

/** Storage primitives inside one write transaction. */
export interface WriteTx {
  /**
   * What a document write needs to know first, in one round trip: the stored versions of the nodes it
   * writes, and the keys of ingested documents already read from the same source.
   */
  inspect(source: string, nodeIds: string[]): Promise<{ stored: GraphNode[]; sameSource: string[] }>;
  nodes(ids: string[]): Promise<GraphNode[]>;
  /** True when another document still cites or amends this one. */
  isCited(key: string): Promise<boolean>;
  /** Deletes the document's duties and every edge it asserted; returns the ids of the other nodes they touched. */
  dropOwned(key: string): Promise<string[]>;
  /** Upserts nodes (their properties replaced by the given ones) and, for one document, its payload. */
  putNodes(nodes: GraphNode[], payload?: DocumentPayload): Promise<void>;
  putEdges(edges: GraphEdge[]): Promise<void>;
  /** Of the candidates, the shared nodes no fact refers to any more (see ORPHAN_RULES). */
  orphans(candidates: string[]): Promise<string[]>;
  /** Deletes nodes with their edges; returns the ids of the nodes at the other ends. */
  deleteNodes(ids: string[]): Promise<string[]>;
}

export interface DocumentFilter {
  province?: string;
  type?: string;
  year?: number;
  /** Already folded. */
  q?: string;
}

export interface AgencyFilter {
  province?: string;
  typeId?: string;
  q?: string;
}

/** Aggregation rows for categoryAgencies. */
export interface CategoryAssignment {
  agency: string;
  duties: number;
  documents: number;
  roles: Record<string, number>;
}

export interface GraphBackend {
  readonly kind: StoreKind;
  readonly location: string;
  /** Backends with a server behind them report on it; absent means always available. */
  availability?(): Availability;
  /** Runs `work` in one transaction: all of it is committed or none. */
  write<T>(work: (tx: WriteTx) => Promise<T>): Promise<T>;

  documentJson(key: string): Promise<string | null>;
  /** All document JSON, in key order. */
  documentJsons(): AsyncIterable<string>;
  /** Key → content hash of every ingested document (what the search index compares on open). */
  documentHashes(): Promise<Map<string, string>>;
  knownDocuments(): Promise<CitedDocument[]>;

  nodes(ids: string[]): Promise<GraphNode[]>;
  /** Edges leaving (out), reaching (in) or touching (both) the given nodes, in id order, at most `limit`. */
  edges(
    ids: string[],
    direction: Direction,
    types?: readonly EdgeType[],
    limit?: number,
  ): Promise<GraphEdge[]>;
  /** Document nodes with this key or folded symbol. */
  documentsByKeyOrSymbol(key: string, symbolKey: string): Promise<GraphNode[]>;

  /** Ingested documents after `afterKey`, in key order. */
  listDocuments(filter: DocumentFilter, limit: number, afterKey: string | null): Promise<DocumentSummary[]>;
  listAgencies(filter: AgencyFilter, limit: number, afterKey: string | null): Promise<AgencyPage['items']>;
  listCategories(limit: number, afterKey: string | null): Promise<CategoryPage['items']>;
  categoryAssignments(
    categoryKey: string,
  ): Promise<{ assignments: CategoryAssignment[]; duties: number; documents: number }>;
  stats(): Promise<
    Omit<CorpusStats, 'counts' | 'mostCited'> & { mostCited: { id: string; citedBy: number }[] }
  >;
  counts(): Promise<Counts>;

  allNodes(): AsyncIterable<GraphNode>;
  allEdges(): AsyncIterable<GraphEdge>;
  close(): Promise<void>;
}

/** A query named something the store does not have. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** An argument out of range or malformed. */
export class InvalidArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

/** The store cannot be reached or opened (server down, wrong password, unreadable data directory). */
export class StoreUnavailableError extends Error {
  /** When a caller may try again (the API's Retry-After); unset when unknown. */
  retryAfterSeconds?: number;
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}
