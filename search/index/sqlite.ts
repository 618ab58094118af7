/**
 * Embedded search-index adapter: passages, concept and agency postings in SQLite tables, lexical
 * retrieval by an FTS5 table over the analyzer's pre-analyzed terms, vectors in an HNSW (or, when few,
 * exact) index saved beside the database.
 *
 * FTS5 sees only our analyzed terms, separated by spaces ("rua_tien" is one bigram term), so Vietnamese
 * analysis stays in search/analyzer.ts; the tokenizer keeps diacritics and "_". Every query term is
 * quoted, so no user text is ever read as FTS5 syntax. Per-term weights (the user's words vs concept
 * expansions) are one FTS5 query per weight, summed; common terms are pruned first (terms.ts), which
 * bounds the postings any query scores.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { fold, slugify } from '../../ingest/text/normalize.js';
import { createVectorIndex, EXACT_THRESHOLD, loadVectorIndex } from '../vector/index.js';
import type { VectorIndex } from '../vector/port.js';
import { StoredPassage } from '../passage.js';
import {
  IndexDamagedError,
  type IndexedDocument,
  type IndexMeta,
  type LexicalResult,
  type PassageFilter,
  type ScoredPassageId,
  type SearchIndex,
  type WeightedTerms,
} from './port.js';
import { FIELD_WEIGHTS, pruneTerms, scanPlan } from './terms.js';
import { filterSql } from './sqlite-filter.js';
import {
  connect,
  createRebuild,
  discardRebuild,
  finishBulk,
  INDEX_FILE,
  swapRebuild,
  VECTOR_DIR,
} from './sqlite-file.js';

export { INDEX_FILE } from './sqlite-file.js';

/**
 * Terms in at least this many passages have their document frequency kept in a table: FTS5's vocabulary
 * counts a term's documents by reading its whole postings list, which for the commonest syllables of a
 * large collection costs more than the query itself. Rarer terms are counted by FTS5 (cheap for them).
 */
const FREQUENT_TERM = 500;
/** Posting rows per multi-row INSERT (2 parameters each, well under SQLite's limit of 32,766). */
const POSTINGS_PER_INSERT = 200;
/** A bounded concept read with a filter scans this many times the postings it may return. */
const FILTER_OVERSCAN = 5;
/** Document frequencies remembered between writes, at most. */
const TERM_COUNT_CACHE = 100_000;
/** The table is recomputed when the collection has grown or shrunk by this share since. */
const FREQUENCY_DRIFT = 0.2;

export class SqliteSearchIndex implements SearchIndex {
  readonly kind = 'sqlite';
  private vectors: VectorIndex | null = null;
  /** Passage and concept counts, read once and forgotten on every write (count(*) scans grow with the index). */
  private total: number | null = null;
  private range: { first: number; last: number } | null = null;
  private readonly conceptCount = new Map<string, number>();
  /** Document frequency by term, read once and forgotten on every write: queries repeat the same syllables. */
  private readonly termCount = new Map<string, number>();
  private readonly statements = new Map<string, Database.Statement>();
  /** The generation this process last wrote or read; null before either. */
  private seenGeneration: string | null = null;
  /**
   * Between reset() and flush(): a rebuild. Vectors are saved and FTS5 segments merged once, at the
   * end; a crash before that leaves fewer vectors than passages, which the service repairs by rebuilding.
   */
  private bulk = false;
  private vectorsUnsaved = false;
  /**
   * During a rebuild on disk: the live index, while `db` is the fresh file being filled
   * (sqlite-file.ts), which flush() swaps in.
   */
  private live: Database.Database | null = null;
  /** Postings of the passages being inserted, as flat (key, pid) pairs: see writePostings(). */
  private readonly pending = {
    passage_concepts: [] as Array<string | number | bigint>,
    passage_agencies: [] as Array<string | number | bigint>,
  };

  private constructor(
    private db: Database.Database,
    /** Directory of the database, where vectors are saved; null keeps them in memory. */
    private readonly dir: string | null,
  ) {}

  /**
   * Opens (or creates) `<dir>/index.sqlite`; null keeps everything in memory. Reading the vectors is the
   * only whole-file load, and only when the index has them. Throws IndexDamagedError when the file is
   * not a usable database.
   */
  static async open(dir: string | null): Promise<SqliteSearchIndex> {
    let db: Database.Database;
    try {
      if (dir) {
        mkdirSync(dir, { recursive: true });
        discardRebuild(dir);
      }
      db = connect(dir ? path.join(dir, INDEX_FILE) : null);
    } catch (error) {
      throw new IndexDamagedError(`cannot be opened (${firstLine(error)})`);
    }
    const index = new SqliteSearchIndex(db, dir);
    if (dir && existsSync(path.join(dir, VECTOR_DIR)) && index.metaValue('model')) {
      index.vectors = await loadVectorIndex(path.join(dir, VECTOR_DIR)).catch(() => null);
    }
    return index;
  }

  async meta(): Promise<IndexMeta | null> {
    const format = this.metaValue('format');
    if (format === null) return null;
    return { format, lexicon: this.metaValue('lexicon') ?? '', model: this.metaValue('model') };
  }

  async reset(meta: IndexMeta): Promise<void> {
    if (this.dir) {
      // A fresh file; the live index stays as it is until the rebuild is complete.
      if (this.live) this.db.close();
      else this.live = this.db;
      this.db = createRebuild(this.dir);
      this.statements.clear();
    }
    this.db.transaction(() => {
      if (!this.dir) this.clear();
      const put = this.sql('INSERT INTO meta (key, value) VALUES (?, ?)');
      put.run('format', meta.format);
      put.run('lexicon', meta.lexicon);
      if (meta.model !== null) put.run('model', meta.model);
      this.newGeneration();
    })();
    this.vectors = null;
    this.bulk = true;
    this.forgetCounts();
  }

  async flush(): Promise<void> {
    if (this.bulk) {
      finishBulk(this.db);
      this.refreshFrequencies(true);
      this.forgetCounts();
      this.bulk = false;
    }
    const vectors = this.vectorsUnsaved ? this.vectors : null;
    this.vectorsUnsaved = false;
    if (this.dir && this.live) {
      const live = this.live;
      this.live = null;
      this.statements.clear();
      this.db = await swapRebuild(this.dir, this.db, live, vectors && ((target) => vectors.save(target)));
    } else if (this.dir && vectors) await vectors.save(path.join(this.dir, VECTOR_DIR));
  }

  async stats(): Promise<{ passages: number; documents: number; vectors: number }> {
    return {
      passages: this.sql('SELECT count(*) FROM passages').pluck().get() as number,
      documents: this.sql('SELECT count(*) FROM documents').pluck().get() as number,
      vectors: this.vectors?.size ?? 0,
    };
  }

  async generation(): Promise<string> {
    const token = this.metaValue('generation') ?? '';
    // Another process wrote since this one last looked: what it remembered of the index is stale.
    if (token !== this.seenGeneration) this.forgetCounts();
    this.seenGeneration = token;
    return token;
  }

  async documentHashes(): Promise<Map<string, string>> {
    const rows = this.sql('SELECT id, content_hash FROM documents').raw().all() as Array<[string, string]>;
    return new Map(rows);
  }

  async write(upsert: readonly IndexedDocument[], remove: readonly string[]): Promise<{ removed: number }> {
    const removedIds: string[] = [];
    let removed = 0;
    const known = this.sql('SELECT 1 FROM documents WHERE id = ?').pluck();
    this.forgetCounts();
    this.db.transaction(() => {
      for (const id of new Set(remove)) {
        if (known.get(id) !== undefined) removed++;
        removedIds.push(...this.deleteDocument(id));
      }
      const named = new Set<string>();
      for (const doc of upsert) {
        if (known.get(doc.id) !== undefined) removedIds.push(...this.deleteDocument(doc.id));
        this.insertDocument(doc, named);
      }
      this.writePostings();
      this.newGeneration();
    })();
    if (!this.bulk) this.refreshFrequencies(false);
    // Vectors follow the committed rows; a crash before the save leaves them behind the database,
    // which the service sees (vector count ≠ passage count) and repairs by rebuilding.
    const withVectors = upsert.flatMap((d) => d.passages).filter((p) => p.vector !== null);
    if (removedIds.length === 0 && withVectors.length === 0) return { removed };
    this.vectors?.remove(removedIds);
    if (withVectors.length > 0) {
      // HNSW from the start: an index that grows document by document never gets a second chance to choose.
      this.vectors ??= createVectorIndex(withVectors[0]!.vector!.length, {
        expectedCount: Math.max(withVectors.length, EXACT_THRESHOLD),
      });
      this.vectors.add(
        withVectors.map((p) => p.passage.id),
        withVectors.map((p) => p.vector!),
      );
    }
    this.vectorsUnsaved = true;
    // A rebuild saves once, at flush(): saving the whole graph per batch would make it quadratic.
    if (!this.bulk) await this.flush();
    return { removed };
  }

  async passages(ids: readonly string[]): Promise<StoredPassage[]> {
    if (ids.length === 0) return [];
    const rows = this.sql('SELECT id, json FROM passages WHERE id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(ids)) as Array<[string, string]>;
    const byId = new Map(rows.map(([id, json]) => [id, json]));
    return ids.flatMap((id) => {
      const json = byId.get(id);
      return json === undefined ? [] : [JSON.parse(json) as StoredPassage];
    });
  }

  async lexical(terms: WeightedTerms, limit: number, filter: PassageFilter | null): Promise<LexicalResult> {
    this.total ??= this.sql('SELECT count(*) FROM passages').pluck().get() as number;
    const df = this.documentFrequencies([...terms.keys()]);
    const kept = pruneTerms(terms, df, this.total);
    if (kept.size === 0 || limit <= 0) return { hits: [], terms: [] };
    const where = filter ? filterSql(filter) : null;
    // "+rowid": the filter is a membership test on each match; offered to FTS5 as a rowid constraint,
    // it would become one full-text lookup per passage the filter allows.
    const restrict = where ? ` AND +rowid IN (SELECT pid FROM passages p WHERE ${where.sql})` : '';
    const rank = `bm25(fts, ${FIELD_WEIGHTS.exact}, ${FIELD_WEIGHTS.folded}, ${FIELD_WEIGHTS.context})`;
    const scan = this.sql(`SELECT rowid, ${rank} FROM fts WHERE fts MATCH ? AND rowid >= ?${restrict}`).raw();
    const { first, last } = this.pidRange();
    // One query per term, so each passage's score is Σ weight × bm25(term) times the number of query
    // terms it matched (coordination: covering more of the query beats repeating one word).
    const scores = new Map<number, { sum: number; matched: number }>();
    for (const { term, weight, from } of scanPlan(kept, df, first, last)) {
      const rows = scan.all(quote(term), from, ...(where?.params ?? [])) as Array<[number, number]>;
      // bm25() is negative, lower is better.
      for (const [pid, r] of rows) {
        const entry = scores.get(pid);
        if (entry) {
          entry.sum -= r * weight;
          entry.matched++;
        } else scores.set(pid, { sum: -r * weight, matched: 1 });
      }
    }
    const top = [...scores]
      .map(([pid, { sum, matched }]) => [pid, sum * matched] as [number, number])
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit);
    const ids = this.idsOf(top.map(([pid]) => pid));
    return {
      hits: top.flatMap(([pid, score]) => {
        const id = ids.get(pid);
        return id === undefined ? [] : [{ id, score }];
      }),
      terms: [...kept.keys()],
    };
  }

  async conceptCounts(conceptIds: readonly string[]): Promise<Map<string, number>> {
    const count = this.sql('SELECT count(*) FROM passage_concepts WHERE concept = ?').pluck();
    const out = new Map<string, number>();
    for (const id of new Set(conceptIds)) {
      let n = this.conceptCount.get(id);
      if (n === undefined) this.conceptCount.set(id, (n = count.get(id) as number));
      if (n > 0) out.set(id, n);
    }
    return out;
  }

  async conceptPassages(
    conceptId: string,
    filter: PassageFilter | null,
    among?: readonly string[],
    limit?: number,
  ): Promise<string[]> {
    const where = filter ? filterSql(filter) : null;
    const params: unknown[] = [...(where?.params ?? [])];
    if (among) {
      // Driven by the few candidates asked about, not by the concept's (maybe huge) postings.
      return this.sql(
        `SELECT p.id FROM passages p WHERE p.id IN (SELECT value FROM json_each(?))
           AND EXISTS (SELECT 1 FROM passage_concepts c WHERE c.concept = ? AND c.pid = p.pid)
           AND ${where?.sql ?? '1'}`,
      )
        .pluck()
        .all(JSON.stringify(among), conceptId, ...params) as string[];
    }
    if (limit === undefined)
      return this.sql(
        `SELECT p.id FROM passage_concepts c JOIN passages p ON p.pid = c.pid
         WHERE c.concept = ? AND ${where?.sql ?? '1'}`,
      )
        .pluck()
        .all(conceptId, ...params) as string[];
    // Bounded: the newest postings, a few times `limit` of them when a filter will drop most.
    return this.sql(
      `SELECT p.id FROM (SELECT pid FROM passage_concepts WHERE concept = ? ORDER BY pid DESC LIMIT ?) c
       JOIN passages p ON p.pid = c.pid WHERE ${where?.sql ?? '1'} ORDER BY c.pid DESC LIMIT ?`,
    )
      .pluck()
      .all(conceptId, where ? limit * FILTER_OVERSCAN : limit, ...params, limit) as string[];
  }

  async nearest(vector: Float32Array, k: number, filter: PassageFilter | null): Promise<ScoredPassageId[]> {
    if (!this.vectors) return [];
    if (!filter) return this.vectors.search(vector, k);
    const where = filterSql(filter);
    const allowed = new Set(
      this.sql(`SELECT id FROM passages p WHERE ${where.sql}`)
        .pluck()
        .all(...where.params) as string[],
    );
    return this.vectors.search(vector, k, (id) => allowed.has(id));
  }

  async any(filter: PassageFilter): Promise<boolean> {
    const where = filterSql(filter);
    return this.sql(`SELECT 1 FROM passages p WHERE ${where.sql} LIMIT 1`).get(...where.params) !== undefined;
  }

  async agenciesMatching(id: string, typeId: string, folded: string): Promise<string[]> {
    return this.sql(
      `SELECT DISTINCT n.agency FROM agency_names n
       WHERE (n.agency = ? OR n.type_id = ? OR instr(n.folded, ?) > 0)
         AND EXISTS (SELECT 1 FROM passage_agencies a WHERE a.agency = n.agency)
       ORDER BY n.agency`,
    )
      .pluck()
      .all(id, typeId, folded) as string[];
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    await this.flush();
    this.db.close();
  }

  /** Inside a write's transaction: the content changes, so does the token. */
  private newGeneration(): void {
    this.seenGeneration = randomUUID();
    this.sql('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('generation', this.seenGeneration);
  }

  /**
   * Writes the postings buffered by insertDocument(): many rows per INSERT, since a passage has a dozen
   * concept postings and running a statement costs more than inserting its row.
   */
  private writePostings(): void {
    for (const table of ['passage_concepts', 'passage_agencies'] as const) {
      const rows = this.pending[table];
      const key = table === 'passage_concepts' ? 'concept' : 'agency';
      const insert = (n: number) =>
        this.sql(
          `INSERT OR IGNORE INTO ${table} (${key}, pid) VALUES ${Array.from({ length: n }, () => '(?, ?)').join(', ')}`,
        );
      const full = 2 * POSTINGS_PER_INSERT;
      let i = 0;
      for (; i + full <= rows.length; i += full) insert(POSTINGS_PER_INSERT).run(rows.slice(i, i + full));
      for (; i < rows.length; i += 2) insert(1).run(rows[i], rows[i + 1]);
      rows.length = 0;
    }
  }

  /** Empties every table of an index rebuilt in place (in memory). */
  private clear(): void {
    for (const table of [
      'documents',
      'passages',
      'passage_concepts',
      'passage_agencies',
      'agency_names',
      'frequent_terms',
      'meta',
    ])
      this.db.exec(`DELETE FROM ${table}`);
    this.db.exec("INSERT INTO fts(fts) VALUES ('delete-all')");
  }

  private forgetCounts(): void {
    this.total = null;
    this.range = null;
    this.conceptCount.clear();
    this.termCount.clear();
  }

  private pidRange(): { first: number; last: number } {
    if (!this.range) {
      const [first, last] = this.sql('SELECT min(pid), max(pid) FROM passages').raw().get() as [
        number | null,
        number | null,
      ];
      this.range = { first: first ?? 0, last: last ?? 0 };
    }
    return this.range;
  }

  /** Document frequency of each term (absent terms: 0). */
  private documentFrequencies(terms: readonly string[]): Map<string, number> {
    const frequent = this.sql('SELECT df FROM frequent_terms WHERE term = ?').pluck();
    const vocab = this.sql('SELECT doc FROM fts_vocab WHERE term = ?').pluck();
    const df = new Map<string, number>();
    for (const term of terms) {
      let n = this.termCount.get(term);
      if (n === undefined) {
        n = ((frequent.get(term) ?? vocab.get(term)) as number | undefined) ?? 0;
        // A vocabulary of syllables and bigrams grows slowly; the bound is for collections that do not.
        if (this.termCount.size >= TERM_COUNT_CACHE) this.termCount.clear();
        this.termCount.set(term, n);
      }
      df.set(term, n);
    }
    return df;
  }

  /**
   * Recomputes the frequent-terms table (one pass over the vocabulary) when the collection size has
   * drifted from the one it was computed at; frequencies in between are off by at most that share,
   * which only shifts where pruning cuts.
   */
  private refreshFrequencies(force: boolean): void {
    const total = this.sql('SELECT count(*) FROM passages').pluck().get() as number;
    const at = Number(this.metaValue('frequencies_at') ?? -1);
    if (!force && at >= 0 && Math.abs(total - at) <= at * FREQUENCY_DRIFT) return;
    this.db.transaction(() => {
      this.db.exec('DELETE FROM frequent_terms');
      this.sql('INSERT INTO frequent_terms (term, df) SELECT term, doc FROM fts_vocab WHERE doc >= ?').run(
        FREQUENT_TERM,
      );
      this.sql('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('frequencies_at', String(total));
    })();
  }

  private deleteDocument(id: string): string[] {
    const rows = this.sql('SELECT pid, id, json FROM passages WHERE document = ?').raw().all(id) as Array<
      [number, string, string]
    >;
    for (const [pid, , json] of rows) this.deletePassage(pid, json);
    this.sql('DELETE FROM documents WHERE id = ?').run(id);
    return rows.map(([, passageId]) => passageId);
  }

  /** Postings are keyed by (concept | agency, pid): the stored passage names the keys to delete. */
  private deletePassage(pid: number, json: string): void {
    this.writePostings();
    const passage = JSON.parse(json) as StoredPassage;
    this.sql('DELETE FROM fts WHERE rowid = ?').run(pid);
    for (const concept of passage.concepts)
      this.sql('DELETE FROM passage_concepts WHERE concept = ? AND pid = ?').run(concept, pid);
    for (const agency of passage.agencies)
      this.sql('DELETE FROM passage_agencies WHERE agency = ? AND pid = ?').run(agency.id, pid);
    this.sql('DELETE FROM passages WHERE pid = ?').run(pid);
  }

  /** `named`: agency names already written in this transaction (most passages repeat a few agencies). */
  private insertDocument(doc: IndexedDocument, named: Set<string>): void {
    this.sql('INSERT INTO documents (id, content_hash) VALUES (?, ?)').run(doc.id, doc.contentHash);
    const previousOf = this.sql('SELECT pid, json FROM passages WHERE id = ?').raw();
    const insertPassage = this.sql(
      'INSERT INTO passages (id, document, province, type_slug, issued_at, json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertFields = this.sql('INSERT INTO fts (rowid, exact, folded, context) VALUES (?, ?, ?, ?)');
    const insertName = this.sql(
      'INSERT OR IGNORE INTO agency_names (agency, type_id, folded) VALUES (?, ?, ?)',
    );
    for (const { passage, fields } of doc.passages) {
      const { document } = passage;
      // A passage id may reappear under another document (a re-keyed document): the newest wins.
      const previous = previousOf.get(passage.id) as [number, string] | undefined;
      if (previous !== undefined) this.deletePassage(...previous);
      const pid = insertPassage.run(
        passage.id,
        doc.id,
        document.province,
        document.type === null ? null : slugify(document.type),
        document.issuedAt,
        JSON.stringify(StoredPassage.parse(passage)),
      ).lastInsertRowid;
      insertFields.run(pid, fields.exact, fields.folded, fields.context);
      for (const concept of new Set(passage.concepts)) this.pending.passage_concepts.push(concept, pid);
      for (const agency of passage.agencies) {
        this.pending.passage_agencies.push(agency.id, pid);
        for (const name of [agency.name, agency.mention]) {
          const key = `${agency.id}\u0000${agency.typeId}\u0000${name}`;
          if (named.has(key)) continue;
          named.add(key);
          insertName.run(agency.id, agency.typeId, fold(name));
        }
      }
    }
  }

  private idsOf(pids: readonly number[]): Map<number, string> {
    if (pids.length === 0) return new Map();
    const rows = this.sql('SELECT pid, id FROM passages WHERE pid IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(pids)) as Array<[number, string]>;
    return new Map(rows);
  }

  private metaValue(key: string): string | null {
    try {
      return (
        (this.sql('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null
      );
    } catch (error) {
      throw new IndexDamagedError(`is damaged (${firstLine(error)})`);
    }
  }

  private sql(source: string): Database.Statement {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }
}

/** An FTS5 string literal: the term is matched as written, never parsed as query syntax. */
export function quote(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}
