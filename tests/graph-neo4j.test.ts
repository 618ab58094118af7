/**
 * The GraphStore contract against a real Neo4j server (a private one: these tests wipe the database and
 * kill the server), identical answers to the embedded store on the real corpus, connection failures,
 * a kill mid-ingest, migration and the Cypher export.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, syntheticAgencies } from '../bench/synthetic.js';
import { exportGraph } from '../graph/export.js';
import { Neo4jBackend } from '../graph/neo4j/backend.js';
import { openEmbedded } from '../graph/open.js';
import { type GraphStore, StoreUnavailableError } from '../graph/port.js';
import { Graph } from '../graph/store.js';
import { extractFiles } from '../ingest/pipeline.js';
import { expectConsistent, graphContract } from './support/graph-contract.js';
import { type Neo4jHandle, neo4jSuiteEnabled, startNeo4j } from './support/neo4j.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Every read the port offers, over every node the store has: the two stores must agree on all of it. */
async function answers(store: GraphStore) {
  const nodes = await collect(store.allNodes());
  const docs = nodes.filter((n) => n.label === 'Document').map((n) => n.properties.key);
  const out: Record<string, unknown> = {
    nodes,
    edges: await collect(store.allEdges()),
    documents: await collect(store.allDocuments()),
    known: await store.knownDocuments(),
    stats: await store.stats(),
    lists: [
      await store.listDocuments({ limit: 2 }),
      await store.listDocuments({ q: 'toi pham' }),
      await store.listAgencies({ limit: 500 }),
      await store.listCategories({ limit: 500 }),
    ],
  };
  for (const key of docs) {
    for (const direction of ['out', 'in', 'both'] as const) {
      out[`chain ${key} ${direction}`] = await store.citationChain(key, { direction, depth: 4, limit: 40 });
    }
  }
  for (const n of nodes) {
    out[`around ${n.id}`] = await store.neighborhood(n.id, { depth: 2, limit: 30 });
    if (n.label === 'Agency') out[`agency ${n.id}`] = await store.agencyProfile(n.id, { limit: 3 });
    if (n.label === 'CrimeCategory')
      out[`category ${n.id}`] = await store.categoryAgencies(n.id, { limit: 5 });
    if (n.label === 'Document' && n.properties.symbol)
      out[`find ${n.id}`] = await store.findDocuments(n.properties.symbol);
  }
  return out;
}

describe.runIf(neo4jSuiteEnabled('graph/neo4j'))('Neo4j store', () => {
  let server: Neo4jHandle;
  const connect = () =>
    Neo4jBackend.connect({ uri: server.uri, user: server.user, password: server.password });
  const fresh = async () => {
    const backend = await connect();
    await backend.clear();
    return new Graph(backend);
  };
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dutygraph-neo4j-test-'));
    dirs.push(dir);
    return dir;
  };
  beforeAll(async () => {
    server = await startNeo4j();
  });
  afterAll(async () => {
    await server?.stop();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  graphContract('neo4j', fresh);

  it(
    'answers every query exactly like the embedded store on the real corpus',
    { timeout: 600_000 },
    async () => {
      const { bundle } = await extractFiles([corpusDir]);
      expect(bundle.documents.length).toBe(5);
      const embedded = openEmbedded(tempDir());
      const graph = await fresh();
      for (const store of [embedded, graph])
        for (const doc of bundle.documents) await store.ingest(doc, bundle.agencies);
      const [a, b] = [await answers(embedded), await answers(graph)];
      expect(Object.keys(b)).toEqual(Object.keys(a));
      for (const key of Object.keys(a)) expect(b[key], key).toEqual(a[key]);
      await embedded.close();
      await graph.close();
    },
  );

  it('names the URI when the password is wrong or the server is unreachable', async () => {
    const wrong = Neo4jBackend.connect({ uri: server.uri, user: server.user, password: 'not-the-password' });
    await expect(wrong).rejects.toThrow(StoreUnavailableError);
    await expect(wrong).rejects.toThrow(`Neo4j at ${server.uri} rejected the user name or password`);
    const nowhere = Neo4jBackend.connect({ uri: 'bolt://127.0.0.1:9', user: 'neo4j', password: 'whatever1' });
    await expect(nowhere).rejects.toThrow(/^cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:9: /);
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', 'stats', '--neo4j-uri', server.uri],
      {
        cwd: repoRoot,
        env: { ...process.env, NEO4J_PASSWORD: 'not-the-password' },
        encoding: 'utf8',
      },
    );
    expect(cli.status).toBe(1);
    expect(cli.stderr.trim()).toBe(`dutygraph: Neo4j at ${server.uri} rejected the user name or password`);
    // Failed logins lock the user for a few seconds (auth_lock_time): wait until the right password works again.
    for (let tries = 0; ; tries++) {
      try {
        await (await connect()).close();
        break;
      } catch (error) {
        if (tries >= 30) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  });

  it(
    'migrates the embedded graph and compares counts; the Cypher export loads into Neo4j',
    { timeout: 600_000 },
    async () => {
      const dataDir = tempDir();
      const source = openEmbedded(dataDir);
      const agencies = syntheticAgencies();
      for (const doc of generateCorpus({ documents: 60 })) await source.ingest(doc, agencies);
      let script = '';
      await exportGraph(source, 'cypher', (chunk) => void (script += chunk));
      const counts = await source.counts();
      await source.close();
      await (await fresh()).close();

      const run = (args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
          cwd: repoRoot,
          env: {
            ...process.env,
            NEO4J_URI: server.uri,
            NEO4J_USER: server.user,
            NEO4J_PASSWORD: server.password,
          },
          encoding: 'utf8',
        });
      const migrated = run(['migrate', '--to', 'neo4j', '--data-dir', dataDir, '--json']);
      expect(migrated.stderr).toBe('');
      expect(migrated.status).toBe(0);
      const report = JSON.parse(migrated.stdout) as {
        equal: boolean;
        counts: { name: string; source: number; target: number }[];
      };
      expect(report.equal).toBe(true);
      expect(report.counts.find((c) => c.name === 'CITES')?.target).toBe(counts.edges.CITES);
      const target = new Graph(await connect());
      expect(await target.getDocument([...generateCorpus({ documents: 1 })][0]!.id)).toEqual(
        [...generateCorpus({ documents: 1 })][0],
      );
      await expectConsistent(target);
      await target.close();

      // Migrating again into a non-empty database converges (MERGE), counts still equal.
      expect(run(['migrate', '--to', 'neo4j', '--data-dir', dataDir]).status).toBe(0);

      // The Cypher script, statement by statement, rebuilds the same graph in an empty database.
      const loaded = await fresh();
      const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password));
      const session = driver.session();
      for (const statement of script.split(';\n').filter((s) => s.trim() && !s.trim().startsWith('//'))) {
        await session.run(statement);
      }
      await session.close();
      await driver.close();
      expect(await loaded.counts()).toEqual(counts);
      const firstKey = [...generateCorpus({ documents: 1 })][0]!.id;
      expect(
        (await loaded.citationChain(firstKey, { direction: 'in', depth: 1 })).nodes.length,
      ).toBeGreaterThan(1);
      await loaded.close();
    },
  );

  it('converges without duplicates after Neo4j is killed mid-ingest', { timeout: 600_000 }, async () => {
    const password = 'crash-test-password';
    const home = tempDir();
    const docs = [...generateCorpus({ documents: 80 })];
    const agencies = syntheticAgencies();
    let victim = await startNeo4j({ home, password });
    let store = new Graph(await Neo4jBackend.connect({ uri: victim.uri, user: 'neo4j', password }));
    let written = 0;
    const failure = (async () => {
      for (const doc of docs) {
        // Killed while the 26th document's transaction is in flight.
        if (written === 25) setTimeout(() => victim.kill(), 5);
        await store.ingest(doc, agencies);
        written++;
      }
    })();
    await expect(failure).rejects.toThrow(StoreUnavailableError);
    await store.close().catch(() => undefined);
    await victim.stop();
    expect(written).toBeLessThan(docs.length);

    victim = await startNeo4j({ home, password });
    try {
      store = new Graph(await Neo4jBackend.connect({ uri: victim.uri, user: 'neo4j', password }));
      for (const doc of docs) await store.ingest(doc, agencies);
      const reference = openEmbedded(tempDir());
      for (const doc of docs) await reference.ingest(doc, agencies);
      const [got, want] = [await expectConsistent(store), await expectConsistent(reference)];
      expect(got.nodes.map((n) => n.id)).toEqual(want.nodes.map((n) => n.id));
      expect(got.edges.map((e) => e.id)).toEqual(want.edges.map((e) => e.id));
      expect(await store.counts()).toEqual(await reference.counts());
      await reference.close();
      await store.close();
    } finally {
      await victim.stop();
    }
  });
});
