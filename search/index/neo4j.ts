/**
 * Neo4j search-index adapter: passages are :SearchPassage nodes in the graph's database, found by a
 * Lucene full-text index over their pre-analyzed fields (whitespace analyzer, so our Vietnamese analysis
 * decides the terms) and a cosine vector index over their embeddings. Concepts and agencies are nodes
 * linked to the passages they tag, so counts come from relationship degrees. Every API process on one
 * database shares the index; nothing of it is held in process memory.
 *
 * Lexical scoring mirrors the embedded adapter: terms are pruned by document frequency (kept exact in
 * :SearchTerm nodes, updated in the same transaction as the passages), then every kept term's best hits
 * come from one full-text query per term (field boosts as Lucene boosts), all in one Cypher statement,
 * summed with the term weights and multiplied by the number of terms matched. Terms are always quoted
 * and escaped, so user text never reaches Lucene's query parser as syntax.
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
import { FIELD_WEIGHTS, pruneTerms } from './terms.js';

export interface Neo4jIndexOptions {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

const TEXT_INDEX = 'search_passage_text';
/**
 * Ties (passages worded alike) are broken by the store's node number, i.e. in the order passages were
 * written, as the embedded adapter does; the element id's tail is that number, compared as one.
 */
const INSERTION_ORDER = "toInteger(last(split(elementId(node), ':')))";
const VECTOR_INDEX = 'search_passage_embedding';
/** Hits a frequent term contributes at most: its best-scored ones (the embedded adapter's cap too). */
const TERM_LIMIT = 1_000;
/** Nearest-neighbour candidates fetched per wanted hit when a filter may drop some. */
const FILTER_OVERFETCH = 4;

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
  `CREATE FULLTEXT INDEX ${TEXT_INDEX} IF NOT EXISTS FOR (n:SearchPassage) ON EACH [n.exact, n.folded, n.context]
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
              EXISTS { (:SearchPassage) } AND NOT EXISTS { (:SearchTerm) } AS noFrequencies`,
    );
    if (!row) return null;
    return {
      // Passages written before term frequencies were kept cannot be pruned like the rest: rebuilt.
      format: row.noFrequencies ? `${row.format as string} (no term frequencies)` : (row.format as string),
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
    const df = new TermCounts();
    for (const { fields } of upsert.flatMap((d) => d.passages)) df.add(fields, 1);
    const session = this.session();
    try {
      return await this.guard(() =>
        session.executeWrite(async (tx) => {
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
           WITH p, p.exact AS exact, p.folded AS folded, p.context AS context
           DETACH DELETE p
           RETURN exact, folded, context`,
            {
              ids: [...new Set([...remove, ...upsert.map((d) => d.id)])],
              // A passage id may reappear under another document: the newest wins.
              passageIds: rows.map((r) => r.props.id),
            },
          );
          for (const r of deleted.records)
            df.add(r.toObject() as IndexedDocument['passages'][number]['fields'], -1);
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
    if (terms.size === 0 || limit <= 0) return { hits: [], terms: [] };
    const { clause, params } = filterCypher(filter, 'node');
    // One read transaction: document frequencies first (to prune common terms as the embedded
    // adapter does), then every kept term's best hits in one query, summed and coordinated there.
    return this.read(async (tx) => {
      const stats = await tx.run(
        `UNWIND $terms AS term OPTIONAL MATCH (t:SearchTerm {id: term})
         RETURN term, coalesce(t.df, 0) AS df, COUNT { (:SearchPassage) } AS total`,
        { terms: [...terms.keys()] },
      );
      const df = new Map(stats.records.map((r) => [r.get('term') as string, r.get('df') as number]));
      const total = (stats.records[0]?.get('total') as number | undefined) ?? 0;
      const kept = pruneTerms(terms, df, total);
      if (kept.size === 0) return { hits: [], terms: [] };
      // A filter drops hits after Lucene ranked them: frequent terms are fetched deeper then.
      const depth = filter ? TERM_LIMIT * FILTER_OVERFETCH : TERM_LIMIT;
      const queries = [...kept].map(([term, weight]) => ({
        query: luceneQuery(term),
        weight,
        limit: neo4j.int(Math.max(1, Math.min(df.get(term) ?? depth, depth))),
      }));
      const result = await tx.run(
        `UNWIND $queries AS q
         CALL db.index.fulltext.queryNodes($index, q.query, {limit: q.limit}) YIELD node, score
         WITH q, node, score ${clause ? `WHERE ${clause}` : ''}
         WITH node, sum(score * q.weight) * count(*) AS score
         ORDER BY score DESC, ${INSERTION_ORDER} LIMIT $limit
         RETURN node.id AS id, score`,
        { queries, index: TEXT_INDEX, limit: neo4j.int(limit), ...params },
      );
      return {
        hits: result.records.map((r) => ({ id: r.get('id') as string, score: r.get('score') as number })),
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
    const conditions = [clause, among ? 'p.id IN $among' : ''].filter(Boolean);
    const rows = await this.run(
      `MATCH (:SearchConcept {id: $concept})-[:TAGS]->(p:SearchPassage)
       ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''} RETURN p.id AS id
       ${limit === undefined ? '' : 'LIMIT $limit'}`,
      {
        concept: conceptId,
        among: among ? [...among] : null,
        ...params,
        ...(limit === undefined ? {} : { limit: neo4j.int(limit) }),
      },
    );
    return rows.map((r) => r.id as string);
  }

  async conceptScores(
    found: readonly string[],
    weights: ReadonlyMap<string, number>,
    filter: PassageFilter | null,
    limit: number,
  ): Promise<Array<{ id: string; sum: number; matched: number }>> {
    const { clause, params } = filterCypher(filter, 'p');
    const rows = await this.run(
      `UNWIND $found AS concept
       MATCH (:SearchConcept {id: concept})-[:TAGS]->(p:SearchPassage) ${clause ? `WHERE ${clause}` : ''}
       WITH DISTINCT p
       CALL (p) {
         MATCH (p)<-[:TAGS]-(c:SearchConcept) WHERE c.id IN $ids
         RETURN sum($weights[c.id]) AS sum, count(*) AS matched
       }
       WITH p.id AS id, sum, matched ORDER BY sum * matched DESC, id LIMIT $limit
       RETURN id, sum, matched`,
      {
        found: [...found],
        ids: [...weights.keys()],
        weights: Object.fromEntries(weights),
        limit: neo4j.int(limit),
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

/** A Lucene query for one analyzed term over the three fields, quoted and escaped, with field boosts. */
export function luceneQuery(term: string): string {
  const quoted = `"${term.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return (Object.keys(FIELD_WEIGHTS) as Array<keyof typeof FIELD_WEIGHTS>)
    .map((field) => `${field}:${quoted}^${FIELD_WEIGHTS[field]}`)
    .join(' OR ');
}

/** PassageFilter → a Cypher condition over the passage variable (parameters only). */
function filterCypher(
  filter: PassageFilter | null,
  v: string,
): { clause: string; params: Record<string, unknown> } {
  if (!filter) return { clause: '', params: {} };
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.provinces) {
    conditions.push(`${v}.province IN $fProvinces`);
    params.fProvinces = [...filter.provinces];
  }
  if (filter.agencies) {
    conditions.push(`EXISTS { MATCH (fa:SearchAgency)-[:ASSIGNED]->(${v}) WHERE fa.id IN $fAgencies }`);
    params.fAgencies = [...filter.agencies];
  }
  if (filter.concept !== undefined) {
    conditions.push(`EXISTS { MATCH (:SearchConcept {id: $fConcept})-[:TAGS]->(${v}) }`);
    params.fConcept = filter.concept;
  }
  if (filter.type !== undefined) {
    conditions.push(`${v}.typeSlug = $fType`);
    params.fType = filter.type;
  }
  if (filter.from !== undefined || filter.to !== undefined) {
    // A partial date's span ("2026-06" = all of June) meets [from, to]: "~" sorts after digits and "-".
    conditions.push(
      `${v}.issuedAt IS NOT NULL AND ${v}.issuedAt + '~' >= $fFrom AND ${v}.issuedAt <= $fTo + '~'`,
    );
    params.fFrom = filter.from ?? '0000';
    params.fTo = filter.to ?? '9999';
  }
  return { clause: conditions.join(' AND '), params };
}

/** Document frequency changes of a write: each passage counts once per distinct term of its fields. */
class TermCounts {
  private readonly delta = new Map<string, number>();

  add(fields: { exact: string; folded: string; context: string }, sign: 1 | -1): void {
    const terms = new Set(`${fields.exact} ${fields.folded} ${fields.context}`.split(' '));
    terms.delete('');
    for (const term of terms) this.delta.set(term, (this.delta.get(term) ?? 0) + sign);
  }

  changes(): Array<[string, number]> {
    return [...this.delta].filter(([, n]) => n !== 0);
  }
}
