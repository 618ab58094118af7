/**
 * Agencies ranked by the evidence of the duties they were given: passages (already ranked by retrieval)
 * in, agencies with their roles and evidence out. Pure functions.
 */
import type { AgencyRef, Role } from '../../ingest/schema.js';
import type { AgencyHit, DocumentRef, Evidence } from '../schema.js';

/** How much a duty says about an agency, by the agency's role in it. */
export const ROLE_WEIGHT: Record<Role, number> = { lead: 1, assigned: 1, requested: 0.9, support: 0.35 };
const ROLE_ORDER: Role[] = ['lead', 'assigned', 'requested', 'support'];

export interface AnswerPassage {
  dutyId: string;
  score: number;
  text: string;
  agencies: readonly AgencyRef[];
  document: DocumentRef;
}

export interface AnswerOptions {
  /** Merge provincial agencies of one type into a single answer. */
  group: boolean;
  /** Names for grouped answers, by agency type id. */
  typeName: (typeId: string) => string | undefined;
  /** Evidence items kept per agency. */
  maxEvidence: number;
  /** How much of the agency's name the query itself says (0..1): "khu kinh tế" favours that board. */
  affinity: (agency: AgencyRef) => number;
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
 * Agencies ranked by aggregated evidence: the sum over their duties of (sharpened) passage score × role
 * weight, with diminishing returns per additional duty.
 */
export function rankAgencies(passages: readonly AnswerPassage[], options: AnswerOptions): AgencyHit[] {
  const best = Math.max(...passages.map((p) => p.score), Number.MIN_VALUE);
  interface Acc {
    hit: AgencyHit;
    contributions: number[];
    members: Set<string>;
    affinity: number;
  }
  const byKey = new Map<string, Acc>();
  for (const passage of passages) {
    const seen = new Set<string>();
    for (const agency of passage.agencies) {
      const grouped = options.group && agency.typeId !== null && agency.province !== null;
      const key = grouped ? `type:${agency.typeId}` : agency.id;
      if (seen.has(key)) continue;
      seen.add(key);
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
          members: new Set(),
          affinity: 0,
        };
        byKey.set(key, acc);
      }
      acc.members.add(agency.id);
      acc.affinity = Math.max(acc.affinity, options.affinity(agency));
      const role = strongestRole(
        passage.agencies.filter((a) => (grouped ? a.typeId === agency.typeId : a.id === agency.id)),
      );
      if (!acc.hit.roles.includes(role)) acc.hit.roles.push(role);
      acc.contributions.push((passage.score / best) ** SHARPNESS * roleWeight(role, passage.agencies));
      if (acc.hit.evidence.length < options.maxEvidence)
        acc.hit.evidence.push(evidenceOf(passage, agency, role));
    }
  }
  const hits = [...byKey.values()].map(({ hit, contributions, members, affinity }) => {
    contributions.sort((a, b) => b - a);
    const evidence = contributions.reduce((sum, c, i) => sum + c * EVIDENCE_DECAY ** i, 0);
    const score = evidence * (1 + AFFINITY_BONUS * affinity);
    hit.roles.sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
    return {
      ...hit,
      score,
      ...(options.group && hit.id.startsWith('type:') ? { members: [...members].sort() } : {}),
    };
  });
  // Stable sort: equal scores keep first-seen order, i.e. the better passage, then the agency named first.
  return hits.sort((a, b) => b.score - a.score);
}

/** A supporting agency counts for less only beside a lead one; alone, the duty is its own. */
function roleWeight(role: Role, all: readonly AgencyRef[]): number {
  if (role === 'support' && all.every((a) => a.role === 'support')) return ROLE_WEIGHT.assigned;
  return ROLE_WEIGHT[role];
}

function strongestRole(refs: readonly AgencyRef[]): Role {
  return (
    refs.map((r) => r.role).sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b))[0] ?? 'assigned'
  );
}

const SNIPPET_LENGTH = 200;

function evidenceOf(passage: AnswerPassage, agency: AgencyRef, role: Role): Evidence {
  const text = passage.text.replace(/\s+/g, ' ').trim();
  return {
    dutyId: passage.dutyId,
    role,
    mention: agency.mention,
    snippet: text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH - 1)}…` : text,
    document: passage.document,
  };
}
