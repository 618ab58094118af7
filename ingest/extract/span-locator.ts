/**
 * Finds what a unit shows (lines joined, markup stripped) in the document text, from a unit's start on: the
 * shown words, separated in the source by any whitespace or markup ([\s*_|>#]+), markup allowed next to the
 * punctuation inside a word ("“*Phòng" shows as "“Phòng"). Linear: one forward search per citation.
 *
 * The definition is a regular expression per shown text. Shown texts are nearly all distinct (their numbers and
 * dates differ), and a regex used once runs in V8's interpreter: the common shape is matched by hand instead,
 * a plain first word (every match starts with it, found by indexOf) and no character of the separator class
 * inside a word. Then no step needs backtracking: each piece is a literal or a greedy run of characters the
 * next literal cannot be, so the one way to match is the greedy one. Other texts use the regex.
 */
import { isSpaceCode } from '../text/normalize.js';
import { codeUnitClass } from '../text/char-class.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const wordPattern = (w: string) => w.replace(/[^\p{L}\p{N}]/gu, (ch) => `[*_]*${escapeRe(ch)}[*_]*`);
const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;
/** A literal code unit, or: STAR = [*_]*, SEPARATOR = [\s*_|>#]+. */
const STAR = -1;
const SEPARATOR = -2;

const isStarCode = (c: number) => c === 42 || c === 95;
const isSeparatorCode = (c: number) => isStarCode(c) || c === 124 || c === 62 || c === 35 || isSpaceCode(c);

// Letters and digits match themselves.
const isLetterOrDigit = codeUnitClass(/[\p{L}\p{N}]/u);

/** The definition: the shown words as one pattern (global, so it searches from lastIndex). */
export function shownPattern(words: string[]): RegExp {
  return new RegExp(words.map(wordPattern).join(String.raw`[\s*_|>#]+`), 'gu');
}

/** Appends a piece: [*_]*[*_]* is [*_]*; a separator run swallows the [*_]* beside it. */
function pushPiece(out: number[], p: number): void {
  const last = out[out.length - 1];
  if (p === STAR && (last === STAR || last === SEPARATOR)) return;
  if (p === SEPARATOR && last === STAR) out[out.length - 1] = SEPARATOR;
  else out.push(p);
}

/** The pieces of the shown text's pattern, or null when it needs the regex (see above). */
function program(words: string[]): number[] | null {
  if (!PLAIN_WORD.test(words[0]!)) return null;
  const out: number[] = [];
  for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    if (w > 0) pushPiece(out, SEPARATOR);
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if ((c >= 0xd800 && c <= 0xdfff) || isSeparatorCode(c)) return null;
      if (isLetterOrDigit(c)) pushPiece(out, c);
      else {
        pushPiece(out, STAR);
        pushPiece(out, c);
        pushPiece(out, STAR);
      }
    }
  }
  return out;
}

/** End of the program's match at `at`, or -1. */
function matchAt(source: string, pieces: number[], at: number): number {
  let i = at;
  for (const p of pieces) {
    if (p >= 0) {
      if (source.charCodeAt(i) !== p) return -1;
      i++;
    } else if (p === STAR) {
      while (isStarCode(source.charCodeAt(i))) i++;
    } else {
      const before = i;
      while (i < source.length && isSeparatorCode(source.charCodeAt(i))) i++;
      if (i === before) return -1;
    }
  }
  return i;
}

/** The leftmost match of the shown text's pattern in `source` from `from` on, or undefined. */
export function findShown(source: string, shown: string, from: number): [number, number] | undefined {
  const words = shown.split(/\s+/).filter(Boolean);
  if (!words.length) return undefined;
  const pieces = program(words);
  if (pieces) {
    for (let at = source.indexOf(words[0]!, from); at >= 0; at = source.indexOf(words[0]!, at + 1)) {
      const end = matchAt(source, pieces, at);
      if (end >= 0) return [at, end];
    }
    return undefined;
  }
  const re = shownPattern(words);
  re.lastIndex = from;
  const m = re.exec(source);
  return m ? [m.index, m.index + m[0].length] : undefined;
}

export class SpanLocator {
  private base = 0;
  private reached = 0;
  constructor(private readonly source: string) {}
  /** The next unit starts after everything located so far. */
  nextUnit(): void {
    this.base = this.reached;
  }
  locate(shown: string, footnote: boolean): [number, number] | undefined {
    const span = findShown(this.source, shown, footnote ? 0 : this.base);
    if (span && !footnote) this.reached = Math.max(this.reached, span[0]);
    return span;
  }
}
