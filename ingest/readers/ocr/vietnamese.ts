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

/** Every spelling one OCR confusion away: another base in the letter's family, another tone, a moved tone. */
function neighbours(ls: Letter[]): Set<string> {
  const out = new Set<string>();
  const toned = ls.findIndex((l) => l.tone);
  ls.forEach((l, i) => {
    for (const base of familyOf.get(l.base) ?? []) {
      if (base !== l.base) out.add(spell(ls.map((m, j) => (j === i ? { ...m, base } : m))));
    }
    if (!VOWELS.has(l.base)) return;
    for (const tone of TONES) {
      if (tone === l.tone) continue;
      // One tone per syllable: setting one here clears it elsewhere (a misplaced or misread mark).
      out.add(
        spell(
          ls.map((m, j) => (j === i ? { ...m, tone } : toned >= 0 && j === toned ? { ...m, tone: '' } : m)),
        ),
      );
    }
  });
  return out;
}

function withCase(corrected: string, original: string): string {
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
  if (word === word.toUpperCase() && !/[^\x00-\x7f]/.test(word)) return null;
  const found = [...neighbours(letters(lower))].filter((c) => dictionary.has(c));
  return found.length === 1 ? withCase(found[0]!, word) : null;
}

/** NFC text with OCR confusions corrected; `corrections` counts the words changed. */
export function correctVietnamese(text: string): { text: string; corrections: number } {
  const dictionary = vietnameseSyllables();
  let corrections = 0;
  const out = normalizeText(text).replace(/\p{L}+/gu, (word) => {
    const fixed = correctWord(word, dictionary);
    if (fixed === null || fixed === word) return word;
    corrections++;
    return fixed;
  });
  return { text: out, corrections };
}
