/**
 * Helpers for the extractor's generalization tests (tests/extract-unseen.test.ts): run the real pipeline on
 * the synthetic fixtures in tests/fixtures/unseen and look up extracted facts. A lookup that finds nothing
 * throws with what *was* extracted, so a failing test says what the extractor produced instead.
 */
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContext } from '../../ingest/extract/context.js';
import { extractDocument } from '../../ingest/extract/document.js';
import { extractFiles, type ExtractOptions } from '../../ingest/pipeline.js';
import type { AgencyRef, Bundle, Citation, Duty, ExtractedDocument } from '../../ingest/schema.js';

export const UNSEEN_DIR = fileURLToPath(new URL('../fixtures/unseen/', import.meta.url));

export const unseenPath = (name: string): string => join(UNSEEN_DIR, name);

/** The real pipeline (readers → extractor → resolver) over the named fixtures. */
export async function extractUnseen(names: string[], options: ExtractOptions = {}): Promise<Bundle> {
  const { bundle } = await extractFiles(names.map(unseenPath), options);
  return bundle;
}

/**
 * One set of unseen fixtures, as each round's test file uses it: extracted once before the file's tests, with the
 * set's own test that every file was read and every span holds. Returns a document of the set by its file name.
 */
export function unseenSet(fixtures: string[]): (name: string) => ExtractedDocument {
  let all: Bundle;
  beforeAll(async () => {
    all = await extractUnseen(fixtures);
  });
  describe('every document of the set', () => {
    it('keeps span invariants', () => {
      expect(all.errors).toEqual([]);
      expect(all.documents).toHaveLength(fixtures.length);
      expect(spanMismatches(all)).toEqual([]);
    });
  });
  return (name) => documentFrom(all, name);
}

/** Extracts an in-memory text (a variant of a fixture) with the project's default context, unresolved. */
export function extractText(source: string, text: string): ExtractedDocument {
  return extractDocument({ source, format: 'txt', text }, defaultContext()).document;
}

export function documentFrom(bundle: Bundle, name: string): ExtractedDocument {
  const doc = bundle.documents.find((d) => basename(d.source) === name);
  if (!doc) {
    const got = bundle.documents.map((d) => basename(d.source)).join(', ');
    throw new Error(
      `no document extracted from ${name}; documents: [${got}]; errors: ${JSON.stringify(bundle.errors)}`,
    );
  }
  return doc;
}

const describeCitation = (c: Citation) => `${c.symbol ?? c.title} → ${c.key} (${c.relation})`;

/** Every citation written with this symbol (after resolution there should be exactly one per document). */
export function citationsWithSymbol(doc: ExtractedDocument, symbol: string): Citation[] {
  return doc.citations.filter((c) => c.symbol === symbol);
}

export function citationBySymbol(doc: ExtractedDocument, symbol: string): Citation {
  const found = citationsWithSymbol(doc, symbol);
  if (!found.length) {
    throw new Error(
      `no citation "${symbol}" in ${basename(doc.source)}; got: [${doc.citations.map(describeCitation).join('; ')}]`,
    );
  }
  return found[0]!;
}

export function citationByKey(doc: ExtractedDocument, key: string): Citation {
  const found = doc.citations.find((c) => c.key === key);
  if (!found) {
    throw new Error(
      `no citation with key "${key}" in ${basename(doc.source)}; got: [${doc.citations.map(describeCitation).join('; ')}]`,
    );
  }
  return found;
}

/** The citation of a document named without a number, found by its type word and a phrase of its name. */
export function citationByName(doc: ExtractedDocument, type: string, phrase: string): Citation {
  const found = doc.citations.find((c) => c.type === type && (c.title ?? '').includes(phrase));
  if (!found) {
    throw new Error(
      `no ${type} citation naming "${phrase}" in ${basename(doc.source)}; got: [${doc.citations.map(describeCitation).join('; ')}]`,
    );
  }
  return found;
}

export function dutyAt(doc: ExtractedDocument, path: string): Duty {
  const found = doc.duties.find((d) => d.path === path);
  if (!found) {
    throw new Error(
      `no duty at "${path}" in ${basename(doc.source)}; duty paths: [${doc.duties.map((d) => d.path).join(', ')}]`,
    );
  }
  return found;
}

/** The duty whose text starts with `start` (for items whose path is itself under test). */
export function dutyStarting(doc: ExtractedDocument, start: string): Duty {
  const found = doc.duties.find((d) => d.text.startsWith(start));
  if (!found) {
    const got = doc.duties.map((d) => `${d.path}: ${d.text.slice(0, 40)}`).join(' | ');
    throw new Error(`no duty starting "${start}" in ${basename(doc.source)}; duties: [${got}]`);
  }
  return found;
}

/** The first duty that names the agency (for items whose path is itself under test). */
export function dutyOf(doc: ExtractedDocument, agencyId: string): Duty {
  const found = doc.duties.find((d) => d.agencies.some((a) => a.id === agencyId));
  if (!found) {
    const got = doc.duties.map((d) => `${d.path}: ${d.agencies.map((a) => a.id).join('+')}`).join(' | ');
    throw new Error(`no duty names "${agencyId}" in ${basename(doc.source)}; duties: [${got}]`);
  }
  return found;
}

export function agencyIn(duty: Duty, id: string): AgencyRef {
  const found = duty.agencies.find((a) => a.id === id);
  if (!found) {
    throw new Error(
      `no agency "${id}" on duty ${duty.path}; agencies: [${duty.agencies.map((a) => `${a.id}/${a.role}`).join(', ')}]`,
    );
  }
  return found;
}

/** A document minus the name of the input file, for comparing two spellings of one text. */
export function comparable(doc: ExtractedDocument): Omit<ExtractedDocument, 'source'> {
  const { source: _source, ...rest } = doc;
  return rest;
}

/** True when `phrase` occurs in `text` and ends at a word boundary there (not cut inside a word or number). */
export function endsAtWordBoundary(text: string, phrase: string): boolean {
  const at = text.indexOf(phrase);
  if (at < 0) return false;
  const next = text.charAt(at + phrase.length);
  return next === '' || !/[\p{L}\p{N}]/u.test(next);
}

/** The agencies of the duty starting with `start`, as [mention, role] pairs. */
export function rolesOf(doc: ExtractedDocument, start: string): string[][] {
  return dutyStarting(doc, start).agencies.map((a) => [a.mention, a.role]);
}

/** Every (agency as written, role) pair the document's duties name, sorted. */
export const pairsOf = (d: ExtractedDocument): string[] =>
  [...new Set(d.duties.flatMap((x) => x.agencies.map((a) => `${a.mention} / ${a.role}`)))].sort();

/**
 * Every place a document's spans disagree with what they point at: a duty's span text that is not its text, an
 * agency's that is not its mention as written, a numbered citation's that does not hold its symbol. Empty when all
 * hold, so a failing test lists them all.
 */
export function spanMismatches(bundle: Bundle): string[] {
  const out: string[] = [];
  for (const d of bundle.documents) {
    const at = (span: [number, number] | null | undefined) => (span ? d.text.slice(span[0], span[1]) : null);
    const name = basename(d.source);
    for (const duty of d.duties) {
      if (at(duty.span) !== duty.text) out.push(`${name} duty ${duty.path}: span is "${at(duty.span)}"`);
      // A name broken over two lines is the same words: line breaks are layout.
      for (const a of duty.agencies)
        if (at(a.span)?.replace(/\s*\n\s*/g, ' ') !== a.mention)
          out.push(`${name} ${duty.path} agency "${a.mention}": span is "${at(a.span)}"`);
    }
    for (const c of d.citations)
      if (c.symbol && !at(c.span)?.includes(c.symbol))
        out.push(`${name} citation ${c.symbol}: span is "${at(c.span)}"`);
  }
  return out;
}

/** [deadline, deadlineText] of the duty starting with `start`. */
export function deadlineOf(doc: ExtractedDocument, start: string): [Duty['deadline'], Duty['deadlineText']] {
  const duty = dutyStarting(doc, start);
  return [duty.deadline, duty.deadlineText];
}

/** The duty whose text holds `phrase` (for inline items, whose first words are themselves under test). */
export function dutyWith(doc: ExtractedDocument, phrase: string): Duty {
  const found = doc.duties.find((x) => x.text.includes(phrase));
  if (!found) {
    const got = doc.duties.map((x) => `${x.path}: ${x.text.slice(0, 40)}`).join(' | ');
    throw new Error(`no duty holding "${phrase}"; duties: [${got}]`);
  }
  return found;
}

/** [mention, role] of each agency of the duty whose text holds `phrase`. */
export const rolesWith = (doc: ExtractedDocument, phrase: string): string[][] =>
  dutyWith(doc, phrase).agencies.map((a) => [a.mention, a.role]);

/** [deadline, deadlineText] of the duty whose text holds `phrase`. */
export function deadlineWith(
  doc: ExtractedDocument,
  phrase: string,
): [Duty['deadline'], Duty['deadlineText']] {
  const duty = dutyWith(doc, phrase);
  return [duty.deadline, duty.deadlineText];
}

/** Every agency ("mention / role") named by a duty whose text matches `pattern` (passages that must name no one). */
export const agenciesMatching = (doc: ExtractedDocument, pattern: RegExp): string[] =>
  doc.duties
    .filter((x) => pattern.test(x.text))
    .flatMap((x) => x.agencies.map((a) => `${a.mention} / ${a.role}`));

/** Every (agency as written, role) pair of the duties whose text does not match `skip`, sorted. */
export const pairsExcept = (d: ExtractedDocument, skip: RegExp): string[] =>
  [
    ...new Set(
      d.duties
        .filter((x) => !skip.test(x.text))
        .flatMap((x) => x.agencies.map((a) => `${a.mention} / ${a.role}`)),
    ),
  ].sort();

/**
 * A document built at test time (a .docx, a PDF), written to a temporary folder and read by the real pipeline once
 * before the enclosing describe's tests; the folder goes after them.
 */
export function builtDocument(
  name: string,
  build: () => Promise<Uint8Array>,
): { doc: () => ExtractedDocument; bundle: () => Bundle } {
  let bundle: Bundle;
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dutygraph-built-'));
    const file = join(dir, name);
    await writeFile(file, await build());
    ({ bundle } = await extractFiles([file]));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return { doc: () => documentFrom(bundle, name), bundle: () => bundle };
}
