/**
 * From an extracted duty to the passage the search index stores (search/passage.ts): derived from the
 * document alone, so any index can be rebuilt from the graph.
 */
import { shownText, type AgencyRef, type ExtractedDocument } from '../../ingest/schema.js';
import { fold, normalizeText, squash } from '../../ingest/text/normalize.js';
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
  const context = passageContext(passage);
  // "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết": what is carried out is the document's subject, so its
  // words find the duty too ("ai tổ chức thực hiện nghị quyết về mức hỗ trợ …").
  const subject = doc.subject && pointsAtDocument(body) ? `. ${doc.subject}` : '';
  return { passage, fields: passageFields(analyzer, tokens, context + subject) };
}

/**
 * A duty about the document itself: "… Nghị quyết này", "tổ chức thực hiện Kế hoạch", "giám sát việc thực hiện
 * Nghị quyết" — not one about a document it cites by number ("thực hiện Quyết định số 12/…"), nor the report on
 * it ("báo cáo kết quả thực hiện Kế hoạch này"), which every plan asks of every body.
 */
const DOCUMENT_WORD =
  '(?:nghi quyet|ke hoach|quyet dinh|chi thi|chuong trinh|de an|thong tu|quy che|huong dan|cong van|ket luan|thong bao)';
const DOCUMENT_ITSELF = new RegExp(
  String.raw`\b${DOCUMENT_WORD} nay\b|\b(?:thuc hien|trien khai|giam sat|theo doi|don doc|so ket|tong ket)(?: viec)?(?: thuc hien| trien khai)? ${DOCUMENT_WORD}\b(?! so\b| \d)`,
  'u',
);
const REPORT_ON_IT = new RegExp(
  String.raw`\b(?:ket qua|tinh hinh)(?: to chuc)? (?:thuc hien|trien khai)(?: viec)?(?: thuc hien)?(?: cac noi dung(?: cua)?)? ${DOCUMENT_WORD}(?: nay)?`,
  'gu',
);
const pointsAtDocument = (body: string): boolean =>
  DOCUMENT_ITSELF.test(fold(body).toLowerCase().replace(REPORT_ON_IT, ' '));

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
const DOMAIN = 'domain:';
const isTopic = (concept: string): boolean => concept.startsWith(CATEGORY) || concept.startsWith(DOMAIN);

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

/** The topics (crime categories, domains) a document's subject names, once per document (its duties ask in turn). */
const subjectTopics = new WeakMap<ExtractedDocument, string[]>();
function subjectConcepts(lexicon: ConceptLexicon, doc: ExtractedDocument): string[] {
  let found = subjectTopics.get(doc);
  if (!found) {
    found = doc.subject ? [...lexicon.tag(doc.subject)].filter(isTopic) : [];
    subjectTopics.set(doc, found);
  }
  return found;
}

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
  // A duty about the document itself ("tổ chức thực hiện Nghị quyết") is on every topic the subject names.
  const itself = pointsAtDocument(body);
  if (itself || ![...concepts].some((c) => c.startsWith(CATEGORY)))
    for (const concept of subjectConcepts(lexicon, doc))
      if (concept.startsWith(CATEGORY)) addCategory(concept);
      else if (itself) concepts.add(concept);
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
