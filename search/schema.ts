/**
 * The search request and response, defined once: the CLI prints `SearchResponse` with `--json` and the
 * API returns it, both validating requests with `SearchRequest`.
 */
import { z } from 'zod';
import { PartialDate, Role } from '../ingest/schema.js';

/** Longer input is not a question but a pasted document; refuse it with a clear message. */
export const MAX_QUERY_LENGTH = 500;
export const MAX_K = 100;

const FilterValue = (name: string) =>
  z
    .string()
    .trim()
    .min(1, `${name} filter must not be empty`)
    .max(200, `${name} filter is too long (at most 200 characters)`);

export const SearchRequest = z
  .object({
    query: z
      .string({ error: 'query must be a string' })
      .trim()
      .min(1, 'query must not be empty')
      .max(MAX_QUERY_LENGTH, `query is too long (at most ${MAX_QUERY_LENGTH} characters)`),
    /** Passages to return; agencies are ranked from the same evidence. */
    k: z.coerce
      .number()
      .int('k must be a whole number')
      .min(1, 'k must be at least 1')
      .max(MAX_K, `k must be at most ${MAX_K}`)
      .default(10),
    /** Province slug or name ("lang-son", "Lạng Sơn"). */
    province: FilterValue('province').optional(),
    /** Agency id ("lang-son:cong-an-tinh"), agency type id ("cong-an-tinh") or name. */
    agency: FilterValue('agency').optional(),
    /** Crime-category id ("money-laundering") or its label in either language. */
    category: FilterValue('category').optional(),
    /** Document type ("Kế hoạch", "ke-hoach", "plan"). */
    type: FilterValue('type').optional(),
    from: PartialDate.optional(),
    to: PartialDate.optional(),
    /** Merge provincial agencies of the same type into one answer ("Công an tỉnh" across provinces). */
    group: z.boolean().default(false),
  })
  .refine((r) => !r.from || !r.to || r.from <= r.to, {
    message: '"from" must not be after "to"',
    path: ['from'],
  });
export type SearchRequest = z.input<typeof SearchRequest>;
export type ParsedSearchRequest = z.output<typeof SearchRequest>;

export const DocumentRef = z.object({
  id: z.string(),
  source: z.string(),
  symbol: z.string().nullable(),
  type: z.string().nullable(),
  issuedAt: PartialDate.nullable(),
  province: z.string().nullable(),
});
export type DocumentRef = z.infer<typeof DocumentRef>;

export const Highlight = z.object({
  /** The words as written in the passage. */
  text: z.string(),
  /** Character offsets in the passage text. */
  start: z.number().int(),
  end: z.number().int(),
});
export type Highlight = z.infer<typeof Highlight>;

/**
 * An agency's part in a passage: a duty's roles, or, in a document's own passage (its subject and header), the
 * body that issued it ("issuer") or whose proposal it adopts ("proposer": "Theo đề nghị của …").
 */
export const AnswerRole = z.enum([...Role.options, 'issuer', 'proposer']);
export type AnswerRole = z.infer<typeof AnswerRole>;

/** What a passage is: a duty, or the document itself (its type, subject, issuer and proposers). */
export const PassageKind = z.enum(['duty', 'document']);
export type PassageKind = z.infer<typeof PassageKind>;

export const PassageAgency = z.object({
  id: z.string(),
  name: z.string(),
  role: AnswerRole,
  typeId: z.string().nullable(),
  province: z.string().nullable(),
});
export type PassageAgency = z.infer<typeof PassageAgency>;

export const PassageHit = z.object({
  /** The duty's id; a document's own passage has the id `<document id>#document`. */
  dutyId: z.string(),
  kind: PassageKind,
  /** Section path in the document ("II > 2 > 2.4"). */
  path: z.string(),
  text: z.string(),
  score: z.number(),
  agencies: z.array(PassageAgency),
  document: DocumentRef,
  /** Crime categories of the duty. */
  categories: z.array(z.string()),
  deadline: PartialDate.nullable(),
  highlights: z.array(Highlight),
});
export type PassageHit = z.infer<typeof PassageHit>;

export const Evidence = z.object({
  dutyId: z.string(),
  kind: PassageKind,
  role: AnswerRole,
  /** The words the document used for the agency. */
  mention: z.string(),
  /** The sentence(s) of the duty that matched the question ("… " marks text left out). */
  snippet: z.string(),
  /** Matched words, as offsets into `snippet`. */
  highlights: z.array(Highlight),
  document: DocumentRef,
});
export type Evidence = z.infer<typeof Evidence>;

export const AgencyHit = z.object({
  /** Agency id, or `type:<typeId>` for a group of provincial agencies of one type. */
  id: z.string(),
  name: z.string(),
  typeId: z.string().nullable(),
  province: z.string().nullable(),
  /** Distinct roles in the supporting passages, strongest first. */
  roles: z.array(AnswerRole),
  score: z.number(),
  /** Agency ids merged into this answer when grouping by type. */
  members: z.array(z.string()).optional(),
  /**
   * A related mention, not an answer: no duty of the agency is on the question's topic, or its evidence is
   * far weaker than the best answer's. Related mentions come after all answers.
   */
  related: z.boolean(),
  /** The agency's strongest duties first (at most five). */
  evidence: z.array(Evidence),
  /** How many duties support the agency in this answer (evidence lists the first few). */
  evidenceCount: z.number().int(),
});
export type AgencyHit = z.infer<typeof AgencyHit>;

export const MatchedConcept = z.object({
  id: z.string(),
  label: z.object({ vi: z.string(), en: z.string() }),
  /** The query words that named it. */
  text: z.string(),
});
export type MatchedConcept = z.infer<typeof MatchedConcept>;

/** Why a search came back empty, as a code; `reason` says the same in English with the value at fault. */
export const ReasonCode = z.enum([
  'no-searchable-words',
  'no-match',
  'not-in-force',
  'unknown-province',
  'province-empty',
  'agency-empty',
  'unknown-category',
  'type-empty',
]);
export type ReasonCode = z.infer<typeof ReasonCode>;

export const SearchResponse = z.object({
  query: z.string(),
  /** True when a neural embedding model took part in ranking. */
  semantic: z.boolean(),
  /** Why semantic search is off, or did not take part in this answer (absent when it did). */
  semanticReason: z.string().optional(),
  /** Query language as detected: "vi" or "en". */
  language: z.enum(['vi', 'en']),
  concepts: z.array(MatchedConcept),
  agencies: z.array(AgencyHit),
  passages: z.array(PassageHit),
  /** Why the result is empty (nothing searchable in the query, a filter matched nothing …). */
  reason: z.string().optional(),
  /** The same reason as a stable code, for clients that say it in their own language. */
  reasonCode: ReasonCode.optional(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

/**
 * False for an answer the model should have taken part in and did not (its query embedding timed out
 * or failed): the same request may be answered in full a moment later.
 */
export function answeredInFull(response: SearchResponse): boolean {
  return !(response.semantic && response.semanticReason !== undefined);
}

/** A request that fails validation; the message names each bad field and why, in one line. */
export class SearchInputError extends Error {
  override name = 'SearchInputError';
  constructor(readonly issues: Array<{ field: string; message: string }>) {
    super(issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; '));
  }
}

/** Validates a search request; throws SearchInputError. */
export function parseSearchRequest(input: unknown): ParsedSearchRequest {
  const result = SearchRequest.safeParse(input);
  if (result.success) return result.data;
  throw new SearchInputError(
    result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
  );
}
