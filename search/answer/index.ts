/**
 * Answering: passages ranked by retrieval in, the answer out — agencies with their evidence, and the
 * passages with highlights. Knows nothing of how passages were found or stored.
 */
import type { AgencyRef } from '../../ingest/schema.js';
import { type Syllable, syllables, type VietnameseAnalyzer } from '../analyzer.js';
import type { ConceptLexicon, QueryAnalysis } from '../concepts.js';
import { documentRef, type StoredPassage } from '../passage.js';
import type { AgencyHit, ParsedSearchRequest, PassageHit } from '../schema.js';
import { rankAgencies } from './agencies.js';
import { highlight } from './evidence.js';

/** A passage as retrieval ranked it. */
export interface RankedPassage {
  passage: StoredPassage;
  /** Fused retrieval score (higher is better). */
  score: number;
  /** Analyzed index terms the passage matched lexically, when it did. */
  lexicalTerms?: readonly string[];
}

export interface AnswerContext {
  request: ParsedSearchRequest;
  analysis: QueryAnalysis;
  analyzer: VietnameseAnalyzer;
  lexicon: ConceptLexicon;
  /** Only these agencies may be answers (the agency filter), when set. */
  agencyIds?: ReadonlySet<string>;
}

export interface Answer {
  agencies: AgencyHit[];
  passages: PassageHit[];
}

/** Passages whose agencies are aggregated into the answer. */
const ANSWER_DEPTH = 30;
const MAX_EVIDENCE = 5;

export function buildAnswer(ranked: readonly RankedPassage[], context: AnswerContext): Answer {
  const { request, analysis, analyzer } = context;
  const isStopword = (w: string): boolean => analyzer.isStopword(w);
  // Highlight what matched each passage lexically; passages found otherwise show the query's words.
  const queryTerms = new Set(Object.values(analyzer.analyze(analysis.text)).flat());
  const passages: PassageHit[] = ranked.slice(0, request.k).map(({ passage, score, lexicalTerms }) => ({
    dutyId: passage.id,
    path: passage.path,
    text: passage.text,
    score: round(score),
    agencies: passage.agencies.map(({ id, name, role, typeId, province }) => ({
      id,
      name,
      role,
      typeId,
      province,
    })),
    document: documentRef(passage),
    categories: passage.categories,
    deadline: passage.deadline,
    highlights: highlight(passage.text, lexicalTerms ? new Set(lexicalTerms) : queryTerms, isStopword),
  }));
  const agencies = rankAgencies(
    ranked.slice(0, Math.max(request.k, ANSWER_DEPTH)).map(({ passage, score }) => ({
      dutyId: passage.id,
      score,
      text: passage.text,
      agencies: passage.agencies.filter((a) => !context.agencyIds || context.agencyIds.has(a.id)),
      document: documentRef(passage),
    })),
    {
      group: request.group,
      typeName: (typeId) => context.lexicon.get(`agency-type:${typeId}`)?.label.vi,
      maxEvidence: MAX_EVIDENCE,
      affinity: nameAffinity(analysis.text, isStopword),
    },
  ).map((hit) => ({ ...hit, score: round(hit.score) }));
  return { agencies, passages };
}

/**
 * Share of an agency's own words (as the document wrote them, "tỉnh" aside) that the query uses, compared
 * as syllable pairs so "tổ chức" in the name does not match "chức sắc" in the query.
 */
function nameAffinity(query: string, isStopword: (exact: string) => boolean): (agency: AgencyRef) => number {
  const said = new Set(wordsOf(query, isStopword));
  const cache = new Map<string, number>();
  return (agency) => {
    let value = cache.get(agency.mention);
    if (value === undefined) {
      const own = wordsOf(agency.mention, isStopword);
      value = own.length === 0 ? 0 : own.filter((w) => said.has(w)).length / own.length;
      cache.set(agency.mention, value);
    }
    return value;
  };
}

/** Folded syllable pairs of the content words, or the single syllable of a one-word text. */
function wordsOf(text: string, isStopword: (exact: string) => boolean): string[] {
  const folded = syllables(text)
    .filter((s): s is Syllable => s !== null && !isStopword(s.exact) && s.folded !== 'tinh')
    .map((s) => s.folded);
  if (folded.length === 1) return folded;
  return folded.slice(1).map((w, i) => `${folded[i]} ${w}`);
}

export function round(score: number): number {
  return Math.round(score * 1e6) / 1e6;
}
