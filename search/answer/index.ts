/**
 * Answering: passages ranked by retrieval in, the answer out — agencies with their evidence, and the
 * passages with highlights. Knows nothing of how passages were found or stored.
 */
import { fold } from '../../ingest/text/normalize.js';
import { type Syllable, syllables, type VietnameseAnalyzer } from '../analyzer.js';
import type { ConceptLexicon, QueryAnalysis } from '../concepts.js';
import { documentRef, type PassageAgencyRef, type StoredPassage, topicConcepts } from '../passage.js';
import type { AgencyHit, AnswerRole, Highlight, ParsedSearchRequest, PassageHit } from '../schema.js';
import { type AnswerPassage, rankAgencies } from './agencies.js';
import { findMatches, NameMatcher, nameRanges, type QueryPhrases, queryPhrases } from './evidence.js';

/** A passage as retrieval ranked it. */
export interface RankedPassage {
  passage: StoredPassage;
  /** Fused retrieval score (higher is better). */
  score: number;
  /** Cosine similarity to the question, when dense retrieval found the passage close enough to count. */
  dense?: number;
  /** The score under a plain hybrid, every dense neighbour counting (orders related mentions). */
  tail?: number;
  /**
   * Only the plain hybrid ranks the passage among its first: its agencies may be related mentions, it is
   * never listed as a passage of the answer.
   */
  tailOnly?: boolean;
}

export interface AnswerContext {
  request: ParsedSearchRequest;
  analysis: QueryAnalysis;
  analyzer: VietnameseAnalyzer;
  lexicon: ConceptLexicon;
  /** Only these agencies may be answers (the agency filter), when set. */
  agencyIds?: ReadonlySet<string>;
  /** Below this share of the best answer's score an agency is a related mention. */
  relatedCut: number;
  /**
   * Provinces the question names (with those merged into them): a provincial agency of another province
   * is not what was asked for, so it is at most a related mention.
   */
  provinces: ReadonlySet<string>;
  /** Share of all indexed passages that carry a concept (0..1): common ones do not decide the topic. */
  conceptShare: (conceptId: string) => number;
  /**
   * Agency types the question names only as who issued or asks ("kế hoạch của Bộ Công an", "UBND tỉnh giao cơ
   * quan nào …"): they hand the work on, they are not what it asks for.
   */
  issuerTypes?: ReadonlySet<string>;
}

export interface Answer {
  agencies: AgencyHit[];
  passages: PassageHit[];
}

/** Passages whose agencies are aggregated into the answer. */
const ANSWER_DEPTH = 30;
const MAX_EVIDENCE = 5;

/** Score multiplier for agencies of a type the question names: strong, since the question asks for it. */
const TYPE_BOOST = 2;
/** …and for those of a type it names only as who issued or asks. */
const ISSUER_FACTOR = 0.25;
/** Category and domain concepts of the question make a duty that carries them on topic… */
const TOPICAL_KINDS = new Set(['category', 'domain']);
/** …unless most duties carry them ("phòng, chống tội phạm"). */
const COMMON_CONCEPT_SHARE = 0.25;
/** Words that point back at the document's preceding content: "nêu trên", "trên đây". */
const BACK_REFERENCE = /\b(?:neu tren|tren day)\b/;
/**
 * A catch-all group as written: "các sở, ngành …", "các cơ quan, đơn vị …", "các cơ quan chức năng", "toàn thể …".
 * "Các cơ quan" with a kind after it ("các cơ quan báo chí", "… tư pháp") names that kind of body.
 */
const CATCH_ALL =
  /^(?:cac|toan the|moi) (?:(?:so|ban|nganh|don vi|dia phuong|doan the|to chuc|luc luong)(?:[ ,]|$)|co quan(?:[,;]|$| (?:lien quan|co lien quan|chuc nang|don vi|thanh vien|trung uong|nha nuoc|tren dia ban|thuoc|cua|o|tai)\b))/;

/** Role concepts that ask about a document itself: who issued it, who proposed it. */
const DOCUMENT_ROLES: ReadonlySet<string> = new Set<AnswerRole>(['issuer', 'proposer']);

/**
 * The parts in a document itself the question asks about ("Ai ban hành …", "which ministry proposed …"); none
 * when it also asks who leads or takes part: "cơ quan nào tham mưu ban hành …" asks for the body that drafts.
 */
function documentRolesAsked(keys: readonly string[]): ReadonlySet<AnswerRole> {
  const asked = keys.filter((key): key is AnswerRole => DOCUMENT_ROLES.has(key));
  return new Set(asked.length === keys.length ? asked : []);
}

/** How many of the ranked passages an answer for `k` passages looks at (the rest need not be read). */
export function answerDepth(k: number): number {
  return Math.max(k, ANSWER_DEPTH);
}

/**
 * Where the question's topic occurs in a passage, agency names left out: the per-passage half of
 * answering, which needs only the question. Remembered by passage id, so the service can run it on the
 * passages it already has while the query embedding is still being computed.
 */
export class TopicMatcher {
  readonly affinity: (agency: PassageAgencyRef) => number;
  readonly phrases: QueryPhrases;
  /** Role concepts of the question ("chủ trì", "phối hợp"). */
  readonly roles: QueryAnalysis['concepts'];
  private readonly unitMatcher: NameMatcher;
  private readonly found = new Map<string, PassageMatches>();

  constructor(analysis: QueryAnalysis, analyzer: VietnameseAnalyzer, lexicon: ConceptLexicon) {
    const isStopword = (w: string): boolean => analyzer.isStopword(w);
    this.affinity = nameAffinity(analysis.text, isStopword);
    // Role words say how a body takes part, not what about: never topic evidence.
    this.roles = analysis.concepts.filter((m) => m.concept.kind === 'role');
    const roleForms = new Set(this.roles.flatMap((m) => m.concept.vi));
    this.phrases = queryPhrases(
      this.roles.reduce((text, m) => text.replace(m.text, ' '), analysis.text),
      analysis.expansions.map((e) => e.text).filter((t) => !roleForms.has(t)),
      isStopword,
    );
    // Agency names the question does not name ("Quản lý thị trường" in a smuggling duty) are not its topic.
    const namedTypeIds = new Set(
      analysis.concepts.filter((m) => m.concept.kind === 'agency-type').map((m) => m.concept.id),
    );
    this.unitMatcher = new NameMatcher(
      [...lexicon.concepts()]
        .filter((c) => c.kind === 'agency-type' && !namedTypeIds.has(c.id))
        .flatMap((c) => c.vi),
    );
  }

  of(passage: StoredPassage): PassageMatches {
    let found = this.found.get(passage.id);
    if (!found) {
      // Words inside an agency's name are not topic evidence, unless the question names that agency.
      const names = passage.agencies
        .filter((a) => this.affinity(a) < 0.5)
        .flatMap((a) => [a.mention, a.name]);
      const excluded = [...nameRanges(passage.text, names), ...this.unitMatcher.ranges(passage.text)];
      found = { excluded, matches: findMatches(passage.text, this.phrases, excluded) };
      this.found.set(passage.id, found);
    }
    return found;
  }
}

interface PassageMatches {
  /** Agency names and unit names in the text, never topic evidence. */
  excluded: Array<readonly [number, number]>;
  matches: Highlight[];
}

/** `matcher`: one made for this question already (it may hold passages matched ahead of ranking). */
export function buildAnswer(
  ranked: readonly RankedPassage[],
  context: AnswerContext,
  matcher = new TopicMatcher(context.analysis, context.analyzer, context.lexicon),
): Answer {
  const { request, analysis, lexicon } = context;
  const { affinity, phrases, roles } = matcher;
  const askedActions = analysis.concepts.filter((m) => m.concept.kind === 'action').map((m) => m.concept.id);
  // The topic is the question's specific concepts when it has any, else its words. A particular offence it
  // names decides, however common in the corpus: a border duty on firecrackers is not on topic for drugs.
  const offences = analysis.concepts.filter((m) => m.concept.kind === 'category' && !m.concept.umbrella);
  const specific = analysis.concepts.filter(
    (m) => TOPICAL_KINDS.has(m.concept.kind) && context.conceptShare(m.concept.id) <= COMMON_CONCEPT_SHARE,
  );
  const topical = new Set((offences.length > 0 ? offences : specific).map((m) => m.concept.id));
  // The offence just above a particular one asked about: a duty on it is the nearest of the related mentions.
  const broader = new Set(
    offences.map((m) => m.concept.parents[0]).filter((p): p is string => p !== undefined && !topical.has(p)),
  );
  const namedTypes = new Set(
    analysis.concepts.filter((m) => m.concept.kind === 'agency-type').map((m) => m.concept.key),
  );
  // "Who must support the Department of …": the body it names is the one supported, not the answer.
  const asksPartners = namedTypes.size > 0 && roles.some((m) => m.concept.key === 'coordination');
  const depth = answerDepth(request.k);
  const considered = ranked.filter((r, i) => i < depth || r.tailOnly);
  const analyzed = considered.map((r): AnswerPassage & { ranked: RankedPassage } => {
    const { passage } = r;
    const { excluded, matches } = matcher.of(passage);
    // A document's subject is short and general ("Tăng cường công tác phòng, chống tội phạm"): close to most
    // questions in the model's space, so only its words or concepts put it on a question's topic.
    // A confident dense match puts a duty on topic only when the question names no particular topic of its own.
    const onTopic =
      topical.size > 0
        ? topicConcepts(passage).some((c) => topical.has(c))
        : matches.length > 0 || (r.dense !== undefined && passage.kind === 'duty');
    return {
      ranked: r,
      dutyId: passage.id,
      kind: passage.kind,
      score: r.score,
      tailScore: r.tail,
      text: passage.text,
      agencies: passage.agencies.filter((a) => !context.agencyIds || context.agencyIds.has(a.id)),
      document: documentRef(passage),
      matches,
      onTopic,
      nearTopic: !onTopic && broader.size > 0 && topicConcepts(passage).some((c) => broader.has(c)),
      own: ownTopics(passage, phrases, excluded, onTopic, (whole, part, ownMatches) => {
        const all = lexicon.tag(whole);
        const tags = lexicon.tag(part);
        // Every action asked for that the sentence names is another body's verb: the duty is not this one's.
        const named = askedActions.filter((c) => all.has(c));
        if (named.length > 0 && !named.some((c) => tags.has(c))) return false;
        if (topical.size > 0) return [...topical].some((c) => tags.has(c)) || r.dense !== undefined;
        return ownMatches.length > 0 || r.dense !== undefined;
      }),
    };
  });
  // "… triển khai các nội dung nêu trên": a duty that points back at what the document said takes its topic.
  const onTopicDocuments = new Set(analyzed.filter((p) => p.onTopic).map((p) => p.document.id));
  for (const p of analyzed)
    if (!p.onTopic && onTopicDocuments.has(p.document.id) && BACK_REFERENCE.test(fold(p.text).toLowerCase()))
      p.onTopic = true;
  const byId = new Map(analyzed.map((p) => [p.dutyId, p]));
  const passages: PassageHit[] = ranked
    .filter((r) => !r.tailOnly)
    .slice(0, request.k)
    .map(({ passage, score }) => ({
      dutyId: passage.id,
      kind: passage.kind,
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
      highlights: [...(byId.get(passage.id)?.matches ?? findMatches(passage.text, phrases))],
    }));
  const agencies = rankAgencies(analyzed, {
    group: request.group,
    typeName: (typeId) => lexicon.get(`agency-type:${typeId}`)?.label.vi,
    maxEvidence: MAX_EVIDENCE,
    affinity,
    typeBoost: (agency) => {
      if (agency.typeId === null) return 1;
      if (namedTypes.has(agency.typeId)) return asksPartners ? 1 : TYPE_BOOST;
      return context.issuerTypes?.has(agency.typeId) ? ISSUER_FACTOR : 1;
    },
    relatedCut: context.relatedCut,
    // A body of another province in a document of the named one is in scope: An Giang's police writing to Gia
    // Lai's is what "which police did An Giang ask …" asks for.
    outOfScope: (agency, passage) =>
      context.provinces.size > 0 &&
      agency.province !== null &&
      !context.provinces.has(agency.province) &&
      !(passage.document.province !== null && context.provinces.has(passage.document.province)),
    asksLead: roles.some((m) => m.concept.key === 'lead'),
    asksDocumentRoles: documentRolesAsked(roles.map((m) => m.concept.key)),
    ...(asksPartners
      ? { partnersOf: (agency: PassageAgencyRef) => agency.typeId !== null && namedTypes.has(agency.typeId) }
      : {}),
    catchAll: (agency) =>
      (agency.typeId !== null && lexicon.collectiveTypes.has(agency.typeId)) ||
      CATCH_ALL.test(fold(agency.mention).toLowerCase()),
  }).map((hit) => ({ ...hit, score: round(hit.score) }));
  return { agencies, passages };
}

/**
 * Where one sentence pairs agencies with their own verbs ("Viện kiểm sát, Tòa án … truy tố, xét xử"), each
 * agency's part of the text: the duty without the other agencies' verbs, its matches, and whether that part
 * is on topic (`judge` gets the duty with agency names blanked, and that part). Undefined when the passage
 * has no such pairing.
 */
function ownTopics(
  passage: StoredPassage,
  phrases: QueryPhrases,
  excluded: ReadonlyArray<readonly [number, number]>,
  onTopic: boolean,
  judge: (whole: string, part: string, matches: readonly Highlight[]) => boolean,
): AnswerPassage['own'] {
  const paired = passage.agencies.filter((a) => a.action);
  if (paired.length < 2) return undefined;
  // Agency names are blanked: "kiểm sát" in "Viện kiểm sát" is not the verb.
  const whole = blank(
    passage.text,
    nameRanges(
      passage.text,
      passage.agencies.map((a) => a.mention),
    ),
  );
  const own = new Map<string, { onTopic: boolean; matches: Highlight[] }>();
  for (const agency of paired) {
    const others = paired.filter((a) => a.id !== agency.id && a.action !== agency.action);
    const hidden = nameRanges(
      passage.text,
      others.map((a) => a.action!),
    );
    const matches = findMatches(passage.text, phrases, [...excluded, ...hidden]);
    own.set(agency.id, { onTopic: onTopic && judge(whole, blank(whole, hidden), matches), matches });
  }
  return own;
}

/** The text with the given ranges replaced by spaces (offsets stay valid). */
function blank(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  let out = text;
  for (const [start, end] of ranges) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  return out;
}

/**
 * Share of an agency's own words (as the document wrote them, "tỉnh" aside) that the query uses, compared
 * as syllable pairs so "tổ chức" in the name does not match "chức sắc" in the query.
 */
function nameAffinity(
  query: string,
  isStopword: (exact: string) => boolean,
): (agency: PassageAgencyRef) => number {
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
