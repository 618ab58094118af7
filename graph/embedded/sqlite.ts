/**
 * Embedded adapter: the property graph in one SQLite file (better-sqlite3, WAL). Nodes and edges are
 * rows with JSON properties; ingested documents keep their full JSON beside them. One transaction per
 * document, so a process killed at any moment leaves the last committed document intact. Statements are
 * prepared once and reused.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CitedDocument } from '../../ingest/schema.js';
import { ORPHAN_RULES, nodeSearchText, nodeSymbolKey, parseNodeId } from '../model.js';
import {
  type AgencyFilter,
  type CategoryAssignment,
  type DocumentFilter,
  type DocumentPayload,
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
  type EdgeType,
  type GraphEdge,
  type GraphNode,
  ID_PREFIX,
  NODE_LABELS,
  type NodeLabel,
} from '../schema.js';

export const DATABASE_FILE = 'graph.sqlite';
const SCHEMA_VERSION = '2';

/**
 * Compact rows: a node is found by its string id once, then referred to by its integer `nid`; an edge is
 * keyed by (source, type, target, tag) in integers plus its discriminator, and its string id is rebuilt
 * on read. This keeps the edge table and its indexes a fraction of the size of string-keyed rows, and a
 * new document's edges land together at the end of the table.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
  nid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  props TEXT NOT NULL,
  symbol_key TEXT,
  search TEXT
);
CREATE INDEX IF NOT EXISTS nodes_symbol ON nodes(symbol_key) WHERE symbol_key IS NOT NULL;
-- Edge ids start with "<source id>>": sources in this order give edges in id order (see allEdges).
CREATE INDEX IF NOT EXISTS nodes_edge_order ON nodes(id || '>');
CREATE TABLE IF NOT EXISTS edges (
  source INTEGER NOT NULL,
  type INTEGER NOT NULL,
  target INTEGER NOT NULL,
  tag TEXT NOT NULL,
  document INTEGER,
  props TEXT NOT NULL,
  PRIMARY KEY (source, type, target, tag)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_target ON edges(target, type);
CREATE INDEX IF NOT EXISTS edges_document ON edges(document) WHERE document IS NOT NULL;
CREATE TABLE IF NOT EXISTS documents (
  key TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  province TEXT,
  type TEXT,
  year INTEGER,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE INDEX IF NOT EXISTS documents_province ON documents(province, key);
`;

/**
 * Node ids start with their label's prefix, so the unique id index also serves "all nodes of a label, in
 * id order": `id > '<prefix>:' AND id < '<prefix>;'` (no separate label index to update on every write).
 */
const IN_LABEL = (label: NodeLabel, column = 'id') =>
  `${column} > '${ID_PREFIX[label]}:' AND ${column} < '${ID_PREFIX[label]};'`;

/** Edge types are stored as their index in EDGE_TYPES. */
const TYPE_CODE = new Map<EdgeType, number>(EDGE_TYPES.map((t, i) => [t, i]));
const code = (type: EdgeType): number => TYPE_CODE.get(type)!;
const codes = (types: readonly EdgeType[]) => json(types.map(code));

interface NodeRow {
  id: string;
  label: NodeLabel;
  props: string;
}
interface EdgeRow {
  source: string;
  type: number;
  target: string;
  tag: string;
  props: string;
}

const toNode = (r: NodeRow): GraphNode =>
  ({ id: r.id, label: r.label, properties: JSON.parse(r.props) }) as GraphNode;
const toEdge = (r: EdgeRow): GraphEdge => {
  const type = EDGE_TYPES[r.type]!;
  return {
    id: `${r.source}>${type}>${r.target}${r.tag}`,
    type,
    source: r.source,
    target: r.target,
    properties: JSON.parse(r.props),
  } as GraphEdge;
};
/** The discriminator part of an edge id ("" or "#…"), checked against its ends and type. */
function edgeTag(e: GraphEdge): string {
  const prefix = `${e.source}>${e.type}>${e.target}`;
  if (!e.id.startsWith(prefix) || (e.id.length > prefix.length && e.id[prefix.length] !== '#'))
    throw new Error(`edge id ${e.id} does not match its ${e.type} edge from ${e.source} to ${e.target}`);
  return e.id.slice(prefix.length);
}
const json = (values: readonly unknown[]) => JSON.stringify(values);
const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byEdgeId = (a: GraphEdge, b: GraphEdge) => compareStrings(a.id, b.id);
const PAGE = 1000;

/** Edge columns with both ends as string ids. */
const EDGE_COLUMNS = `SELECT s.id AS source, e.type, t.id AS target, e.tag, e.props
  FROM edges e JOIN nodes s ON s.nid = e.source JOIN nodes t ON t.nid = e.target`;
/** The nids of a JSON list of node ids. */
const NIDS = 'SELECT nid FROM nodes WHERE id IN (SELECT value FROM json_each(?))';
const NID = 'SELECT nid FROM nodes WHERE id = ?';

export interface EmbeddedOptions {
  dataDir: string;
  readonly?: boolean;
}

export class EmbeddedBackend implements GraphBackend {
  readonly kind = 'embedded' as const;
  readonly location: string;
  private readonly db: Database.Database;
  /** Writes are serialized: better-sqlite3 has one connection, and an async transaction must not interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: EmbeddedOptions) {
    const dir = path.resolve(options.dataDir);
    this.location = dir;
    try {
      mkdirSync(dir, { recursive: true });
      if (!statSync(dir).isDirectory()) throw new Error('not a directory');
      this.db = new Database(path.join(dir, DATABASE_FILE));
      this.db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a killed process loses nothing committed; only an OS crash may lose the last commits.
      this.db.pragma('synchronous = NORMAL');
      // Each document dirties pages all over the indexes; checkpointing (and syncing) less often is most of the write speed.
      this.db.pragma('wal_autocheckpoint = 16384');
      this.db.pragma('cache_size = -65536');
      this.db.pragma('busy_timeout = 10000');
      this.db.pragma('foreign_keys = OFF');
      this.db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      const version = this.db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get() as
        string | undefined;
      if (version !== undefined && version !== SCHEMA_VERSION)
        throw new Error(
          `its graph.sqlite has schema version ${version}, this build reads ${SCHEMA_VERSION}: ingest again into an empty directory`,
        );
      this.db.exec(SCHEMA);
      if (version === undefined) this.sql('INSERT INTO meta VALUES (?, ?)').run('schema', SCHEMA_VERSION);
    } catch (error) {
      throw new StoreUnavailableError(`cannot open the graph in ${dir}: ${(error as Error).message}`);
    }
  }
  private readonly statements = new Map<string, Database.Statement>();

  /** Prepared statements are cached: preparing costs more than running most of these queries. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private all<T>(text: string, ...params: unknown[]): T[] {
    return this.sql(text).all(...params) as T[];
  }

  private get<T>(text: string, ...params: unknown[]): T | undefined {
    return this.sql(text).get(...params) as T | undefined;
  }

  write<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    const run = async () => {
      this.sql('BEGIN IMMEDIATE').run();
      try {
        const result = await work(this.tx);
        this.sql('COMMIT').run();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.sql('ROLLBACK').run();
        throw error;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private readonly tx: WriteTx = {
    inspect: async (source, ids) => ({
      stored: this.nodesNow(ids),
      sameSource: this.sql('SELECT key FROM documents WHERE source = ?').pluck().all(source) as string[],
    }),
    nodes: async (ids) => this.nodesNow(ids),
    isCited: async (key) =>
      this.get(
        `SELECT 1 FROM edges WHERE target = (${NID}) AND type IN (${code('CITES')}, ${code('AMENDS')}) LIMIT 1`,
        `doc:${key}`,
      ) !== undefined,
    dropOwned: async (key) => {
      const self = `doc:${key}`;
      const nid = this.sql(NID).pluck().get(self) as number | undefined;
      if (nid === undefined) return [];
      const duties = this.sql(
        `SELECT t.id FROM edges e JOIN nodes t ON t.nid = e.target
         WHERE e.source = ? AND e.type = ${code('HAS_DUTY')} AND e.document = ?`,
      )
        .pluck()
        .all(nid, nid) as string[];
      const touched = this.sql(
        `SELECT n.id FROM nodes n WHERE n.nid IN
           (SELECT source FROM edges WHERE document = ? UNION SELECT target FROM edges WHERE document = ?)`,
      )
        .pluck()
        .all(nid, nid) as string[];
      this.sql('DELETE FROM edges WHERE document = ?').run(nid);
      this.deleteNodesNow(duties);
      const gone = new Set([self, ...duties]);
      return touched.filter((id) => !gone.has(id));
    },
    putNodes: async (nodes, payload) => {
      // An unchanged node is not rewritten: shared nodes (agencies, provinces) come with every document.
      const upsert = this.sql(
        `INSERT INTO nodes (id, label, props, symbol_key, search) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET label = excluded.label, props = excluded.props,
           symbol_key = excluded.symbol_key, search = excluded.search
         WHERE props IS NOT excluded.props OR label IS NOT excluded.label`,
      );
      for (const n of nodes) {
        upsert.run(n.id, n.label, JSON.stringify(n.properties), nodeSymbolKey(n), nodeSearchText(n));
      }
      if (payload) this.putPayload(payload, nodes);
    },
    putEdges: async (edges) => {
      const nids = this.nidsNow(
        edges.flatMap((e) => [
          e.source,
          e.target,
          ...(e.properties.document ? [`doc:${e.properties.document}`] : []),
        ]),
      );
      const nid = (id: string) => {
        const found = nids.get(id);
        if (found === undefined) throw new Error(`edge end ${id} is not in the graph`);
        return found;
      };
      const upsert = this.sql(
        `INSERT INTO edges (source, type, target, tag, document, props) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET document = excluded.document, props = excluded.props
         WHERE document IS NOT excluded.document OR props IS NOT excluded.props`,
      );
      for (const e of edges) {
        const document = e.properties.document;
        upsert.run(
          nid(e.source),
          code(e.type),
          nid(e.target),
          edgeTag(e),
          document ? nid(`doc:${document}`) : null,
          JSON.stringify(e.properties),
        );
      }
    },
    orphans: async (candidates) => {
      const orphans: string[] = [];
      for (const id of candidates) {
        const label = parseNodeId(id)?.label;
        const rule = ORPHAN_RULES.find((r) => r.label === label);
        if (!rule) continue;
        const node = this.get<NodeRow & { nid: number }>(
          'SELECT nid, id, label, props FROM nodes WHERE id = ?',
          id,
        );
        if (!node) continue;
        if (label === 'Document' && !(JSON.parse(node.props) as DocumentProperties).stub) continue;
        const types = codes(rule.keptBy);
        const kept = this.get(
          `SELECT 1 FROM edges WHERE target = ? AND type IN (SELECT value FROM json_each(?))
           UNION ALL SELECT 1 FROM edges WHERE source = ? AND type IN (SELECT value FROM json_each(?)) LIMIT 1`,
          node.nid,
          types,
          node.nid,
          types,
        );
        if (!kept) orphans.push(id);
      }
      return orphans;
    },
    deleteNodes: async (ids) => this.deleteNodesNow(ids),
  };

  private putPayload(payload: DocumentPayload, nodes: GraphNode[]) {
    if (payload.json === null) {
      this.sql('DELETE FROM documents WHERE key = ?').run(payload.key);
      return;
    }
    const node = nodes.find((n) => n.id === `doc:${payload.key}`) ?? this.nodesNow([`doc:${payload.key}`])[0];
    if (!node || node.label !== 'Document')
      throw new Error(`document ${payload.key} has no node for its body`);
    const p = node.properties;
    this.sql(
      'INSERT OR REPLACE INTO documents (key, source, content_hash, province, type, year, json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(payload.key, p.source, p.contentHash, p.province, p.type, p.year, payload.json);
  }

  private deleteNodesNow(ids: string[]): string[] {
    if (ids.length === 0) return [];
    const nids = json(this.sql(NIDS).pluck().all(json(ids)) as number[]);
    const others = this.sql(
      `SELECT id FROM nodes WHERE nid IN (
         SELECT target FROM edges WHERE source IN (SELECT value FROM json_each(?))
         UNION SELECT source FROM edges WHERE target IN (SELECT value FROM json_each(?)))`,
    )
      .pluck()
      .all(nids, nids) as string[];
    this.sql('DELETE FROM edges WHERE source IN (SELECT value FROM json_each(?))').run(nids);
    this.sql('DELETE FROM edges WHERE target IN (SELECT value FROM json_each(?))').run(nids);
    this.sql('DELETE FROM nodes WHERE nid IN (SELECT value FROM json_each(?))').run(nids);
    const docKeys = ids.filter((id) => id.startsWith('doc:')).map((id) => id.slice(4));
    if (docKeys.length > 0)
      this.sql('DELETE FROM documents WHERE key IN (SELECT value FROM json_each(?))').run(json(docKeys));
    const gone = new Set(ids);
    return others.filter((id) => !gone.has(id));
  }

  private nidsNow(ids: string[]): Map<string, number> {
    const rows = this.all<{ id: string; nid: number }>(
      'SELECT id, nid FROM nodes WHERE id IN (SELECT value FROM json_each(?))',
      json([...new Set(ids)]),
    );
    return new Map(rows.map((r) => [r.id, r.nid]));
  }

  private nodesNow(ids: string[]): GraphNode[] {
    if (ids.length === 0) return [];
    return this.all<NodeRow>(
      'SELECT id, label, props FROM nodes WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
      json([...new Set(ids)]),
    ).map(toNode);
  }

  async documentJson(key: string): Promise<string | null> {
    return (
      (this.sql('SELECT json FROM documents WHERE key = ?').pluck().get(key) as string | undefined) ?? null
    );
  }

  async documentHashes(): Promise<Map<string, string>> {
    return new Map(
      this.sql('SELECT key, content_hash FROM documents').raw().all() as Array<[string, string]>,
    );
  }

  async *documentJsons(): AsyncIterable<string> {
    // Keyset pages rather than one open cursor, so the caller may use the store between items.
    let after = '';
    for (;;) {
      const rows = this.all<{ key: string; json: string }>(
        'SELECT key, json FROM documents WHERE key > ? ORDER BY key LIMIT ?',
        after,
        PAGE,
      );
      for (const r of rows) yield r.json;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.key;
    }
  }

  async knownDocuments(): Promise<CitedDocument[]> {
    return this.all<{ props: string }>(
      `SELECT props FROM nodes WHERE ${IN_LABEL('Document')} ORDER BY id`,
    ).map((r) => {
      const p = JSON.parse(r.props) as DocumentProperties;
      return {
        key: p.key,
        symbol: p.symbol,
        type: p.type,
        issuedAt: p.issuedAt,
        issuer: p.issuer,
        title: p.title,
      };
    });
  }

  async nodes(ids: string[]): Promise<GraphNode[]> {
    return this.nodesNow(ids);
  }

  async edges(
    ids: string[],
    direction: Direction,
    types?: readonly EdgeType[],
    limit?: number,
  ): Promise<GraphEdge[]> {
    if (ids.length === 0) return [];
    const list = json([...new Set(ids)]);
    const typeFilter = types ? 'AND e.type IN (SELECT value FROM json_each(?))' : '';
    const typeParams = types ? [codes(types)] : [];
    const out = `${EDGE_COLUMNS} WHERE e.source IN (${NIDS}) ${typeFilter}`;
    const inc = `${EDGE_COLUMNS} WHERE e.target IN (${NIDS}) ${typeFilter}`;
    const [sql, params] =
      direction === 'out'
        ? [out, [list, ...typeParams]]
        : direction === 'in'
          ? [inc, [list, ...typeParams]]
          : [`${out} UNION ${inc}`, [list, ...typeParams, list, ...typeParams]];
    // Ids are rebuilt here, so they are ordered here too.
    const edges = this.all<EdgeRow>(sql, ...params)
      .map(toEdge)
      .sort(byEdgeId);
    return limit === undefined ? edges : edges.slice(0, limit);
  }

  async documentsByKeyOrSymbol(key: string, symbolKey: string): Promise<GraphNode[]> {
    return this.all<NodeRow>(
      "SELECT id, label, props FROM nodes WHERE id = ? AND label = 'Document' UNION SELECT id, label, props FROM nodes WHERE symbol_key = ? ORDER BY id",
      `doc:${key}`,
      symbolKey,
    ).map(toNode);
  }

  async listDocuments(
    filter: DocumentFilter,
    limit: number,
    afterKey: string | null,
  ): Promise<DocumentSummary[]> {
    return this.all<{ id: string; props: string }>(
      `SELECT n.id, n.props FROM documents d JOIN nodes n ON n.id = 'doc:' || d.key
       WHERE d.key > ? AND (? IS NULL OR d.province = ?) AND (? IS NULL OR d.type = ?) AND (? IS NULL OR d.year = ?)
         AND (? IS NULL OR instr(n.search, ?) > 0)
       ORDER BY d.key LIMIT ?`,
      afterKey ?? '',
      ...[filter.province, filter.type, filter.year, filter.q].flatMap((v) => [v ?? null, v ?? null]),
      limit,
    ).map((r) => ({ id: r.id, ...(JSON.parse(r.props) as DocumentProperties) }));
  }

  async listAgencies(filter: AgencyFilter, limit: number, afterKey: string | null): Promise<AgencySummary[]> {
    return this.all<{ id: string; props: string; duties: number; documents: number }>(
      `SELECT n.id, n.props,
         (SELECT count(DISTINCT source) FROM edges WHERE target = n.nid AND type = ${code('ASSIGNED_TO')}) AS duties,
         (SELECT count(DISTINCT document) FROM edges WHERE target = n.nid AND type = ${code('ASSIGNED_TO')}) AS documents
       FROM nodes n
       WHERE ${IN_LABEL('Agency', 'n.id')} AND n.id > ?
         AND (? IS NULL OR n.props ->> '$.province' = ?) AND (? IS NULL OR n.props ->> '$.typeId' = ?)
         AND (? IS NULL OR instr(n.search, ?) > 0)
       ORDER BY n.id LIMIT ?`,
      `agency:${afterKey ?? ''}`,
      ...[filter.province, filter.typeId, filter.q].flatMap((v) => [v ?? null, v ?? null]),
      limit,
    ).map((r) => ({ id: r.id, ...JSON.parse(r.props), dutyCount: r.duties, documentCount: r.documents }));
  }

  async listCategories(limit: number, afterKey: string | null): Promise<CategorySummary[]> {
    return this.all<CategorySummary>(
      `SELECT n.id, substr(n.id, 10) AS key,
         (SELECT count(*) FROM edges e JOIN nodes s ON s.nid = e.source
          WHERE e.target = n.nid AND e.type = ${code('CONCERNS')} AND s.label = 'Duty') AS dutyCount,
         (SELECT count(DISTINCT document) FROM edges WHERE target = n.nid AND type = ${code('CONCERNS')}) AS documentCount
       FROM nodes n WHERE ${IN_LABEL('CrimeCategory', 'n.id')} AND n.id > ? ORDER BY n.id LIMIT ?`,
      `category:${afterKey ?? ''}`,
      limit,
    );
  }

  async categoryAssignments(categoryKey: string) {
    const nid = this.sql(NID).pluck().get(`category:${categoryKey}`) as number | undefined;
    const join = `FROM edges c JOIN edges a ON a.source = c.source AND a.type = ${code('ASSIGNED_TO')}
                  JOIN nodes g ON g.nid = a.target
                  WHERE c.target = ? AND c.type = ${code('CONCERNS')}`;
    const totals = this.all<{ agency: string; duties: number; documents: number }>(
      `SELECT g.id AS agency, count(DISTINCT a.source) AS duties, count(DISTINCT a.document) AS documents ${join} GROUP BY g.id`,
      nid,
    );
    const roles = this.all<{ agency: string; role: string; n: number }>(
      `SELECT g.id AS agency, a.props ->> '$.role' AS role, count(*) AS n ${join} GROUP BY g.id, role`,
      nid,
    );
    const assignments = new Map<string, CategoryAssignment>(
      totals.map((t) => [t.agency, { ...t, roles: {} }]),
    );
    for (const r of roles) assignments.get(r.agency)!.roles[r.role] = r.n;
    const counts = this.get<{ duties: number; documents: number }>(
      `SELECT count(CASE WHEN s.label = 'Duty' THEN 1 END) AS duties, count(DISTINCT e.document) AS documents
       FROM edges e JOIN nodes s ON s.nid = e.source WHERE e.target = ? AND e.type = ${code('CONCERNS')}`,
      nid,
    )!;
    return { assignments: [...assignments.values()], ...counts };
  }

  async stats() {
    const count = (sql: string, ...params: unknown[]) =>
      this.sql(sql)
        .pluck()
        .get(...params) as number;
    const tally = (column: 'province' | 'type' | 'year', order: string) =>
      this.all<{ value: string | number; count: number }>(
        `SELECT ${column} AS value, count(*) AS count FROM documents WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY ${order}`,
      ).map((r) => ({ value: String(r.value), count: r.count }));
    return {
      documents: count('SELECT count(*) FROM documents'),
      stubs: count(`SELECT count(*) FROM nodes WHERE ${IN_LABEL('Document')} AND props ->> '$.stub' = 1`),
      duties: count(`SELECT count(*) FROM nodes WHERE ${IN_LABEL('Duty')}`),
      agencies: count(`SELECT count(*) FROM nodes WHERE ${IN_LABEL('Agency')}`),
      citations: {
        total: count(`SELECT count(*) FROM edges WHERE type = ${code('CITES')}`),
        unresolved: count(
          `SELECT count(*) FROM edges WHERE type = ${code('CITES')} AND props ->> '$.resolved' = 0`,
        ),
      },
      byProvince: tally('province', 'count DESC, value'),
      byType: tally('type', 'count DESC, value'),
      byYear: tally('year', 'value'),
      mostCited: this.all<{ id: string; citedBy: number }>(
        `SELECT t.id, c.citedBy FROM (SELECT target, count(DISTINCT source) AS citedBy FROM edges
           WHERE type = ${code('CITES')} GROUP BY target) c JOIN nodes t ON t.nid = c.target
         ORDER BY c.citedBy DESC, t.id LIMIT 10`,
      ),
    };
  }

  async counts(): Promise<Counts> {
    const nodes = NODE_LABELS.map((label) => ({
      k: label,
      n: this.sql(`SELECT count(*) FROM nodes WHERE ${IN_LABEL(label)}`)
        .pluck()
        .get() as number,
    }));
    const edges = this.all<{ k: number; n: number }>(
      'SELECT type AS k, count(*) AS n FROM edges GROUP BY type',
    );
    return {
      nodes: Object.fromEntries(nodes.map((r) => [r.k, r.n])),
      edges: Object.fromEntries(edges.map((r) => [EDGE_TYPES[r.k], r.n])),
    } as Counts;
  }

  async *allNodes(): AsyncIterable<GraphNode> {
    for (let after = ''; ;) {
      const rows = this.all<NodeRow>(
        'SELECT id, label, props FROM nodes WHERE id > ? ORDER BY id LIMIT ?',
        after,
        PAGE,
      );
      yield* rows.map(toNode);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Sources in `id || '>'` order, a page at a time, each page's edges sorted: edges in id order. */
  async *allEdges(): AsyncIterable<GraphEdge> {
    for (let after = ''; ;) {
      const sources = this.all<{ nid: number; key: string }>(
        `SELECT nid, id || '>' AS key FROM nodes WHERE id || '>' > ? ORDER BY id || '>' LIMIT ?`,
        after,
        PAGE,
      );
      if (sources.length === 0) return;
      yield* this.all<EdgeRow>(
        `${EDGE_COLUMNS} WHERE e.source IN (SELECT value FROM json_each(?))`,
        json(sources.map((r) => r.nid)),
      )
        .map(toEdge)
        .sort(byEdgeId);
      if (sources.length < PAGE) return;
      after = sources[sources.length - 1]!.key;
    }
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.db.open) this.db.close();
  }
}
