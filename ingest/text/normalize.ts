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

/** NFC plus canonical tone placement; also unifies typographic quotes/dashes/spaces that OCR varies. */
export function normalizeText(input: string): string {
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
export function fold(input: string): string {
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
  return input.replace(/\s+/g, ' ').trim();
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
