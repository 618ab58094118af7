/**
 * Shapes of everything the graph gives back. Both stores answer with exactly these shapes, and the API
 * reuses them for its responses, so every schema here is named and complete.
 */
import { z } from 'zod';
import { CitationRelation, PartialDate, Role } from '../ingest/schema.js';

export const NODE_LABELS = [
  'Document',
  'Agency',
  'AgencyType',
  'Duty',
  'CrimeCategory',
  'Province',
  'Person',
] as const;
export const NodeLabel = z.enum(NODE_LABELS);
export type NodeLabel = z.infer<typeof NodeLabel>;

export const EDGE_TYPES = [
  'CITES',
  'AMENDS',
  'HAS_DUTY',
  'ASSIGNED_TO',
  'CONCERNS',
  'ISSUED_BY',
  'ISSUED_IN',
  'ADDRESSED_TO',
  'SIGNED',
  'OF_TYPE',
  'IN_PROVINCE',
] as const;
export const EdgeType = z.enum(EDGE_TYPES);
export type EdgeType = z.infer<typeof EdgeType>;

/** Node id prefix per label: node ids are globally unique strings such as "doc:vn:623-qd-ttg:2016". */
export const ID_PREFIX: Record<NodeLabel, string> = {
  Document: 'doc',
  Agency: 'agency',
  AgencyType: 'agency-type',
  Duty: 'duty',
  CrimeCategory: 'category',
  Province: 'province',
  Person: 'person',
};

const nullableString = z.string().nullable();

export const DocumentProperties = z.object({
  key: z.string(),
  /** True for a document known only because others cite it. */
  stub: z.boolean(),
  symbol: nullableString,
  number: nullableString,
  type: nullableString,
  /** The subject of an ingested document, or the title a citation gives a stub. */
  title: nullableString,
  issuer: nullableString,
  issuerId: nullableString,
  issuedAt: PartialDate.nullable(),
  year: z.number().int().nullable(),
  province: nullableString,
  provinceName: nullableString,
  source: nullableString,
  format: nullableString,
  contentHash: nullableString,
  categories: z.array(z.string()),
  dutyCount: z.number().int(),
  citationCount: z.number().int(),
});
export type DocumentProperties = z.infer<typeof DocumentProperties>;

export const AgencyProperties = z.object({
  key: z.string(),
  name: z.string(),
  nameEn: nullableString,
  typeId: nullableString,
  province: nullableString,
  aliases: z.array(z.string()),
});
export const AgencyTypeProperties = z.object({ key: z.string() });
export const DutyProperties = z.object({
  key: z.string(),
  /** Key of the document the duty belongs to. */
  document: z.string(),
  path: z.string(),
  heading: nullableString,
  text: z.string(),
  deadline: PartialDate.nullable(),
  categories: z.array(z.string()),
  /** The target phrases as written ("giảm 5% …"). */
  targets: z.array(z.string()),
});
export const CrimeCategoryProperties = z.object({ key: z.string() });
export const ProvinceProperties = z.object({ key: z.string(), name: nullableString });
export const PersonProperties = z.object({ key: z.string(), name: z.string() });

export const NODE_PROPERTIES = {
  Document: DocumentProperties,
  Agency: AgencyProperties,
  AgencyType: AgencyTypeProperties,
  Duty: DutyProperties,
  CrimeCategory: CrimeCategoryProperties,
  Province: ProvinceProperties,
  Person: PersonProperties,
} as const satisfies Record<NodeLabel, z.ZodObject>;

const node = <L extends NodeLabel>(label: L) =>
  z.object({ id: z.string(), label: z.literal(label), properties: NODE_PROPERTIES[label] });

export const DocumentNode = node('Document');
export type DocumentNode = z.infer<typeof DocumentNode>;
export const GraphNode = z.discriminatedUnion('label', [
  DocumentNode,
  node('Agency'),
  node('AgencyType'),
  node('Duty'),
  node('CrimeCategory'),
  node('Province'),
  node('Person'),
]);
export type GraphNode = z.infer<typeof GraphNode>;

/** Provenance every document-derived fact carries; null on registry facts (an agency's type and province). */
const provenance = { document: nullableString, path: nullableString };

export const EDGE_PROPERTIES = {
  CITES: z.object({
    ...provenance,
    relation: CitationRelation,
    /** Where the citation stands as written: a section path or "footnote n". */
    context: nullableString,
    /** False when a short reference could not be tied to one document. */
    resolved: z.boolean(),
  }),
  AMENDS: z.object({ ...provenance, relation: z.enum(['amends', 'replaces']) }),
  HAS_DUTY: z.object(provenance),
  ASSIGNED_TO: z.object({ ...provenance, role: Role, mention: z.string() }),
  CONCERNS: z.object(provenance),
  ISSUED_BY: z.object(provenance),
  ISSUED_IN: z.object({ ...provenance, inferred: z.boolean() }),
  ADDRESSED_TO: z.object({ ...provenance, mention: z.string() }),
  SIGNED: z.object({ ...provenance, title: nullableString, authority: z.array(z.string()) }),
  OF_TYPE: z.object(provenance),
  IN_PROVINCE: z.object(provenance),
} as const satisfies Record<EdgeType, z.ZodObject>;

const edge = <T extends EdgeType>(type: T) =>
  z.object({
    id: z.string(),
    type: z.literal(type),
    source: z.string(),
    target: z.string(),
    properties: EDGE_PROPERTIES[type],
  });

export const CitesEdge = edge('CITES');
export type CitesEdge = z.infer<typeof CitesEdge>;
export const GraphEdge = z.discriminatedUnion('type', [
  CitesEdge,
  edge('AMENDS'),
  edge('HAS_DUTY'),
  edge('ASSIGNED_TO'),
  edge('CONCERNS'),
  edge('ISSUED_BY'),
  edge('ISSUED_IN'),
  edge('ADDRESSED_TO'),
  edge('SIGNED'),
  edge('OF_TYPE'),
  edge('IN_PROVINCE'),
]);
export type GraphEdge = z.infer<typeof GraphEdge>;

export const Direction = z.enum(['out', 'in', 'both']);
export type Direction = z.infer<typeof Direction>;

export const MAX_CHAIN_DEPTH = 6;
export const MAX_RESULT_LIMIT = 5000;
export const MAX_NEIGHBORHOOD_DEPTH = 4;

/** One path from the root: nodes[0] is the root, edges[i] joins nodes[i] and nodes[i + 1]. */
export const ChainPath = z.object({ nodes: z.array(z.string()), edges: z.array(z.string()) });
export type ChainPath = z.infer<typeof ChainPath>;

export const ChainNode = z.object({ node: DocumentNode, depth: z.number().int() });

/**
 * Citation chain from one document: every document within `depth` citation steps (breadth first), the
 * shortest path to each (ties go to the smaller key at each step) and every CITES edge walked.
 */
export const CitationChain = z.object({
  root: z.string(),
  direction: Direction,
  depth: z.number().int(),
  nodes: z.array(ChainNode),
  edges: z.array(CitesEdge),
  paths: z.array(ChainPath),
  /** True when `limit` cut the walk short. */
  truncated: z.boolean(),
});
export type CitationChain = z.infer<typeof CitationChain>;

export const Subgraph = z.object({
  root: z.string(),
  /** The edges followed from each node reached: out (it points to), in (pointing to it) or both. */
  direction: Direction,
  depth: z.number().int(),
  nodes: z.array(GraphNode),
  edges: z.array(GraphEdge),
  truncated: z.boolean(),
});
export type Subgraph = z.infer<typeof Subgraph>;

export const DocumentSummary = DocumentProperties.extend({ id: z.string() });
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const AgencySummary = AgencyProperties.extend({
  id: z.string(),
  dutyCount: z.number().int(),
  documentCount: z.number().int(),
});
export type AgencySummary = z.infer<typeof AgencySummary>;

export const CategorySummary = z.object({
  id: z.string(),
  key: z.string(),
  dutyCount: z.number().int(),
  documentCount: z.number().int(),
});
export type CategorySummary = z.infer<typeof CategorySummary>;

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Pass back as `cursor` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  });
export const DocumentPage = Page(DocumentSummary);
export type DocumentPage = z.infer<typeof DocumentPage>;
export const AgencyPage = Page(AgencySummary);
export type AgencyPage = z.infer<typeof AgencyPage>;
export const CategoryPage = Page(CategorySummary);
export type CategoryPage = z.infer<typeof CategoryPage>;

export const ProfileDuty = z.object({
  id: z.string(),
  path: z.string(),
  heading: z.string().nullable(),
  text: z.string(),
  deadline: PartialDate.nullable(),
  roles: z.array(Role),
  categories: z.array(z.string()),
});
export type ProfileDuty = z.infer<typeof ProfileDuty>;

export const AgencyProfile = z.object({
  agency: node('Agency'),
  /** Duties assigned to the agency, grouped by document (newest document first). */
  documents: z.array(z.object({ document: DocumentSummary, duties: z.array(ProfileDuty) })),
  roles: z.record(Role, z.number().int()),
  categories: z.array(z.object({ category: z.string(), duties: z.number().int() })),
  /** Provinces of the documents that assign the agency duties. */
  provinces: z.array(z.object({ province: z.string(), documents: z.number().int() })),
  dutyCount: z.number().int(),
  documentCount: z.number().int(),
  /** True when `limit` documents were shown out of more. */
  truncated: z.boolean(),
});
export type AgencyProfile = z.infer<typeof AgencyProfile>;

export const CategoryAgencies = z.object({
  category: z.string(),
  dutyCount: z.number().int(),
  documentCount: z.number().int(),
  /** Agencies assigned duties of the category, most duties first. */
  agencies: z.array(
    z.object({
      agency: AgencySummary.pick({ id: true, key: true, name: true, typeId: true, province: true }),
      duties: z.number().int(),
      documents: z.number().int(),
      roles: z.record(Role, z.number().int()),
    }),
  ),
  truncated: z.boolean(),
});
export type CategoryAgencies = z.infer<typeof CategoryAgencies>;

export const Counts = z.object({
  nodes: z.record(NodeLabel, z.number().int()),
  edges: z.record(EdgeType, z.number().int()),
});
export type Counts = z.infer<typeof Counts>;

const Tally = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const CorpusStats = z.object({
  documents: z.number().int(),
  stubs: z.number().int(),
  duties: z.number().int(),
  agencies: z.number().int(),
  citations: z.object({ total: z.number().int(), unresolved: z.number().int() }),
  byProvince: Tally,
  byType: Tally,
  byYear: Tally,
  /** Most cited documents (ingested or stubs). */
  mostCited: z.array(z.object({ document: DocumentSummary, citedBy: z.number().int() })),
  counts: Counts,
});
export type CorpusStats = z.infer<typeof CorpusStats>;

export const IngestStatus = z.enum(['added', 'updated', 'unchanged']);
export type IngestStatus = z.infer<typeof IngestStatus>;

export const IngestOutcome = z.object({
  key: z.string(),
  status: IngestStatus,
  /** Documents dropped because the same source now yields another key. */
  replaced: z.array(z.string()),
});
export type IngestOutcome = z.infer<typeof IngestOutcome>;

export const RemoveOutcome = z.object({
  key: z.string(),
  /** True when others still cite it, so it stays as a stub. */
  keptAsStub: z.boolean(),
  /** Stubs deleted because nothing cites them any more. */
  removedStubs: z.array(z.string()),
});
export type RemoveOutcome = z.infer<typeof RemoveOutcome>;
