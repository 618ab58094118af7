/**
 * The GraphStore both adapters share: argument checks, the write algorithm (replace, stubs, orphan
 * clean-up) and the traversals, all on top of a backend's primitives.
 */
import {
  type Agency,
  type CitedDocument,
  DocumentSchema,
  type ExtractedDocument,
  Role,
} from '../ingest/schema.js';
import { fold } from '../ingest/text/normalize.js';
import { LifecycleReader, todayIso } from './lifecycle-query.js';
import { BASELINE } from './lifecycle.js';
import type { DocumentPath, Lifecycle, Lineage } from './lifecycle-schema.js';
import { shortestCitationPath } from './paths.js';
import { LifecycleStatus } from './lifecycle-schema.js';
import {
  type ChainOptions,
  type GraphBackend,
  type GraphStore,
  type IngestOptions,
  InvalidArgumentError,
  type LifecycleOptions,
  type ListAgenciesOptions,
  type ListCategoriesOptions,
  type ListDocumentsOptions,
  type NeighborhoodOptions,
  NotFoundError,
  type WriteTx,
  type Availability,
} from './port.js';
import {
  documentWrite,
  docId,
  type DocumentWrite,
  mergeNode,
  nodeId,
  parseNodeId,
  stubOfDocument,
  symbolKey,
} from './model.js';
import {
  type AgencyPage,
  type AgencyProfile,
  type CategoryAgencies,
  type CategoryPage,
  type ChainPath,
  type CitationChain,
  type CitesEdge,
  type CorpusStats,
  type Counts,
  type Direction,
  type DocumentNode,
  type DocumentPage,
  type DocumentProperties,
  type DocumentSummary,
  EDGE_TYPES,
  type GraphEdge,
  type GraphNode,
  type IngestOutcome,
  MAX_CHAIN_DEPTH,
  MAX_NEIGHBORHOOD_DEPTH,
  MAX_RESULT_LIMIT,
  NODE_LABELS,
  type ProfileDuty,
  type RemoveOutcome,
  type Subgraph,
} from './schema.js';

export function intInRange(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return v;
}

function directionOf(value: Direction | undefined, fallback: Direction): Direction {
  const v = value ?? fallback;
  if (!['out', 'in', 'both'].includes(v)) {
    throw new InvalidArgumentError(`direction must be out, in or both, got "${String(value)}"`);
  }
  return v;
}

const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');
function decodeCursor(cursor: string | null | undefined): string | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || encodeCursor(key) !== cursor)
    throw new InvalidArgumentError(`cursor "${cursor}" is not one this store issued`);
  return key;
}

const emptyRoles = (): Record<Role, number> =>
  Object.fromEntries(Role.options.map((r) => [r, 0])) as Record<Role, number>;
const summary = (n: DocumentNode): DocumentSummary => ({ id: n.id, ...n.properties });
const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Removes orphaned shared nodes, following the cascade (an agency's type and province may go with it). */
async function collectOrphans(tx: WriteTx, candidates: Iterable<string>): Promise<string[]> {
  const removed: string[] = [];
  let pending = [...new Set(candidates)];
  while (pending.length > 0) {
    const orphans = await tx.orphans(pending);
    if (orphans.length === 0) break;
    removed.push(...orphans);
    pending = [...new Set(await tx.deleteNodes(orphans))];
  }
  return removed;
}

async function removeInTx(tx: WriteTx, key: string): Promise<RemoveOutcome> {
  const id = docId(key);
  const candidates = await tx.dropOwned(key);
  let keptAsStub = false;
  if (await tx.isCited(key)) {
    const [stored] = await tx.nodes([id]);
    const stub = stubOfDocument(stored!.properties as DocumentProperties);
    await tx.putNodes([{ id, label: 'Document', properties: stub }], { key, json: null });
    keptAsStub = true;
  } else {
    candidates.push(...(await tx.deleteNodes([id])));
  }
  const removed = await collectOrphans(tx, candidates);
  const removedStubs = removed
    .flatMap((n) => (n.startsWith('doc:') ? [n.slice(4)] : []))
    .sort(compareStrings);
  return { key, keptAsStub, removedStubs };
}

const sameNode = (a: GraphNode, b: GraphNode): boolean =>
  a === b || (a.label === b.label && JSON.stringify(a.properties) === JSON.stringify(b.properties));

async function writeInTx(tx: WriteTx, write: DocumentWrite, rewrite: boolean): Promise<IngestOutcome> {
  const ids = write.nodes.map((n) => n.id);
  const first = await tx.inspect(write.source, ids);
  const existing = first.stored.find((n) => n.id === docId(write.key))?.properties as
    DocumentProperties | undefined;
  const ingested = existing !== undefined && !existing.stub;
  if (
    !rewrite &&
    ingested &&
    existing.contentHash === write.contentHash &&
    existing.source === write.source
  ) {
    return { key: write.key, status: 'unchanged', replaced: [] };
  }
  // The same file now yields another key (say its number was filled in): the old reading goes.
  const replaced = first.sameSource.filter((k) => k !== write.key).sort(compareStrings);
  for (const key of replaced) await removeInTx(tx, key);

  const candidates = ingested ? await tx.dropOwned(write.key) : [];
  // Removals may have deleted some of the nodes read above; read them again only then.
  const stored = replaced.length > 0 || ingested ? await tx.nodes(ids) : first.stored;
  const byId = new Map(stored.map((n) => [n.id, n]));
  // Shared nodes (agencies, provinces, cited documents) mostly come back unchanged: only changes are written.
  const nodes = write.nodes.flatMap((n) => {
    const old = byId.get(n.id);
    const merged = mergeNode(old, n);
    return old && sameNode(old, merged) ? [] : [merged];
  });
  await tx.putNodes(nodes, { key: write.key, json: write.json });
  await tx.putEdges(write.edges);
  await collectOrphans(tx, candidates);
  return { key: write.key, status: ingested ? 'updated' : 'added', replaced };
}

export class Graph implements GraphStore {
  constructor(private readonly backend: GraphBackend) {}

  get kind() {
    return this.backend.kind;
  }

  get location() {
    return this.backend.location;
  }

  availability(): Availability {
    return this.backend.availability?.() ?? { dependency: `${this.kind} store`, available: true };
  }

  async ingest(
    doc: ExtractedDocument,
    agencies: readonly Agency[] = [],
    options: IngestOptions = {},
  ): Promise<IngestOutcome> {
    const parsed = DocumentSchema.safeParse(doc);
    if (!parsed.success) {
      throw new InvalidArgumentError(
        `document ${doc?.source ?? '?'} is not a valid extracted document: ${parsed.error.message}`,
      );
    }
    // A portal or press summary never replaces the text it reports on (the other way round it is replaced).
    if (parsed.data.provenance === 'summary') {
      const stored = await this.backend.documentJson(parsed.data.id);
      const kept = stored === null ? null : (JSON.parse(stored) as ExtractedDocument);
      if (kept && (kept.provenance ?? 'signed') !== 'summary')
        return { key: parsed.data.id, status: 'unchanged', replaced: [] };
    }
    const write = documentWrite(parsed.data, agencies);
    return this.backend.write((tx) => writeInTx(tx, write, options.rewrite ?? false));
  }

  async remove(keyOrSymbol: string): Promise<RemoveOutcome> {
    const doc = await this.resolveDocument(keyOrSymbol);
    if (doc.stub)
      throw new NotFoundError(`document "${keyOrSymbol}" is only cited, not ingested; nothing to remove`);
    return this.backend.write((tx) => removeInTx(tx, doc.key));
  }

  async documentsFromSource(source: string): Promise<string[]> {
    // The write path's own look-up, so both backends answer it alike.
    const { sameSource } = await this.backend.write((tx) => tx.inspect(source, []));
    return [...sameSource].sort(compareStrings);
  }

  async getDocument(key: string): Promise<ExtractedDocument | null> {
    const json = await this.backend.documentJson(key);
    return json === null ? null : (JSON.parse(json) as ExtractedDocument);
  }

  async *allDocuments(): AsyncIterable<ExtractedDocument> {
    for await (const json of this.backend.documentJsons()) yield JSON.parse(json) as ExtractedDocument;
  }

  knownDocuments(): Promise<CitedDocument[]> {
    return this.backend.knownDocuments();
  }

  documentHashes(): Promise<Map<string, string>> {
    return this.backend.documentHashes();
  }

  async findDocuments(keyOrSymbol: string): Promise<DocumentSummary[]> {
    const wanted = keyOrSymbol.trim().replace(/^doc:/, '');
    if (!wanted) throw new InvalidArgumentError('a document key or symbol is required');
    const nodes = await this.backend.documentsByKeyOrSymbol(wanted, symbolKey(wanted));
    return (nodes as DocumentNode[]).map(summary).sort((a, b) => compareStrings(a.id, b.id));
  }

  /** The one document a key or symbol names; an ambiguous symbol is an error listing the keys. */
  async resolveDocument(keyOrSymbol: string): Promise<DocumentSummary> {
    const found = await this.findDocuments(keyOrSymbol);
    const exact = found.find((d) => d.key === keyOrSymbol.trim().replace(/^doc:/, ''));
    if (exact) return exact;
    if (found.length === 0) throw new NotFoundError(`no document with key or symbol "${keyOrSymbol}"`);
    const ingested = found.filter((d) => !d.stub);
    if (found.length === 1 || ingested.length === 1) return (ingested[0] ?? found[0])!;
    throw new InvalidArgumentError(
      `symbol "${keyOrSymbol}" names ${found.length} documents; use a key: ${found.map((d) => d.key).join(', ')}`,
    );
  }

  async citationChain(keyOrSymbol: string, options: ChainOptions = {}): Promise<CitationChain> {
    const direction = directionOf(options.direction, 'out');
    const depth = intInRange('depth', options.depth, 1, 1, MAX_CHAIN_DEPTH);
    const limit = intInRange('limit', options.limit, 500, 1, MAX_RESULT_LIMIT);
    const root = docId((await this.resolveDocument(keyOrSymbol)).key);

    const level = new Map<string, number>([[root, 0]]);
    const paths = new Map<string, ChainPath>([[root, { nodes: [root], edges: [] }]]);
    const walked: CitesEdge[] = [];
    let frontier = [root];
    let truncated = false;
    for (let d = 1; d <= depth && frontier.length > 0 && !truncated; d++) {
      const inFrontier = new Set(frontier);
      const edges = (await this.backend.edges(frontier, direction, ['CITES'])) as CitesEdge[];
      walked.push(...edges);
      // For each newly reached document, the step from the smallest frontier id (then smallest edge id).
      const reach = new Map<string, { from: string; edge: string }>();
      for (const e of edges) {
        const ends: [string, string][] = [];
        if (direction !== 'in' && inFrontier.has(e.source)) ends.push([e.source, e.target]);
        if (direction !== 'out' && inFrontier.has(e.target)) ends.push([e.target, e.source]);
        for (const [from, to] of ends) {
          if (level.has(to)) continue;
          const best = reach.get(to);
          if (!best || from < best.from || (from === best.from && e.id < best.edge))
            reach.set(to, { from, edge: e.id });
        }
      }
      const reached = [...reach.keys()].sort(compareStrings);
      const room = limit - (level.size - 1);
      if (reached.length > room) truncated = true;
      frontier = reached.slice(0, Math.max(room, 0));
      for (const id of frontier) {
        const step = reach.get(id)!;
        const parent = paths.get(step.from)!;
        level.set(id, d);
        paths.set(id, { nodes: [...parent.nodes, id], edges: [...parent.edges, step.edge] });
      }
    }

    const nodes = (await this.backend.nodes([...level.keys()])) as DocumentNode[];
    const order = (a: string, b: string) => level.get(a)! - level.get(b)! || compareStrings(a, b);
    const edges = [...new Map(walked.map((e) => [e.id, e])).values()]
      .filter((e) => level.has(e.source) && level.has(e.target))
      .sort((a, b) => compareStrings(a.id, b.id));
    return {
      root,
      direction,
      depth,
      nodes: nodes.sort((a, b) => order(a.id, b.id)).map((node) => ({ node, depth: level.get(node.id)! })),
      edges,
      paths: [...paths.keys()]
        .filter((id) => id !== root)
        .sort(order)
        .map((id) => paths.get(id)!),
      truncated,
    };
  }

  async neighborhood(nodeIdArg: string, options: NeighborhoodOptions = {}): Promise<Subgraph> {
    const depth = intInRange('depth', options.depth, 1, 1, MAX_NEIGHBORHOOD_DEPTH);
    const limit = intInRange('limit', options.limit, 100, 1, MAX_RESULT_LIMIT);
    const direction = directionOf(options.direction, 'both');
    if (!parseNodeId(nodeIdArg)) {
      throw new InvalidArgumentError(
        `node id "${nodeIdArg}" must start with one of doc:, agency:, agency-type:, category:, province:, person:, duty:`,
      );
    }
    const [root] = await this.backend.nodes([nodeIdArg]);
    if (!root) throw new NotFoundError(`no node "${nodeIdArg}"`);

    const seen = new Set([root.id]);
    const fetched = new Map<string, GraphEdge>();
    let frontier = [root.id];
    let truncated = false;
    // Edges come in id order; a bounded read keeps hub nodes (a province, a national law) cheap. The
    // direction is part of that read, so a node with many citers still shows what it cites, and back.
    const cap = limit * 4 + 16;
    for (let d = 1; d <= depth && frontier.length > 0 && !truncated; d++) {
      const edges = await this.backend.edges(frontier, direction, undefined, cap);
      if (edges.length >= cap) truncated = true;
      const next: string[] = [];
      for (const e of edges) {
        fetched.set(e.id, e);
        for (const other of [e.source, e.target]) {
          if (seen.has(other)) continue;
          if (seen.size >= limit) {
            truncated = true;
            continue;
          }
          seen.add(other);
          next.push(other);
        }
      }
      frontier = next;
    }
    const nodes = (await this.backend.nodes([...seen])).sort((a, b) => compareStrings(a.id, b.id));
    const edges = [...fetched.values()]
      .filter((e) => seen.has(e.source) && seen.has(e.target))
      .sort((a, b) => compareStrings(a.id, b.id));
    return { root: root.id, direction, depth, nodes, edges, truncated };
  }

  async agencyProfile(agencyArg: string, options: { limit?: number } = {}): Promise<AgencyProfile> {
    const limit = intInRange('limit', options.limit, 50, 1, MAX_RESULT_LIMIT);
    const id = agencyArg.startsWith('agency:') ? agencyArg : nodeId('Agency', agencyArg);
    const [agency] = await this.backend.nodes([id]);
    if (!agency || agency.label !== 'Agency') throw new NotFoundError(`no agency "${agencyArg}"`);

    const assignments = await this.backend.edges([id], 'in', ['ASSIGNED_TO']);
    const roles = emptyRoles();
    const dutyRoles = new Map<string, Role[]>();
    const dutiesByDoc = new Map<string, string[]>();
    for (const e of assignments) {
      if (e.type !== 'ASSIGNED_TO') continue;
      roles[e.properties.role] += 1;
      const seenDuty = dutyRoles.get(e.source);
      if (seenDuty) {
        seenDuty.push(e.properties.role);
        continue;
      }
      dutyRoles.set(e.source, [e.properties.role]);
      const doc = docId(e.properties.document ?? '');
      dutiesByDoc.set(doc, [...(dutiesByDoc.get(doc) ?? []), e.source]);
    }
    const docs = ((await this.backend.nodes([...dutiesByDoc.keys()])) as DocumentNode[]).sort(
      (a, b) =>
        compareStrings(b.properties.issuedAt ?? '', a.properties.issuedAt ?? '') ||
        compareStrings(a.id, b.id),
    );
    const categoryDuties = new Map<string, number>();
    for (const e of await this.backend.edges([...dutyRoles.keys()], 'out', ['CONCERNS'])) {
      const category = e.target.slice('category:'.length);
      categoryDuties.set(category, (categoryDuties.get(category) ?? 0) + 1);
    }
    const provinces = new Map<string, number>();
    for (const d of docs) {
      if (d.properties.province)
        provinces.set(d.properties.province, (provinces.get(d.properties.province) ?? 0) + 1);
    }
    const shown = docs.slice(0, limit);
    const dutyNodes = new Map(
      (await this.backend.nodes(shown.flatMap((d) => dutiesByDoc.get(d.id) ?? []))).map((n) => [n.id, n]),
    );
    const profileDuty = (dutyId: string): ProfileDuty => {
      const n = dutyNodes.get(dutyId);
      if (!n || n.label !== 'Duty') throw new Error(`duty ${dutyId} vanished while reading`);
      const p = n.properties;
      return {
        id: n.id,
        path: p.path,
        heading: p.heading,
        text: p.text,
        deadline: p.deadline,
        roles: [...new Set(dutyRoles.get(dutyId))].sort(),
        categories: p.categories,
      };
    };
    const tally = (m: Map<string, number>) =>
      [...m.entries()].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]));
    return {
      agency: agency,
      documents: shown.map((d) => ({
        document: summary(d),
        duties: [...(dutiesByDoc.get(d.id) ?? [])].sort(compareStrings).map(profileDuty),
      })),
      roles,
      categories: tally(categoryDuties).map(([category, duties]) => ({ category, duties })),
      provinces: tally(provinces).map(([province, documents]) => ({ province, documents })),
      dutyCount: dutyRoles.size,
      documentCount: docs.length,
      truncated: docs.length > shown.length,
    };
  }

  async categoryAgencies(categoryArg: string, options: { limit?: number } = {}): Promise<CategoryAgencies> {
    const limit = intInRange('limit', options.limit, 100, 1, MAX_RESULT_LIMIT);
    const key = categoryArg.replace(/^category:/, '');
    const [category] = await this.backend.nodes([nodeId('CrimeCategory', key)]);
    if (!category) throw new NotFoundError(`no crime category "${categoryArg}" in the graph`);
    const { assignments, duties, documents } = await this.backend.categoryAssignments(key);
    const ranked = [...assignments].sort((a, b) => b.duties - a.duties || compareStrings(a.agency, b.agency));
    const shown = ranked.slice(0, limit);
    const agencies = new Map((await this.backend.nodes(shown.map((a) => a.agency))).map((n) => [n.id, n]));
    return {
      category: key,
      dutyCount: duties,
      documentCount: documents,
      agencies: shown.map((a) => {
        const n = agencies.get(a.agency);
        if (!n || n.label !== 'Agency') throw new Error(`agency ${a.agency} vanished while reading`);
        return {
          agency: {
            id: n.id,
            key: n.properties.key,
            name: n.properties.name,
            typeId: n.properties.typeId,
            province: n.properties.province,
          },
          duties: a.duties,
          documents: a.documents,
          roles: { ...emptyRoles(), ...a.roles },
        };
      }),
      truncated: ranked.length > shown.length,
    };
  }

  async stats(): Promise<CorpusStats> {
    const [base, counts] = await Promise.all([this.backend.stats(), this.counts()]);
    const cited = new Map((await this.backend.nodes(base.mostCited.map((m) => m.id))).map((n) => [n.id, n]));
    return {
      ...base,
      mostCited: base.mostCited.map((m) => ({
        document: summary(cited.get(m.id) as DocumentNode),
        citedBy: m.citedBy,
      })),
      counts,
    };
  }

  async counts(): Promise<Counts> {
    const raw = await this.backend.counts();
    return {
      nodes: Object.fromEntries(NODE_LABELS.map((l) => [l, raw.nodes[l] ?? 0])) as Counts['nodes'],
      edges: Object.fromEntries(EDGE_TYPES.map((t) => [t, raw.edges[t] ?? 0])) as Counts['edges'],
    };
  }

  async listDocuments(options: ListDocumentsOptions = {}): Promise<DocumentPage> {
    const limit = intInRange('limit', options.limit, 50, 1, 500);
    if (options.year !== undefined) intInRange('year', options.year, 0, 1000, 9999);
    const q = options.q?.trim() ? fold(options.q.trim()) : undefined;
    const filter = { province: options.province, type: options.type, year: options.year, q };
    const status = options.status;
    if (status === undefined)
      return page(await this.backend.listDocuments(filter, limit + 1, decodeCursor(options.cursor)), limit);
    if (!LifecycleStatus.safeParse(status).success)
      throw new InvalidArgumentError(
        `status must be one of ${LifecycleStatus.options.join(', ')}, got "${status}"`,
      );
    // Status is derived, so the filter reads pages of the plain list until enough documents match.
    const today = checkToday(options.today);
    const reader = new LifecycleReader(this.backend);
    const rows: DocumentSummary[] = [];
    let after = decodeCursor(options.cursor);
    for (;;) {
      const batch = await this.backend.listDocuments(filter, Math.max(limit + 1, 100), after);
      const statuses = await reader.lifecycles(
        batch.map((d) => d.key),
        today,
      );
      rows.push(...batch.filter((d) => statuses.get(d.key)?.status === status));
      if (rows.length > limit || batch.length < Math.max(limit + 1, 100)) break;
      after = batch[batch.length - 1]!.key;
    }
    return page(rows, limit);
  }

  async lineage(keyOrSymbol: string, options: LifecycleOptions = {}): Promise<Lineage> {
    const today = checkToday(options.today);
    const { key } = await this.resolveDocument(keyOrSymbol);
    return new LifecycleReader(this.backend).lineage(key, today);
  }

  async documentPath(
    fromKeyOrSymbol: string,
    toKeyOrSymbol: string,
    options: { maxSteps?: number } = {},
  ): Promise<DocumentPath> {
    const maxSteps = intInRange('maxSteps', options.maxSteps, 8, 1, 12);
    const from = await this.resolveDocument(fromKeyOrSymbol);
    const to = await this.resolveDocument(toKeyOrSymbol);
    const found = await shortestCitationPath(this.backend, docId(from.key), docId(to.key), maxSteps);
    if (!found) return { from, to, documents: [], steps: [], found: false };
    const nodes = new Map(
      ((await this.backend.nodes(found.nodes)) as DocumentNode[]).map((n) => [n.id, summary(n)]),
    );
    return {
      from,
      to,
      documents: found.nodes.map((id) => nodes.get(id)!),
      steps: found.edges.map((e, i) => ({
        forward: e.source === found.nodes[i],
        kind: BASELINE[e.properties.relation],
        context: e.properties.context,
      })),
      found: true,
    };
  }

  async lifecycles(keys: string[], options: LifecycleOptions = {}): Promise<Map<string, Lifecycle>> {
    const today = checkToday(options.today);
    return new LifecycleReader(this.backend).lifecycles(keys, today);
  }

  async listAgencies(options: ListAgenciesOptions = {}): Promise<AgencyPage> {
    const limit = intInRange('limit', options.limit, 50, 1, 500);
    const q = options.q?.trim() ? fold(options.q.trim()) : undefined;
    const rows = await this.backend.listAgencies(
      { province: options.province, typeId: options.typeId, q },
      limit + 1,
      decodeCursor(options.cursor),
    );
    return page(rows, limit);
  }

  async listCategories(options: ListCategoriesOptions = {}): Promise<CategoryPage> {
    const limit = intInRange('limit', options.limit, 100, 1, 500);
    return page(await this.backend.listCategories(limit + 1, decodeCursor(options.cursor)), limit);
  }

  async importFrom(source: GraphStore, onProgress?: (done: number, total: number) => void): Promise<void> {
    const counts = await source.counts();
    const total = [...Object.values(counts.nodes), ...Object.values(counts.edges)].reduce((a, b) => a + b, 0);
    let done = 0;
    const inBatches = async <T>(
      items: AsyncIterable<T>,
      size: number,
      put: (tx: WriteTx, batch: T[]) => Promise<void>,
    ) => {
      let batch: T[] = [];
      const flush = async () => {
        const current = batch;
        batch = [];
        if (current.length > 0) await this.backend.write((tx) => put(tx, current));
      };
      for await (const item of items) {
        batch.push(item);
        if (batch.length >= size) await flush();
      }
      await flush();
    };
    // Nodes before edges (an edge needs both ends), then the bodies of ingested documents.
    await inBatches(source.allNodes(), 2000, async (tx, nodes) => {
      await tx.putNodes(nodes);
      onProgress?.((done += nodes.length), total);
    });
    await inBatches(source.allEdges(), 2000, async (tx, edges) => {
      await tx.putEdges(edges);
      onProgress?.((done += edges.length), total);
    });
    await inBatches(source.allDocuments(), 200, async (tx, docs) => {
      for (const doc of docs) await tx.putNodes([], { key: doc.id, json: JSON.stringify(doc) });
    });
  }

  allNodes(): AsyncIterable<GraphNode> {
    return this.backend.allNodes();
  }

  allEdges(): AsyncIterable<GraphEdge> {
    return this.backend.allEdges();
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}

/** The day a status is computed for: YYYY-MM-DD, a real date; today (UTC) when absent. */
function checkToday(today: string | undefined): string {
  if (today === undefined) return todayIso();
  const [y, m, d] = today.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN));
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(today) ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== today
  )
    throw new InvalidArgumentError(`today must be a date YYYY-MM-DD, got "${today}"`);
  return today;
}

function page<T extends { key: string }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!.key) : null };
}
