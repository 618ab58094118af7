/**
 * Picks the store: Neo4j when a URI is given (flag or NEO4J_URI), else the embedded store under the
 * data directory (flag, DUTYGRAPH_DATA_DIR, or .data/ in the working directory).
 */
import path from 'node:path';
import { EmbeddedBackend } from './embedded/sqlite.js';
import type { GraphStore } from './port.js';
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
  /** Force a store kind regardless of the environment. */
  store?: 'embedded' | 'neo4j';
}

export function resolveDataDir(dataDir?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(dataDir ?? env.DUTYGRAPH_DATA_DIR ?? DEFAULT_DATA_DIR);
}

export function openEmbedded(dataDir?: string): GraphStore {
  return new Graph(new EmbeddedBackend({ dataDir: resolveDataDir(dataDir) }));
}
