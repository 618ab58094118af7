/**
 * Cross-document resolution (the resolver step of the pipeline): ties short references to known
 * documents, merges repeated mentions, and builds the agency registry and the cited-document stubs.
 *
 * - "Chỉ thị số 13-CT/TU" without a date → the one dated 13-CT/TU of the same scope, if there is one.
 * - "Chiến lược quốc gia phòng, chống tội phạm giai đoạn 2016 - 2025" → the document whose title names
 *   it (623/QĐ-TTg "phê duyệt Chiến lược …"), if exactly one does; otherwise unresolved with candidates.
 */
import type { Agency, Bundle, Citation, CitedDocument, ExtractedDocument, FileError } from './schema.js';
import type { ExtractionResult } from './extract/document.js';
import { normalizeName, type RawCitation } from './extract/citations.js';

interface Known extends CitedDocument {
  /** Normalized title/subject, for name matching. */
  normalizedTitle: string | null;
}

/** Adds a document to the registry, filling the gaps of an entry for the same key. */
function register(docs: Map<string, Known>, doc: CitedDocument): void {
  const prev = docs.get(doc.key);
  const merged: CitedDocument = prev
    ? {
        key: doc.key,
        symbol: prev.symbol ?? doc.symbol,
        type: prev.type ?? doc.type,
        issuedAt: prev.issuedAt ?? doc.issuedAt,
        issuer: prev.issuer ?? doc.issuer,
        title: prev.title ?? doc.title,
      }
    : doc;
  docs.set(doc.key, { ...merged, normalizedTitle: merged.title ? normalizeName(merged.title) : null });
}

interface Index {
  docs: Map<string, Known>;
  /** Dated keys by their yearless form ("lang-son:13-ct-tu" → ["lang-son:13-ct-tu:2022"]). */
  byYearless: Map<string, string[]>;
  /**
   * Name lookups repeat across documents (every plan cites the same strategy): computed once each. The list is
   * shared by every citation it does not contain (many plans can name one strategy in their titles: a copy per
   * citation would grow with documents × plans).
   */
  byName: Map<string, { keys: string[]; has: Set<string> }>;
}

function index(docs: Map<string, Known>): Index {
  const byYearless = new Map<string, string[]>();
  for (const key of docs.keys()) {
    const m = /^(.*):\d{4}$/.exec(key);
    if (!m) continue;
    const list = byYearless.get(m[1]!);
    if (list) list.push(key);
    else byYearless.set(m[1]!, [key]);
  }
  return { docs, byYearless, byName: new Map() };
}

/** Known documents a short reference may mean. */
function candidatesFor(c: RawCitation, idx: Index, local: Set<string>): string[] {
  if (c.symbol) {
    const all = idx.byYearless.get(c.key) ?? [];
    const inDoc = all.filter((k) => local.has(k));
    return inDoc.length ? inDoc : all;
  }
  if (!c.name) return [];
  let found = idx.byName.get(c.name);
  if (!found) {
    const keys = candidatesByName(c.name, idx.docs);
    found = { keys, has: new Set(keys) };
    idx.byName.set(c.name, found);
  }
  return found.has.has(c.key) ? found.keys.filter((k) => k !== c.key) : found.keys;
}

function candidatesByName(fullName: string, docs: Map<string, Known>): string[] {
  const name = fullName.replace(
    /^(?:chien luoc|chuong trinh|de an|du an|ke hoach|quy che|cong uoc|luat|bo luat|phap lenh) /,
    '',
  );
  if (name.length < 12) return [];
  const mentioning = [...docs.values()].filter((d) => d.symbol && d.normalizedTitle?.includes(name));
  // Many plans mention a strategy in their titles; the one that approves or issues it *is* it.
  const defining = mentioning.filter((d) =>
    new RegExp(`^(?:ve (?:viec )?)?(?:phe duyet|ban hanh) ${escape(fullName)}`).test(d.normalizedTitle!),
  );
  return (defining.length ? defining : mentioning).map((d) => d.key);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function resolveCitation(c: RawCitation, idx: Index, local: Set<string>): Citation {
  const { name: _name, ...citation } = c;
  // Dated references are identified already: by symbol and date, or (laws) by name and date.
  if (c.resolved) return citation;
  const candidates = candidatesFor(c, idx, local);
  if (candidates.length === 1) {
    const target = idx.docs.get(candidates[0]!)!;
    return {
      ...citation,
      key: target.key,
      symbol: target.symbol ?? citation.symbol,
      type: citation.symbol ? citation.type : (target.type ?? citation.type),
      issuedAt: target.issuedAt ?? citation.issuedAt,
      issuer: citation.issuer ?? target.issuer,
      title: citation.title ?? target.title,
      resolved: true,
      candidates: [],
    };
  }
  // A named law or strategy with its year is identified by name; otherwise keep the candidates.
  return { ...citation, resolved: citation.resolved && candidates.length === 0, candidates };
}

/** Keeps the first mention of each cited document and fills its gaps from later ones. */
function dedupe(citations: Citation[]): Citation[] {
  const byKey = new Map<string, Citation>();
  for (const c of citations) {
    const prev = byKey.get(c.key);
    if (!prev) byKey.set(c.key, c);
    else {
      byKey.set(c.key, {
        ...prev,
        symbol: prev.symbol ?? c.symbol,
        issuedAt: prev.issuedAt ?? c.issuedAt,
        issuer: prev.issuer ?? c.issuer,
        title: prev.title ?? c.title,
        resolved: prev.resolved || c.resolved,
      });
    }
  }
  return [...byKey.values()];
}

/**
 * The resolver over documents added one at a time (a large ingest does not hold every extraction result until
 * the end): per document it keeps the document without its unresolved citations, the raw citations, and merges
 * the agencies it names at once. Registry order is that of resolveBundle(): known documents, then the added
 * documents, then the dated citations; finish() once.
 */
export class BundleResolver {
  private readonly docs = new Map<string, Known>();
  private readonly added: { document: ExtractedDocument; citations: RawCitation[] }[] = [];
  private readonly agencies = new Map<string, Agency>();

  constructor(known: CitedDocument[] = []) {
    for (const doc of known) register(this.docs, doc);
  }

  add({ document, citations, agencies }: ExtractionResult): void {
    register(this.docs, {
      key: document.id,
      symbol: document.symbol,
      type: document.type,
      issuedAt: document.issuedAt,
      issuer: document.issuer,
      title: document.subject,
    });
    for (const agency of agencies) {
      const prev = this.agencies.get(agency.id);
      const aliases = [...new Set([...(prev?.aliases ?? []), ...agency.aliases])]
        .filter((a) => a !== agency.name)
        .sort();
      this.agencies.set(agency.id, { ...agency, aliases });
    }
    // The document's own citations are replaced by the resolved ones (same place among its fields).
    this.added.push({ document: { ...document, citations: [] }, citations });
  }

  finish(errors: FileError[] = []): Bundle {
    for (const { citations } of this.added) {
      for (const c of citations) if (c.resolved && c.symbol) register(this.docs, c);
    }
    const idx = index(this.docs);
    const documents: ExtractedDocument[] = this.added.map(({ document, citations }) => {
      const local = new Set(citations.filter((c) => c.resolved && c.symbol).map((c) => c.key));
      const citationsOut = dedupe(citations.map((c) => resolveCitation(c, idx, local))).filter(
        (c) => c.key !== document.id,
      );
      return { ...document, citations: citationsOut };
    });

    const cited = new Map<string, CitedDocument>();
    for (const d of documents) {
      for (const c of d.citations) {
        const prev = cited.get(c.key);
        cited.set(c.key, {
          key: c.key,
          symbol: prev?.symbol ?? c.symbol,
          type: prev?.type ?? c.type,
          issuedAt: prev?.issuedAt ?? c.issuedAt,
          issuer: prev?.issuer ?? c.issuer,
          title: prev?.title ?? c.title,
        });
      }
    }
    return { documents, agencies: [...this.agencies.values()], citedDocuments: [...cited.values()], errors };
  }
}

export function resolveBundle(
  results: ExtractionResult[],
  known: CitedDocument[] = [],
  errors: FileError[] = [],
): Bundle {
  const resolver = new BundleResolver(known);
  for (const result of results) resolver.add(result);
  return resolver.finish(errors);
}
