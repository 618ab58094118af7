/**
 * Picks the store: Neo4j when a URI is given (flag or NEO4J_URI), else the embedded store under the
 * data directory (flag, DUTYGRAPH_DATA_DIR, or .data/ in the working directory).
 */
import path from 'node:path';
import { EmbeddedBackend } from './embedded/sqlite.js';
import { Neo4jBackend } from './neo4j/backend.js';
import { type GraphStore, StoreUnavailableError } from './port.js';
import { Graph } from './store.js';

export const DEFAULT_DATA_DIR = '.data';

export interface StoreOptions {
  /** Embedded store directory. */
  dataDir?: string;
  /** bolt:// or neo4j:// URI; selects the Neo4j store. */
  neo4jUri?: string;
  neo4jUser?: string;
  neo4jPassword?: string;
  neo4jDatabase?: string;
  /** Force a store kind: `embedded` ignores NEO4J_URI; `neo4j` requires a URI. */
  store?: 'embedded' | 'neo4j';
  /** Neo4j only: `row` writes one query per row (benchmark baseline). */
  writeMode?: 'batched' | 'row';
}

export function resolveDataDir(dataDir?: string, env: NodeJS.ProcessEnv = process.env): string {
  // An empty variable counts as unset.
  return path.resolve(dataDir ?? (env.DUTYGRAPH_DATA_DIR || DEFAULT_DATA_DIR));
}

export function openEmbedded(dataDir?: string): GraphStore {
  return new Graph(new EmbeddedBackend({ dataDir: resolveDataDir(dataDir) }));
}

/** Neo4j connection settings from options, then NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE. */
export function neo4jSettings(options: StoreOptions, env: NodeJS.ProcessEnv = process.env) {
  const uri = options.neo4jUri ?? env.NEO4J_URI;
  if (!uri) throw new StoreUnavailableError('the Neo4j store needs a URI: pass --neo4j-uri or set NEO4J_URI');
  const password = options.neo4jPassword ?? env.NEO4J_PASSWORD;
  if (!password) throw new StoreUnavailableError(`no password for Neo4j at ${uri}: set NEO4J_PASSWORD`);
  return {
    uri,
    user: options.neo4jUser ?? env.NEO4J_USER ?? 'neo4j',
    password,
    database: options.neo4jDatabase ?? env.NEO4J_DATABASE,
    writeMode: options.writeMode,
  };
}

export async function openNeo4j(
  options: StoreOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<GraphStore> {
  return new Graph(await Neo4jBackend.connect(neo4jSettings(options, env)));
}

export async function openStore(
  options: StoreOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<GraphStore> {
  const useNeo4j =
    options.store === 'neo4j' || (options.store !== 'embedded' && Boolean(options.neo4jUri ?? env.NEO4J_URI));
  return useNeo4j ? openNeo4j(options, env) : openEmbedded(resolveDataDir(options.dataDir, env));
}
