/**
 * Word tokens for phrase lookup in Vietnamese text (crime-category terms, province names).
 *
 * Matching compares folded tokens (no diacritics, lowercase) so "ma tuy" finds "ma túy". Folding alone would
 * also equate different words ("hàng giá" with "hàng giả", "bổ sung" with "súng"), so text that is written
 * with diacritics must match them exactly; only text typed without diacritics is matched loosely.
 */
import { fold, isSpaceCode, normalizeText } from '../text/normalize.js';
import { codeUnitClass } from '../text/char-class.js';

export interface Token {
  /** As written (NFC-normalized). */
  text: string;
  /** Lowercase, diacritics kept. */
  lower: string;
  /** Lowercase, diacritics removed, đ → d. */
  folded: string;
  /** Offsets into normalizeText(input). */
  start: number;
  end: number;
  /** Clause index: a phrase never spans a sentence or clause break. */
  clause: number;
  /** A comma separates it from the previous token. */
  commaBefore: boolean;
}

export interface TokenizedText {
  /** normalizeText(input), which token offsets refer to. */
  text: string;
  tokens: Token[];
  /** True when the text is written with diacritics, so tokens must match them exactly. */
  accented: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
// Share of syllables with diacritics above which the text counts as accented. Ordinary Vietnamese prose
// is far above it (most syllables carry a mark); text typed without diacritics is near zero.
const ACCENTED_SHARE = 0.5;

// Folding is the costly step and a text repeats few distinct words, so each word's forms are remembered.
interface WordForms {
  lower: string;
  folded: string;
  /** Has a letter, and its lowercase differs from its folded form (carries diacritics). */
  letter: boolean;
  marked: boolean;
}
const wordForms = new Map<string, WordForms>();
const MAX_REMEMBERED = 100_000;
function formsOf(word: string): WordForms {
  let forms = wordForms.get(word);
  if (forms === undefined) {
    if (wordForms.size >= MAX_REMEMBERED) wordForms.clear();
    const lower = word.toLowerCase();
    const folded = fold(word);
    const letter = /\p{L}/u.test(word);
    forms = { lower, folded, letter, marked: letter && folded !== lower };
    wordForms.set(word, forms);
  }
  return forms;
}

// Sentence/clause punctuation, table cell separators, brackets and blank lines end a phrase; commas, hyphens
// and single line breaks do not ("phòng, chống"; headings wrapped over several lines).
const BREAKS = new Uint8Array(128);
for (const ch of '.;:!?|()[]{}<>') BREAKS[ch.charCodeAt(0)] = 1;
const CLAUSE_BREAK = 1;
const COMMA = 2;
/** What the gap between two words holds, in one pass without a slice: CLAUSE_BREAK and/or COMMA. */
function scanGap(text: string, from: number, to: number): number {
  let clauseBreak = false;
  let comma = false;
  let afterNewline = false; // a line break followed by whitespace only so far
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 44: // ,
        comma = true;
        afterNewline = false;
        break;
      case 10: // \n
        if (afterNewline) clauseBreak = true;
        afterNewline = true;
        break;
      default:
        if (c < 128 && BREAKS[c]) {
          clauseBreak = true;
          afterNewline = false;
          break;
        }
        if (isSpaceCode(c)) break;
        afterNewline = false;
    }
    if (clauseBreak && comma) break;
  }
  return (clauseBreak ? CLAUSE_BREAK : 0) | (comma ? COMMA : 0);
}

// Word characters by UTF-16 code unit, so the scan needs no regex match
// objects; text with surrogate pairs (astral letters) is scanned by WORD itself.
export const isWordCode = codeUnitClass(/[\p{L}\p{M}\p{N}]/u);
const SURROGATE = /[\ud800-\udfff]/;

export function tokenize(input: string): TokenizedText {
  const text = normalizeText(input);
  const tokens: Token[] = [];
  let clause = 0;
  let previousEnd = 0;
  let letterTokens = 0;
  let markedTokens = 0;
  const add = (start: number, end: number) => {
    const gap = scanGap(text, previousEnd, start);
    if (gap & CLAUSE_BREAK) clause += 1;
    const word = text.slice(start, end);
    const forms = formsOf(word);
    tokens.push({
      text: word,
      lower: forms.lower,
      folded: forms.folded,
      start,
      end,
      clause,
      commaBefore: (gap & COMMA) !== 0,
    });
    if (forms.letter) {
      letterTokens += 1;
      if (forms.marked) markedTokens += 1;
    }
    previousEnd = end;
  };
  if (SURROGATE.test(text)) {
    for (const match of text.matchAll(WORD)) add(match.index, match.index + match[0].length);
  } else {
    const n = text.length;
    for (let i = 0; i < n;) {
      if (!isWordCode(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const start = i;
      while (i < n && isWordCode(text.charCodeAt(i))) i++;
      add(start, i);
    }
  }
  return { text, tokens, accented: letterTokens > 0 && markedTokens / letterTokens >= ACCENTED_SHARE };
}

/** A phrase prepared for matching: its words in lowercase (diacritics kept) and folded. */
export interface Phrase {
  lower: string[];
  folded: string[];
  /** Where the phrase itself has a comma before a word. */
  commaBefore: boolean[];
}

export function toPhrase(words: string): Phrase {
  const tokens = tokenize(words).tokens;
  return {
    lower: tokens.map((t) => t.lower),
    folded: tokens.map((t) => t.folded),
    commaBefore: tokens.map((t) => t.commaBefore),
  };
}

/**
 * True when `phrase` occurs at token `at`: same clause, folded words equal, and — in accented text — the
 * diacritics equal too. A comma in the text must be in the phrase as well (a list "tổ chức, tội phạm …" is
 * not the term "tổ chức tội phạm"), while a phrase's comma is optional in the text ("phòng chống").
 */
export function phraseAt(text: TokenizedText, at: number, phrase: Phrase): boolean {
  const { tokens, accented } = text;
  const first = tokens[at];
  if (!first || at + phrase.folded.length > tokens.length) return false;
  for (let i = 0; i < phrase.folded.length; i += 1) {
    const token = tokens[at + i]!;
    if (token.clause !== first.clause || token.folded !== phrase.folded[i]) return false;
    if (i > 0 && token.commaBefore && !phrase.commaBefore[i]) return false;
    if (accented && token.lower !== phrase.lower[i]) return false;
  }
  return true;
}
