/**
 * Vietnamese text normalization shared by every stage.
 *
 * Two spellings of one syllable must compare equal: Unicode composition (NFC vs NFD) and the
 * old/new tone-mark placement ("hoá"/"hóa", "thuỷ"/"thủy"). We settle on NFC with the tone mark on
 * the first vowel of an open "oa/oe/uy" syllable ("hóa", "thủy"), which is what the 2018+ style uses.
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/u;
// Open syllable ending in oa/oe/uy (no final consonant), not the "qu" onset ("quý" keeps its mark).
const OPEN_GLIDE = /(^|[^qQ])([oO])([aAeE])([\u0300\u0301\u0303\u0309\u0323])(?=$|[^\p{L}\p{M}])/gu;
const OPEN_UY = /(^|[^qQ])([uU])([yY])([\u0300\u0301\u0303\u0309\u0323])(?=$|[^\p{L}\p{M}])/gu;
/**
 * Anything normalizeText() would change: a character outside ASCII and the precomposed Latin letters and
 * punctuation it keeps (combining marks, other scripts, special spaces, dashes, zero-width characters, BOM,
 * CR), or an open syllable ending in "oa/oe/uy" whose last vowel carries the tone (old placement). Conservative: a false
 * alarm only costs the full path.
 */
const NEEDS_WORK =
  /[^\t\n\x20-\x7e\u00a1-\u00ff\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u2018-\u201d\u2022\u2026]|(?:[oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![\p{L}\p{M}])/u;

/** NFC plus canonical tone placement; also unifies typographic quotes/dashes/spaces that OCR varies. */
export function normalizeText(input: string): string {
  // Text that is already normalized (every extraction stage gets the document's normalized text, and
  // tokenizers normalize again) is returned as is: checking is one regex scan, normalizing four passes.
  return NEEDS_WORK.test(input) ? fullNormalize(input) : input;
}

/** What normalizeText() means, on every input. */
export function fullNormalize(input: string): string {
  let s = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  s = s.normalize('NFD');
  if (TONE_MARKS.test(s)) {
    s = s.replace(OPEN_GLIDE, '$1$2$4$3').replace(OPEN_UY, '$1$2$4$3');
  }
  s = s.normalize('NFC');
  return s
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2212]/g, (d) => (d === '\u2014' ? '–' : '-'))
    .replace(/[\u200B\u200C\u200D]/g, '');
}

/**
 * Lowercase, diacritics removed, đ → d: "Phòng, chống rửa tiền" → "phong, chong rua tien". Tone placement
 * cannot matter once the marks are gone, so this skips normalizeText (it is on every hot path). One input
 * character gives one output character, so offsets in the folded string address the original.
 */
// fold() one character at a time: a text repeats few distinct characters, so each is folded once (table
// indexed by UTF-16 code unit; surrogates take the whole-string path).
const foldedChars: (string | undefined)[] = new Array<string | undefined>(0x10000);
const SURROGATE = /[\ud800-\udfff]/;

export function fold(input: string): string {
  let run = 0; // start of the current ASCII run, copied in one slice
  let i = 0;
  // Lowercase ASCII (the common case for folded keys and most punctuation) is kept without copying.
  for (; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code >= 128 || (code >= 65 && code <= 90)) break;
  }
  if (i === input.length) return input;
  if (SURROGATE.test(input)) return slowFold(input);
  let out = '';
  for (; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code < 128 && !(code >= 65 && code <= 90)) continue;
    if (i > run) out += input.slice(run, i);
    run = i + 1;
    if (code < 128) {
      out += String.fromCharCode(code + 32);
      continue;
    }
    let folded = foldedChars[code];
    if (folded === undefined) {
      folded = slowFold(input[i]!);
      foldedChars[code] = folded;
    }
    out += folded;
  }
  return out + input.slice(run);
}

/** The definition fold() computes per character; Unicode's whole-string path for astral text. */
export function slowFold(input: string): string {
  return input
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd');
}

/** Lowercase normalized form that keeps diacritics (for exact-form comparisons). */
export function lower(input: string): string {
  return normalizeText(input).toLowerCase();
}

/** URL/id-safe slug: "Lạng Sơn" → "lang-son". */
export function slugify(input: string): string {
  return fold(input)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Collapses runs of whitespace to one space and trims. */
export function squash(input: string): string {
  return isSquashed(input) ? input : input.replace(/\s+/g, ' ').trim();
}

/** JavaScript's `\s` (the set trim() removes too), by code unit. */
export function isSpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Already what squash() returns: single spaces between words, none at the ends (most inputs; no copy). */
function isSquashed(input: string): boolean {
  let previousSpace = true; // a space at the start is one to trim
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return false;
      previousSpace = true;
    } else if (isSpaceCode(c)) return false;
    else previousSpace = false;
  }
  return !previousSpace || input.length === 0;
}

/** True when the text looks Vietnamese: enough syllables carry Vietnamese-only letters or tone marks. */
export function looksVietnamese(text: string): boolean {
  const sample = text.slice(0, 20_000);
  const words = sample.match(/\p{L}+/gu) ?? [];
  if (words.length < 5) return false;
  const vietnamese = words.filter((w) =>
    /[ăâđêôơưĂÂĐÊÔƠƯ]|[\u0300\u0301\u0303\u0309\u0323]/u.test(w.normalize('NFD')),
  );
  return vietnamese.length / words.length >= 0.15;
}
