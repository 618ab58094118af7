/**
 * A document made only of duties, for search tests and benchmarks: the identifying fields given, the rest
 * empty, and the document's categories and text derived from its duties (never written twice).
 */
import type { Duty, ExtractedDocument } from '../../ingest/schema.js';

export type DocumentHead = Pick<
  ExtractedDocument,
  'id' | 'number' | 'symbol' | 'type' | 'province' | 'provinceName' | 'issuedAt'
>;

export function documentFromDuties(head: DocumentHead, duties: Duty[]): ExtractedDocument {
  return {
    ...head,
    source: `${head.id.replace(/:/g, '_')}.txt`,
    format: 'txt',
    contentHash: head.id,
    issuer: null,
    issuerId: null,
    provinceInferred: false,
    place: null,
    subject: null,
    recipients: [],
    signer: null,
    distribution: [],
    citations: [],
    duties,
    categories: [...new Set(duties.flatMap((d) => d.categories))],
    targets: [],
    text: duties.map((d) => d.text).join('\n'),
  };
}
