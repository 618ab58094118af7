/**
 * Neo4j adapter (neo4j-driver). Every node carries its global `id` (unique per label) and its natural
 * `key`; Document nodes also keep the document JSON, a folded `search` text and a `symbolKey`.
 * Writes: one transaction per document, rows batched with UNWIND … MERGE. Reads: executeRead.
 * Cypher text is only ever assembled from our own label and type constants; every value is a parameter.
 */
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import type { CitedDocument } from '../../ingest/schema.js';
import {
  EDGE_ENDS,
  ORPHAN_RULES,
  nodeSearchText,
  nodeSymbolKey,
  normalizeEdge,
  normalizeNode,
  parseNodeId,
} from '../model.js';
import { CircuitBreaker, driverTimeouts } from './availability.js';
import {
  type AgencyFilter,
  type Availability,
  type CategoryAssignment,
  type DocumentFilter,
  type GraphBackend,
  StoreUnavailableError,
  type WriteTx,
} from '../port.js';
import {
  type AgencySummary,
  type CategorySummary,
  type Counts,
  type Direction,
  type DocumentProperties,
  type DocumentSummary,
  EDGE_TYPES,
  EdgeType,
  type GraphEdge,
  type GraphNode,
  NODE_LABELS,
  type NodeLabel,
} from '../schema.js';

export interface Neo4jOptions {
  uri: string;
  user: string;
  password: string;
  /** Defaults to the server's default database. */
  database?: string;
  /** `row` sends one query per node or edge instead of UNWIND batches (for the benchmark's comparison). */
  writeMode?: 'batched' | 'row';
}

type Runner = Pick<ManagedTransaction, 'run'>;
type Row = Record<string, unknown>;

/** Internal properties a Document or Agency node keeps besides its public ones. */
const HIDDEN = '{ .*, json: null, search: null, symbolKey: null }';
const PAGE = 1000;

const SCHEMA_STATEMENTS = [
  ...NODE_LABELS.map(
    (l) => `CREATE CONSTRAINT ${l.toLowerCase()}_id IF NOT EXISTS FOR (n:${l}) REQUIRE n.id IS UNIQUE`,
  ),
  'CREATE INDEX document_source IF NOT EXISTS FOR (n:Document) ON (n.source)',
  'CREATE INDEX document_symbol IF NOT EXISTS FOR (n:Document) ON (n.symbolKey)',
  'CREATE INDEX document_province IF NOT EXISTS FOR (n:Document) ON (n.province)',
  'CREATE INDEX duty_document IF NOT EXISTS FOR (n:Duty) ON (n.document)',
  ...EDGE_TYPES.map(
    (t) => `CREATE INDEX rel_${t.toLowerCase()}_id IF NOT EXISTS FOR ()-[r:${t}]-() ON (r.id)`,
  ),
];

const byLabel = (ids: readonly string[]): Map<NodeLabel, string[]> => {
  const groups = new Map<NodeLabel, string[]>();
  for (const id of new Set(ids)) {
    const label = parseNodeId(id)?.label;
    if (label) groups.set(label, [...(groups.get(label) ?? []), id]);
  }
  return groups;
};

/**
 * `CALL { MATCH (a:Document) WHERE a.id IN $ids_Document RETURN a UNION ALL … }` over every label, so
 * the query text (and Neo4j's cached plan) is the same whichever labels the ids have.
 */
function rootsClause(groups: Map<NodeLabel, string[]>, variable = 'a'): { cypher: string; params: Row } {
  const parts = NODE_LABELS.map(
    (l) => `MATCH (${variable}:${l}) WHERE ${variable}.id IN $ids_${l} RETURN ${variable}`,
  );
  const params = Object.fromEntries(NODE_LABELS.map((l) => [`ids_${l}`, groups.get(l) ?? []]));
  return { cypher: `CALL { ${parts.join(' UNION ALL ')} }`, params };
}

/** One write group per edge type and source label. */
const EDGE_GROUPS = EDGE_TYPES.flatMap((type) =>
  EDGE_ENDS[type].source.map((from) => ({
    type,
    from,
    body: `MATCH (s:${from} {id: row.source}) MATCH (t:${EDGE_ENDS[type].target} {id: row.target})
           MERGE (s)-[r:${type} {id: row.id}]->(t) SET r += row.props`,
  })),
);

const relTypes = (types?: readonly EdgeType[]) =>
  types ? `:${types.map((t) => EdgeType.parse(t)).join('|')}` : '';

const toNode = (r: { get(k: string): unknown }): GraphNode => {
  const id = r.get('id') as string;
  return normalizeNode(id, parseNodeId(id)!.label, r.get('props') as Row);
};
const toEdge = (r: { get(k: string): unknown }): GraphEdge =>
  normalizeEdge(
    r.get('id') as string,
    r.get('type') as EdgeType,
    r.get('source') as string,
    r.get('target') as string,
    r.get('props') as Row,
  );

const EDGE_RETURN =
  'RETURN r.id AS id, type(r) AS type, s.id AS source, t.id AS target, properties(r) AS props';

/** A driver error that means the server cannot be used (down, unreachable, wrong password), or null. */
export function describeFailure(uri: string, error: unknown): StoreUnavailableError | null {
  const e = error as { code?: string; message?: string };
  const code = e?.code ?? '';
  if (
    code === 'Neo.ClientError.Security.Unauthorized' ||
    code === 'Neo.ClientError.Security.AuthenticationRateLimit'
  ) {
    return new StoreUnavailableError(`Neo4j at ${uri} rejected the user name or password`);
  }
  if (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    /ECONNREFUSED|ECONNRESET|connect/i.test(code)
  ) {
    return new StoreUnavailableError(`cannot reach Neo4j at ${uri}: ${firstLine(e.message)}`);
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new StoreUnavailableError(`Neo4j at ${uri}: ${firstLine(e.message)}`);
  }
  return null;
}
const firstLine = (s: string | undefined) => (s ?? 'unknown error').split('\n')[0]!.trim();

export class Neo4jBackend implements GraphBackend {
  readonly kind = 'neo4j' as const;
  readonly location: string;
  private readonly writeMode: 'batched' | 'row';
  private readonly breaker: CircuitBreaker;

  private constructor(
    private readonly driver: Driver,
    private readonly options: Neo4jOptions,
  ) {
    this.location = options.uri;
    this.writeMode = options.writeMode ?? 'batched';
    this.breaker = new CircuitBreaker(`Neo4j at ${options.uri}`);
  }

  availability(): Availability {
    return this.breaker.status();
  }

  /** Connects, checks the credentials and creates constraints and indexes (idempotent). */
  static async connect(options: Neo4jOptions): Promise<Neo4jBackend> {
    let driver: Driver;
    try {
      driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
        disableLosslessIntegers: true,
        ...driverTimeouts(),
        logging: { level: 'error', logger: () => undefined },
      });
    } catch (error) {
      throw new StoreUnavailableError(
        `invalid Neo4j URI ${options.uri}: ${firstLine((error as Error).message)}`,
      );
    }
    const backend = new Neo4jBackend(driver, options);
    try {
      await driver.verifyAuthentication({ database: options.database });
      await backend.ensureSchema();
    } catch (error) {
      await driver.close();
      throw describeFailure(options.uri, error) ?? error;
    }
    return backend;
  }

  private async ensureSchema() {
    const session = this.session();
    try {
      for (const statement of SCHEMA_STATEMENTS) {
        try {
          await session.run(statement);
        } catch (error) {
          // Another process creating the same rule at the same moment is fine.
          if (!/EquivalentSchemaRuleAlreadyExists|already exists/i.test(String((error as Error).message)))
            throw error;
        }
      }
      await session.run('CALL db.awaitIndexes(300)');
    } finally {
      await session.close();
    }
  }

  private session(): Session {
    return this.driver.session({ database: this.options.database });
  }

  private withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
    return this.breaker.run(
      async () => {
        const session = this.session();
        try {
          return await work(session);
        } finally {
          await session.close().catch(() => undefined);
        }
      },
      (error) => describeFailure(this.options.uri, error),
    );
  }

  private read<T>(work: (tx: Runner) => Promise<T>): Promise<T> {
    return this.withSession((s) => s.executeRead(work));
  }

  private async query(cypher: string, params: Row = {}) {
    return this.read(async (tx) => (await tx.run(cypher, params)).records);
  }

  write<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.withSession((s) => s.executeWrite((tx) => work(this.writeTx(tx))));
  }

  private writeTx(tx: Runner): WriteTx {
    const run = async (cypher: string, params: Row = {}) => (await tx.run(cypher, params)).records;
    /**
     * Batched: one `UNWIND $rows AS row <body>` statement per non-empty group, so each statement has
     * fixed labels and types and a small cached plan (folding every group into one statement with
     * CALL subqueries made a plan far slower than the rows it saved). Row mode: one statement per row.
     */
    const unwind = async (groups: { body: string; rows: Row[] }[]) => {
      for (const g of groups) {
        if (this.writeMode === 'row') {
          for (const row of g.rows) await run(`UNWIND $rows AS row ${g.body}`, { rows: [row] });
        } else if (g.rows.length > 0) {
          await run(`UNWIND $rows AS row ${g.body}`, { rows: g.rows });
        }
      }
    };
    return {
      inspect: async (source, ids) => {
        const roots = rootsClause(byLabel(ids), 'n');
        const [r] = await run(
          `CALL { MATCH (d:Document {source: $source}) WHERE d.stub = false RETURN collect(d.key) AS sameSource }
           CALL { ${roots.cypher} RETURN collect({ id: n.id, props: n ${HIDDEN} }) AS found }
           RETURN sameSource, found`,
          { ...roots.params, source },
        );
        const found = r!.get('found') as { id: string; props: Row }[];
        return {
          stored: found.map((f) => normalizeNode(f.id, parseNodeId(f.id)!.label, f.props)),
          sameSource: r!.get('sameSource') as string[],
        };
      },
      nodes: (ids) => this.readNodes(tx, ids),
      isCited: async (key) => {
        const [r] = await run(
          'MATCH (d:Document {id: $id}) RETURN EXISTS { (d)<-[:CITES|AMENDS]-() } AS cited',
          {
            id: `doc:${key}`,
          },
        );
        return r?.get('cited') === true;
      },
      dropOwned: async (key) => {
        const touched = await run(
          'MATCH (d:Document {id: $id})-[r]-(x) WHERE r.document = $key WITH r, x.id AS other DELETE r RETURN DISTINCT other',
          { id: `doc:${key}`, key },
        );
        const fromDuties = await run(
          'MATCH (t:Duty {document: $key}) OPTIONAL MATCH (t)--(x) WITH t, collect(x.id) AS others DETACH DELETE t RETURN others',
          { key },
        );
        const ids = [
          ...touched.map((r) => r.get('other') as string),
          ...fromDuties.flatMap((r) => r.get('others') as string[]),
        ];
        return [...new Set(ids)].filter((id) => id !== `doc:${key}` && !id.startsWith('duty:'));
      },
      putNodes: async (nodes, payload) => {
        const payloadId = payload ? `doc:${payload.key}` : null;
        await unwind(
          NODE_LABELS.map((label) => ({
            body: `MERGE (n:${label} {id: row.id}) SET n += row.props`,
            rows: nodes
              .filter((n) => n.label === label)
              .map((n) => ({
                id: n.id,
                props: {
                  ...n.properties,
                  id: n.id,
                  search: nodeSearchText(n),
                  symbolKey: nodeSymbolKey(n),
                  // The body rides along with its node; a null removes it (the node is a stub again).
                  ...(n.id === payloadId ? { json: payload!.json } : {}),
                },
              })),
          })),
        );
        if (payload && !nodes.some((n) => n.id === payloadId)) {
          await run('MATCH (d:Document {id: $id}) SET d.json = $json', { id: payloadId, json: payload.json });
        }
      },
      putEdges: async (edges) => {
        const groups = EDGE_GROUPS.map((g) => ({ ...g, rows: [] as Row[] }));
        for (const e of edges) {
          const from = parseNodeId(e.source)!.label;
          const group = groups.find((g) => g.type === e.type && g.from === from);
          if (!group) throw new Error(`an edge ${e.type} cannot start at a ${from} node (${e.id})`);
          group.rows.push({
            id: e.id,
            source: e.source,
            target: e.target,
            props: { ...e.properties, id: e.id },
          });
        }
        await unwind(groups);
      },
      orphans: async (candidates) => {
        const out: string[] = [];
        for (const [label, ids] of byLabel(candidates)) {
          const rule = ORPHAN_RULES.find((r) => r.label === label);
          if (!rule) continue;
          const stubOnly = label === 'Document' ? 'AND n.stub = true' : '';
          const records = await run(
            `UNWIND $ids AS id MATCH (n:${label} {id: id})
             WHERE NOT EXISTS { (n)-[${relTypes(rule.keptBy)}]-() } ${stubOnly} RETURN n.id AS id`,
            { ids },
          );
          out.push(...records.map((r) => r.get('id') as string));
        }
        return out;
      },
      deleteNodes: async (ids) => {
        const others: string[] = [];
        for (const [label, group] of byLabel(ids)) {
          const records = await run(
            `UNWIND $ids AS id MATCH (n:${label} {id: id}) OPTIONAL MATCH (n)--(x)
             WITH n, collect(x.id) AS others DETACH DELETE n RETURN others`,
            { ids: group },
          );
          others.push(...records.flatMap((r) => r.get('others') as string[]));
        }
        const gone = new Set(ids);
        return [...new Set(others)].filter((id) => !gone.has(id));
      },
    };
  }

  private async readNodes(tx: Runner, ids: string[]): Promise<GraphNode[]> {
    const groups = byLabel(ids);
    if (groups.size === 0) return [];
    const roots = rootsClause(groups, 'n');
    const result = await tx.run(
      `${roots.cypher} RETURN n.id AS id, n ${HIDDEN} AS props ORDER BY id`,
      roots.params,
    );
    return result.records.map(toNode);
  }

  async documentJson(key: string): Promise<string | null> {
    const [r] = await this.query('MATCH (d:Document {id: $id}) WHERE d.stub = false RETURN d.json AS json', {
      id: `doc:${key}`,
    });
    return (r?.get('json') as string | undefined) ?? null;
  }

  async documentHashes(): Promise<Map<string, string>> {
    const records = await this.query(
      'MATCH (d:Document) WHERE d.stub = false RETURN d.key AS key, d.contentHash AS hash',
    );
    return new Map(records.map((r) => [r.get('key') as string, r.get('hash') as string]));
  }

  async *documentJsons(): AsyncIterable<string> {
    for (let after = ''; ;) {
      const records = await this.query(
        `MATCH (d:Document) WHERE d.id > $after AND d.stub = false
         RETURN d.id AS id, d.json AS json ORDER BY d.id LIMIT $limit`,
        { after, limit: neo4j.int(PAGE) },
      );
      for (const r of records) yield r.get('json') as string;
      if (records.length < PAGE) return;
      after = records[records.length - 1]!.get('id') as string;
    }
  }

  async knownDocuments(): Promise<CitedDocument[]> {
    const records = await this.query(
      `MATCH (d:Document) RETURN d.key AS key, d.symbol AS symbol, d.type AS type, d.issuedAt AS issuedAt,
         d.issuer AS issuer, d.title AS title ORDER BY d.id`,
    );
    return records.map((r) => ({
      key: r.get('key') as string,
      symbol: r.get('symbol') as string | null,
      type: r.get('type') as string | null,
      issuedAt: r.get('issuedAt') as string | null,
      issuer: r.get('issuer') as string | null,
      title: r.get('title') as string | null,
    }));
  }

  nodes(ids: string[]): Promise<GraphNode[]> {
    return this.read((tx) => this.readNodes(tx, ids));
  }

  async edges(
    ids: string[],
    direction: Direction,
    types?: readonly EdgeType[],
    limit?: number,
  ): Promise<GraphEdge[]> {
    const groups = byLabel(ids);
    if (groups.size === 0) return [];
    const roots = rootsClause(groups);
    const rel = relTypes(types);
    const pattern =
      direction === 'out'
        ? `MATCH (a)-[r${rel}]->(t) WITH r, a AS s, t`
        : direction === 'in'
          ? `MATCH (a)<-[r${rel}]-(s) WITH r, s, a AS t`
          : // An edge between two of the given nodes shows up from both ends: keep it once.
            `MATCH (a)-[r${rel}]-() WITH DISTINCT r WITH r, startNode(r) AS s, endNode(r) AS t`;
    const cap = limit === undefined ? '' : 'LIMIT $limit';
    const records = await this.query(`${roots.cypher} ${pattern} ${EDGE_RETURN} ORDER BY id ${cap}`, {
      ...roots.params,
      limit: neo4j.int(limit ?? 0),
    });
    return records.map(toEdge);
  }

  async documentsByKeyOrSymbol(key: string, symbolKey: string): Promise<GraphNode[]> {
    const records = await this.query(
      `CALL { MATCH (n:Document {id: $id}) RETURN n UNION MATCH (n:Document {symbolKey: $symbolKey}) RETURN n }
       RETURN n.id AS id, n ${HIDDEN} AS props ORDER BY id`,
      { id: `doc:${key}`, symbolKey },
    );
    return records.map(toNode);
  }

  async listDocuments(
    filter: DocumentFilter,
    limit: number,
    afterKey: string | null,
  ): Promise<DocumentSummary[]> {
    const records = await this.query(
      `MATCH (n:Document) WHERE n.stub = false AND n.id > $after
         AND ($province IS NULL OR n.province = $province) AND ($type IS NULL OR n.type = $type)
         AND ($year IS NULL OR n.year = $year) AND ($q IS NULL OR n.search CONTAINS $q)
       RETURN n.id AS id, n ${HIDDEN} AS props ORDER BY id LIMIT $limit`,
      {
        after: `doc:${afterKey ?? ''}`,
        province: filter.province ?? null,
        type: filter.type ?? null,
        year: filter.year ?? null,
        q: filter.q ?? null,
        limit: neo4j.int(limit),
      },
    );
    return records.map((r) => {
      const n = toNode(r);
      return { id: n.id, ...(n.properties as DocumentProperties) };
    });
  }

  async listAgencies(filter: AgencyFilter, limit: number, afterKey: string | null): Promise<AgencySummary[]> {
    const records = await this.query(
      `MATCH (n:Agency) WHERE n.id > $after
         AND ($province IS NULL OR n.province = $province) AND ($typeId IS NULL OR n.typeId = $typeId)
         AND ($q IS NULL OR n.search CONTAINS $q)
       WITH n ORDER BY n.id LIMIT $limit
       OPTIONAL MATCH (d:Duty)-[r:ASSIGNED_TO]->(n)
       RETURN n.id AS id, n ${HIDDEN} AS props, count(DISTINCT d) AS duties, count(DISTINCT r.document) AS documents
       ORDER BY id`,
      {
        after: `agency:${afterKey ?? ''}`,
        province: filter.province ?? null,
        typeId: filter.typeId ?? null,
        q: filter.q ?? null,
        limit: neo4j.int(limit),
      },
    );
    return records.map((r) => ({
      id: r.get('id') as string,
      ...(toNode(r).properties as Omit<AgencySummary, 'id' | 'dutyCount' | 'documentCount'>),
      dutyCount: r.get('duties') as number,
      documentCount: r.get('documents') as number,
    }));
  }

  async listCategories(limit: number, afterKey: string | null): Promise<CategorySummary[]> {
    const records = await this.query(
      `MATCH (n:CrimeCategory) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit
       OPTIONAL MATCH (s)-[r:CONCERNS]->(n)
       RETURN n.id AS id, n.key AS key, count(CASE WHEN s:Duty THEN 1 END) AS dutyCount,
         count(DISTINCT r.document) AS documentCount ORDER BY id`,
      { after: `category:${afterKey ?? ''}`, limit: neo4j.int(limit) },
    );
    return records.map((r) => ({
      id: r.get('id') as string,
      key: r.get('key') as string,
      dutyCount: r.get('dutyCount') as number,
      documentCount: r.get('documentCount') as number,
    }));
  }

  async categoryAssignments(categoryKey: string) {
    const id = `category:${categoryKey}`;
    return this.read(async (tx) => {
      const match = 'MATCH (:CrimeCategory {id: $id})<-[:CONCERNS]-(d:Duty)-[r:ASSIGNED_TO]->(a:Agency)';
      const totals = await tx.run(
        `${match} RETURN a.id AS agency, count(DISTINCT d) AS duties, count(DISTINCT r.document) AS documents`,
        { id },
      );
      const roles = await tx.run(`${match} RETURN a.id AS agency, r.role AS role, count(*) AS n`, { id });
      const overall = await tx.run(
        `MATCH (:CrimeCategory {id: $id})<-[r:CONCERNS]-(s)
         RETURN count(CASE WHEN s:Duty THEN 1 END) AS duties, count(DISTINCT r.document) AS documents`,
        { id },
      );
      const assignments = new Map<string, CategoryAssignment>(
        totals.records.map((r) => [
          r.get('agency') as string,
          {
            agency: r.get('agency') as string,
            duties: r.get('duties') as number,
            documents: r.get('documents') as number,
            roles: {},
          },
        ]),
      );
      for (const r of roles.records)
        assignments.get(r.get('agency') as string)!.roles[r.get('role') as string] = r.get('n') as number;
      const o = overall.records[0]!;
      return {
        assignments: [...assignments.values()],
        duties: o.get('duties') as number,
        documents: o.get('documents') as number,
      };
    });
  }

  async stats() {
    return this.read(async (tx) => {
      const one = async (cypher: string) => (await tx.run(cypher)).records[0]!.get(0) as number;
      const tally = async (expression: string, order: string) =>
        (
          await tx.run(
            `MATCH (d:Document) WHERE d.stub = false AND d.${expression} IS NOT NULL
             WITH d.${expression} AS raw, count(*) AS count
             RETURN toString(CASE WHEN raw = toInteger(raw) THEN toInteger(raw) ELSE raw END) AS value, count, raw
             ORDER BY ${order}`,
          )
        ).records.map((r) => ({ value: r.get('value') as string, count: r.get('count') as number }));
      return {
        documents: await one('MATCH (d:Document) WHERE d.stub = false RETURN count(d)'),
        stubs: await one('MATCH (d:Document) WHERE d.stub = true RETURN count(d)'),
        duties: await one('MATCH (n:Duty) RETURN count(n)'),
        agencies: await one('MATCH (n:Agency) RETURN count(n)'),
        citations: {
          total: await one('MATCH ()-[r:CITES]->() RETURN count(r)'),
          unresolved: await one('MATCH ()-[r:CITES]->() WHERE r.resolved = false RETURN count(r)'),
        },
        byProvince: await tally('province', 'count DESC, value'),
        byType: await tally('type', 'count DESC, value'),
        byYear: await tally('year', 'raw'),
        mostCited: (
          await tx.run(
            `MATCH (s:Document)-[:CITES]->(t:Document) WITH t.id AS id, count(DISTINCT s) AS citedBy
             RETURN id, citedBy ORDER BY citedBy DESC, id LIMIT 10`,
          )
        ).records.map((r) => ({ id: r.get('id') as string, citedBy: r.get('citedBy') as number })),
      };
    });
  }

  async counts(): Promise<Counts> {
    return this.read(async (tx) => {
      const nodes: Record<string, number> = {};
      const edges: Record<string, number> = {};
      // One count per label and type: each is answered from the count store.
      for (const l of NODE_LABELS)
        nodes[l] = (await tx.run(`MATCH (n:${l}) RETURN count(n)`)).records[0]!.get(0) as number;
      for (const t of EDGE_TYPES)
        edges[t] = (await tx.run(`MATCH ()-[r:${t}]->() RETURN count(r)`)).records[0]!.get(0) as number;
      return { nodes, edges } as Counts;
    });
  }

  async *allNodes(): AsyncIterable<GraphNode> {
    for (let after = ''; ;) {
      const records = await this.query(
        `MATCH (n) WHERE n.id > $after RETURN n.id AS id, n ${HIDDEN} AS props ORDER BY id LIMIT $limit`,
        { after, limit: neo4j.int(PAGE) },
      );
      yield* records.map(toNode);
      if (records.length < PAGE) return;
      after = records[records.length - 1]!.get('id') as string;
    }
  }

  async *allEdges(): AsyncIterable<GraphEdge> {
    for (let after = ''; ;) {
      const records = await this.query(
        `MATCH (s)-[r]->(t) WHERE r.id > $after ${EDGE_RETURN} ORDER BY id LIMIT $limit`,
        { after, limit: neo4j.int(PAGE) },
      );
      yield* records.map(toEdge);
      if (records.length < PAGE) return;
      after = records[records.length - 1]!.get('id') as string;
    }
  }

  /** Deletes everything (tests and `migrate --replace` start from an empty database). */
  async clear(): Promise<void> {
    await this.withSession(async (s) => {
      await s.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    });
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
