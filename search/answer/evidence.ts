/**
 * Evidence shown with an answer: where the question's words occur in a duty (highlights) and the
 * sentence(s) of the duty that say so (snippets).
 *
 * A question written with diacritics is matched on exact forms ("tiền" never lights up "tiến độ"); one
 * written without them is matched folded. Syllables of a longer phrase match only as pairs, since one
 * syllable alone ("phòng", "bien") stands for too many words. Words inside an agency's name are not evidence of the topic
 * ("phòng" in "Biên phòng") unless the question names that agency.
 */
import { fold } from '../../ingest/text/normalize.js';
import { type Syllable, syllables } from '../analyzer.js';
import type { Highlight } from '../schema.js';

/** What a question looks for in a text: phrases (syllable sequences) compared exactly or folded. */
export interface QueryPhrases {
  /** Each phrase as its comparison keys (exact or folded syllables). */
  phrases: Array<{ keys: string[]; exact: boolean }>;
}

const hasDiacritics = (text: string): boolean => fold(text) !== text.toLowerCase();

/** A text's syllables and, per comparison form, where each syllable occurs in it. */
interface Tokenized {
  tokens: Array<Syllable | null>;
  positions: Map<boolean, Map<string, number[]>>;
}

/** Recently answered passages: the same duties come back query after query. */
const TOKEN_CACHE_SIZE = 4096;
const tokenCache = new Map<string, Tokenized>();

function tokenize(text: string): Tokenized {
  let entry = tokenCache.get(text);
  if (entry) {
    // Map order is insertion order: re-inserting keeps the most recent last (LRU).
    tokenCache.delete(text);
  } else {
    entry = { tokens: syllables(text), positions: new Map() };
    if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.delete(tokenCache.keys().next().value!);
  }
  tokenCache.set(text, entry);
  return entry;
}

/** Where each syllable (exact or folded) occurs, so a phrase is compared only where it starts. */
function positionsOf(entry: Tokenized, exact: boolean): Map<string, number[]> {
  let at = entry.positions.get(exact);
  if (at) return at;
  at = new Map();
  entry.tokens.forEach((t, i) => {
    if (!t) return;
    const k = exact ? t.exact : t.folded;
    const list = at!.get(k);
    if (list) list.push(i);
    else at!.set(k, [i]);
  });
  entry.positions.set(exact, at);
  return at;
}

/**
 * Phrases of the question (its own words, exact when written with diacritics) and of the Vietnamese
 * forms its concepts expand to (always exact: they come from the lexicon).
 */
export function queryPhrases(
  text: string,
  expansions: readonly string[],
  isStopword: (exact: string) => boolean,
): QueryPhrases {
  const phrases: QueryPhrases['phrases'] = [];
  const add = (source: string, exact: boolean): void => {
    // Split at phrase breaks and stopwords: each run of content syllables is one phrase.
    let run: string[] = [];
    const flush = (): void => {
      if (run.length > 0) phrases.push({ keys: run, exact });
      run = [];
    };
    for (const s of syllables(source)) {
      if (!s || isStopword(s.exact)) flush();
      else run.push(exact ? s.exact : s.folded);
    }
    flush();
  };
  add(text, hasDiacritics(text));
  for (const expansion of expansions) add(expansion, true);
  return { phrases };
}

/** Spans of the text the question's phrases match, outside `excluded` character ranges. */
export function findMatches(
  text: string,
  query: QueryPhrases,
  excluded: ReadonlyArray<readonly [number, number]> = [],
): Highlight[] {
  const entry = tokenize(text);
  const { tokens } = entry;
  const marked = new Array<boolean>(tokens.length).fill(false);
  const key = (t: Syllable, exact: boolean): string => (exact ? t.exact : t.folded);
  for (const { keys, exact } of query.phrases) {
    const at = positionsOf(entry, exact);
    // Syllables of a longer phrase only count in pairs: "phòng" alone is in every other duty.
    const window = keys.length === 1 ? 1 : 2;
    for (let p = 0; p + window <= keys.length; p++) {
      for (const i of at.get(keys[p]!) ?? []) {
        if (i + window > tokens.length) continue;
        let ok = true;
        for (let j = 1; j < window && ok; j++) {
          const t = tokens[i + j];
          ok = t !== null && t !== undefined && key(t, exact) === keys[p + j];
        }
        if (ok) for (let j = 0; j < window; j++) marked[i + j] = true;
      }
    }
  }
  tokens.forEach((t, i) => {
    if (t && marked[i] && excluded.some(([s, e]) => t.start < e && t.end > s)) marked[i] = false;
  });
  const spans: Highlight[] = [];
  let current: { first: Syllable; last: Syllable } | null = null;
  const flush = (): void => {
    if (current) {
      const { start } = current.first;
      const { end } = current.last;
      spans.push({ text: text.slice(start, end), start, end });
    }
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

/** Character ranges where the given names (agency mentions) occur in the text, case-insensitively. */
export function nameRanges(text: string, names: readonly string[]): Array<[number, number]> {
  return new NameMatcher(names).ranges(text);
}

/** Past this many names, one keyed pass over the text beats one indexOf scan per name. */
const KEYED_FROM = 8;

/**
 * Finds a set of names in texts, case-insensitively: each name's occurrences left to right, an
 * occurrence never overlapping the name's previous one. A few names are looked for one by one; many
 * (every agency type's forms, a few hundred, against each answered duty) in one pass over the text,
 * trying at each position only the names starting with its two characters. Build once, use per text.
 */
export class NameMatcher {
  private readonly names: string[];
  /** First two UTF-16 units of a name (as one number) → indexes into `names`; null: scan per name. */
  private readonly byStart: Map<number, number[]> | null = null;

  constructor(names: Iterable<string>) {
    this.names = [...new Set([...names].map((n) => n.toLowerCase().trim()).filter((n) => n.length > 0))];
    if (this.names.length < KEYED_FROM || this.names.some((n) => n.length < 2)) return;
    this.byStart = new Map();
    this.names.forEach((name, i) => {
      const key = pairAt(name, 0);
      const list = this.byStart!.get(key);
      if (list) list.push(i);
      else this.byStart!.set(key, [i]);
    });
  }

  ranges(text: string): Array<[number, number]> {
    const lowered = text.toLowerCase();
    const ranges: Array<[number, number]> = [];
    if (!this.byStart) {
      for (const name of this.names) {
        for (let at = lowered.indexOf(name); at >= 0; at = lowered.indexOf(name, at + name.length))
          ranges.push([at, at + name.length]);
      }
      return ranges;
    }
    // Where each name's last occurrence ends: the next one may not start before it.
    const free = new Map<number, number>();
    for (let at = 0; at + 1 < lowered.length; at++) {
      const candidates = this.byStart.get(pairAt(lowered, at));
      if (!candidates) continue;
      for (const i of candidates) {
        const name = this.names[i]!;
        if (at < (free.get(i) ?? 0) || !lowered.startsWith(name, at)) continue;
        ranges.push([at, at + name.length]);
        free.set(i, at + name.length);
      }
    }
    return ranges;
  }
}

function pairAt(text: string, at: number): number {
  return text.charCodeAt(at) * 0x10000 + text.charCodeAt(at + 1);
}

export interface Snippet {
  text: string;
  highlights: Highlight[];
}

const SNIPPET_LENGTH = 320;
// Sentences and the clauses of a duty list (";"), keeping the separator with the clause.
const SENTENCE = /[^.;!?\n]+(?:[.;!?]+|$)/g;

/**
 * The sentence(s) of a duty that matched, best first by matched characters (ties: the sentence naming
 * the agency), shown in text order and cut to a readable length; highlights are offsets into the snippet.
 */
export function snippetOf(
  text: string,
  matches: readonly Highlight[],
  mentionAt: number,
  keepMention = false,
): Snippet {
  const sentences = [...text.matchAll(SENTENCE)]
    .map((m) => ({ start: m.index, end: m.index + m[0].length }))
    .filter((s) => text.slice(s.start, s.end).trim().length > 0);
  const weight = (s: { start: number; end: number }): number =>
    matches.reduce((n, h) => n + (h.start >= s.start && h.end <= s.end ? h.end - h.start : 0), 0);
  const scored = sentences.map((s) => ({ ...s, weight: weight(s) }));
  const chosen = scored
    .filter((s) => s.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.start - b.start)
    .slice(0, 2)
    .sort((a, b) => a.start - b.start);
  const own = scored.find((s) => mentionAt >= s.start && mentionAt < s.end) ?? scored[0];
  if (own && (chosen.length === 0 || (keepMention && !chosen.includes(own)))) {
    // `keepMention`: the sentence naming the agency says what it did (a document's "Theo đề nghị của X"), so it
    // comes first and is never the one cut short.
    chosen.splice(1);
    chosen.unshift(own);
  }
  let out = '';
  const highlights: Highlight[] = [];
  for (const s of chosen) {
    if (out.length >= SNIPPET_LENGTH) break;
    const raw = text.slice(s.start, s.end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    const prefix = out ? `${out} … ` : s.start > 0 ? '… ' : '';
    const room = Math.max(SNIPPET_LENGTH - prefix.length, 40);
    const cut = body.length > room ? `${body.slice(0, room - 1)}…` : body;
    const base = prefix.length;
    for (const h of matches) {
      const from = h.start - s.start - lead;
      if (from >= 0 && h.end - s.start - lead <= Math.min(body.length, room - 1))
        highlights.push({ text: h.text, start: base + from, end: base + from + h.text.length });
    }
    out = prefix + cut;
  }
  return { text: out, highlights };
}
