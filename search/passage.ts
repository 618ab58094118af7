/**
 * A duty as search stores it (the unit both retrieval and answering work on), and its document reference.
 */
import { z } from 'zod';
import { AgencyRef, type PartialDate } from '../ingest/schema.js';
import { AnswerRole, PassageKind, type DocumentRef } from './schema.js';

/** An agency of a passage: as a duty names it, or as the document's issuer or proposer. */
export const PassageAgencyRef = AgencyRef.extend({ role: AnswerRole });
export type PassageAgencyRef = z.infer<typeof PassageAgencyRef>;

/** The id of a document's own passage (its subject, issuer and proposers); duty ids never end so. */
export const documentPassageId = (documentId: string): string => `${documentId}#document`;
export const isDocumentPassageId = (id: string): boolean => id.endsWith('#document');

export const StoredPassage = z.object({
  id: z.string(),
  /** Passages stored before documents had their own are duties. */
  kind: PassageKind.default('duty'),
  documentId: z.string(),
  path: z.string(),
  text: z.string(),
  agencies: z.array(PassageAgencyRef),
  categories: z.array(z.string()),
  /**
   * Concept ids the passage carries (categories, agency types, actions, domains): what concept retrieval finds. A
   * document's own passage carries DOCUMENT_CONCEPT alone (see `subjectConcepts`).
   */
  concepts: z.array(z.string()),
  /**
   * The concepts of a document passage's text, which decide whether it is on a question's topic. They are not
   * posted: in a collection of summaries there are nearly as many documents as duties, and their concepts would
   * change how common a concept looks among duties, and so what a question's topic is.
   */
  subjectConcepts: z.array(z.string()).optional(),
  deadline: z.string().nullable(),
  document: z.object({
    id: z.string(),
    source: z.string(),
    symbol: z.string().nullable(),
    type: z.string().nullable(),
    issuedAt: z.string().nullable(),
    province: z.string().nullable(),
    provinceName: z.string().nullable(),
  }),
});
export type StoredPassage = z.infer<typeof StoredPassage>;

/** The one concept a document's own passage posts: its count is the number of such passages. */
export const DOCUMENT_CONCEPT = 'kind:document';

/** The concepts that put a passage on a question's topic. */
export function topicConcepts(passage: StoredPassage): readonly string[] {
  return passage.kind === 'document' ? (passage.subjectConcepts ?? []) : passage.concepts;
}

export function documentRef(passage: StoredPassage): DocumentRef {
  const { id, source, symbol, type, issuedAt, province } = passage.document;
  return { id, source, symbol, type, issuedAt: issuedAt as PartialDate | null, province };
}
