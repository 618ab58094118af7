/**
 * Neo4j search-index adapter: passages are :SearchPassage nodes in the graph's database, found by a
 * Lucene full-text index over their pre-analyzed fields (whitespace analyzer, so our Vietnamese analysis
 * decides the terms) and a cosine vector index over their embeddings. Concepts and agencies are nodes
 * linked to the passages they tag, so counts come from relationship degrees. Every API process on one
 * database shares the index; nothing of it is held in process memory.
 *
 * Lexical scoring mirrors the embedded adapter: one full-text query per term (field boosts as Lucene
 * boosts), summed with the term weights and multiplied by the number of terms matched. Terms are always
 * quoted and escaped, so user text never reaches Lucene's query parser as syntax.
 */
import neo4j, { type Driver, type Session } from 'neo4j-driver';
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
import { FIELD_WEIGHTS } from './terms.js';

export interface Neo4jIndexOptions {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

const TEXT_INDEX = 'search_passage_text';
const VECTOR_INDEX = 'search_passage_embedding';
/** Hits each term contributes at most: the best-scored ones (bounds per-query work, like FTS5's cap). */
const TERM_LIMIT = 2_000;
/** Nearest-neighbour candidates fetched per wanted hit when a filter may drop some. */
const FILTER_OVERFETCH = 4;

const SCHEMA = [
  'CREATE CONSTRAINT search_passage_id IF NOT EXISTS FOR (n:SearchPassage) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT search_document_id IF NOT EXISTS FOR (n:SearchDocument) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT search_concept_id IF NOT EXISTS FOR (n:SearchConcept) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT search_agency_id IF NOT EXISTS FOR (n:SearchAgency) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX search_passage_document IF NOT EXISTS FOR (n:SearchPassage) ON (n.document)',
  'CREATE INDEX search_passage_province IF NOT EXISTS FOR (n:SearchPassage) ON (n.province)',
  `CREATE FULLTEXT INDEX ${TEXT_INDEX} IF NOT EXISTS FOR (n:SearchPassage) ON EACH [n.exact, n.folded, n.context]
   OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'whitespace', \`fulltext.eventually_consistent\`: false } }`,
];

export class Neo4jSearchIndex implements SearchIndex {
  readonly kind = 'neo4j';

  private constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
  ) {}

  static async connect(options: Neo4jIndexOptions): Promise<Neo4jSearchIndex> {
    const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      disableLosslessIntegers: true,
      connectionTimeout: 10_000,
      logging: { level: 'error', logger: () => undefined },
    });
    const index = new Neo4jSearchIndex(driver, options.database);
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
      'MATCH (m:SearchMeta) RETURN m.format AS format, m.lexicon AS lexicon, m.model AS model',
    );
    if (!row) return null;
    return {
      format: row.format as string,
      lexicon: row.lexicon as string,
      model: (row.model as string | null) ?? null,
    };
  }

  async reset(meta: IndexMeta): Promise<void> {
    for (const label of ['SearchPassage', 'SearchDocument', 'SearchConcept', 'SearchAgency', 'SearchMeta'])
      await this.run(`MATCH (n:${label}) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`);
    // The vector index is made for one dimension: dropped here, created again by the first write.
    await this.run(`DROP INDEX ${VECTOR_INDEX} IF EXISTS`);
    await this.run('CREATE (m:SearchMeta) SET m = $meta', { meta });
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
    const passages = upsert.flatMap((doc) =>
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
        agencies: passage.agencies.map((a) => ({
          id: a.id,
          typeId: a.typeId,
          names: [...new Set([fold(a.name), fold(a.mention)])],
        })),
      })),
    );
    const session = this.session();
    try {
      return await session.executeWrite(async (tx) => {
        const removed = await tx.run(
          'UNWIND $ids AS id MATCH (d:SearchDocument {id: id}) RETURN count(d) AS n',
          { ids: [...new Set(remove)] },
        );
        await tx.run(
          `UNWIND $ids AS id
           OPTIONAL MATCH (p:SearchPassage {document: id}) DETACH DELETE p
           WITH DISTINCT id MATCH (d:SearchDocument {id: id}) DETACH DELETE d`,
          { ids: [...new Set([...remove, ...upsert.map((d) => d.id)])] },
        );
        // A passage id may reappear under another document: the newest wins.
        await tx.run('UNWIND $ids AS id MATCH (p:SearchPassage {id: id}) DETACH DELETE p', {
          ids: passages.map((p) => p.props.id),
        });
        await tx.run('UNWIND $docs AS doc CREATE (d:SearchDocument) SET d = doc', {
          docs: upsert.map((d) => ({ id: d.id, contentHash: d.contentHash })),
        });
        await tx.run(
          `UNWIND $rows AS row
           CREATE (p:SearchPassage) SET p = row.props
           WITH p, row WHERE row.vector IS NOT NULL
           CALL db.create.setNodeVectorProperty(p, 'embedding', row.vector)`,
          { rows: passages },
        );
        await tx.run(
          `UNWIND $rows AS row MATCH (p:SearchPassage {id: row.props.id})
           UNWIND row.concepts AS concept
           MERGE (c:SearchConcept {id: concept}) CREATE (c)-[:TAGS]->(p)`,
          { rows: passages },
        );
        await tx.run(
          `UNWIND $rows AS row MATCH (p:SearchPassage {id: row.props.id})
           UNWIND row.agencies AS agency
           MERGE (a:SearchAgency {id: agency.id})
           SET a.typeId = agency.typeId,
               a.names = [n IN coalesce(a.names, []) WHERE NOT n IN agency.names] + agency.names
           MERGE (a)-[:ASSIGNED]->(p)`,
          { rows: passages },
        );
        return { removed: removed.records[0]?.get('n') as number };
      });
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
    const queries = [...terms].map(([term, weight]) => ({ term, weight, query: luceneQuery(term) }));
    const { clause, params } = filterCypher(filter, 'node');
    const rows = await this.run(
      `UNWIND $queries AS q
       CALL db.index.fulltext.queryNodes($index, q.query, {limit: $termLimit}) YIELD node, score
       WITH q, node, score ${clause ? `WHERE ${clause}` : ''}
       WITH node.id AS id, sum(score * q.weight) AS sum, count(*) AS matched
       RETURN id, sum * matched AS score ORDER BY score DESC, id LIMIT $limit`,
      { queries, index: TEXT_INDEX, termLimit: neo4j.int(TERM_LIMIT), limit: neo4j.int(limit), ...params },
    );
    const matchedTerms = [...terms.keys()];
    return { hits: rows.map((r) => ({ id: r.id as string, score: r.score as number })), terms: matchedTerms };
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

  private session(): Session {
    return this.driver.session({ database: this.database });
  }

  private async run(
    cypher: string,
    params: Record<string, unknown> = {},
  ): Promise<Array<Record<string, unknown>>> {
    const session = this.session();
    try {
      const result = await session.run(cypher, params);
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
