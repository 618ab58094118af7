/**
 * Word tokens for phrase lookup in Vietnamese text (crime-category terms, province names).
 *
 * Matching compares folded tokens (no diacritics, lowercase) so "ma tuy" finds "ma túy". Folding alone would
 * also equate different words ("hàng giá" with "hàng giả", "bổ sung" with "súng"), so text that is written
 * with diacritics must match them exactly; only text typed without diacritics is matched loosely.
 */
import { fold, foldCodeUnit, isSpaceCode, normalizeText } from '../text/normalize.js';
import { CodeUnitCopy, codeUnitClass } from '../text/char-class.js';

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

/**
 * A small hash of a folded word: of its folded code units, computed in place (foldCodeUnit() of each unit of the
 * written word gives the same value as the folded word's own units).
 */
export function foldedWordHash(folded: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (h * 31 + folded.charCodeAt(i)) & 0x3fffffff;
  return h;
}

// What scanWords() needs of a code unit, in one remembered number: its folded code unit (low 16 bits) and flags.
const UNIT_KNOWN = 1 << 16;
const UNIT_WORD = 1 << 17; // a word character (isWordCode)
const UNIT_LETTER = 1 << 18; // \p{L}
const UNIT_MARKED = 1 << 19; // folds to other than its lowercase (carries diacritics)
// Folds or lowercases to other than one code unit, or lowercases by its neighbours (capital sigma): words with
// it are folded and lowercased whole, as tokenize() does.
const UNIT_WHOLE = 1 << 20;
const unitInfos = new Int32Array(0x10000);
/** The lowercase of a code unit unitInfo() has seen and not marked UNIT_WHOLE. */
const lowerUnits = new Uint16Array(0x10000);
function unitInfo(code: number): number {
  let info = unitInfos[code]!;
  if (info === 0) {
    const ch = String.fromCharCode(code);
    const folded = foldCodeUnit(code);
    const lowered = ch.toLowerCase();
    const whole = folded < 0 || lowered.length !== 1 || code === 0x3a3;
    lowerUnits[code] = lowered.charCodeAt(0);
    info =
      UNIT_KNOWN |
      (isWordCode(code) ? UNIT_WORD : 0) |
      (/\p{L}/u.test(ch) ? UNIT_LETTER : 0) |
      (whole ? UNIT_WHOLE : (folded !== lowered.charCodeAt(0) ? UNIT_MARKED : 0) | folded);
    unitInfos[code] = info;
  }
  return info;
}

/**
 * What tokenize() finds, as offsets and flags instead of Token objects and strings, for finders that look closely
 * at few words (category tagging): every word's offsets, clause, comma before it and foldedWordHash(), and
 * whether the text counts as accented. Words are sliced and folded only where a finder asks (wordFolded()).
 * Null when some word has a code unit whose fold or lowercase is not one code unit (or the text has surrogates):
 * the caller tokenizes instead, where fold() and toLowerCase() of whole words decide.
 */
export interface WordOffsets {
  /** normalizeText(input), which offsets refer to. */
  text: string;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  clauses: Int32Array;
  commaBefore: Uint8Array;
  hashes: Int32Array;
  accented: boolean;
  /** formsAt() of word k, valid when formsStamp[k] is this scan's stamp. */
  forms: WordForms[];
  formsStamp: Int32Array;
  stamp: number;
}

let scratch = {
  starts: new Int32Array(256),
  ends: new Int32Array(256),
  clauses: new Int32Array(256),
  commaBefore: new Uint8Array(256),
  hashes: new Int32Array(256),
  formsStamp: new Int32Array(256),
};
const scannedForms: WordForms[] = [];
let scans = 0;
function grown(size: number) {
  const next = Math.max(size, 2 * scratch.starts.length);
  const copy = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
  scratch = {
    starts: copy(scratch.starts, new Int32Array(next)),
    ends: copy(scratch.ends, new Int32Array(next)),
    clauses: copy(scratch.clauses, new Int32Array(next)),
    commaBefore: copy(scratch.commaBefore, new Uint8Array(next)),
    hashes: copy(scratch.hashes, new Int32Array(next)),
    formsStamp: copy(scratch.formsStamp, new Int32Array(next)),
  };
  return scratch;
}

/**
 * The word offsets of `input`, or null (see WordOffsets). The arrays are shared scratch space, valid until the
 * next call: a finder reads them before it returns.
 */
const wordUnits = new CodeUnitCopy();

export function scanWords(input: string): WordOffsets | null {
  const text = normalizeText(input);
  let arrays = scratch;
  let count = 0;
  let clause = 0;
  let previousEnd = 0;
  let letterTokens = 0;
  let markedTokens = 0;
  const n = text.length;
  const units = wordUnits.of(text);
  for (let i = 0; i < n;) {
    const code = units[i]!;
    if (!(unitInfo(code) & UNIT_WORD)) {
      if (code >= 0xd800 && code <= 0xdfff) return null; // astral text: tokenize() cuts it by WORD
      i++;
      continue;
    }
    const start = i;
    let h = 0;
    let flags = 0;
    for (; i < n; i++) {
      const info = unitInfo(units[i]!);
      if (!(info & UNIT_WORD)) break;
      if (info & UNIT_WHOLE) return null;
      h = (h * 31 + (info & 0xffff)) & 0x3fffffff;
      flags |= info;
    }
    const letter = (flags & UNIT_LETTER) !== 0;
    const marked = (flags & UNIT_MARKED) !== 0;
    if (count === arrays.starts.length) arrays = grown(count + 1);
    const gap = scanGap(text, previousEnd, start);
    if (gap & CLAUSE_BREAK) clause += 1;
    arrays.starts[count] = start;
    arrays.ends[count] = i;
    arrays.clauses[count] = clause;
    arrays.commaBefore[count] = gap & COMMA ? 1 : 0;
    arrays.hashes[count] = h;
    count++;
    if (letter) {
      letterTokens += 1;
      if (marked) markedTokens += 1;
    }
    previousEnd = i;
  }
  scans = (scans + 1) & 0x3fffffff || 1; // stamps start at 1: a fresh array's 0 is never current
  return {
    text,
    count,
    ...arrays,
    accented: letterTokens > 0 && markedTokens / letterTokens >= ACCENTED_SHARE,
    forms: scannedForms,
    stamp: scans,
  };
}

/** The lowercase and folded forms of word `k` of a scan (tokenize()'s own, remembered per word). */
export function formsAt(words: WordOffsets, k: number): { lower: string; folded: string } {
  if (words.formsStamp[k] === words.stamp) return words.forms[k]!;
  const forms = formsOf(words.text.slice(words.starts[k], words.ends[k]));
  words.forms[k] = forms;
  words.formsStamp[k] = words.stamp;
  return forms;
}

/**
 * Word `k` of a scan folds to `folded` (formsAt(words, k).folded === folded), compared in place: a scanned word has no
 * UNIT_WHOLE unit, so its fold is the fold of each unit.
 */
export function foldedAt(words: WordOffsets, k: number, folded: string): boolean {
  const start = words.starts[k]!;
  if (words.ends[k]! - start !== folded.length) return false;
  const { text } = words;
  for (let i = 0; i < folded.length; i++)
    if ((unitInfos[text.charCodeAt(start + i)]! & 0xffff) !== folded.charCodeAt(i)) return false;
  return true;
}

/** formsAt(words, k).lower === lower, compared in place (a scanned word lowercases unit by unit). */
function lowerAt(words: WordOffsets, k: number, lower: string): boolean {
  const start = words.starts[k]!;
  if (words.ends[k]! - start !== lower.length) return false;
  const { text } = words;
  for (let i = 0; i < lower.length; i++)
    if (lowerUnits[text.charCodeAt(start + i)] !== lower.charCodeAt(i)) return false;
  return true;
}

/** phraseAt() on a word scan: the same conditions, read from the offsets. */
export function phraseAtWords(words: WordOffsets, at: number, phrase: Phrase): boolean {
  const length = phrase.folded.length;
  if (at >= words.count || at + length > words.count) return false;
  const clause = words.clauses[at]!;
  // Equal folded words have equal hashes: most candidates fail on a number, before any word is compared.
  for (let i = 0; i < length; i += 1)
    if (words.clauses[at + i] !== clause || words.hashes[at + i] !== phrase.hashes[i]) return false;
  for (let i = 0; i < length; i += 1) {
    const k = at + i;
    if (!foldedAt(words, k, phrase.folded[i]!)) return false;
    if (i > 0 && words.commaBefore[k] && !phrase.commaBefore[i]) return false;
    if (words.accented && !lowerAt(words, k, phrase.lower[i]!)) return false;
  }
  return true;
}

/** A phrase prepared for matching: its words in lowercase (diacritics kept) and folded. */
export interface Phrase {
  lower: string[];
  folded: string[];
  /** Where the phrase itself has a comma before a word. */
  commaBefore: boolean[];
  /** foldedWordHash() of each folded word (what a word scan holds for it). */
  hashes: number[];
}

export function toPhrase(words: string): Phrase {
  const tokens = tokenize(words).tokens;
  return {
    lower: tokens.map((t) => t.lower),
    folded: tokens.map((t) => t.folded),
    commaBefore: tokens.map((t) => t.commaBefore),
    hashes: tokens.map((t) => foldedWordHash(t.folded, 0, t.folded.length)),
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
