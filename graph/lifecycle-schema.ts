/**
 * Shapes of the derived document lifecycle: relations between documents with their evidence, the
 * period and effective date a document states, and the status that follows from them on a given day.
 */
import { z } from 'zod';
import { PartialDate } from '../ingest/schema.js';
import { DocumentSummary } from './schema.js';

export const LIFECYCLE_STATUSES = ['in_force', 'expired', 'replaced', 'amended', 'unknown'] as const;
export const LifecycleStatus = z.enum(LIFECYCLE_STATUSES);
export type LifecycleStatus = z.infer<typeof LifecycleStatus>;

/**
 * The legal meaning of a citation, as the citing text states it. "cites" is any reference with no legal
 * effect of its own ("theo …", a mention, a footnote: a footnote is where a citation sits, not a kind).
 */
export const RELATION_KINDS = [
  'replaces',
  'repeals',
  'amends',
  'guides',
  'implements',
  'basis',
  'cites',
] as const;
export const RelationKind = z.enum(RELATION_KINDS);
export type RelationKind = z.infer<typeof RelationKind>;

/** One relation stated by `source` (an ingested document) about `target`, with the sentence that says so. */
export const LifecycleRelation = z.object({
  source: z.string(),
  target: z.string(),
  kind: RelationKind,
  /** The sentence as written (markup removed). */
  sentence: z.string(),
  /** Section path or "footnote n" where the citation stands; null in the preamble. */
  location: z.string().nullable(),
});
export type LifecycleRelation = z.infer<typeof LifecycleRelation>;

export const Period = z.object({
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  /** The words that state it ("giai đoạn 2016 - 2025"). */
  text: z.string(),
});
export type Period = z.infer<typeof Period>;

export const EVIDENCE_KINDS = [
  'replaced-by',
  'repealed-by',
  'amended-by',
  'period',
  'effective',
  'issued',
  'no-later-document',
  'text-not-held',
  'self-relation',
  'cycle',
  'chronology',
  'future-date',
  'impossible-date',
  'not-yet-effective',
] as const;
export const EvidenceKind = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** Why a status holds: a kind (translated by clients), the document that says it and its sentence. */
export const Evidence = z.object({
  kind: EvidenceKind,
  /** Key of the document the evidence comes from (the document itself for its own period or date). */
  document: z.string(),
  /** Its symbol, for display. */
  symbol: z.string().nullable(),
  sentence: z.string().nullable(),
  /** A date the evidence names (issue date, effective date), if any. */
  date: PartialDate.nullable(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Lifecycle = z.object({
  status: LifecycleStatus,
  /** The day the status was computed for (YYYY-MM-DD). */
  asOf: z.string(),
  effectiveFrom: PartialDate.nullable(),
  period: Period.nullable(),
  /** What decided the status first, then what else bears on it (conflicts all listed for "unknown"). */
  evidence: z.array(Evidence),
});
export type Lifecycle = z.infer<typeof Lifecycle>;

export const RelatedDocument = z.object({
  kind: RelationKind,
  /** out: this document states the relation about the other one; in: the other one states it about this. */
  direction: z.enum(['out', 'in']),
  document: DocumentSummary,
  status: LifecycleStatus,
  sentence: z.string(),
  location: z.string().nullable(),
});
export type RelatedDocument = z.infer<typeof RelatedDocument>;

/** A document's status and its Lược đồ: every related document, by relation kind and direction. */
export const Lineage = z.object({
  document: DocumentSummary,
  lifecycle: Lifecycle,
  related: z.array(RelatedDocument),
});
export type Lineage = z.infer<typeof Lineage>;

/** One step of a path: the citation, the way it points, and its legal meaning. */
export const PathStep = z.object({
  /** The citing document is the earlier one in the path (true) or the later one (false). */
  forward: z.boolean(),
  kind: RelationKind,
  /** Where the citation stands in the citing document: a section path, "footnote n", or null (preamble). */
  context: z.string().nullable(),
});
export type PathStep = z.infer<typeof PathStep>;

/** The shortest citation path between two documents, read either way along citations. */
export const DocumentPath = z.object({
  from: DocumentSummary,
  to: DocumentSummary,
  /** Documents in order, `from` first and `to` last; empty when they are not connected. */
  documents: z.array(DocumentSummary),
  /** steps[i] joins documents[i] and documents[i + 1]. */
  steps: z.array(PathStep),
  found: z.boolean(),
});
export type DocumentPath = z.infer<typeof DocumentPath>;
