/**
 * Coverage of one document across provinces: which provinces' documents carry it out (directly, or through a
 * chain of implementing documents such as a ministry's plan), which only cite it, and which have none — on
 * today's 34 provinces, a merged province's documents counted for its successor. Built on the GraphStore port
 * alone, so both stores answer alike.
 */
import { z } from 'zod';
import { CitationRelation, PartialDate, Role } from '../ingest/schema.js';
import { allProvinces, provinceBySlug, successorOf } from '../ingest/taxonomy/provinces.js';
import { LifecycleStatus } from './lifecycle-schema.js';
import type { GraphStore } from './port.js';
import { DocumentSummary, type CitesEdge, type DocumentNode } from './schema.js';

/** Relations by which a document carries another out: "Thực hiện / Triển khai …" and, directly, "Căn cứ …". */
export const IMPLEMENTING_RELATIONS: readonly CitationRelation[] = ['implements', 'basis'];
/** How far an implementing chain is followed (document → ministry plan → provincial plan → district plan). */
export const COVERAGE_DEPTH = 3;

export const CoverageLevel = z.enum(['implemented', 'cited', 'none']);
export type CoverageLevel = z.infer<typeof CoverageLevel>;

export const LeadAgency = z.object({ id: z.string(), name: z.string(), mention: z.string() });

export const CoverageDocument = z.object({
  id: z.string(),
  key: z.string(),
  symbol: z.string().nullable(),
  type: z.string().nullable(),
  title: z.string().nullable(),
  issuedAt: PartialDate.nullable(),
  /** The province that issued it, as it was then (a merged province keeps its old slug and name). */
  province: z.string().nullable(),
  provinceName: z.string().nullable(),
  /** True when the issuing province has since been merged into the one it is counted for. */
  formerProvince: z.boolean(),
  level: CoverageLevel.exclude(['none']),
  /** The relations of its own citations of the document (empty when it implements it only through `via`). */
  relations: z.array(CitationRelation),
  /** The documents between it and the covered one on the implementing chain (empty when direct). */
  via: z.array(z.object({ key: z.string(), symbol: z.string().nullable() })),
  leadAgencies: z.array(LeadAgency),
  /** Its derived lifecycle status today (in force, expired, replaced, amended, unknown). */
  status: LifecycleStatus,
  /** Days from the covered document's date to this one's; null unless both dates are full. */
  lagDays: z.number().int().nullable(),
  /** Months between the two dates at month precision; null unless both have a month. */
  lagMonths: z.number().int().nullable(),
});
export type CoverageDocument = z.infer<typeof CoverageDocument>;

export const ProvinceCoverage = z.object({
  slug: z.string(),
  name: z.string(),
  nameEn: z.string(),
  level: CoverageLevel,
  /** Former provinces (merged into this one in 2025) whose documents are counted here. */
  formerNames: z.array(z.string()),
  documents: z.array(CoverageDocument),
});
export type ProvinceCoverage = z.infer<typeof ProvinceCoverage>;

export const Coverage = z.object({
  document: DocumentSummary,
  provinces: z.array(ProvinceCoverage),
  /** Implementing or citing documents without a province (ministries, national bodies). */
  national: z.array(CoverageDocument),
  totals: z.object({
    provinces: z.number().int(),
    implemented: z.number().int(),
    cited: z.number().int(),
    none: z.number().int(),
    documents: z.number().int(),
  }),
  /** Set when no province's document covers it: why the map is empty. */
  explanation: z.string().nullable(),
});
export type Coverage = z.infer<typeof Coverage>;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function dayNumber(date: string): number | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) / 86_400_000 : null;
}

function monthNumber(date: string): number | null {
  const m = /^(\d{4})-(\d{2})/.exec(date);
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : null;
}

export function lag(
  from: string | null,
  to: string | null,
): { lagDays: number | null; lagMonths: number | null } {
  if (!from || !to) return { lagDays: null, lagMonths: null };
  const [d0, d1, m0, m1] = [dayNumber(from), dayNumber(to), monthNumber(from), monthNumber(to)];
  return {
    lagDays: d0 !== null && d1 !== null ? Math.round(d1 - d0) : null,
    lagMonths: m0 !== null && m1 !== null ? m1 - m0 : null,
  };
}

interface Link {
  relations: Set<CitationRelation>;
  /** Parent on the implementing chain towards the root (null: implements it directly, or does not). */
  implementsVia: string[] | null;
}

/**
 * For every document within COVERAGE_DEPTH citing steps of the root: its own relations to the root and,
 * when it carries the root out through a chain of implementing citations, the documents in between.
 */
function linksToRoot(root: string, edges: readonly CitesEdge[]): Map<string, Link> {
  const links = new Map<string, Link>();
  const link = (id: string): Link => {
    let l = links.get(id);
    if (!l) links.set(id, (l = { relations: new Set(), implementsVia: null }));
    return l;
  };
  // Chains follow "Thực hiện / Triển khai" only: "Căn cứ" counts for a plan built on the document itself, but
  // does not carry further, or every plan would "implement" its programme's legal bases.
  const implementersOf = new Map<string, string[]>();
  const builtOn: string[] = [];
  for (const e of edges) {
    if (e.source === e.target) continue;
    const relation = e.properties.relation;
    if (e.target === root) {
      link(e.source).relations.add(relation);
      if (IMPLEMENTING_RELATIONS.includes(relation)) builtOn.push(e.source);
    }
    if (relation === 'implements')
      implementersOf.set(e.target, [...(implementersOf.get(e.target) ?? []), e.source]);
  }
  // Breadth first from the root: the shortest chain wins; ids sorted for stable ties.
  const via = new Map<string, string[]>([[root, []]]);
  let frontier = [root];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const target of frontier) {
      for (const source of [...new Set(implementersOf.get(target) ?? [])].sort(compare)) {
        if (via.has(source)) continue;
        via.set(source, target === root ? [] : [...via.get(target)!, target]);
        next.push(source);
      }
    }
    frontier = next;
  }
  for (const id of builtOn) if (!via.has(id)) via.set(id, []);
  for (const [id, path] of via) if (id !== root) link(id).implementsVia = path;
  return links;
}

/** Coverage of a document (ingested or cited only) by key or symbol; throws NotFoundError. */
export async function documentCoverage(store: GraphStore, keyOrSymbol: string): Promise<Coverage> {
  const chain = await store.citationChain(keyOrSymbol, {
    direction: 'in',
    depth: COVERAGE_DEPTH,
    limit: 5000,
  });
  const nodes = new Map(chain.nodes.map(({ node }) => [node.id, node]));
  const root = nodes.get(chain.root)!;
  const links = linksToRoot(chain.root, chain.edges);

  const covering: { node: DocumentNode; doc: CoverageDocument }[] = [];
  for (const [id, l] of [...links].sort((a, b) => compare(a[0], b[0]))) {
    const node = nodes.get(id);
    if (!node || node.properties.stub) continue;
    const level = l.implementsVia !== null ? 'implemented' : l.relations.size > 0 ? 'cited' : null;
    if (!level) continue;
    const p = node.properties;
    const current = p.province ? successorOf(p.province) : null;
    covering.push({
      node,
      doc: {
        id,
        key: p.key,
        symbol: p.symbol,
        type: p.type,
        title: p.title,
        issuedAt: p.issuedAt,
        province: p.province,
        provinceName: p.provinceName,
        formerProvince: current !== null && current !== p.province,
        level,
        relations: [...l.relations].sort(),
        via: (l.implementsVia ?? []).map((v) => ({
          key: nodes.get(v)?.properties.key ?? v.replace(/^doc:/, ''),
          symbol: nodes.get(v)?.properties.symbol ?? null,
        })),
        leadAgencies: await leadAgencies(store, p.key),
        status: 'unknown',
        ...lag(root.properties.issuedAt, p.issuedAt),
      },
    });
  }

  const statuses = await store.lifecycles(covering.map((c) => c.doc.key));
  for (const { doc } of covering) doc.status = statuses.get(doc.key)?.status ?? 'unknown';

  const byProvince = new Map<string, CoverageDocument[]>();
  const national: CoverageDocument[] = [];
  for (const { doc } of covering) {
    const current = doc.province ? successorOf(doc.province) : null;
    if (current) byProvince.set(current, [...(byProvince.get(current) ?? []), doc]);
    else national.push(doc);
  }
  const byDate = (a: CoverageDocument, b: CoverageDocument) =>
    compare(a.issuedAt ?? '9999', b.issuedAt ?? '9999') || compare(a.key, b.key);
  const provinces = allProvinces()
    .filter((p) => p.current)
    .map((p): ProvinceCoverage => {
      const documents = (byProvince.get(p.slug) ?? []).sort(byDate);
      const level = documents.some((d) => d.level === 'implemented')
        ? 'implemented'
        : documents.length > 0
          ? 'cited'
          : 'none';
      const formerNames = [
        ...new Set(
          documents
            .filter((d) => d.formerProvince && d.province)
            .map((d) => provinceBySlug(d.province!)?.name ?? d.provinceName ?? d.province!),
        ),
      ].sort(compare);
      return { slug: p.slug, name: p.name, nameEn: p.nameEn, level, formerNames, documents };
    });
  const count = (level: CoverageLevel) => provinces.filter((p) => p.level === level).length;
  const label = root.properties.symbol ?? root.properties.title ?? root.properties.key;
  return {
    document: { id: root.id, ...root.properties },
    provinces,
    national: national.sort(byDate),
    totals: {
      provinces: provinces.length,
      implemented: count('implemented'),
      cited: count('cited'),
      none: count('none'),
      documents: covering.length,
    },
    explanation:
      byProvince.size === 0
        ? `No provincial document in this library cites ${label}${national.length > 0 ? ` (${national.length} national document(s) do)` : ''}.`
        : null,
  };
}

const LEAD_ROLES: readonly Role[] = ['lead'];

/** The agencies a document puts in charge (chủ trì), in order of first appearance. */
async function leadAgencies(store: GraphStore, key: string): Promise<z.infer<typeof LeadAgency>[]> {
  const doc = await store.getDocument(key);
  const seen = new Map<string, z.infer<typeof LeadAgency>>();
  for (const duty of doc?.duties ?? []) {
    for (const a of duty.agencies) {
      if (LEAD_ROLES.includes(a.role) && !seen.has(a.id))
        seen.set(a.id, { id: a.id, name: a.name, mention: a.mention });
    }
  }
  return [...seen.values()];
}
