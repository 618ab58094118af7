/**
 * Embedded adapter: the property graph in one SQLite file (better-sqlite3, WAL). Nodes and edges are
 * rows with JSON properties; ingested documents keep their full JSON beside them. One transaction per
 * document, so a process killed at any moment leaves the last committed document intact.
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
import type {
  AgencySummary,
  CategorySummary,
  Counts,
  Direction,
  DocumentProperties,
  DocumentSummary,
  EdgeType,
  GraphEdge,
  GraphNode,
  NodeLabel,
} from '../schema.js';

export const DATABASE_FILE = 'graph.sqlite';
const SCHEMA_VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  props TEXT NOT NULL,
  symbol_key TEXT,
  search TEXT
);
CREATE INDEX IF NOT EXISTS nodes_label ON nodes(label, id);
CREATE INDEX IF NOT EXISTS nodes_symbol ON nodes(symbol_key) WHERE symbol_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS edges (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  document TEXT,
  props TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_source ON edges(source, type);
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

interface NodeRow {
  id: string;
  label: NodeLabel;
  props: string;
}
interface EdgeRow {
  id: string;
  type: EdgeType;
  source: string;
  target: string;
  props: string;
}

const toNode = (r: NodeRow): GraphNode =>
  ({ id: r.id, label: r.label, properties: JSON.parse(r.props) }) as GraphNode;
const toEdge = (r: EdgeRow): GraphEdge =>
  ({
    id: r.id,
    type: r.type,
    source: r.source,
    target: r.target,
    properties: JSON.parse(r.props),
  }) as GraphEdge;
const json = (values: readonly string[]) => JSON.stringify(values);
const PAGE = 1000;

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
      this.db.exec(SCHEMA);
      const version = this.sql('SELECT value FROM meta WHERE key = ?').pluck().get('schema') as
        string | undefined;
      if (version === undefined) this.sql('INSERT INTO meta VALUES (?, ?)').run('schema', SCHEMA_VERSION);
      else if (version !== SCHEMA_VERSION)
        throw new Error(`graph schema version ${version}, this build reads ${SCHEMA_VERSION}`);
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
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.tx);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
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
        "SELECT 1 FROM edges WHERE target = ? AND type IN ('CITES', 'AMENDS') LIMIT 1",
        `doc:${key}`,
      ) !== undefined,
    dropOwned: async (key) => {
      const self = `doc:${key}`;
      const duties = this.sql(
        "SELECT target FROM edges WHERE source = ? AND type = 'HAS_DUTY' AND document = ?",
      )
        .pluck()
        .all(self, key) as string[];
      const touched = this.sql(
        'SELECT source AS id FROM edges WHERE document = ? UNION SELECT target FROM edges WHERE document = ?',
      )
        .pluck()
        .all(key, key) as string[];
      this.sql('DELETE FROM edges WHERE document = ?').run(key);
      this.deleteNodesNow(duties);
      const gone = new Set([self, ...duties]);
      return touched.filter((id) => !gone.has(id));
    },
    putNodes: async (nodes, payload) => {
      const upsert = this.sql(
        `INSERT INTO nodes (id, label, props, symbol_key, search) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET label = excluded.label, props = excluded.props,
           symbol_key = excluded.symbol_key, search = excluded.search`,
      );
      for (const n of nodes) {
        upsert.run(n.id, n.label, JSON.stringify(n.properties), nodeSymbolKey(n), nodeSearchText(n));
      }
      if (payload) this.putPayload(payload, nodes);
    },
    putEdges: async (edges) => {
      const upsert = this.sql(
        `INSERT INTO edges (id, type, source, target, document, props) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET document = excluded.document, props = excluded.props`,
      );
      for (const e of edges) {
        upsert.run(e.id, e.type, e.source, e.target, e.properties.document, JSON.stringify(e.properties));
      }
    },
    orphans: async (candidates) => {
      const orphans: string[] = [];
      for (const id of candidates) {
        const label = parseNodeId(id)?.label;
        const rule = ORPHAN_RULES.find((r) => r.label === label);
        if (!rule) continue;
        const node = this.get<NodeRow>('SELECT id, label, props FROM nodes WHERE id = ?', id);
        if (!node) continue;
        if (label === 'Document' && !(JSON.parse(node.props) as DocumentProperties).stub) continue;
        const types = json(rule.keptBy);
        const kept = this.get(
          `SELECT 1 FROM edges WHERE target = ? AND type IN (SELECT value FROM json_each(?))
           UNION ALL SELECT 1 FROM edges WHERE source = ? AND type IN (SELECT value FROM json_each(?)) LIMIT 1`,
          id,
          types,
          id,
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
    const list = json(ids);
    const others = this.sql(
      `SELECT target FROM edges WHERE source IN (SELECT value FROM json_each(?))
         UNION SELECT source FROM edges WHERE target IN (SELECT value FROM json_each(?))`,
    )
      .pluck()
      .all(list, list) as string[];
    this.sql('DELETE FROM edges WHERE source IN (SELECT value FROM json_each(?))').run(list);
    this.sql('DELETE FROM edges WHERE target IN (SELECT value FROM json_each(?))').run(list);
    this.sql('DELETE FROM nodes WHERE id IN (SELECT value FROM json_each(?))').run(list);
    const docKeys = ids.filter((id) => id.startsWith('doc:')).map((id) => id.slice(4));
    if (docKeys.length > 0)
      this.sql('DELETE FROM documents WHERE key IN (SELECT value FROM json_each(?))').run(json(docKeys));
    const gone = new Set(ids);
    return others.filter((id) => !gone.has(id));
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
    return this.all<{ props: string }>("SELECT props FROM nodes WHERE label = 'Document' ORDER BY id").map(
      (r) => {
        const p = JSON.parse(r.props) as DocumentProperties;
        return {
          key: p.key,
          symbol: p.symbol,
          type: p.type,
          issuedAt: p.issuedAt,
          issuer: p.issuer,
          title: p.title,
        };
      },
    );
  }

  async nodes(ids: string[]): Promise<GraphNode[]> {
    return this.nodesNow(ids);
  }

  async edges(
    ids: string[],
    direction: Direction,
    types?: readonly EdgeType[],
    limit = -1,
  ): Promise<GraphEdge[]> {
    if (ids.length === 0) return [];
    const list = json([...new Set(ids)]);
    const typeFilter = types ? 'AND type IN (SELECT value FROM json_each(?))' : '';
    const typeParams = types ? [json(types)] : [];
    const cols = 'SELECT id, type, source, target, props FROM edges';
    const out = `${cols} WHERE source IN (SELECT value FROM json_each(?)) ${typeFilter}`;
    const inc = `${cols} WHERE target IN (SELECT value FROM json_each(?)) ${typeFilter}`;
    const [sql, params] =
      direction === 'out'
        ? [out, [list, ...typeParams]]
        : direction === 'in'
          ? [inc, [list, ...typeParams]]
          : [`${out} UNION ${inc}`, [list, ...typeParams, list, ...typeParams]];
    return this.all<EdgeRow>(`${sql} ORDER BY id LIMIT ?`, ...params, limit).map(toEdge);
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
         (SELECT count(DISTINCT source) FROM edges WHERE target = n.id AND type = 'ASSIGNED_TO') AS duties,
         (SELECT count(DISTINCT document) FROM edges WHERE target = n.id AND type = 'ASSIGNED_TO') AS documents
       FROM nodes n
       WHERE n.label = 'Agency' AND n.id > ?
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
         (SELECT count(*) FROM edges WHERE target = n.id AND type = 'CONCERNS' AND source LIKE 'duty:%') AS dutyCount,
         (SELECT count(DISTINCT document) FROM edges WHERE target = n.id AND type = 'CONCERNS') AS documentCount
       FROM nodes n WHERE n.label = 'CrimeCategory' AND n.id > ? ORDER BY n.id LIMIT ?`,
      `category:${afterKey ?? ''}`,
      limit,
    );
  }

  async categoryAssignments(categoryKey: string) {
    const id = `category:${categoryKey}`;
    const join = `FROM edges c JOIN edges a ON a.source = c.source AND a.type = 'ASSIGNED_TO'
                  WHERE c.target = ? AND c.type = 'CONCERNS'`;
    const totals = this.all<{ agency: string; duties: number; documents: number }>(
      `SELECT a.target AS agency, count(DISTINCT a.source) AS duties, count(DISTINCT a.document) AS documents ${join} GROUP BY a.target`,
      id,
    );
    const roles = this.all<{ agency: string; role: string; n: number }>(
      `SELECT a.target AS agency, a.props ->> '$.role' AS role, count(*) AS n ${join} GROUP BY a.target, role`,
      id,
    );
    const assignments = new Map<string, CategoryAssignment>(
      totals.map((t) => [t.agency, { ...t, roles: {} }]),
    );
    for (const r of roles) assignments.get(r.agency)!.roles[r.role] = r.n;
    const counts = this.get<{ duties: number; documents: number }>(
      `SELECT count(CASE WHEN source LIKE 'duty:%' THEN 1 END) AS duties, count(DISTINCT document) AS documents
       FROM edges WHERE target = ? AND type = 'CONCERNS'`,
      id,
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
      stubs: count("SELECT count(*) FROM nodes WHERE label = 'Document' AND props ->> '$.stub' = 1"),
      duties: count("SELECT count(*) FROM nodes WHERE label = 'Duty'"),
      agencies: count("SELECT count(*) FROM nodes WHERE label = 'Agency'"),
      citations: {
        total: count("SELECT count(*) FROM edges WHERE type = 'CITES'"),
        unresolved: count("SELECT count(*) FROM edges WHERE type = 'CITES' AND props ->> '$.resolved' = 0"),
      },
      byProvince: tally('province', 'count DESC, value'),
      byType: tally('type', 'count DESC, value'),
      byYear: tally('year', 'value'),
      mostCited: this.all<{ id: string; citedBy: number }>(
        `SELECT target AS id, count(DISTINCT source) AS citedBy FROM edges WHERE type = 'CITES'
         GROUP BY target ORDER BY citedBy DESC, target LIMIT 10`,
      ),
    };
  }

  async counts(): Promise<Counts> {
    const nodes = this.all<{ k: string; n: number }>(
      'SELECT label AS k, count(*) AS n FROM nodes GROUP BY label',
    );
    const edges = this.all<{ k: string; n: number }>(
      'SELECT type AS k, count(*) AS n FROM edges GROUP BY type',
    );
    return {
      nodes: Object.fromEntries(nodes.map((r) => [r.k, r.n])),
      edges: Object.fromEntries(edges.map((r) => [r.k, r.n])),
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

  async *allEdges(): AsyncIterable<GraphEdge> {
    for (let after = ''; ;) {
      const rows = this.all<EdgeRow>(
        'SELECT id, type, source, target, props FROM edges WHERE id > ? ORDER BY id LIMIT ?',
        after,
        PAGE,
      );
      yield* rows.map(toEdge);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.db.open) this.db.close();
  }
}
