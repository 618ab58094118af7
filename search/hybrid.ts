/**
 * Hybrid ranking, as pure functions: fuse ranked lists from several retrievers (dense, lexical,
 * concept) with weighted reciprocal rank fusion, then turn ranked passages into an answer — agencies
 * ranked by the evidence of the duties they were given.
 */
import type { AgencyRef, Role } from '../ingest/schema.js';
import { BIGRAM_JOINER, type Syllable, syllables } from './analyzer.js';
import type { AgencyHit, DocumentRef, Evidence, Highlight } from './schema.js';

export interface ScoredId {
  id: string;
  score: number;
}

export interface RankedList {
  name: string;
  weight: number;
  hits: readonly ScoredId[];
}

export interface FusedHit {
  id: string;
  score: number;
  /** 1-based rank of the hit in each list that returned it. */
  ranks: Record<string, number>;
}

/**
 * Weighted reciprocal rank fusion: score = Σ weight / (k + rank). Equal scores share a rank, so a
 * retriever that cannot tell passages apart (many duties with the same concept) favours none of them.
 */
export function fuseRankings(lists: readonly RankedList[], k: number): FusedHit[] {
  const fused = new Map<string, FusedHit>();
  for (const list of lists) {
    let rank = 0;
    let previous = Number.NaN;
    list.hits.forEach((hit, index) => {
      if (hit.score !== previous) rank = index + 1;
      previous = hit.score;
      const entry = fused.get(hit.id) ?? { id: hit.id, score: 0, ranks: {} };
      entry.score += list.weight / (k + rank);
      entry.ranks[list.name] = rank;
      fused.set(hit.id, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || byId(a.id, b.id));
}

/** Plain code-unit order: a deterministic tie-break, far cheaper than localeCompare on long lists. */
export function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

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

/**
 * Where matched terms occur in a passage: runs of syllables whose exact or folded form (or the bigram
 * they form) is among `terms`, merged into spans of the passage text.
 */
export function highlight(
  text: string,
  terms: ReadonlySet<string>,
  isStopword: (exact: string) => boolean,
): Highlight[] {
  const tokens = syllables(text);
  const marked = new Array<boolean>(tokens.length).fill(false);
  tokens.forEach((token, i) => {
    if (!token) return;
    if (!isStopword(token.exact) && (terms.has(token.exact) || terms.has(token.folded))) marked[i] = true;
    const next = tokens[i + 1];
    if (
      next &&
      (terms.has(token.exact + BIGRAM_JOINER + next.exact) ||
        terms.has(token.folded + BIGRAM_JOINER + next.folded))
    ) {
      marked[i] = true;
      marked[i + 1] = true;
    }
  });
  const spans: Highlight[] = [];
  let current: { first: Syllable; last: Syllable } | null = null;
  const flush = (): void => {
    if (current)
      spans.push({
        text: text.slice(current.first.start, current.last.end),
        start: current.first.start,
        end: current.last.end,
      });
    current = null;
  };
  tokens.forEach((token, i) => {
    if (token && marked[i]) {
      if (current) current.last = token;
      else current = { first: token, last: token };
    } else flush();
  });
  flush();
  return spans;
}
