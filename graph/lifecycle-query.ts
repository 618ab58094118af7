/**
 * Lifecycle over what a store holds: gathers, with a backend's primitives, the documents around the ones
 * asked about (their citers, and the citers' citers along replaces/repeals so that a cycle is seen),
 * and runs the pure derivation of graph/lifecycle.ts on them. Nothing is stored: the status follows
 * the documents held and the day asked about, on both stores alike.
 */
import type { ExtractedDocument } from '../ingest/schema.js';
import { type DocumentFacts, effectiveOf, periodOf, relationsOf, statusOf } from './lifecycle.js';
import {
  type Lifecycle,
  type LifecycleRelation,
  type Lineage,
  RELATION_KINDS,
  type RelatedDocument,
} from './lifecycle-schema.js';
import { docId } from './model.js';
import type { GraphBackend } from './port.js';
import type { DocumentNode, DocumentSummary } from './schema.js';

/** How far a replaces/repeals chain is followed looking for a cycle (documents, not steps). */
const MAX_CHAIN_DOCUMENTS = 200;

const keyOf = (id: string) => id.replace(/^doc:/, '');

/** Today as YYYY-MM-DD in UTC. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/** One request's view of the store: every document and relation is read at most once. */
export class LifecycleReader {
  private readonly nodes = new Map<string, DocumentNode | null>();
  private readonly bodies = new Map<string, ExtractedDocument | null>();
  private readonly stated = new Map<string, LifecycleRelation[]>();
  private readonly expanded = new Set<string>();

  constructor(private readonly backend: Pick<GraphBackend, 'nodes' | 'edges' | 'documentJson'>) {}

  private async loadNodes(keys: string[]): Promise<void> {
    const missing = [...new Set(keys)].filter((k) => !this.nodes.has(k));
    if (missing.length === 0) return;
    const found = (await this.backend.nodes(missing.map(docId))) as DocumentNode[];
    for (const k of missing) this.nodes.set(k, null);
    for (const n of found) if (n.label === 'Document') this.nodes.set(n.properties.key, n);
    await Promise.all(
      missing.map(async (k) => {
        const node = this.nodes.get(k);
        const json = node && !node.properties.stub ? await this.backend.documentJson(k) : null;
        const body = json === null ? null : (JSON.parse(json) as ExtractedDocument);
        this.bodies.set(k, body);
        this.stated.set(k, body ? relationsOf(body) : []);
      }),
    );
  }

  /** Loads the documents citing `keys`, then follows replaces/repeals from them, once per document. */
  private async expand(keys: string[]): Promise<void> {
    let frontier = [...new Set(keys)].filter((k) => !this.expanded.has(k));
    while (frontier.length > 0 && this.expanded.size < MAX_CHAIN_DOCUMENTS) {
      for (const k of frontier) this.expanded.add(k);
      await this.loadNodes(frontier);
      const citers = await this.backend.edges(frontier.map(docId), 'in', ['CITES']);
      const sources = [...new Set(citers.map((e) => keyOf(e.source)))];
      await this.loadNodes(sources);
      const wanted = new Set(frontier);
      // A document that replaces one of these may itself be replaced, possibly by where we started.
      frontier = sources.filter(
        (s) =>
          !this.expanded.has(s) &&
          (this.stated.get(s) ?? []).some(
            (r) => wanted.has(r.target) && (r.kind === 'replaces' || r.kind === 'repeals'),
          ),
      );
    }
  }

  private facts(key: string): DocumentFacts | undefined {
    const node = this.nodes.get(key);
    if (!node) return undefined;
    const p = node.properties;
    const body = this.bodies.get(key) ?? null;
    return {
      key,
      symbol: p.symbol,
      stub: p.stub,
      issuedAt: p.issuedAt,
      effective: body ? effectiveOf(body) : null,
      period: periodOf(p.title, p.type),
    };
  }

  private relations(): LifecycleRelation[] {
    return [...this.stated.values()].flat();
  }

  private statusFor(key: string, today: string, relations: LifecycleRelation[]): Lifecycle {
    return statusOf(key, { facts: (k) => this.facts(k), relations }, today);
  }

  /** Status of each key (unknown keys get "unknown"). */
  async lifecycles(keys: string[], today: string): Promise<Map<string, Lifecycle>> {
    await this.expand(keys);
    const relations = this.relations();
    return new Map(keys.map((k) => [k, this.statusFor(k, today, relations)]));
  }

  /** The document's status and every document related to it, with their statuses. */
  async lineage(key: string, today: string): Promise<Lineage> {
    await this.expand([key]);
    const out = this.stated.get(key) ?? [];
    const incoming = this.relations().filter((r) => r.target === key && r.source !== key);
    await this.expand([...out.map((r) => r.target), ...incoming.map((r) => r.source)]);
    const relations = this.relations();
    const summary = (k: string): DocumentSummary | null => {
      const n = this.nodes.get(k);
      return n ? { id: n.id, ...n.properties } : null;
    };
    const related: RelatedDocument[] = [];
    const add = (r: LifecycleRelation, direction: 'out' | 'in', other: string) => {
      const document = summary(other);
      if (!document || other === key) return;
      const status = this.statusFor(other, today, relations).status;
      related.push({ kind: r.kind, direction, document, status, sentence: r.sentence, location: r.location });
    };
    for (const r of out) add(r, 'out', r.target);
    for (const r of incoming) add(r, 'in', r.source);
    const rank = (k: RelatedDocument['kind']) => RELATION_KINDS.indexOf(k);
    related.sort(
      (a, b) =>
        rank(a.kind) - rank(b.kind) ||
        a.direction.localeCompare(b.direction) ||
        (b.document.issuedAt ?? '').localeCompare(a.document.issuedAt ?? '') ||
        a.document.key.localeCompare(b.document.key),
    );
    return { document: summary(key)!, lifecycle: this.statusFor(key, today, relations), related };
  }
}
