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

/** One term of a candidate query: what it adds to a passage holding it, and its era window if any. */
export interface CandidateTerm {
  term: string;
  /** The term's weight times its IDF as the embedded adapter computes it. */
  boost: number;
  eras: string | null;
}

const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];

/**
 * The Lucene query that finds a lexical query's candidates, ranked so that Lucene's order tracks the
 * embedded bm25: each term in each field is a one-term range (constant score, so Lucene's per-field IDF
 * and length norms play no part) boosted by the term's weight × our IDF × the field weight; a windowed
 * term only within its eras (the range itself scoring nothing); all within the provinces when given (at
 * least one). Lucene's order only picks candidates; they are scored exactly afterwards.
 */
export function candidateQuery(
  terms: readonly CandidateTerm[],
  provinces: readonly string[] | undefined,
): string {
  const clauses = terms.map(({ term, boost, eras }) => {
    const q = quoted(term);
    // Lucene's range grammar takes no escaped quote or backslash: such a term (rare, from odd input)
    // is a plain term query, scored by Lucene's bm25 but found all the same.
    const clause = /["\\]/.test(term) ? q : `[${q} TO ${q}]`;
    const inFields = FIELDS.map(
      (field) => `${field}:${clause}^${(boost * FIELD_WEIGHTS[field]).toPrecision(6)}`,
    ).join(' ');
    return eras ? `(+(${inFields}) +era:${eras}^0)` : `(${inFields})`;
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

/**
 * The weight each of a lexical query's terms has in a passage: the summed weights of the fields holding
 * it (0 when none does), added in column order as FTS5 does. A field is its terms joined by spaces, each
 * once, and a query term is one term: whole-token equality, found for all of them in one regex scan of
 * each field (a search per term and field was most of a lexical query's client time).
 */
export function fieldWeights(terms: readonly string[]): (fields: Fields) => Float64Array {
  const position = new Map(terms.map((term, i) => [term, i]));
  const alternatives = terms
    .filter((term) => term !== '')
    .map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Bounded by spaces or the field's ends, so a term never matches inside a longer one.
  const pattern = new RegExp(`(?<![^ ])(?:${alternatives.join('|')})(?![^ ])`, 'g');
  // Which field last added to each term (a stamp per field scanned): a field counts once per term.
  const counted = new Uint32Array(terms.length);
  let stamp = 0;
  return (fields) => {
    const weights = new Float64Array(terms.length);
    if (alternatives.length === 0) return weights;
    for (const field of FIELDS) {
      const text = fields[field];
      stamp++;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        const i = position.get(match[0])!;
        if (counted[i] === stamp) continue;
        counted[i] = stamp;
        weights[i] = weights[i]! + FIELD_WEIGHTS[field];
      }
    }
    return weights;
  };
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
