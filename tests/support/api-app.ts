/**
 * A real API over a real store and search index for the API tests: the project's sample documents
 * ingested into an embedded store in a temp directory (or a given Neo4j server), no embedding model
 * (lexical + concept search), writes enabled with a test key, rate limiting off unless asked for.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.js';
import { type ApiConfig, apiConfigFromEnv } from '../../api/config.js';
import { Library } from '../../api/library.js';
import { neo4jSettings, openStore, type StoreOptions } from '../../graph/open.js';
import { OriginalFiles } from '../../graph/originals.js';
import type { ExtractionPool } from '../../ingest/pool.js';
import { ConceptLexicon } from '../../search/concepts.js';
import { Neo4jSearchIndex } from '../../search/index/neo4j.js';
import { SearchService } from '../../search/service.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLES_DIR = path.join(repoRoot, 'samples');
export const API_KEY = 'test-key-3f9a1c7e5b2d4806';

export interface TestApi {
  app: FastifyInstance;
  library: Library;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** Store to use; default: embedded in a fresh temp directory. */
  store?: StoreOptions;
  config?: Partial<ApiConfig>;
  /** Paths to ingest first; default: the samples. */
  ingest?: string[];
  /** Read uploads on this pool's threads, as `serve` does; default: on the test's thread. */
  pool?: ExtractionPool;
  /**
   * Keep the search index in the Neo4j store's database, shared by every API on it, as `serve` does;
   * default: an embedded index in the test's data directory.
   */
  neo4jIndex?: boolean;
}

let lexicon: ConceptLexicon | undefined;

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dutygraph-api-'));
  const store = await openStore(options.store ?? { store: 'embedded', dataDir });
  lexicon ??= ConceptLexicon.load();
  const search = await SearchService.open(store, {
    dataDir,
    index: options.neo4jIndex
      ? await Neo4jSearchIndex.connect(neo4jSettings(options.store ?? {}))
      : undefined,
    lexicon,
    embedder: null,
    embedderReason: 'the API tests run without a model',
  });
  const library = new Library(store, search, OriginalFiles.in(dataDir), options.pool);
  const { errors } = await library.ingestPaths(options.ingest ?? [SAMPLES_DIR]);
  if (errors.length > 0)
    throw new Error(`test corpus did not ingest: ${errors.map((e) => e.message).join('; ')}`);
  const config = apiConfigFromEnv(
    {},
    { apiKeys: [API_KEY], rateLimit: null, webDir: dataDir, ...options.config },
  );
  const app = await buildApp({ library, config, logger: false });
  await app.ready();
  return {
    app,
    library,
    dataDir,
    async close() {
      await app.close();
      await library.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The body of a JSON or problem+json response. */
export const json = <T = Record<string, unknown>>(response: { body: string }): T =>
  JSON.parse(response.body) as T;

export const authorized = { authorization: `Bearer ${API_KEY}` };

/** A multipart body with one part, as a browser's FormData would send it, for `app.inject`. */
export async function multipart(field: string, bytes: Uint8Array | string, filename: string) {
  const form = new FormData();
  form.append(field, new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), filename);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    headers: { 'content-type': request.headers.get('content-type')! },
    payload: Buffer.from(await request.arrayBuffer()),
  };
}

/** POST /api/documents with one file part, authorized. */
export async function uploadFile(
  app: FastifyInstance,
  field: string,
  bytes: Uint8Array | string,
  filename: string,
) {
  const body = await multipart(field, bytes, filename);
  return app.inject({
    method: 'POST',
    url: '/api/documents',
    headers: { ...authorized, ...body.headers },
    payload: body.payload,
  });
}
