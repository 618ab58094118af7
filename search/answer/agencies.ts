/**
 * Agencies ranked by the evidence of the duties they were given: passages (already ranked by retrieval)
 * in, agencies with their roles and evidence out. Pure functions.
 *
 * An agency is an answer when one of its own duties is on the question's topic — its own, not a support
 * mention beside the body that leads it — and its score is within a relative cut of the best answer; the
 * rest are "related mentions" (listed after, flagged). A catch-all group ("Các sở, ban, ngành") is an answer
 * only when no named agency is, so it never outranks one.
 */
import type { PassageAgencyRef } from '../passage.js';
import type { AgencyHit, AnswerRole, DocumentRef, Evidence, Highlight, PassageKind } from '../schema.js';
import { fold } from '../../ingest/text/normalize.js';
import { snippetOf } from './evidence.js';

/**
 * How much a passage says about an agency, by the agency's part in it. Issuing or proposing a document on the
 * topic says less than a duty on it: such a body answers only questions about the document, or when no body has
 * a duty on the topic.
 */
export const ROLE_WEIGHT: Record<AnswerRole, number> = {
  lead: 1,
  assigned: 1,
  requested: 0.9,
  support: 0.35,
  issuer: 0.8,
  proposer: 0.8,
};
const ROLE_ORDER: AnswerRole[] = ['lead', 'assigned', 'requested', 'support', 'proposer', 'issuer'];

export interface AnswerPassage {
  dutyId: string;
  kind: PassageKind;
  score: number;
  /**
   * The passage's score when every dense neighbour counts, however far (a plain hybrid): it orders the
   * related mentions, which need no confident evidence, only closeness to the question. Defaults to `score`.
   */
  tailScore?: number;
  text: string;
  agencies: readonly PassageAgencyRef[];
  document: DocumentRef;
  /** Where the question's topic occurs in the text (agency names left out), for evidence. */
  matches: readonly Highlight[];
  /** The duty is on the question's topic (words, concepts or a confident dense match). */
  onTopic: boolean;
  /** Not on it, but on the broader offence above it (drugs, for a question on controlled substances). */
  nearTopic?: boolean;
  /**
   * For agencies of a sentence that pairs each body with its own verbs ("truy tố" for Viện kiểm sát,
   * "xét xử" for Tòa án), by agency id: the topic and matches of the text that is theirs.
   */
  own?: ReadonlyMap<string, { onTopic: boolean; matches: readonly Highlight[] }>;
}

export interface AnswerOptions {
  /** Merge provincial agencies of one type into a single answer. */
  group: boolean;
  /** Names for grouped answers, by agency type id. */
  typeName: (typeId: string) => string | undefined;
  /** Evidence items kept per agency. */
  maxEvidence: number;
  /** How much of the agency's name the query itself says (0..1): "khu kinh tế" favours that board. */
  affinity: (agency: PassageAgencyRef) => number;
  /** Score multiplier for an agency of a type the question names ("công an", "border guard"). */
  typeBoost: (agency: PassageAgencyRef) => number;
  /** True for a catch-all group ("các sở, ngành", "các cơ quan, đơn vị"). */
  catchAll: (agency: PassageAgencyRef) => boolean;
  /** Below this share of the best answer's score an agency is a related mention, not an answer. */
  relatedCut: number;
  /**
   * True for an agency outside what the question asks for (another province than the one named) as this passage
   * names it; an agency one passage puts in scope is in scope.
   */
  outOfScope: (agency: PassageAgencyRef, passage: AnswerPassage) => boolean;
  /**
   * The question asks who leads ("Ai chủ trì …", "who leads …"): once an agency leads an on-topic duty
   * (or is its sole assignee), agencies that only take another part are related mentions.
   */
  asksLead?: boolean;
  /**
   * The question asks who works with these agencies, which it names ("who must support the Department of
   * …", "cơ quan nào phối hợp với Công an tỉnh"): they are what it is about, not its answer, and a body
   * supporting one of their duties answers it.
   */
  partnersOf?: (agency: PassageAgencyRef) => boolean;
  /**
   * The question asks who issued or proposed a document ("Ai ban hành …", "which ministry proposed …"): an
   * agency that took that part in a document on the topic answers it, the others are related mentions.
   */
  asksDocumentRoles?: ReadonlySet<AnswerRole>;
}

/** Each further duty of the same agency counts for less: one strong duty beats many passing mentions. */
const EVIDENCE_DECAY = 0.5;
/**
 * Fused scores are flat (reciprocal ranks); raising them relative to the best passage to this power makes
 * the best-matching duty decide, instead of the agency that merely has the most duties.
 */
const SHARPNESS = 8;
/** Score multiplier at full name affinity; enough to order agencies sharing a duty, not to outrank better duties. */
const AFFINITY_BONUS = 0.25;
/**
 * A related mention from another province than the one the question names counts this share of its
 * closeness: the same body of the named province, or another one there, is what the reader looks for next.
 */
const OUT_OF_SCOPE_TAIL = 0.01;
/** Weight of a duty that is not on the question's topic (found by a loose match only). */
const OFF_TOPIC_WEIGHT = 0.5;

interface Contribution {
  value: number;
  evidence: Evidence;
}

/**
 * Agencies ranked by aggregated evidence: the sum over their duties of (sharpened) passage score × role
 * weight, with diminishing returns per additional duty.
 */
export function rankAgencies(passages: readonly AnswerPassage[], options: AnswerOptions): AgencyHit[] {
  const best = Math.max(...passages.map((p) => p.score), Number.MIN_VALUE);
  const tailOf = (p: AnswerPassage): number => p.tailScore ?? p.score;
  const bestTail = Math.max(...passages.map(tailOf), Number.MIN_VALUE);
  interface Acc {
    hit: Omit<AgencyHit, 'related' | 'evidenceCount'>;
    contributions: Contribution[];
    /** The contributions' values under the passages' tail scores. */
    tail: number[];
    members: Set<string>;
    affinity: number;
    boost: number;
    onTopic: boolean;
    nearTopic: boolean;
    /** On topic in a duty that is its own (not a support mention beside the body that leads it). */
    ownOnTopic: boolean;
    catchAll: boolean;
    outOfScope: boolean;
    /** Leads an on-topic duty, or is the only body given it besides supporting ones. */
    leadsOnTopic: boolean;
    /** One of the agencies the question asks the partners of. */
    reference: boolean;
    /** Has a duty among the passages (not only a part in a document itself). */
    hasDuty: boolean;
    /** Took the part the question asks about (issuer, proposer) in a document on its topic. */
    asked: boolean;
  }
  const byKey = new Map<string, Acc>();
  const isGrouped = (agency: PassageAgencyRef): boolean =>
    options.group && agency.typeId !== null && agency.province !== null;
  const keyOf = (agency: PassageAgencyRef): string =>
    isGrouped(agency) ? `type:${agency.typeId}` : agency.id;
  const withDuty = new Set(passages.filter((p) => p.kind === 'duty').flatMap((p) => p.agencies.map(keyOf)));
  const asked = (role: AnswerRole): boolean => options.asksDocumentRoles?.has(role) ?? false;
  for (const passage of passages) {
    const seen = new Set<string>();
    for (const agency of passage.agencies) {
      const grouped = isGrouped(agency);
      const key = keyOf(agency);
      if (seen.has(key)) continue;
      seen.add(key);
      // Unless the question asks who issued or proposed it, a document's own passage says nothing about a body
      // that has duties: the Quảng Trị plan's proposer is not more of an answer to its other questions.
      if (passage.kind === 'document' && withDuty.has(key) && !asked(agency.role)) continue;
      let acc = byKey.get(key);
      if (!acc) {
        acc = {
          hit: {
            id: key,
            name: grouped ? (options.typeName(agency.typeId!) ?? agency.name) : agency.name,
            typeId: agency.typeId,
            province: grouped ? null : agency.province,
            roles: [],
            score: 0,
            evidence: [],
          },
          contributions: [],
          tail: [],
          members: new Set(),
          affinity: 0,
          boost: options.typeBoost(agency),
          onTopic: false,
          nearTopic: false,
          ownOnTopic: false,
          catchAll: options.catchAll(agency),
          outOfScope: !grouped,
          leadsOnTopic: false,
          reference: options.partnersOf?.(agency) ?? false,
          hasDuty: false,
          asked: false,
        };
        byKey.set(key, acc);
      }
      acc.members.add(agency.id);
      acc.outOfScope &&= options.outOfScope(agency, passage);
      acc.affinity = Math.max(acc.affinity, options.affinity(agency));
      const mine = passage.agencies.filter((a) =>
        grouped ? a.typeId === agency.typeId : a.id === agency.id,
      );
      const own = mine.map((a) => passage.own?.get(a.id)).find((o) => o !== undefined);
      const onTopic = own ? own.onTopic : passage.onTopic;
      const role = strongestRole(mine);
      const partnering =
        role === 'support' && options.partnersOf !== undefined && passage.agencies.some(options.partnersOf);
      const weight = partnering ? ROLE_WEIGHT.assigned : roleWeight(role, passage, mine);
      acc.onTopic ||= onTopic;
      acc.nearTopic ||= !!passage.nearTopic;
      acc.ownOnTopic ||= onTopic && weight > ROLE_WEIGHT.support;
      acc.leadsOnTopic ||= onTopic && (role === 'lead' || soleAssignee(passage.agencies, mine));
      acc.hasDuty ||= passage.kind === 'duty';
      acc.asked ||= onTopic && asked(role);
      if (!acc.hit.roles.includes(role)) acc.hit.roles.push(role);
      // An off-topic duty (found by a loose match only) says little about the agency.
      const topical = onTopic ? 1 : OFF_TOPIC_WEIGHT;
      acc.contributions.push({
        value: (passage.score / best) ** SHARPNESS * weight * topical,
        evidence: evidenceOf(passage, agency, role, own?.matches ?? passage.matches),
      });
      acc.tail.push((tailOf(passage) / bestTail) ** SHARPNESS * weight * topical);
    }
  }
  const hits = [...byKey.values()].map((acc) => {
    // The agency's strongest own duty first.
    const contributions = acc.contributions.sort((a, b) => b.value - a.value);
    const factor = (1 + AFFINITY_BONUS * acc.affinity) * acc.boost;
    const score = decayed(contributions.map((c) => c.value)) * factor;
    const tail = decayed(acc.tail.sort((a, b) => b - a)) * factor * (acc.outOfScope ? OUT_OF_SCOPE_TAIL : 1);
    acc.hit.roles.sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
    return {
      acc,
      tail,
      hit: {
        ...acc.hit,
        score,
        evidence: contributions.slice(0, options.maxEvidence).map((c) => c.evidence),
        evidenceCount: contributions.length,
        ...(options.group && acc.hit.id.startsWith('type:') ? { members: [...acc.members].sort() } : {}),
      },
    };
  });
  // Stable sort: equal scores keep first-seen order, i.e. the better passage, then the agency named first.
  hits.sort((a, b) => b.hit.score - a.hit.score);
  const inScope = hits.filter((h) => h.acc.ownOnTopic && !h.acc.outOfScope);
  // The agencies whose partners are asked for answer only when none of their partners does.
  const partners = inScope.filter((h) => !h.acc.reference);
  const eligible = partners.length > 0 ? partners : inScope;
  const answering = new Set(eligible);
  const named = eligible.filter((h) => !h.acc.catchAll);
  // The cut is relative to the best named answer; catch-all groups only answer when no named agency does.
  // Asked who issued or proposed a document, the bodies that did are measured against each other, not against
  // the duties of the document they issued.
  const askedNamed = named.filter((n) => n.acc.asked);
  const pool = askedNamed.length ? askedNamed : named.length ? named : eligible;
  const top = Math.max(...pool.map((h) => h.hit.score), Number.MIN_VALUE);
  const namedAnswer = named.some((n) => n.hit.score >= top * options.relatedCut);
  const leaderAnswers =
    options.asksLead === true &&
    named.some((n) => n.acc.leadsOnTopic && n.hit.score >= top * options.relatedCut);
  const above = (h: (typeof hits)[number]): boolean => h.hit.score >= top * options.relatedCut;
  // Who issued or proposed the document, when asked; else a body with a duty on the topic, when there is one.
  const askedAnswers = askedNamed.length > 0;
  const dutyAnswers = named.some((n) => n.acc.hasDuty && above(n));
  const tier = (h: (typeof hits)[number]): number => {
    if (!answering.has(h) || !above(h)) return 2;
    if (askedAnswers ? !h.acc.asked : dutyAnswers && !h.acc.hasDuty) return 2;
    if (leaderAnswers && !h.acc.leadsOnTopic && !askedAnswers) return 2;
    if (h.acc.catchAll) return namedAnswer ? 2 : 1;
    return 0;
  };
  // Named answers, then catch-all groups (each by score), then related mentions: those with a duty on the
  // question's topic, then on the broader offence above it, before loose matches, each by closeness to the
  // question (the tail score: they need no confident evidence).
  const offTopic = (h: (typeof hits)[number]): number => (h.acc.onTopic ? 0 : h.acc.nearTopic ? 1 : 2);
  type RankedTier = { h: (typeof hits)[number]; i: number; tier: number };
  const order = (a: RankedTier, b: RankedTier): number =>
    a.tier - b.tier || (a.tier === 2 ? offTopic(a.h) - offTopic(b.h) || b.h.tail - a.h.tail : 0) || a.i - b.i;
  // A body that only issued or proposed a document is no mention at all when the question is about duties and
  // one answers it: every plan's committee would crowd out the partners a reader looks for next.
  const mentioned = (h: (typeof hits)[number]): boolean => h.acc.hasDuty || h.acc.asked || !dutyAnswers;
  return hits
    .filter(mentioned)
    .map((h, i): RankedTier => ({ h, i, tier: tier(h) }))
    .sort(order)
    .map(({ h, tier }) => ({ ...h.hit, related: tier === 2 }));
}

/** Evidence values summed with diminishing returns, strongest first. */
function decayed(values: readonly number[]): number {
  return values.reduce((sum, v, i) => sum + v * EVIDENCE_DECAY ** i, 0);
}

/** The agency (`mine`, its references) is the only body of the duty that is not merely supporting. */
function soleAssignee(all: readonly PassageAgencyRef[], mine: readonly PassageAgencyRef[]): boolean {
  const ids = new Set(mine.map((a) => a.id));
  return all.every((a) => a.role === 'support' || ids.has(a.id)) && mine.some((a) => a.role !== 'support');
}

/** A supporting agency counts for less only beside a lead one; alone, the duty is its own. */
function roleWeight(role: AnswerRole, passage: AnswerPassage, mine: readonly PassageAgencyRef[]): number {
  // Every body only takes part ("Sở Tư pháp: phối hợp với Công an tỉnh rà soát …"): the duty is the one it is
  // addressed to, not the partner its text names.
  if (role === 'support' && passage.agencies.every((a) => a.role === 'support'))
    return addressedTo(passage).some((a) => mine.includes(a)) ? ROLE_WEIGHT.assigned : ROLE_WEIGHT.support;
  return ROLE_WEIGHT[role];
}

/**
 * The bodies a duty is addressed to when each only takes part: those named before its first "phối hợp"
 * ("Sở Tài chính, Thuế tỉnh: Phối hợp rà soát …"), else the one named first.
 */
function addressedTo(passage: AnswerPassage): readonly PassageAgencyRef[] {
  const at = fold(passage.text).toLowerCase().indexOf('phoi hop');
  const before = passage.agencies.filter((a) => {
    const i = passage.text.indexOf(a.mention);
    return i >= 0 && i < at;
  });
  return before.length > 0 ? before : passage.agencies.slice(0, 1);
}

function strongestRole(refs: readonly PassageAgencyRef[]): AnswerRole {
  return (
    refs.map((r) => r.role).sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b))[0] ?? 'assigned'
  );
}

function evidenceOf(
  passage: AnswerPassage,
  agency: PassageAgencyRef,
  role: AnswerRole,
  matches: readonly Highlight[],
): Evidence {
  const at = passage.text.toLowerCase().indexOf(agency.mention.toLowerCase());
  const snippet = snippetOf(passage.text, matches, Math.max(at, 0), passage.kind === 'document');
  return {
    dutyId: passage.dutyId,
    kind: passage.kind,
    role,
    mention: agency.mention,
    snippet: snippet.text,
    highlights: snippet.highlights,
    document: passage.document,
  };
}
