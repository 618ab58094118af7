/**
 * The parts of a question that name who speaks rather than who is asked for: "Trong kế hoạch của Bộ Công an …,
 * đơn vị nào chủ trì?", "Theo Bộ Công an, …", "UBND tỉnh X giao cơ quan nào …", "the Ministry of Public
 * Security's plan", "which department does the Ministry … put in charge of …", "An Giang's police asked which
 * …". The body named there issued or asked; the answer is another one, so it earns no boost for being named.
 */
import { foldAligned } from '../../ingest/text/normalize.js';

/** A span of the question, offsets into the question as given. */
export type Span = readonly [start: number, end: number];

/** Document words a Vietnamese issuer phrase follows: "kế hoạch của X", "văn bản do X …". */
const DOCUMENT_WORDS =
  '(?:ke hoach(?: lien nganh)?|chi thi|quyet dinh|cong van|van ban|thong bao(?: ket luan)?|nghi quyet|huong dan|thong tu|chuong trinh(?: hanh dong)?|cong dien|de an|quy che|bao cao|ket luan|y kien chi dao)';
/** Where a Vietnamese issuer's name ends: punctuation, or a word that starts what follows it. */
const VI_END =
  '(?:(?<!\\bban)(?=\\s+chi dao\\b)|(?=\\s+(?:ve|nham|tai|thi|giao|yeu cau|de nghi|phan cong|ban hanh|quy dinh|neu|trong|cho|lien quan|nam|ngay|so|thang)\\b|\\s*[,.;:?!]|\\s*$))';
/** Verbs by which a body hands work to the one asked about. */
const VI_ASSIGNING =
  '(?:giao(?: nhiem vu)?(?: cho)?|yeu cau|de nghi|chi dao|phan cong|nho|huy dong|dieu dong)';
/** A name of up to `n` words, none of them a question word. */
const words = (n: number): string =>
  `((?:(?!nao\\b|ai\\b)[\\p{L}\\d&/-]+\\s+){0,${n}}?(?!nao\\b|ai\\b)[\\p{L}\\d&/-]+)`;

const EN_DOCUMENTS =
  '(?:plan|directive|decision|letter|instruction|notice|resolution|programme|program|circular|guidance|guidelines?|campaign|crackdown|report|conclusions?|orders?|dispatch|telegram)';
const EN_QUESTION = '(?:which|what|who|whom|whose|does|do|did|is|are|was|were|has|have|how)';
/** An English name of up to `n` words, none of them a question or auxiliary word. */
const enWords = (n: number): string =>
  `((?:(?!${EN_QUESTION}\\b)[\\p{L}\\d&'’-]+\\s+){0,${n}}?(?!${EN_QUESTION}\\b)[\\p{L}\\d&-]+)`;
const EN_END =
  '(?=\\s+(?:on|about|against|for|to|in|at|regarding|over|which|what|who|does|do|did|is|are|has|have|put|puts|ask|asks|assign|assigns|task|tasks|give|gives|name|names|say|says|make|makes|want|wants)\\b|\\s*[,.;:?!]|\\s*$)';
const EN_ASSIGNING =
  '(?:ask|task|assign|put|charge|request|want|direct|instruct|tell|give|make|appoint|designate|entrust|name|pick|choose)';
const EN_ASSIGNED =
  '(?:asked|asks|tasked|tasks|assigned|assigns|requested|requests|directed|directs|instructed|instructs|puts|wants|wanted|told|tells|designated|designates|entrusted|entrusts|named|names|charged|charges)';

/** Each pattern's first group is the issuer's name, read on the folded, lower-case question. */
const PATTERNS: readonly RegExp[] = [
  // "kế hoạch (số 12/KH-UBND) của / do X"
  new RegExp(`\\b${DOCUMENT_WORDS}(?: so [\\p{L}\\d/.-]+)?(?: (?:cua|do) )${words(9)}${VI_END}`, 'gu'),
  // "Theo X, …" (a body, not a document: "Theo kế hoạch, …" names none)
  new RegExp(`(?:^|[,.;:?!]\\s*)theo (?!${DOCUMENT_WORDS}\\b)${words(9)}(?=\\s*,)`, 'gu'),
  // "X giao (cho) cơ quan nào …", "X yêu cầu ai …"
  new RegExp(
    `(?:^|[,.;:?!]\\s*)${words(9)}\\s+(?:da |se )?${VI_ASSIGNING}\\s+(?:[\\p{L}\\d]+\\s+){0,3}?(?:nao|ai)\\b`,
    'gu',
  ),
  // "(cơ quan nào) được X giao …"
  new RegExp(`\\bduoc ${words(7)}\\s+${VI_ASSIGNING}\\b`, 'gu'),
  // "the X's plan", "X's criminal police" is not one: only a document word after the possessive
  new RegExp(
    `(?:^|\\b(?:the|under|in|by|from|per|of|with|to)\\s+)${enWords(7)}['’]s\\s+(?:[\\p{L}-]+\\s+){0,3}?${EN_DOCUMENTS}\\b`,
    'gu',
  ),
  // "the plan of / from / by / issued by X"
  new RegExp(
    `\\b${EN_DOCUMENTS}\\s+(?:of|from|by|issued by|signed by)\\s+(?:the\\s+)?${enWords(7)}${EN_END}`,
    'gu',
  ),
  // "according to X"
  new RegExp(`\\b(?:according to|per)\\s+(?:the\\s+)?${enWords(7)}${EN_END}`, 'gu'),
  // "does the X ask / put / task …"
  new RegExp(
    `\\b(?:does|did|do|has|have|will|would)\\s+(?:the\\s+)?${enWords(7)}\\s+${EN_ASSIGNING}\\b`,
    'gu',
  ),
  // "X asked which …"
  new RegExp(
    `(?:^|[,.;:?!]\\s*)(?:the\\s+)?${enWords(7)}\\s+${EN_ASSIGNED}\\s+(?:[\\p{L}]+\\s+){0,2}?(?:which|what|whom|who)\\b`,
    'gu',
  ),
];

/** Words a name cannot start with, left by a pattern's anchor: "Under the Prime Minister's directive". */
const LEADING = /^(?:(?:the|under|in|by|from|per|of|with|to|according|theo|trong)\s+)+/u;

/**
 * Spans of the question that name who issued or asks (see the module's comment), in the question's own
 * offsets; none for a question whose folding changes its length (offsets would not address it).
 */
export function issuerSpans(question: string): Span[] {
  const folded = foldAligned(question)?.toLowerCase();
  if (folded === undefined || folded.length !== question.length) return [];
  const spans: Span[] = [];
  for (const pattern of PATTERNS) {
    for (const match of folded.matchAll(pattern)) {
      const name = match[1];
      if (!name) continue;
      const lead = LEADING.exec(name)?.[0].length ?? 0;
      const start = match.index + match[0].lastIndexOf(name) + lead;
      if (lead < name.length) spans.push([start, start + name.length - lead]);
    }
  }
  // Patterns overlap ("văn bản do X ban hành giao ai …"): the innermost name is the issuer's.
  return spans.filter(
    ([start, end], i) =>
      !spans.some(([s, e], j) => j !== i && s >= start && e <= end && (s > start || e < end || j < i)),
  );
}

/**
 * The question with the names of who issued or asks blanked (offsets kept), and those names; `keep` says which
 * spans name one ("report by the deadline" names no body).
 */
export class IssuerPhrases {
  readonly spans: readonly Span[];
  readonly rest: string;
  readonly names: readonly string[];

  constructor(question: string, keep: (name: string) => boolean) {
    this.spans = issuerSpans(question).filter(([start, end]) => keep(question.slice(start, end)));
    this.names = this.spans.map(([start, end]) => question.slice(start, end));
    let rest = question;
    for (const [start, end] of this.spans)
      rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);
    this.rest = rest;
  }
}
