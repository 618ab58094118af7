/**
 * Vietnamese after OCR: the engine confuses letters that differ by a small mark (đ/d, ư/u, ơ/ô/o, ă/â/a,
 * ê/e) and misreads, drops or misplaces tone marks. A word that is not a Vietnamese syllable is replaced by
 * the one syllable (from the cspell Vietnamese dictionary, @cspell/dict-vi-vn) a single such change makes
 * of it; when none or several are, the word is left as read. Valid syllables are never touched.
 */
import { normalizeText } from '../../text/normalize.js';
import { vietnameseSyllables } from '../../text/syllables.js';

const TONES = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'] as const;
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/u;
const FAMILIES: readonly string[][] = [
  ['a', 'ă', 'â'],
  ['e', 'ê'],
  ['o', 'ô', 'ơ'],
  ['u', 'ư'],
  ['d', 'đ'],
];
const VOWELS = new Set(['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']);
const familyOf = new Map(FAMILIES.flatMap((f) => f.map((b) => [b, f] as const)));

interface Letter {
  base: string;
  tone: string;
}

function letters(word: string): Letter[] {
  return [...word.normalize('NFC')].map((ch) => {
    const nfd = ch.normalize('NFD');
    const tone = nfd.match(TONE)?.[0] ?? '';
    return { base: nfd.replace(TONE, '').normalize('NFC'), tone };
  });
}

function spell(ls: readonly Letter[]): string {
  return normalizeText(ls.map((l) => (l.base + l.tone).normalize('NFC')).join(''));
}

/**
 * Spellings one OCR confusion away, most likely confusion first: the tone mark on the wrong vowel, then a
 * letter read without (or with the wrong) small mark (đ/d, ư/u, ơ/ô/o, ă/â/a, ê/e), then another tone.
 */
function neighbours(ls: Letter[]): Set<string>[] {
  const moved = new Set<string>();
  const shaped = new Set<string>();
  const retoned = new Set<string>();
  const toned = ls.findIndex((l) => l.tone);
  const withTone = (i: number, tone: string) =>
    spell(ls.map((m, j) => (j === i ? { ...m, tone } : j === toned ? { ...m, tone: '' } : m)));
  ls.forEach((l, i) => {
    for (const base of familyOf.get(l.base) ?? []) {
      if (base !== l.base) shaped.add(spell(ls.map((m, j) => (j === i ? { ...m, base } : m))));
    }
    if (!VOWELS.has(l.base)) return;
    if (toned >= 0 && i !== toned) moved.add(withTone(i, ls[toned]!.tone));
    for (const tone of TONES) if (tone !== l.tone) retoned.add(withTone(i, tone));
  });
  return [moved, shaped, retoned];
}

/** `corrected` in the case pattern of `original` (all capitals, or capitals where it has them). */
export function withCase(corrected: string, original: string): string {
  const orig = [...original];
  const upper = orig.every((c) => c === c.toUpperCase());
  if (upper) return corrected.toUpperCase();
  return [...corrected]
    .map((c, i) => (orig[i] && orig[i] !== orig[i].toLowerCase() ? c.toUpperCase() : c))
    .join('');
}

/** One word: the corrected spelling, or null to keep it. */
export function correctWord(word: string, dictionary = vietnameseSyllables()): string | null {
  const lower = normalizeText(word.toLowerCase());
  if (dictionary.has(lower) || [...lower].length > 7) return null;
  // Abbreviations (UBND, TPCTC) and foreign words have no Vietnamese marks; dropped marks are ambiguous anyway.
  if (word === word.toUpperCase() && !/[^\p{ASCII}]/u.test(word)) return null;
  // The first kind of confusion that explains the word in exactly one way wins; ambiguity keeps the word.
  for (const tier of neighbours(letters(lower))) {
    const found = [...tier].filter((c) => dictionary.has(c));
    if (found.length === 1) return withCase(found[0]!, word);
    if (found.length > 1) return null;
  }
  return null;
}

const ROMAN = /^[IVXLC]+$/;

/**
 * A capital Roman numeral in running text read with a mark ("khu vực VỊ", a speck under the I): the mark is
 * noise. Inside a capital heading ("ĐƠN VỊ") the word is a syllable and stays.
 */
function romanNumeral(word: string, before: string): string | null {
  if ([...word].length > 5 || word !== word.toUpperCase()) return null;
  const bare = word.normalize('NFD').replace(/\p{M}/gu, '');
  if (bare === word || !ROMAN.test(bare)) return null;
  const previous = /(\p{L}+)[^\p{L}\n]*$/u.exec(before)?.[1];
  return previous && previous !== previous.toUpperCase() ? bare : null;
}

/** NFC text with OCR confusions corrected; `corrections` counts the words changed. */
export function correctVietnamese(text: string): { text: string; corrections: number } {
  const dictionary = vietnameseSyllables();
  let corrections = 0;
  const out = normalizeText(text).replace(/\p{L}+/gu, (word, offset: number, whole: string) => {
    const fixed =
      romanNumeral(word, whole.slice(Math.max(0, offset - 40), offset)) ?? correctWord(word, dictionary);
    if (fixed === null || fixed === word) return word;
    corrections++;
    return fixed;
  });
  return { text: out, corrections };
}
