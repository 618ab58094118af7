/**
 * Vietnamese text normalization shared by every stage.
 *
 * Two spellings of one syllable must compare equal: Unicode composition (NFC vs NFD) and the
 * old/new tone-mark placement ("hoá"/"hóa", "thuỷ"/"thủy"). We settle on NFC with the tone mark on
 * the first vowel of an open "oa/oe/uy" syllable ("hóa", "thủy"), which is what the 2018+ style uses.
 */
import { CodeUnitCopy, codeUnitClass, UNIT_COPY_MIN } from './char-class.js';

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
export const NEEDS_WORK =
  /[^\t\n\x20-\x7e\u00a1-\u00ff\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u2018-\u201d\u2022\u2026]|(?:[oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![\p{L}\p{M}])/u;

/** NFC plus canonical tone placement; also unifies typographic quotes/dashes/spaces that OCR varies. */
export function normalizeText(input: string): string {
  // Text that is already normalized (every extraction stage gets the document's normalized text, and
  // tokenizers normalize again) is returned as is: checking is one scan, normalizing four passes. Otherwise only
  // the words that need work are normalized: every step of fullNormalize() keeps to its own side of a space
  // (a space composes with nothing, ends an "oa/uy" syllable either way and is never part of "\r\n" or a BOM),
  // so the text is normalized piece by piece, each piece running from a space to the next one.
  const units = input.length >= UNIT_COPY_MIN ? dirtyUnits.of(input) : null;
  let dirty = firstDirty(input, 0, units);
  if (dirty < 0) return input;
  let out = '';
  let done = 0;
  while (dirty >= 0) {
    const start = Math.max(done, input.lastIndexOf(' ', dirty));
    const space = input.indexOf(' ', dirty + 1);
    const end = space < 0 ? input.length : space;
    out += input.slice(done, start) + fullNormalize(input.slice(start, end));
    done = end;
    dirty = firstDirty(input, end, units);
  }
  return out + input.slice(done);
}

// NEEDS_WORK by code unit: kept as is, or kept unless it is a toned vowel ending an "oa/oe" or "uy" syllable.
const KEPT = 1;
const AFTER_O = 2;
const AFTER_U = 3;
const keptUnits = new Uint8Array(0x10000);
for (const [from, to] of [
  [0x09, 0x09],
  [0x0a, 0x0a],
  [0x20, 0x7e],
  [0xa1, 0xff],
  [0x102, 0x103],
  [0x110, 0x111],
  [0x128, 0x129],
  [0x168, 0x169],
  [0x1a0, 0x1a1],
  [0x1af, 0x1b0],
  [0x1ea0, 0x1ef9],
  [0x2018, 0x201d],
  [0x2022, 0x2022],
  [0x2026, 0x2026],
] as const)
  keptUnits.fill(KEPT, from, to + 1);
for (const ch of 'àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ') keptUnits[ch.charCodeAt(0)] = AFTER_O;
for (const ch of 'ỳýỷỹỵỲÝỶỸỴ') keptUnits[ch.charCodeAt(0)] = AFTER_U;
const isLetterOrMark = codeUnitClass(/[\p{L}\p{M}]/u);

/** NEEDS_WORK.test(input), in one scan without backtracking over the alternatives at every position. */
export function needsWork(input: string): boolean {
  return firstDirty(input, 0, input.length >= UNIT_COPY_MIN ? dirtyUnits.of(input) : null) >= 0;
}

/**
 * Where NEEDS_WORK first matches from `from` on (the vowel of an old-placed "oà", "uý"), or -1. `units`: the
 * input's code units copied out (long inputs), read instead of charCodeAt().
 */
function firstDirty(input: string, from: number, units: Uint16Array | null): number {
  if (units) return firstDirtyUnit(units, from);
  const n = input.length;
  for (let i = from; i < n; i++) {
    const code = input.charCodeAt(i);
    const kept = keptUnits[code]!;
    if (kept === KEPT) continue;
    if (kept === 0) return i;
    // "oà", "uý" … ending a syllable (old tone placement): no letter or mark after the vowel. A surrogate after
    // it is not kept, so it decides on its own.
    const before = i > 0 ? input.charCodeAt(i - 1) | 0x20 : 0; // lowercase o/u
    const glide = kept === AFTER_O ? before === 0x6f : before === 0x75;
    if (glide && (i + 1 === n || !isLetterOrMark(input.charCodeAt(i + 1)))) return i;
  }
  return -1;
}

/** firstDirty() over copied code units: the same steps. */
function firstDirtyUnit(units: Uint16Array, from: number): number {
  const n = units.length;
  for (let i = from; i < n; i++) {
    const code = units[i]!;
    const kept = keptUnits[code]!;
    if (kept === KEPT) continue;
    if (kept === 0) return i;
    const before = i > 0 ? units[i - 1]! | 0x20 : 0;
    const glide = kept === AFTER_O ? before === 0x6f : before === 0x75;
    if (glide && (i + 1 === n || !isLetterOrMark(units[i + 1]!))) return i;
  }
  return -1;
}
const dirtyUnits = new CodeUnitCopy();

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
// fold() one code unit at a time: each distinct character is folded once and remembered (tables indexed by
// UTF-16 code unit; text with surrogates takes the whole-string path). A character whose fold is one code unit
// (every Vietnamese letter) is written into a code-unit buffer, decoded once: no string per character.
// foldedChars holds each character's fold as a string (for short inputs and characters that fold to several).
const UNKNOWN = -1;
const NOT_ONE_UNIT = -2;
const foldedUnits = new Int32Array(0x10000).fill(UNKNOWN);
// ASCII folds to its lowercase; a lone surrogate is never aligned (astral text folds as a whole string).
for (let code = 0; code < 128; code++) foldedUnits[code] = code >= 65 && code <= 90 ? code + 32 : code;
foldedUnits.fill(NOT_ONE_UNIT, 0xd800, 0xe000);
const foldedChars: (string | undefined)[] = new Array<string | undefined>(0x10000);
const SURROGATE = /[\ud800-\udfff]/;
let buffer = new Uint16Array(4096);
const utf16 = new TextDecoder('utf-16le');

/** The remembered fold of a code unit, computed on first sight (not for surrogates or ASCII, set above). */
function foldedUnit(code: number): number {
  let unit = foldedUnits[code]!;
  if (unit === UNKNOWN) {
    const folded = slowFold(String.fromCharCode(code));
    foldedChars[code] = folded;
    unit = folded.length === 1 ? folded.charCodeAt(0) : NOT_ONE_UNIT;
    foldedUnits[code] = unit;
  }
  return unit;
}

/**
 * The fold of one code unit as a code unit, or a negative number when it folds to none or several (or is a
 * surrogate): for scans that compare or hash folded words in place, without building the folded string.
 */
export function foldCodeUnit(code: number): number {
  const unit = foldedUnits[code]!;
  return unit === UNKNOWN ? foldedUnit(code) : unit;
}

export function fold(input: string): string {
  const aligned = foldAligned(input);
  if (aligned !== null) return aligned;
  return SURROGATE.test(input) ? slowFold(input) : foldByString(input);
}

/**
 * fold(input) when every code unit folds to exactly one (so offsets in it address `input`: any slice of it is
 * fold() of the same slice of `input`), else null (surrogates, or a character folding to none or several).
 */
export function foldAligned(input: string): string | null {
  // Stages fold the same text again right after one another (a duty's text for its role, its partners, its
  // verbs; a sentence for its frame and its lists): the last few folds are remembered and compared first.
  if (input.length >= RECENT_MIN) {
    for (let k = 0; k < RECENT; k++) if (recentInputs[k] === input) return recentOutputs[k]!;
    const folded = foldAlignedOnce(input);
    if (folded !== null) {
      recentInputs[recentNext] = input;
      recentOutputs[recentNext] = folded;
      recentNext = (recentNext + 1) % RECENT;
    }
    return folded;
  }
  return foldAlignedOnce(input);
}
const RECENT = 4;
const RECENT_MIN = 24;
const recentInputs: (string | undefined)[] = new Array<string | undefined>(RECENT);
const recentOutputs: (string | undefined)[] = new Array<string | undefined>(RECENT);
let recentNext = 0;

function foldAlignedOnce(input: string): string | null {
  let i = 0;
  // Lowercase ASCII (the common case for folded keys and most punctuation) is kept without copying.
  for (; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code >= 128 || (code >= 65 && code <= 90)) break;
  }
  if (i === input.length) return input;
  const n = input.length;
  if (NATIVE_UNITS && n >= NATIVE_MIN) return foldNative(input, i);
  // Decoding a buffer has a fixed cost that short strings (words, names) do not repay: built from runs instead.
  if (n < 128) return foldRuns(input, i);
  if (buffer.length < n) buffer = new Uint16Array(Math.max(n, 2 * buffer.length));
  const out = buffer;
  for (let k = 0; k < i; k++) out[k] = input.charCodeAt(k);
  for (; i < n; i++) {
    const code = input.charCodeAt(i);
    let unit = foldedUnits[code]!;
    if (unit < 0) {
      unit = foldedUnit(code);
      if (unit < 0) return null;
    }
    out[i] = unit;
  }
  return utf16.decode(out.subarray(0, n));
}

// Node's Buffer copies a string's code units out ("utf16le", which keeps lone surrogates) and a folded copy back
// in natively: the fold is then one pass over a typed array, without a charCodeAt() on the string per unit
// (3–4× faster on sentences). Only where Buffer exists and the host is little-endian, as the view assumes.
const NATIVE_UNITS = typeof Buffer !== 'undefined' && new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const NATIVE_MIN = 48;
let unitBytes = NATIVE_UNITS ? Buffer.from(new ArrayBuffer(8192)) : null;
let unitCodes = unitBytes ? new Uint16Array(unitBytes.buffer, 0, 4096) : new Uint16Array(0);

/** foldAlignedOnce() through a Buffer, from `i` (the units before it are lowercase ASCII, kept as they are). */
function foldNative(input: string, i: number): string | null {
  const n = input.length;
  if (unitCodes.length < n) {
    const units = Math.max(n, 2 * unitCodes.length);
    unitBytes = Buffer.from(new ArrayBuffer(2 * units));
    unitCodes = new Uint16Array(unitBytes.buffer, 0, units);
  }
  const bytes = unitBytes!;
  const codes = unitCodes;
  bytes.write(input, 0, 2 * n, 'utf16le');
  for (; i < n; i++) {
    const code = codes[i]!;
    let unit = foldedUnits[code]!;
    if (unit < 0) {
      unit = foldedUnit(code);
      if (unit < 0) return null;
    }
    codes[i] = unit;
  }
  return bytes.toString('utf16le', 0, 2 * n);
}

/** foldAligned() of a short input from `i` (the first code unit that changes): unchanged runs copied whole. */
function foldRuns(input: string, i: number): string | null {
  let out = '';
  let run = 0;
  for (; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code < 128 && !(code >= 65 && code <= 90)) continue;
    const unit = foldedUnit(code);
    if (unit < 0) return null;
    if (unit === code) continue;
    if (i > run) out += input.slice(run, i);
    out += code < 128 ? String.fromCharCode(unit) : foldedChars[code]!;
    run = i + 1;
  }
  return out + input.slice(run);
}

/** fold() of text holding a character that does not fold to one code unit (rare): string by string. */
function foldByString(input: string): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    out += code < 128 ? input[i]!.toLowerCase() : (foldedUnit(code), foldedChars[code]!);
  }
  return out;
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

/**
 * Already what squash() returns: single spaces between words, none at the ends (most inputs; no copy). A space
 * (32) at an end is checked by hand; what else squash() would change is a whitespace character other than the space
 * or two spaces in a row, found by one native scan (2× a scan by code unit on sentence-long inputs).
 */
function isSquashed(input: string): boolean {
  const n = input.length;
  return n === 0 || (input.charCodeAt(0) !== 32 && input.charCodeAt(n - 1) !== 32 && !UNSQUASHED.test(input));
}
/** JavaScript's `\s` but the space, or two spaces. */
const UNSQUASHED = /[\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;

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
