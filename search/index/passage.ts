/**
 * From an extracted duty to the passage the search index stores (search/passage.ts): derived from the
 * document alone, so any index can be rebuilt from the graph.
 */
import { shownText, type AgencyRef, type ExtractedDocument } from '../../ingest/schema.js';
import { normalizeText, squash } from '../../ingest/text/normalize.js';
import { syllables, type VietnameseAnalyzer } from '../analyzer.js';
import type { ConceptLexicon } from '../concepts.js';
import type { StoredPassage } from '../passage.js';
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

function passageBody(duty: Duty): string {
  const shown = shownText(duty);
  return normalizeText(duty.heading && !shown.startsWith(duty.heading) ? `${duty.heading}: ${shown}` : shown);
}

function passageOf(
  lexicon: ConceptLexicon,
  doc: ExtractedDocument,
  duty: Duty,
  body: string,
  concepts: Set<string>,
): StoredPassage {
  for (const category of duty.categories) {
    concepts.add(`category:${category}`);
    for (const parent of lexicon.get(`category:${category}`)?.parents ?? []) concepts.add(parent);
  }
  for (const agency of duty.agencies) if (agency.typeId) concepts.add(`agency-type:${agency.typeId}`);
  return {
    id: duty.id,
    documentId: doc.id,
    path: duty.path,
    text: body,
    agencies: duty.agencies.map((a: AgencyRef) => ({ ...a })),
    categories: [...duty.categories],
    concepts: [...concepts].sort(),
    deadline: duty.deadline,
    document: {
      id: doc.id,
      source: doc.source,
      symbol: doc.symbol,
      type: doc.type,
      issuedAt: doc.issuedAt,
      province: doc.province,
      provinceName: doc.provinceName,
    },
  };
}

/** The words around a duty that help find it: its agencies' names, as resolved and as written. */
export function passageContext(passage: StoredPassage): string {
  const names = passage.agencies.flatMap((a) => [a.name, a.mention]);
  return squash([...new Set(names)].join('. '));
}
