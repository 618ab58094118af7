/**
 * Word tokens for phrase lookup in Vietnamese text (crime-category terms, province names).
 *
 * Matching compares folded tokens (no diacritics, lowercase) so "ma tuy" finds "ma túy". Folding alone would
 * also equate different words ("hàng giá" with "hàng giả", "bổ sung" with "súng"), so text that is written
 * with diacritics must match them exactly; only text typed without diacritics is matched loosely.
 */
import { fold, normalizeText } from '../text/normalize.js';

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
// Sentence/clause punctuation, table cell separators, brackets and blank lines end a phrase; commas, hyphens
// and single line breaks do not ("phòng, chống"; headings wrapped over several lines).
const CLAUSE_BREAK = /[.;:!?|()[\]{}<>]|\n\s*\n/;
// Share of syllables with diacritics above which the text counts as accented. Ordinary Vietnamese prose
// is far above it (most syllables carry a mark); text typed without diacritics is near zero.
const ACCENTED_SHARE = 0.5;

// Folding is the costly step and a text repeats few distinct words, so folded forms are remembered.
const foldedWords = new Map<string, string>();
const MAX_REMEMBERED = 100_000;
function foldWord(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    if (foldedWords.size >= MAX_REMEMBERED) foldedWords.clear();
    folded = fold(word);
    foldedWords.set(word, folded);
  }
  return folded;
}

export function tokenize(input: string): TokenizedText {
  const text = normalizeText(input);
  const tokens: Token[] = [];
  let clause = 0;
  let previousEnd = 0;
  let letterTokens = 0;
  let markedTokens = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const gap = text.slice(previousEnd, start);
    if (CLAUSE_BREAK.test(gap)) clause += 1;
    const word = match[0];
    const lower = word.toLowerCase();
    const folded = foldWord(word);
    tokens.push({
      text: word,
      lower,
      folded,
      start,
      end: start + word.length,
      clause,
      commaBefore: gap.includes(','),
    });
    if (/\p{L}/u.test(word)) {
      letterTokens += 1;
      if (folded !== lower) markedTokens += 1;
    }
    previousEnd = start + word.length;
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
