/**
 * Store flags every graph command shares, and the one place that turns store failures into
 * one-line user errors.
 */
import { type Command, InvalidArgumentError as InvalidFlagError, Option } from 'commander';
import { openStore, type StoreOptions } from '../graph/open.js';
import {
  InvalidArgumentError,
  NotFoundError,
  StoreUnavailableError,
  type GraphStore,
} from '../graph/port.js';
import { UserError } from './errors.js';

export interface StoreFlags {
  dataDir?: string;
  neo4jUri?: string;
  neo4jUser?: string;
  neo4jDatabase?: string;
  store?: 'embedded' | 'neo4j';
}

export function addStoreOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'embedded store directory (default: $DUTYGRAPH_DATA_DIR or .data)')
    .option('--neo4j-uri <uri>', 'use the Neo4j store at this bolt:// or neo4j:// URI (default: $NEO4J_URI)')
    .option(
      '--neo4j-user <name>',
      'Neo4j user (default: $NEO4J_USER or neo4j); the password comes from $NEO4J_PASSWORD',
    )
    .option('--neo4j-database <name>', 'Neo4j database (default: $NEO4J_DATABASE or the server default)')
    .addOption(
      new Option('--store <kind>', 'force the store kind (embedded ignores $NEO4J_URI)').choices([
        'embedded',
        'neo4j',
      ]),
    );
}

export const storeOptions = (flags: StoreFlags): StoreOptions => ({
  dataDir: flags.dataDir,
  neo4jUri: flags.neo4jUri,
  neo4jUser: flags.neo4jUser,
  neo4jDatabase: flags.neo4jDatabase,
  store: flags.store,
});

/** Expected store failures become UserErrors; anything else is a bug and keeps its type. */
export function asUserError(error: unknown): unknown {
  if (
    error instanceof NotFoundError ||
    error instanceof InvalidArgumentError ||
    error instanceof StoreUnavailableError
  ) {
    return new UserError(error.message);
  }
  return error;
}

/** Opens the store the flags name, runs `work`, and always closes it. */
export async function withStore<T>(
  flags: StoreFlags,
  work: (store: GraphStore) => Promise<T>,
  options: Partial<StoreOptions> = {},
): Promise<T> {
  let store: GraphStore;
  try {
    store = await openStore({ ...storeOptions(flags), ...options });
  } catch (error) {
    throw asUserError(error);
  }
  try {
    return await work(store);
  } catch (error) {
    throw asUserError(error);
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** Commander parser for integer flags (the store checks the range and names it). */
export function integerFlag(raw: string): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value))
    throw new InvalidFlagError('not an integer.');
  return value;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
