/**
 * Pieces of the Neo4j adapter's queries and writes (neo4j.ts): Lucene clauses built from analyzed terms
 * (always quoted and escaped: never query syntax), PassageFilter as a Cypher condition (parameters only),
 * write-order blocks for Lucene, and the bookkeeping that keeps term statistics exact.
 */
import type { IndexedPassage, PassageFilter } from './port.js';
import { type Field, FIELD_WEIGHTS } from './terms.js';

/** Passages per era token: a window of newest passages is a Lucene range over a few hundred tokens. */
const ERA_SIZE = 1_000;
const ERA_DIGITS = 10;

/** A string literal for Lucene's query parser: the term as written, never syntax. */
function quoted(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The era token of a write-order number (zero-padded, so Lucene's string ranges order them). */
export function eraToken(seq: number): string {
  return `e${String(Math.floor(seq / ERA_SIZE)).padStart(ERA_DIGITS, '0')}`;
}

/** A Lucene range over the eras of write-order numbers `from` and later (exactness is Cypher's job). */
export function eraRange(from: number): string {
  return `[${eraToken(from)} TO e${'9'.repeat(ERA_DIGITS)}]`;
}

/** One term of a candidate query: its weight, and its era window if any. */
export interface CandidateTerm {
  term: string;
  weight: number;
  eras: string | null;
}

const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];

/**
 * The Lucene query that finds a lexical query's candidates: every term in its fields with the field
 * weights as boosts and the term's weight as the clause's boost, a windowed term only within its eras
 * (the range itself scoring nothing), all within the provinces when given (at least one). Lucene's
 * own ranking only picks candidates; Cypher ranks them.
 */
export function candidateQuery(
  terms: readonly CandidateTerm[],
  provinces: readonly string[] | undefined,
): string {
  const clauses = terms.map(({ term, weight, eras }) => {
    const inFields = FIELDS.map((field) => `${field}:${quoted(term)}^${FIELD_WEIGHTS[field]}`).join(' ');
    return `${eras ? `(+(${inFields}) +era:${eras}^0)` : `(${inFields})`}^${weight.toFixed(6)}`;
  });
  const parts = [`+(${clauses.join(' ')})`];
  if (provinces && provinces.length > 0) parts.push(`+province:(${provinces.map(quoted).join(' OR ')})`);
  return parts.join(' ');
}

/**
 * PassageFilter → a Cypher condition over the passage variable (parameters only). `provincesInEngine`:
 * the province condition is already part of the Lucene query.
 */
export function filterCypher(
  filter: PassageFilter | null,
  v: string,
  { provincesInEngine = false } = {},
): { clause: string; params: Record<string, unknown> } {
  if (!filter) return { clause: '', params: {} };
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.provinces && !provincesInEngine) {
    conditions.push(`${v}.province IN $fProvinces`);
    params.fProvinces = [...filter.provinces];
  }
  if (filter.agencies) {
    conditions.push(`EXISTS { MATCH (fa:SearchAgency)-[:ASSIGNED]->(${v}) WHERE fa.id IN $fAgencies }`);
    params.fAgencies = [...filter.agencies];
  }
  if (filter.concept !== undefined) {
    conditions.push(`$fConcept IN ${v}.concepts`);
    params.fConcept = filter.concept;
  }
  if (filter.type !== undefined) {
    conditions.push(`${v}.typeSlug = $fType`);
    params.fType = filter.type;
  }
  if (filter.from !== undefined || filter.to !== undefined) {
    // A partial date's span ("2026-06" = all of June) meets [from, to]: "~" sorts after digits and "-".
    conditions.push(
      `${v}.issuedAt IS NOT NULL AND ${v}.issuedAt + '~' >= $fFrom AND ${v}.issuedAt <= $fTo + '~'`,
    );
    params.fFrom = filter.from ?? '0000';
    params.fTo = filter.to ?? '9999';
  }
  return { clause: conditions.join(' AND '), params };
}

type Fields = IndexedPassage['fields'];

/** Tokens of a passage's analyzed fields, as FTS5 counts a row's length for bm25. */
export function tokenCount(fields: Fields): number {
  let n = 0;
  for (const text of [fields.exact, fields.folded, fields.context])
    for (const term of text.split(' ')) if (term !== '') n++;
  return n;
}

/** Document frequency changes of a write: each passage counts once per distinct term of its fields. */
export class TermCounts {
  private readonly delta = new Map<string, number>();

  add(fields: Fields, sign: 1 | -1): void {
    const terms = new Set(`${fields.exact} ${fields.folded} ${fields.context}`.split(' '));
    terms.delete('');
    for (const term of terms) this.delta.set(term, (this.delta.get(term) ?? 0) + sign);
  }

  changes(): Array<[string, number]> {
    return [...this.delta].filter(([, n]) => n !== 0);
  }
}
