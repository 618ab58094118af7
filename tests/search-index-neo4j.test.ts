/**
 * The SearchIndex contract on the Neo4j adapter (Lucene full-text + vector index), on the run-wide test
 * server, and the same answers as the embedded adapter over the real corpus: the top-10 passages of
 * every eval query overlap by at least 0.9 on average.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFiles } from '../ingest/pipeline.js';
import { ConceptLexicon } from '../search/concepts.js';
import { Neo4jSearchIndex } from '../search/index/neo4j.js';
import type { SearchIndex } from '../search/index/port.js';
import { conceptHits } from '../search/index/retrieval.js';
import { SearchService } from '../search/service.js';
import { connectNeo4j, type Neo4jLease, neo4jSuiteEnabled } from './support/neo4j.js';
import { searchIndexContract } from './support/search-index-contract.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');

describe.runIf(neo4jSuiteEnabled('search/neo4j'))('Neo4j search index', () => {
  let lease: Neo4jLease;
  const opened: Neo4jSearchIndex[] = [];
  const open = async () => {
    const index = await Neo4jSearchIndex.connect({
      uri: lease.uri,
      user: lease.user,
      password: lease.password,
    });
    opened.push(index);
    return index;
  };
  beforeAll(async () => {
    lease = await connectNeo4j();
  }, 300_000);
  afterAll(async () => {
    for (const index of opened) await index.close();
    await lease?.release();
  });

  searchIndexContract('neo4j', open);

  it.runIf(existsSync(corpusDir))(
    'ranks the eval queries like the embedded adapter (top-10 overlap ≥ 0.9), shared by two processes',
    { timeout: 600_000 },
    async () => {
      const { bundle } = await extractFiles([corpusDir]);
      const source = {
        allDocuments: async function* () {
          yield* bundle.documents;
        },
      };
      const lexicon = ConceptLexicon.load();
      const options = { lexicon, embedder: null, dataDir: null };
      const embedded = await SearchService.open(source, options);
      const graph = await SearchService.open(source, { ...options, index: await open() });
      // A second API process on the same database finds the index there, without rebuilding it.
      const notes: string[] = [];
      const second = await SearchService.open(source, {
        ...options,
        index: await open(),
        onWarning: (m) => notes.push(m),
      });
      expect(notes.filter((n) => /rebuilding|behind/.test(n))).toEqual([]);
      expect(second.size).toEqual(embedded.size);
      const queries = (
        JSON.parse(readFileSync(path.join(repoRoot, 'tests/eval/search-queries.json'), 'utf8')) as {
          queries: Array<{ query: string }>;
        }
      ).queries;
      // Concept retrieval in one Cypher query scores exactly as the port's step-by-step version.
      const neo4jIndex = (graph as unknown as { corpus: { index: Neo4jSearchIndex } }).corpus.index;
      const stepwise = Object.create(neo4jIndex, { conceptScores: { value: undefined } }) as SearchIndex;
      for (const { query } of queries) {
        const analysis = lexicon.analyzeQuery(query);
        const [inOne, stepByStep] = await Promise.all(
          [neo4jIndex, stepwise].map((i) => conceptHits(i, analysis, null, graph.size.passages, 200)),
        );
        // Equal scores may differ in the last bit (summed in another order): compared rounded.
        const ranked = (hits: typeof inOne) =>
          hits!
            .map((h) => ({ id: h.id, score: Number(h.score.toFixed(9)) }))
            .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
        expect(ranked(inOne), query).toEqual(ranked(stepByStep));
      }
      let overlap = 0;
      for (const { query } of queries) {
        const [a, b] = await Promise.all([embedded, graph].map((s) => s.search({ query, k: 10 })));
        const top = new Set(a!.passages.map((p) => p.dutyId));
        const shared = b!.passages.filter((p) => top.has(p.dutyId)).length;
        overlap += top.size === 0 ? 1 : shared / top.size;
      }
      expect(overlap / queries.length).toBeGreaterThanOrEqual(0.9);
      await embedded.close();
    },
  );
});
