/** Helpers shared by the reader tests of scans, office files and legacy encodings. */
import { expect } from 'vitest';
import { type LoadedText, ReadError } from '../../ingest/readers/index.js';
import type { ExtractedDocument } from '../../ingest/schema.js';

/** The ReadError a read fails with (fails the test if it succeeds or throws something else). */
export async function readFailureOf(read: Promise<LoadedText>): Promise<ReadError> {
  const outcome = await read.then(
    (loaded) => loaded,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ReadError);
  return outcome as ReadError;
}

/** What two readings of one document must agree on: header, citations, duties with agencies and roles. */
export function extractionSummary(d: ExtractedDocument) {
  return {
    header: [d.number, d.symbol, d.type, d.issuer, d.province, d.place, d.issuedAt],
    citations: d.citations.map((c) => c.key),
    duties: d.duties.map((u) => [u.path, u.agencies.map((a) => `${a.id}|${a.role}`)]),
  };
}
