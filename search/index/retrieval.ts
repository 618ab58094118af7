/**
 * Retrieval: a query in, ranked lists of passage ids out (lexical, concept, dense), all through the
 * SearchIndex port, so the same code runs on either adapter. Filters become a PassageFilter the engine
 * applies, or a reason why nothing can match.
 */
import { fold, slugify } from '../../ingest/text/normalize.js';
import { allProvinces, predecessorsOf, provinceBySlug } from '../../ingest/taxonomy/provinces.js';
import type { VietnameseAnalyzer } from '../analyzer.js';
import type { ConceptLexicon, QueryAnalysis } from '../concepts.js';
import { byId, type ScoredId } from '../hybrid.js';
import type { ParsedSearchRequest, ReasonCode } from '../schema.js';
import type { PassageFilter, SearchIndex } from './port.js';
import { queryTerms } from './terms.js';

/** A concept carried by more than this share of passages only re-weights what rarer concepts found. */
const COMMON_CONCEPT_SHARE = 0.25;
/** Passages read for one concept at most: bounds a query's work at any collection size. */
const CONCEPT_POSTINGS = 1_000;

export interface FilterReason {
  reason: string;
  reasonCode: ReasonCode;
}

export type ResolvedFilter =
  | {
      filter: PassageFilter | null;
      agencyIds?: Set<string>;
      /**
       * Why nothing can match after all (no indexed passage of the province or type), or null: checked
       * while retrieval runs, since on an engine a round trip away each check is one.
       */
      empty: Promise<FilterReason | null>;
    }
  | FilterReason;

/**
 * Turns the request's filter values into a PassageFilter, or a reason why nothing can match. The index
 * is asked everything at once; when several reasons hold, the first in the order below is given.
 */
export async function resolveFilter(
  index: SearchIndex,
  lexicon: ConceptLexicon,
  request: ParsedSearchRequest,
): Promise<ResolvedFilter> {
  const filter: PassageFilter = {};
  let agencyIds: Set<string> | undefined;
  let any = false;
  // A lookup's failure surfaces where it is awaited, or nowhere when an earlier reason decides.
  const ask = <T>(lookup: Promise<T>): Promise<T> => {
    lookup.catch(() => undefined);
    return lookup;
  };
  // Reasons in order, each pending or known; the first that holds is the answer.
  const checks: Array<Promise<FilterReason | null>> = [];
  const unless = (found: Promise<boolean>, reason: FilterReason) =>
    checks.push(ask(found.then((yes) => (yes ? null : reason))));
  const first = () => Promise.all(checks).then((reasons) => reasons.find((r) => r !== null) ?? null);
  const decided = async (reason: FilterReason): Promise<FilterReason> => {
    checks.push(Promise.resolve(reason));
    return (await first())!;
  };
  if (request.province) {
    const province = resolveProvince(request.province);
    if (!province)
      return { reason: `unknown province "${request.province}"`, reasonCode: 'unknown-province' };
    // A province merged in 2025 is searched with the one it joined ("Lâm Đồng" includes Bình Thuận).
    filter.provinces = withPredecessors(province);
    unless(ask(index.any({ provinces: filter.provinces })), {
      reason: `no indexed document is from province "${request.province}"`,
      reasonCode: 'province-empty',
    });
    any = true;
  }
  const agencies = request.agency
    ? ask(index.agenciesMatching(request.agency, slugify(request.agency), fold(request.agency)))
    : null;
  const type = request.type ? slugify(request.type) : undefined;
  const typed = type === undefined ? null : ask(index.any({ type }));
  if (agencies) {
    const ids = await agencies;
    if (ids.length === 0) {
      return decided({
        reason: `no indexed duty is assigned to an agency matching "${request.agency}"`,
        reasonCode: 'agency-empty',
      });
    }
    agencyIds = new Set(ids);
    filter.agencies = ids;
    any = true;
  }
  if (request.category) {
    const concept = resolveCategory(lexicon, request.category);
    if (!concept) {
      return decided({
        reason: `unknown crime category "${request.category}"`,
        reasonCode: 'unknown-category',
      });
    }
    filter.concept = concept;
    any = true;
  }
  if (typed) {
    filter.type = type;
    unless(typed, { reason: `no indexed document has type "${request.type}"`, reasonCode: 'type-empty' });
    any = true;
  }
  if (request.from || request.to) {
    filter.from = request.from ?? '0000';
    filter.to = request.to ?? '9999';
    any = true;
  }
  return { filter: any ? filter : null, agencyIds, empty: first() };
}

export interface LexicalSettings {
  /** Weight of concept expansions in a Vietnamese query (English queries rely on them fully). */
  expansionWeight: number;
}

export async function lexicalHits(
  index: SearchIndex,
  analyzer: VietnameseAnalyzer,
  analysis: QueryAnalysis,
  settings: LexicalSettings,
  filter: PassageFilter | null,
  limit: number,
): Promise<{ hits: ScoredId[]; terms: string[] }> {
  const terms = queryTerms(analyzer, {
    text: analysis.text,
    expansions: analysis.expansions,
    expansionWeight: analysis.language === 'en' ? 1 : settings.expansionWeight,
  });
  if (terms.size === 0) return { hits: [], terms: [] };
  return index.lexical(terms, limit, filter);
}

/**
 * Passages carrying the query's concepts, rare concepts counting more; covering more of what the query
 * asks for beats one rare match (Lucene's old "coord" factor).
 */
export async function conceptHits(
  index: SearchIndex,
  analysis: QueryAnalysis,
  filter: PassageFilter | null,
  /** Passages a concept's share is taken of (duty passages). */
  total: number | Promise<number>,
  limit: number,
  /** The concepts' counts when the caller has asked for them already (one read less). */
  counts: Promise<Map<string, number>> = index.conceptCounts(analysis.concepts.map((m) => m.concept.id)),
): Promise<ScoredId[]> {
  // Rarest first. A concept most passages carry ("prevention") adds weight to the passages rarer
  // concepts found, but brings in no new ones of its own: it would only flood the list.
  const concepts = [...(await counts)].sort((a, b) => a[1] - b[1] || byId(a[0], b[0]));
  total = await total;
  const weighted = concepts.map(([concept, size], i) => ({
    concept,
    weight: Math.log(1 + Math.max(total, 1) / size),
    common: i > 0 && size > total * COMMON_CONCEPT_SHARE,
    // Past the rarest concept, one with more passages than a query can afford to read only rescores
    // the candidates (MaxScore-style); the rarest is read up to that many.
    tooLarge: i > 0 && size > CONCEPT_POSTINGS,
  }));
  const asked = analysis.concepts.length;
  const rank = (scores: Iterable<{ id: string; sum: number; matched: number }>): ScoredId[] =>
    [...scores]
      .map(({ id, sum, matched }) => ({ id, score: (sum * matched) / asked }))
      .sort((a, b) => b.score - a.score || byId(a.id, b.id))
      .slice(0, limit);
  if (index.conceptScores) {
    // Common and too large concepts come last (sizes ascending) and only add to what the others found.
    const read = weighted.filter((c) => !c.common && !c.tooLarge).map((c) => c.concept);
    if (read.length === 0) return [];
    const weights = new Map(weighted.map((c) => [c.concept, c.weight]));
    return rank(await index.conceptScores(read, weights, filter, CONCEPT_POSTINGS, limit));
  }
  const scores = new Map<string, { sum: number; matched: number }>();
  for (const { concept, weight, common: shared, tooLarge } of weighted) {
    const common = shared || tooLarge;
    if (common && scores.size === 0) continue;
    const ids = common
      ? await index.conceptPassages(concept, filter, [...scores.keys()])
      : await index.conceptPassages(concept, filter, undefined, CONCEPT_POSTINGS);
    for (const id of ids) {
      const entry = scores.get(id);
      if (entry) {
        entry.sum += weight;
        entry.matched++;
      } else if (!common) scores.set(id, { sum: weight, matched: 1 });
    }
  }
  return rank([...scores].map(([id, s]) => ({ id, ...s })));
}

export function withPredecessors(slug: string): string[] {
  return [slug, ...predecessorsOf(slug)];
}

function resolveProvince(value: string): string | null {
  const slug = slugify(value);
  if (provinceBySlug(slug)) return slug;
  const wanted = fold(value);
  const match = allProvinces().find((p) => [p.name, p.nameEn, ...p.aliases].some((n) => fold(n) === wanted));
  return match?.slug ?? null;
}

function resolveCategory(lexicon: ConceptLexicon, value: string): string | null {
  const wanted = fold(value);
  for (const concept of lexicon.concepts()) {
    if (concept.kind !== 'category') continue;
    if (
      concept.key === value ||
      fold(concept.label.vi) === wanted ||
      fold(concept.label.en) === wanted ||
      concept.vi.some((v) => fold(v) === wanted)
    ) {
      return concept.id;
    }
  }
  return null;
}
