/**
 * Request and response schemas of the HTTP API. Responses are composed from the graph, search and
 * extraction schemas (never re-declared); requests adapt them to query strings and path parameters.
 * These zod schemas are the single source of validation, TypeScript types and the OpenAPI document.
 */
import { z } from 'zod';
import {
  AgencyPage,
  AgencyProfile,
  CategoryAgencies,
  CategorySummary,
  CitationChain,
  CitesEdge,
  CorpusStats,
  Direction,
  DocumentPage,
  DocumentSummary,
  DutyProperties,
  ID_PREFIX,
  IngestOutcome,
  MAX_CHAIN_DEPTH,
  MAX_NEIGHBORHOOD_DEPTH,
  MAX_RESULT_LIMIT,
  Page,
  RemoveOutcome,
  Subgraph,
} from '../graph/schema.js';
import {
  DocumentPath,
  Lifecycle,
  LifecycleStatus,
  Lineage,
  RelatedDocument,
} from '../graph/lifecycle-schema.js';
import { Citation, DocumentSchema, Duty } from '../ingest/schema.js';
import { MatchedConcept, MAX_QUERY_LENGTH, SearchRequest, SearchResponse } from '../search/schema.js';
import { FieldError, Problem } from './problem.js';

/** Largest page a list endpoint returns (the stores' own bound). */
export const MAX_PAGE = 500;

const text = (name: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, `${name} must not be empty`)
    .max(max, `${name} is too long (at most ${max} characters)`);

const integer = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

const pageQuery = (defaultLimit: number) => ({
  limit: integer('limit', 1, MAX_PAGE).default(defaultLimit).describe('Items per page'),
  cursor: text('cursor', 1000).optional().describe('`nextCursor` of the previous page'),
});

const search = SearchRequest.shape;
export const SearchQuery = z.object({
  // The service's own `query` rules, under the parameter's name so messages say "q".
  q: z
    .string({ error: (issue) => (issue.input === undefined ? 'q is required' : 'q must be a string') })
    .trim()
    .min(1, 'q must not be empty')
    .max(MAX_QUERY_LENGTH, `q is too long (at most ${MAX_QUERY_LENGTH} characters)`)
    .describe('The question, in Vietnamese or English'),
  k: search.k.describe('Passages to return'),
  province: search.province.describe('Province slug or name ("lang-son", "Lạng Sơn")'),
  agency: search.agency.describe('Agency id, agency type id or name'),
  category: search.category.describe('Crime-category id or label'),
  type: search.type.describe('Document type ("Kế hoạch", "plan")'),
  from: search.from.describe('Issued on or after (YYYY, YYYY-MM or YYYY-MM-DD)'),
  to: search.to.describe('Issued on or before (YYYY, YYYY-MM or YYYY-MM-DD)'),
  group: z
    .enum(['true', 'false'], { error: 'group must be true or false' })
    .default('false')
    .transform((v) => v === 'true')
    .describe('Merge provincial agencies of one type into one answer'),
  inForce: z
    .enum(['true', 'false'], { error: 'inForce must be true or false' })
    .default('false')
    .transform((v) => v === 'true')
    .describe('Only duties of documents in force today (status in_force or amended)'),
});

export const DocumentListQuery = z.object({
  province: text('province').optional().describe('Province slug'),
  type: text('type').optional().describe('Document type as printed ("Kế hoạch")'),
  year: integer('year', 1000, 9999).optional().describe('Year of issue'),
  q: text('q').optional().describe('Matched, accents ignored, against key, symbol, subject and issuer'),
  status: LifecycleStatus.optional().describe('Only documents with this derived status on `asOf`'),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'asOf must be a date YYYY-MM-DD')
    .refine((d) => {
      const date = new Date(`${d}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(d);
    }, 'asOf is not a calendar date')
    .optional()
    .describe('The day statuses are computed for (default: today, UTC)'),
  ...pageQuery(50),
});

export const AsOfQuery = DocumentListQuery.pick({ asOf: true });

export const PathQuery = z.object({
  to: text('to', 500).describe('The other document: key or symbol ("623/QĐ-TTg")'),
  maxSteps: integer('maxSteps', 1, 12).default(8).describe('Longest path looked for, in citations'),
});

/** A listed document with its derived status. */
export const DocumentListItem = DocumentSummary.extend({ status: LifecycleStatus });
export const DocumentListPage = Page(DocumentListItem);
export type DocumentListPage = z.infer<typeof DocumentListPage>;

export const AgencyListQuery = z.object({
  province: text('province').optional().describe('Province slug'),
  type: text('type').optional().describe('Agency type id ("cong-an-tinh")'),
  q: text('q').optional().describe('Matched, accents ignored, against names and aliases'),
  ...pageQuery(50),
});

export const CategoryListQuery = z.object(pageQuery(100));

export const IdParams = z.object({ id: text('id', 500) });

export const DocumentIdParams = z.object({
  id: text('id', 500).describe('Document key ("lang-son:13-ct-tu:2022") or symbol ("13-CT/TU", URL-encoded)'),
});

export const CitationQuery = z.object({
  direction: Direction.default('out').describe('out: what it cites; in: what cites it; both'),
  depth: integer('depth', 1, MAX_CHAIN_DEPTH).default(1).describe('Citation steps to follow'),
  limit: integer('limit', 1, MAX_RESULT_LIMIT).default(500).describe('Maximum documents reached'),
});

export const ProfileQuery = z.object({
  limit: integer('limit', 1, MAX_PAGE).default(50).describe('Documents shown (newest first)'),
});

const NODE_PREFIXES = Object.values(ID_PREFIX);
const NODE_ID = new RegExp(`^(${NODE_PREFIXES.join('|')}):.+`);

export const NeighborhoodQuery = z.object({
  node: text('node', 500)
    .regex(NODE_ID, `node must start with a label prefix: ${NODE_PREFIXES.map((p) => `${p}:`).join(', ')}`)
    .describe('Node id with its label prefix, e.g. "doc:vn:623-qd-ttg:2016", "agency:lang-son:cong-an-tinh"'),
  direction: Direction.default('both').describe(
    'Edges followed at each step: out (what the node points to: documents it cites, its issuer), in (what points to it: its citers, duties assigned to it) or both',
  ),
  depth: integer('depth', 1, MAX_NEIGHBORHOOD_DEPTH).default(1),
  limit: integer('limit', 1, MAX_RESULT_LIMIT).default(100).describe('Maximum nodes'),
});

/** A document citing the one asked about, with the citation as the graph holds it. */
export const CitingDocument = z.object({ document: DocumentSummary, citation: CitesEdge });

export const DocumentDetail = z.object({
  /** Graph metadata; `stub` is true for a document known only because others cite it. */
  document: DocumentSummary,
  duties: z.array(Duty),
  citations: z.object({
    /** As the document states them (empty for a stub). */
    out: z.array(Citation),
    in: z.array(CitingDocument),
  }),
  /** Derived status with its evidence (which document, which sentence). */
  lifecycle: Lifecycle,
  /** Lược đồ: related documents by relation kind and direction, each with its status. */
  related: z.array(RelatedDocument),
  /** The rest of the extraction and the full text; null for a stub. */
  content: DocumentSchema.pick({
    number: true,
    place: true,
    provinceInferred: true,
    recipients: true,
    signer: true,
    distribution: true,
    targets: true,
    text: true,
    provenance: true,
    conversion: true,
    original: true,
    proposers: true,
  }).nullable(),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export { DocumentPath, Lineage };

export const TextUpload = z.object({
  name: text('name', 255)
    .refine((n) => !/[/\\]/.test(n), 'name must be a file name, without directories')
    .describe('File name; its extension (.txt, .md, .html) tells the format, .txt when it has none'),
  text: z.string().min(1, 'text must not be empty').describe('The document text'),
});

/** Multipart form of the upload (documentation only: the handler reads the stream). */
export const FileUpload = z.object({
  file: z
    .file()
    .describe(
      '.txt, .md, .html, .docx, .odt, .doc, .rtf, .xlsx (an appendix table) or .pdf; scans as .pdf, .png, .jpg or .tif (OCR)',
    ),
});

export const IngestResult = z.object({ outcome: IngestOutcome, document: DocumentDetail });

export const CategoryLabel = MatchedConcept.shape.label.nullable();
export const CategoryItem = CategorySummary.extend({
  label: CategoryLabel,
  parent: z.string().nullable(),
});
export const CategoryList = Page(CategoryItem);

export const CategoryDetail = CategoryAgencies.extend({
  label: CategoryLabel,
  parent: z.string().nullable(),
  /** Duties of the category (at most `limit`). */
  duties: z.array(DutyProperties.extend({ id: z.string() })),
  dutiesTruncated: z.boolean(),
});

export const CategoryDetailQuery = z.object({
  limit: integer('limit', 1, MAX_PAGE).default(100).describe('Maximum agencies and duties'),
});

export const StatsResponse = z.object({
  graph: CorpusStats,
  search: z.object({
    passages: z.number().int(),
    documents: z.number().int(),
    /** True when a neural embedding model takes part in ranking. */
    semantic: z.boolean(),
  }),
});

export const Health = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() });

export const Readiness = z.object({
  status: z.literal('ready'),
  store: z.object({ kind: z.string().describe('embedded or neo4j') }),
  index: z.object({ passages: z.number().int(), semantic: z.boolean() }),
});

/** The search index lives in this process and keeps answering while the graph store is down; it says so. */
export const SearchAnswer = SearchResponse.extend({
  store: z
    .object({ available: z.literal(false), note: z.string() })
    .optional()
    .describe('Present when the graph store is unavailable: results come from the search index alone'),
});

/** Named components of the OpenAPI document. */
export const COMPONENTS = {
  Problem,
  FieldError,
  SearchResponse: SearchAnswer,
  DocumentSummary,
  DocumentPage,
  DocumentDetail,
  DocumentListPage,
  Lifecycle,
  Lineage,
  RelatedDocument,
  DocumentPath,
  CitingDocument,
  Duty,
  Citation,
  CitationChain,
  AgencyPage,
  AgencyProfile,
  CategoryList,
  CategoryDetail,
  Subgraph,
  IngestOutcome,
  IngestResult,
  RemoveOutcome,
  StatsResponse,
  CorpusStats,
} as const;
