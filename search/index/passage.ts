/**
 * From an extracted duty to the passage the search index stores (search/passage.ts): derived from the
 * document alone, so any index can be rebuilt from the graph.
 */
import { shownText, type AgencyRef, type ExtractedDocument } from '../../ingest/schema.js';
import { normalizeText, squash } from '../../ingest/text/normalize.js';
import { syllables, type VietnameseAnalyzer } from '../analyzer.js';
import type { ConceptLexicon } from '../concepts.js';
import {
  DOCUMENT_CONCEPT,
  documentPassageId,
  type PassageAgencyRef,
  type StoredPassage,
} from '../passage.js';
import type { IndexedPassage } from './port.js';
import { passageFields } from './terms.js';

type Duty = ExtractedDocument['duties'][number];

export function toPassage(lexicon: ConceptLexicon, doc: ExtractedDocument, duty: Duty): StoredPassage {
  const body = passageBody(duty);
  return passageOf(lexicon, doc, duty, body, lexicon.tag(body));
}

/**
 * The passage and its analyzed fields (no vector), what the index writes: the text is split into
 * syllables once, for both concept tagging and analysis.
 */
export function analyzedPassage(
  lexicon: ConceptLexicon,
  analyzer: VietnameseAnalyzer,
  doc: ExtractedDocument,
  duty: Duty,
): Omit<IndexedPassage, 'vector'> {
  const body = passageBody(duty);
  const tokens = syllables(body);
  const passage = passageOf(lexicon, doc, duty, body, lexicon.tagSyllables(tokens));
  return { passage, fields: passageFields(analyzer, tokens, passageContext(passage)) };
}

/**
 * The document's own passage, for questions about the document rather than a duty in it ("who issued the rules
 * on …", "which ministry proposed the plan …"): its type and subject, and the preamble's proposal sentence as
 * written, with the issuer and the proposers as its agencies. Null when it names no such agency or no subject.
 */
export function analyzedDocumentPassage(
  lexicon: ConceptLexicon,
  analyzer: VietnameseAnalyzer,
  doc: ExtractedDocument,
): Omit<IndexedPassage, 'vector'> | null {
  const agencies: PassageAgencyRef[] = [
    ...(doc.issuerAgency ? [{ ...doc.issuerAgency, role: 'issuer' as const }] : []),
    ...(doc.proposers ?? [])
      .filter((p) => p.id !== doc.issuerAgency?.id)
      .map((p) => ({ ...p, role: 'proposer' as const })),
  ];
  const { subject } = doc;
  if (!subject || !hasOwnPassage(doc)) return null;
  const proposals = [
    ...new Set((doc.proposers ?? []).flatMap((p) => (p.span ? [lineAt(doc.text, p.span)] : []))),
  ];
  const body = normalizeText(
    [doc.type ? `${doc.type}: ${subject}` : subject, ...proposals]
      .map((part) => part.replace(/[\s,;:.]+$/u, ''))
      .join('. ') + '.',
  );
  const tokens = syllables(body);
  const concepts = lexicon.tagSyllables(tokens);
  for (const agency of agencies) if (agency.typeId) concepts.add(`agency-type:${agency.typeId}`);
  const passage: StoredPassage = {
    id: documentPassageId(doc.id),
    kind: 'document',
    documentId: doc.id,
    path: '',
    text: body,
    agencies,
    categories: [...concepts].filter((c) => c.startsWith(CATEGORY)).map((c) => c.slice(CATEGORY.length)),
    concepts: [DOCUMENT_CONCEPT],
    subjectConcepts: [...concepts].sort(),
    deadline: null,
    document: documentOf(doc),
  };
  return { passage, fields: passageFields(analyzer, tokens, passageContext(passage)) };
}

const CATEGORY = 'category:';

/** A document has a passage of its own when it has a subject and names its issuer or a proposer as agencies. */
export function hasOwnPassage(doc: ExtractedDocument): boolean {
  return Boolean(doc.subject) && (Boolean(doc.issuerAgency) || (doc.proposers?.length ?? 0) > 0);
}

/** How many passages the index holds for a document: its duties, and its own passage when it has one. */
export function passageCount(doc: ExtractedDocument): number {
  return doc.duties.length + (hasOwnPassage(doc) ? 1 : 0);
}

/** The line of `text` holding `span`, trimmed: the sentence of the preamble that names a proposer. */
function lineAt(text: string, [start, end]: readonly [number, number]): string {
  const from = text.lastIndexOf('\n', start) + 1;
  const to = text.indexOf('\n', end);
  return squash(text.slice(from, to < 0 ? text.length : to));
}

function passageBody(duty: Duty): string {
  const shown = shownText(duty);
  return normalizeText(duty.heading && !shown.startsWith(duty.heading) ? `${duty.heading}: ${shown}` : shown);
}

/** The crime categories a document's subject names, once per document (its duties ask in turn). */
const subjectTopics = new WeakMap<ExtractedDocument, string[]>();
function subjectCategories(lexicon: ConceptLexicon, doc: ExtractedDocument): string[] {
  let found = subjectTopics.get(doc);
  if (!found) {
    found = doc.subject ? [...lexicon.tag(doc.subject)].filter((c) => c.startsWith(CATEGORY)) : [];
    subjectTopics.set(doc, found);
  }
  return found;
}

const DOMAIN = 'domain:';
const isTopic = (concept: string): boolean => concept.startsWith(CATEGORY) || concept.startsWith(DOMAIN);

/** Per document, each duty's sentence-mate: the duty before it in the same sentence, or else the one after. */
const sentenceMates = new WeakMap<ExtractedDocument, Map<Duty, Duty>>();
function sentenceMate(doc: ExtractedDocument, duty: Duty): Duty | undefined {
  let mates = sentenceMates.get(doc);
  if (!mates) {
    mates = new Map();
    for (let i = 1; i < doc.duties.length; i++) {
      const before = doc.duties[i - 1]!;
      const after = doc.duties[i]!;
      if (!before.span || !after.span || before.span[1] > after.span[0]) continue;
      // Only punctuation inside a sentence (", ; –") and spaces between the two: one sentence.
      if (!/^[\s,;–-]{0,4}$/u.test(doc.text.slice(before.span[1], after.span[0]))) continue;
      mates.set(after, before);
      if (!mates.has(before)) mates.set(before, after);
    }
    sentenceMates.set(doc, mates);
  }
  return mates.get(duty);
}

function passageOf(
  lexicon: ConceptLexicon,
  doc: ExtractedDocument,
  duty: Duty,
  body: string,
  concepts: Set<string>,
): StoredPassage {
  const addCategory = (concept: string) => {
    concepts.add(concept);
    for (const parent of lexicon.get(concept)?.parents ?? []) concepts.add(parent);
  };
  for (const category of duty.categories) addCategory(`${CATEGORY}${category}`);
  // The second clause of a sentence often names no topic of its own: in "Cục Quản lý thị trường chủ trì kiểm tra
  // hàng hóa … trên sàn thương mại điện tử; Sở Công Thương là cơ quan đầu mối, tổng hợp kết quả kiểm tra" the
  // department's task is on what the first clause names.
  if (![...concepts].some(isTopic)) {
    const mate = sentenceMate(doc, duty);
    if (mate) {
      for (const category of mate.categories) addCategory(`${CATEGORY}${category}`);
      for (const concept of lexicon.tag(passageBody(mate))) if (isTopic(concept)) concepts.add(concept);
    }
  }
  // A duty that names no crime of its own works on what its document is about: in a "Hướng dẫn tiếp nhận tố giác
  // về tội phạm mua bán người" every unit's task is on human trafficking, though few of them say so again.
  if (![...concepts].some((c) => c.startsWith(CATEGORY)))
    for (const concept of subjectCategories(lexicon, doc)) addCategory(concept);
  for (const agency of duty.agencies) if (agency.typeId) concepts.add(`agency-type:${agency.typeId}`);
  return {
    id: duty.id,
    kind: 'duty',
    documentId: doc.id,
    path: duty.path,
    text: body,
    agencies: duty.agencies.map((a: AgencyRef) => ({ ...a })),
    categories: [...duty.categories],
    concepts: [...concepts].sort(),
    deadline: duty.deadline,
    document: documentOf(doc),
  };
}

function documentOf(doc: ExtractedDocument): StoredPassage['document'] {
  const { id, source, symbol, type, issuedAt, province, provinceName } = doc;
  return { id, source, symbol, type, issuedAt, province, provinceName };
}

/** The words around a duty that help find it: its agencies' names, as resolved and as written. */
export function passageContext(passage: StoredPassage): string {
  const names = passage.agencies.flatMap((a) => [a.name, a.mention]);
  return squash([...new Set(names)].join('. '));
}
