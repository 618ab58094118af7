/**
 * Neo4j search-index adapter: passages are :SearchPassage nodes in the graph's database, found by a
 * Lucene full-text index over their pre-analyzed fields (whitespace analyzer, so our Vietnamese analysis
 * decides the terms) and a cosine vector index over their embeddings. Concepts and agencies are nodes
 * linked to the passages they tag, so counts come from relationship degrees. Every API process on one
 * database shares the index; nothing of it is held in process memory.
 *
 * Lexical ranking is the embedded adapter's, computed here: Lucene only finds postings (which passages
 * hold a term, within the province filter and the window of newest passages terms.ts's scan plan
 * gives), and the client scores them with FTS5's bm25 over the same weighted fields, from statistics kept
 * exact in the write's transaction (document frequencies in :SearchTerm nodes, passage and token counts
 * in :SearchMeta, each passage's token count and write-order number). So both adapters rank alike at any
 * size. Terms are always quoted and escaped, so user text never reaches Lucene's query parser as syntax.
 */
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { describeFailure } from '../../graph/neo4j/backend.js';
import { driverTimeouts } from '../../graph/neo4j/availability.js';
import { fold, slugify } from '../../ingest/text/normalize.js';
import type { StoredPassage } from '../passage.js';
import type {
  IndexedDocument,
  IndexMeta,
  LexicalResult,
  PassageFilter,
  ScoredPassageId,
  SearchIndex,
  WeightedTerms,
} from './port.js';
import {
  candidateQuery,
  eraRange,
  eraToken,
  fieldWeights,
  filterCypher,
  TermCounts,
  tokenCount,
} from './neo4j-query.js';
import { pruneTerms, scanPlan } from './terms.js';

export interface Neo4jIndexOptions {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

/** The full-text index; the one before it (without province and era fields) is dropped on connect. */
const TEXT_INDEX = 'search_passage_terms';
const OLD_TEXT_INDEX = 'search_passage_text';
const VECTOR_INDEX = 'search_passage_embedding';
/** Nearest-neighbour candidates fetched per wanted hit when a filter may drop some. */
const FILTER_OVERFETCH = 4;
/** A bounded concept read with a filter scans this many times the postings it may return. */
const FILTER_OVERSCAN = 5;
/**
 * Lucene's best matches ranked per query: at least 300, and more for queries of many terms, whose
 * exact ranking rewards passages matching many of them (the coordination factor, which Lucene's
 * additive order does not have). Measured on 50k synthetic passages: the embedded top 10 lay up to
 * rank ~700 of Lucene's order for a 16-term query; 60 per term hold all of them.
 */
const CANDIDATES = 300;
const CANDIDATES_PER_TERM = 60;
/** FTS5's bm25 constants (sqlite's fts5_aux.c), so scores equal the embedded adapter's. */
const BM25 = { k1: 1.2, b: 0.75 };

/** Replaces the index's generation token (see SearchIndex.generation), in the caller's transaction. */
const GENERATION_ID = 'index';
const NEW_GENERATION = 'MERGE (g:SearchGeneration {id: $id}) SET g.value = randomUUID()';

const SCHEMA = [
  'CREATE CONSTRAINT search_passage_id IF NOT EXISTS FOR (n:SearchPassage) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT search_document_id IF NOT EXISTS FOR (n:SearchDocument) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT search_concept_id IF NOT EXISTS FOR (n:SearchConcept) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT search_agency_id IF NOT EXISTS FOR (n:SearchAgency) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT search_term_id IF NOT EXISTS FOR (n:SearchTerm) REQUIRE n.id IS UNIQUE',
  // One node, kept through resets; the constraint makes concurrent MERGEs of it safe.
  'CREATE CONSTRAINT search_generation_id IF NOT EXISTS FOR (n:SearchGeneration) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX search_passage_document IF NOT EXISTS FOR (n:SearchPassage) ON (n.document)',
  'CREATE INDEX search_passage_province IF NOT EXISTS FOR (n:SearchPassage) ON (n.province)',
  'CREATE INDEX search_passage_seq IF NOT EXISTS FOR (n:SearchPassage) ON (n.seq)',
  `DROP INDEX ${OLD_TEXT_INDEX} IF EXISTS`,
  // province and era (a block of write-order numbers) let Lucene apply the filter and the window.
  `CREATE FULLTEXT INDEX ${TEXT_INDEX} IF NOT EXISTS FOR (n:SearchPassage)
   ON EACH [n.exact, n.folded, n.context, n.province, n.era]
   OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'whitespace', \`fulltext.eventually_consistent\`: false } }`,
];

export class Neo4jSearchIndex implements SearchIndex {
  readonly kind = 'neo4j';

  private constructor(
    private readonly driver: Driver,
    private readonly uri: string,
    private readonly database: string | undefined,
  ) {}

  static async connect(options: Neo4jIndexOptions): Promise<Neo4jSearchIndex> {
    const { connectionTimeout, connectionAcquisitionTimeout } = driverTimeouts();
    const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      disableLosslessIntegers: true,
      // An outage fails fast, as graph requests do; long writes keep the driver's own retry time.
      connectionTimeout,
      connectionAcquisitionTimeout,
      logging: { level: 'error', logger: () => undefined },
    });
    const index = new Neo4jSearchIndex(driver, options.uri, options.database);
    try {
      for (const statement of SCHEMA) await index.run(statement);
      await index.run('CALL db.awaitIndexes(300)');
    } catch (error) {
      await driver.close();
      throw error;
    }
    return index;
  }

  async meta(): Promise<IndexMeta | null> {
    const [row] = await this.run(
      `MATCH (m:SearchMeta)
       RETURN m.format AS format, m.lexicon AS lexicon, m.model AS model,
              EXISTS { (:SearchPassage) } AND m.nextSeq IS NULL AS olderLayout`,
    );
    if (!row) return null;
    return {
      // Passages written before write-order numbers and token counts were kept cannot be ranked: rebuilt.
      format: row.olderLayout ? `${row.format as string} (older Neo4j layout)` : (row.format as string),
      lexicon: row.lexicon as string,
      model: (row.model as string | null) ?? null,
    };
  }

  async reset(meta: IndexMeta): Promise<void> {
    for (const label of [
      'SearchPassage',
      'SearchDocument',
      'SearchConcept',
      'SearchAgency',
      'SearchTerm',
      'SearchMeta',
    ])
      await this.run(`MATCH (n:${label}) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`);
    // The vector index is made for one dimension: dropped here, created again by the first write.
    await this.run(`DROP INDEX ${VECTOR_INDEX} IF EXISTS`);
    await this.run(`CREATE (m:SearchMeta) SET m = $meta WITH m ${NEW_GENERATION}`, {
      meta,
      id: GENERATION_ID,
    });
  }

  async generation(): Promise<string> {
    const [row] = await this.run('MATCH (g:SearchGeneration {id: $id}) RETURN g.value AS value', {
      id: GENERATION_ID,
    });
    return (row?.value as string | undefined) ?? '';
  }

  /** Every write commits in its own transaction: nothing is deferred. */
  async flush(): Promise<void> {}

  async stats(): Promise<{ passages: number; documents: number; vectors: number }> {
    const [row] = await this.run(
      `RETURN COUNT { (:SearchPassage) } AS passages, COUNT { (:SearchDocument) } AS documents,
              COUNT { (p:SearchPassage) WHERE p.embedding IS NOT NULL } AS vectors`,
    );
    return {
      passages: row!.passages as number,
      documents: row!.documents as number,
      vectors: row!.vectors as number,
    };
  }

  async documentHashes(): Promise<Map<string, string>> {
    const rows = await this.run('MATCH (d:SearchDocument) RETURN d.id AS id, d.contentHash AS hash');
    return new Map(rows.map((r) => [r.id as string, r.hash as string]));
  }

  async write(upsert: readonly IndexedDocument[], remove: readonly string[]): Promise<{ removed: number }> {
    const dimension = upsert.flatMap((d) => d.passages).find((p) => p.vector)?.vector?.length;
    if (dimension) await this.ensureVectorIndex(dimension);
    const rows = upsert.flatMap((doc) =>
      doc.passages.map(({ passage, fields, vector }) => ({
        props: {
          id: passage.id,
          document: doc.id,
          province: passage.document.province,
          typeSlug: passage.document.type === null ? null : slugify(passage.document.type),
          issuedAt: passage.document.issuedAt,
          json: JSON.stringify(passage),
          concepts: passage.concepts,
          terms: neo4j.int(tokenCount(fields)),
          ...fields,
        },
        vector: vector ? Array.from(vector) : null,
        concepts: passage.concepts,
        agencies: [...new Set(passage.agencies.map((a) => a.id))],
      })),
    );
    // Each agency once per write, its names gathered from every passage naming it.
    const agencies = new Map<string, { id: string; typeId: string | null; names: Set<string> }>();
    for (const { passage } of upsert.flatMap((d) => d.passages))
      for (const a of passage.agencies) {
        const entry = agencies.get(a.id) ?? { id: a.id, typeId: a.typeId, names: new Set<string>() };
        entry.typeId = a.typeId;
        entry.names.add(fold(a.name)).add(fold(a.mention));
        agencies.set(a.id, entry);
      }
    const session = this.session();
    try {
      return await this.guard(() =>
        session.executeWrite(async (tx) => {
          // Write-order numbers first: the lock on the meta node also orders concurrent writers.
          const numbered = await tx.run(
            `MERGE (m:SearchMeta) SET m.nextSeq = coalesce(m.nextSeq, 1) + $count
             RETURN m.nextSeq - $count AS first`,
            { count: neo4j.int(rows.length) },
          );
          const first = numbered.records[0]!.get('first') as number;
          rows.forEach((row, i) =>
            Object.assign(row.props, { seq: neo4j.int(first + i), era: eraToken(first + i) }),
          );
          const df = new TermCounts();
          let tokens = 0;
          for (const { fields } of upsert.flatMap((d) => d.passages)) {
            df.add(fields, 1);
            tokens += tokenCount(fields);
          }
          const removed = await tx.run(
            'UNWIND $ids AS id MATCH (d:SearchDocument {id: id}) RETURN count(d) AS n',
            { ids: [...new Set(remove)] },
          );
          // Deleted passages hand back their terms, so the document frequencies stay exact.
          const deleted = await tx.run(
            `CALL () {
             UNWIND $ids AS id MATCH (p:SearchPassage {document: id}) RETURN p
             UNION
             UNWIND $passageIds AS id MATCH (p:SearchPassage {id: id}) RETURN p
           }
           WITH p, p.exact AS exact, p.folded AS folded, p.context AS context, p.terms AS terms
           DETACH DELETE p
           RETURN exact, folded, context, terms`,
            {
              ids: [...new Set([...remove, ...upsert.map((d) => d.id)])],
              // A passage id may reappear under another document: the newest wins.
              passageIds: rows.map((r) => r.props.id),
            },
          );
          for (const r of deleted.records) {
            df.add(r.toObject() as IndexedDocument['passages'][number]['fields'], -1);
            tokens -= r.get('terms') as number;
          }
          await tx.run(
            `UNWIND $ids AS id MATCH (d:SearchDocument {id: id}) DETACH DELETE d
           WITH count(*) AS done UNWIND $docs AS doc CREATE (d:SearchDocument) SET d = doc`,
            {
              ids: [...new Set([...remove, ...upsert.map((d) => d.id)])],
              docs: upsert.map((d) => ({ id: d.id, contentHash: d.contentHash })),
            },
          );
          await tx.run('UNWIND $ids AS id MERGE (:SearchConcept {id: id})', {
            ids: [...new Set(rows.flatMap((r) => r.concepts))],
          });
          await tx.run(
            `UNWIND $agencies AS agency
           MERGE (a:SearchAgency {id: agency.id})
           SET a.typeId = agency.typeId,
               a.names = [n IN coalesce(a.names, []) WHERE NOT n IN agency.names] + agency.names`,
            { agencies: [...agencies.values()].map((a) => ({ ...a, names: [...a.names] })) },
          );
          await tx.run(
            `UNWIND $rows AS row
           CREATE (p:SearchPassage) SET p = row.props
           WITH p, row
           CALL (p, row) {
             WITH p, row WHERE row.vector IS NOT NULL
             CALL db.create.setNodeVectorProperty(p, 'embedding', row.vector)
           }
           CALL (p, row) {
             UNWIND row.concepts AS id MATCH (c:SearchConcept {id: id}) CREATE (c)-[:TAGS]->(p)
           }
           CALL (p, row) {
             UNWIND row.agencies AS id MATCH (a:SearchAgency {id: id}) CREATE (a)-[:ASSIGNED]->(p)
           }`,
            { rows },
          );
          await tx.run(
            `UNWIND $terms AS t
           MERGE (n:SearchTerm {id: t[0]}) ON CREATE SET n.df = t[1] ON MATCH SET n.df = n.df + t[1]
           WITH n WHERE n.df <= 0 DELETE n`,
            { terms: df.changes() },
          );
          await tx.run('MATCH (m:SearchMeta) SET m.tokens = coalesce(m.tokens, 0) + $tokens', {
            tokens: neo4j.int(tokens),
          });
          await tx.run(NEW_GENERATION, { id: GENERATION_ID });
          return { removed: removed.records[0]?.get('n') as number };
        }),
      );
    } finally {
      await session.close();
    }
  }

  async passages(ids: readonly string[]): Promise<StoredPassage[]> {
    if (ids.length === 0) return [];
    const rows = await this.run(
      'UNWIND $ids AS id MATCH (p:SearchPassage {id: id}) RETURN p.id AS id, p.json AS json',
      {
        ids: [...ids],
      },
    );
    const byId = new Map(rows.map((r) => [r.id as string, r.json as string]));
    return ids.flatMap((id) => {
      const json = byId.get(id);
      return json === undefined ? [] : [JSON.parse(json) as StoredPassage];
    });
  }

  async lexical(terms: WeightedTerms, limit: number, filter: PassageFilter | null): Promise<LexicalResult> {
    if (terms.size === 0 || limit <= 0 || filter?.provinces?.length === 0) return { hits: [], terms: [] };
    // One read transaction: the statistics first (to prune and plan as the embedded adapter does),
    // then every kept term's postings in one statement, scored, summed and coordinated there.
    return this.read(async (tx) => {
      const stats = await tx.run(
        `RETURN COUNT { (:SearchPassage) } AS total,
                head(COLLECT { MATCH (m:SearchMeta) RETURN m.tokens }) AS tokens,
                head(COLLECT { MATCH (p:SearchPassage) WHERE p.seq IS NOT NULL
                               RETURN p.seq ORDER BY p.seq LIMIT 1 }) AS first,
                head(COLLECT { MATCH (p:SearchPassage) WHERE p.seq IS NOT NULL
                               RETURN p.seq ORDER BY p.seq DESC LIMIT 1 }) AS last,
                COLLECT { UNWIND $terms AS term MATCH (t:SearchTerm {id: term}) RETURN [term, t.df] } AS df`,
        { terms: [...terms.keys()] },
      );
      const row = stats.records[0]!.toObject() as {
        total: number;
        tokens: number | null;
        first: number | null;
        last: number | null;
        df: Array<[string, number]>;
      };
      if (row.total === 0) return { hits: [], terms: [] };
      const df = new Map(row.df);
      const kept = pruneTerms(terms, df, row.total);
      if (kept.size === 0) return { hits: [], terms: [] };
      const first = row.first ?? 0;
      const last = row.last ?? 0;
      const plan = scanPlan(kept, df, first, last);
      const { clause, params } = filterCypher(filter, 'node', { provincesInEngine: true });
      const idf = new Map(plan.map(({ term }) => [term, fts5Idf(row.total, df.get(term) ?? 0)]));
      const query = candidateQuery(
        plan.map(({ term, weight, from }) => ({
          term,
          boost: weight * idf.get(term)!,
          eras: from > first ? eraRange(from) : null,
        })),
        filter?.provinces,
      );
      // Lucene's best candidates (by our IDF and field weights, without bm25's length norm and
      // coordination), ranked here exactly.
      const result = await tx.run(
        `CALL db.index.fulltext.queryNodes($index, $query, {limit: $candidates}) YIELD node
         WITH node ${clause ? `WHERE ${clause}` : ''}
         RETURN node.id AS id, node.seq AS seq, node.terms AS terms,
                node.exact AS exact, node.folded AS folded, node.context AS context`,
        {
          query,
          index: TEXT_INDEX,
          candidates: neo4j.int(Math.max(limit, CANDIDATES, CANDIDATES_PER_TERM * plan.length)),
          ...params,
        },
      );
      const avgdl = (row.tokens ?? 0) / row.total;
      const weightsIn = fieldWeights(plan.map(({ term }) => term));
      const scored = result.records.map((r) => {
        const candidate = r.toObject() as {
          id: string;
          seq: number;
          terms: number;
          exact: string;
          folded: string;
          context: string;
        };
        const norm = BM25.k1 * (1 - BM25.b + (BM25.b * candidate.terms) / avgdl);
        const f = weightsIn(candidate);
        // Σ weight × bm25 term by term in the plan's order, as the embedded adapter sums them; a
        // windowed term counts only in its window.
        let sum = 0;
        let matched = 0;
        plan.forEach(({ term, weight, from }, i) => {
          if (candidate.seq < from || f[i] === 0) return;
          sum += weight * (idf.get(term)! * ((f[i]! * (BM25.k1 + 1)) / (f[i]! + norm)));
          matched++;
        });
        return { id: candidate.id, seq: candidate.seq, score: sum * matched };
      });
      scored.sort((a, b) => b.score - a.score || a.seq - b.seq);
      return {
        hits: scored.slice(0, limit).map(({ id, score }) => ({ id, score })),
        terms: [...kept.keys()],
      };
    });
  }

  async conceptCounts(conceptIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.run(
      'UNWIND $ids AS id MATCH (c:SearchConcept {id: id}) RETURN id, COUNT { (c)-[:TAGS]->() } AS n',
      { ids: [...new Set(conceptIds)] },
    );
    return new Map(rows.filter((r) => (r.n as number) > 0).map((r) => [r.id as string, r.n as number]));
  }

  async conceptPassages(
    conceptId: string,
    filter: PassageFilter | null,
    among?: readonly string[],
    limit?: number,
  ): Promise<string[]> {
    const { clause, params } = filterCypher(filter, 'p');
    const where = clause ? `WHERE ${clause}` : '';
    if (among) {
      // Driven by the few candidates asked about, not by the concept's (maybe huge) postings.
      const rows = await this.run(
        `UNWIND $among AS id MATCH (p:SearchPassage {id: id}) WHERE $concept IN p.concepts
         WITH p ${where} RETURN p.id AS id`,
        { concept: conceptId, among: [...among], ...params },
      );
      return rows.map((r) => r.id as string);
    }
    const rows = await this.run(
      `MATCH (:SearchConcept {id: $concept})-[:TAGS]->(p:SearchPassage)
       ${limit === undefined ? where : boundedRead(where)}
       RETURN p.id AS id`,
      {
        concept: conceptId,
        ...params,
        ...(limit === undefined ? {} : readBounds(filter, limit)),
      },
    );
    return rows.map((r) => r.id as string);
  }

  async conceptScores(
    read: readonly string[],
    weights: ReadonlyMap<string, number>,
    filter: PassageFilter | null,
    postings: number,
    limit: number,
  ): Promise<Array<{ id: string; sum: number; matched: number }>> {
    const { clause, params } = filterCypher(filter, 'p');
    const others = [...weights.keys()].filter((c) => !read.includes(c));
    // Each read concept's bounded read (as conceptPassages), then the other concepts only re-weight
    // the passages found; sums run in the concepts' order, as retrieval.ts adds them.
    const rows = await this.run(
      `UNWIND $read AS concept
       CALL (concept) {
         MATCH (:SearchConcept {id: concept})-[:TAGS]->(p:SearchPassage)
         ${boundedRead(clause ? `WHERE ${clause}` : '')}
         RETURN p
       }
       WITH p, collect(concept) AS found
       WITH p, found + [c IN $others WHERE c IN p.concepts] AS carried
       WITH p.id AS id, reduce(s = 0.0, c IN carried | s + $weights[c]) AS sum, size(carried) AS matched
       ORDER BY sum * matched DESC, id LIMIT $best
       RETURN id, sum, matched`,
      {
        read: [...read],
        others,
        weights: Object.fromEntries(weights),
        best: neo4j.int(limit),
        ...readBounds(filter, postings),
        ...params,
      },
    );
    return rows.map((r) => ({ id: r.id as string, sum: r.sum as number, matched: r.matched as number }));
  }

  async nearest(vector: Float32Array, k: number, filter: PassageFilter | null): Promise<ScoredPassageId[]> {
    if (!(await this.hasVectorIndex())) return [];
    const { clause, params } = filterCypher(filter, 'node');
    const rows = await this.run(
      `CALL db.index.vector.queryNodes($index, $fetch, $vector) YIELD node, score
       ${clause ? `WHERE ${clause}` : ''}
       RETURN node.id AS id, score ORDER BY score DESC, id LIMIT $k`,
      {
        index: VECTOR_INDEX,
        fetch: neo4j.int(filter ? k * FILTER_OVERFETCH : k),
        vector: Array.from(vector),
        k: neo4j.int(k),
        ...params,
      },
    );
    // Neo4j reports cosine similarity rescaled to [0, 1]; the port speaks plain cosine.
    return rows.map((r) => ({ id: r.id as string, score: 2 * (r.score as number) - 1 }));
  }

  async any(filter: PassageFilter): Promise<boolean> {
    const { clause, params } = filterCypher(filter, 'p');
    const rows = await this.run(
      `MATCH (p:SearchPassage) ${clause ? `WHERE ${clause}` : ''} RETURN p.id LIMIT 1`,
      params,
    );
    return rows.length > 0;
  }

  async agenciesMatching(id: string, typeId: string, folded: string): Promise<string[]> {
    const rows = await this.run(
      `MATCH (a:SearchAgency)
       WHERE (a.id = $id OR a.typeId = $typeId OR any(n IN a.names WHERE n CONTAINS $folded))
         AND EXISTS { (a)-[:ASSIGNED]->(:SearchPassage) }
       RETURN a.id AS id ORDER BY id`,
      { id, typeId, folded },
    );
    return rows.map((r) => r.id as string);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async hasVectorIndex(): Promise<boolean> {
    const rows = await this.run('SHOW VECTOR INDEXES YIELD name WHERE name = $name RETURN name', {
      name: VECTOR_INDEX,
    });
    return rows.length > 0;
  }

  private async ensureVectorIndex(dimension: number): Promise<void> {
    if (!Number.isInteger(dimension) || dimension <= 0)
      throw new RangeError(`invalid dimension ${dimension}`);
    // Index options take no parameters; the dimension is a checked integer.
    await this.run(
      `CREATE VECTOR INDEX ${VECTOR_INDEX} IF NOT EXISTS FOR (n:SearchPassage) ON n.embedding
       OPTIONS { indexConfig: { \`vector.dimensions\`: ${dimension}, \`vector.similarity_function\`: 'cosine' } }`,
    );
    await this.run('CALL db.awaitIndexes(300)');
  }

  private async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.session();
    try {
      return await this.guard(() => session.executeRead(work));
    } finally {
      await session.close();
    }
  }

  /** Runs `work`, turning "Neo4j cannot be reached" into the store's StoreUnavailableError (a 503). */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw describeFailure(this.uri, error) ?? error;
    }
  }

  private session(): Session {
    return this.driver.session({ database: this.database });
  }

  private async run(
    cypher: string,
    params: Record<string, unknown> = {},
  ): Promise<Array<Record<string, unknown>>> {
    const session = this.session();
    try {
      const result = await this.guard(() => session.run(cypher, params));
      return result.records.map((r) => r.toObject() as Record<string, unknown>);
    } finally {
      await session.close();
    }
  }
}

/**
 * A bounded read of a concept's postings (`p`, matched before it): the first $scan in the store's
 * order, of them the first $limit meeting `where`. Work stays bounded whatever the concept's size.
 */
function boundedRead(where: string): string {
  return `WITH p LIMIT $scan WITH p ${where} WITH p LIMIT $limit`;
}

/** Parameters of boundedRead(). */
function readBounds(filter: PassageFilter | null, limit: number): { scan: unknown; limit: unknown } {
  return { scan: neo4j.int(filter ? limit * FILTER_OVERSCAN : limit), limit: neo4j.int(limit) };
}

/** FTS5's IDF of a term in `n` of `total` passages: log((N − n + 0.5) / (n + 0.5)), at least 1e-6. */
function fts5Idf(total: number, n: number): number {
  const idf = Math.log((total - n + 0.5) / (n + 0.5));
  return idf <= 0 ? 1e-6 : idf;
}
