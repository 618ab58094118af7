/**
 * VNI Windows (the "VNI-Times" fonts): a Vietnamese letter is a base letter followed by a byte for its marks
 * ("caùc" = các), except for a few one-byte letters (ơ ô, ư ö, đ ñ, and the i letters). Table from VNI's
 * published code chart; upper case uses the upper-case base and the upper-case mark byte.
 */
import { byteOf, charOfByte } from './bytes.js';

// Mark bytes (lower-case form; the upper-case form is the byte - 0x20), with what they add to the base.
const MARKS: Record<number, { base: Record<string, string>; tone: string }> = {};
const TONE_ACUTE = '\u0301';
const TONE_GRAVE = '\u0300';
const TONE_HOOK = '\u0309';
const TONE_TILDE = '\u0303';
const TONE_DOT = '\u0323';
const CIRCUMFLEX = { a: 'â', e: 'ê', o: 'ô' };
const BREVE = { a: 'ă' };
const PLAIN = {};
function mark(b: number, base: Record<string, string>, tone: string) {
  MARKS[b] = { base, tone };
}
// Tone alone (any vowel, and ơ/ư written as ô/ö).
mark(0xf9, PLAIN, TONE_ACUTE);
mark(0xf8, PLAIN, TONE_GRAVE);
mark(0xfb, PLAIN, TONE_HOOK);
mark(0xf5, PLAIN, TONE_TILDE);
mark(0xef, PLAIN, TONE_DOT);
// Circumflex, with or without a tone.
mark(0xe2, CIRCUMFLEX, '');
mark(0xe1, CIRCUMFLEX, TONE_ACUTE);
mark(0xe0, CIRCUMFLEX, TONE_GRAVE);
mark(0xe5, CIRCUMFLEX, TONE_HOOK);
mark(0xe3, CIRCUMFLEX, TONE_TILDE);
mark(0xe4, CIRCUMFLEX, TONE_DOT);
// Breve, with or without a tone.
mark(0xea, BREVE, '');
mark(0xe9, BREVE, TONE_ACUTE);
mark(0xe8, BREVE, TONE_GRAVE);
mark(0xfa, BREVE, TONE_HOOK);
mark(0xfc, BREVE, TONE_TILDE);
mark(0xeb, BREVE, TONE_DOT);

/** One-byte letters (lower case; upper case is the byte - 0x20). */
const SINGLE: Readonly<Record<number, string>> = {
  0xf4: 'ơ',
  0xf6: 'ư',
  0xf1: 'đ',
  0xed: 'í',
  0xec: 'ì',
  0xe6: 'ỉ',
  0xf3: 'ĩ',
  0xf2: 'ị',
  0xee: 'ỵ',
};
const BASES = new Set(['a', 'e', 'o', 'u', 'y', 'ơ', 'ư']);

function markOf(b: number | undefined, upper: boolean) {
  if (b === undefined) return undefined;
  const lower = upper ? b + 0x20 : b;
  if (upper ? b < 0xc0 || b > 0xdf : b < 0xe0) return undefined;
  return MARKS[lower];
}

function singleOf(b: number | undefined): string | undefined {
  if (b === undefined || b < 0xc0) return undefined;
  const lower = SINGLE[b];
  if (lower) return lower;
  const upper = b < 0xe0 ? SINGLE[b + 0x20] : undefined;
  return upper?.toUpperCase();
}

/** Characters read as Windows-1252 (or bytes as such characters) → Unicode NFC. */
export function decodeVni(chars: string): string {
  const input = [...chars];
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    const single = singleOf(byteOf(ch));
    const base = single ?? ch;
    const lower = base.toLowerCase();
    const upper = base !== lower;
    const next = input[i + 1];
    const m = BASES.has(lower) && next !== undefined ? markOf(byteOf(next), upper) : undefined;
    if (m && (m.base === PLAIN || (m.base as Record<string, string>)[lower])) {
      const shaped = (m.base as Record<string, string>)[lower] ?? lower;
      const letter = (shaped + m.tone).normalize('NFC');
      out += upper ? letter.toUpperCase() : letter;
      i++;
      continue;
    }
    out += base;
  }
  return out.normalize('NFC');
}

const encodeMap = new Map<string, number[]>();
function addEncoding(letter: string, bytes: number[]) {
  const nfc = letter.normalize('NFC');
  if (!encodeMap.has(nfc)) encodeMap.set(nfc, bytes);
}
for (const [b, letter] of Object.entries(SINGLE)) {
  addEncoding(letter, [Number(b)]);
  addEncoding(letter.toUpperCase(), [Number(b) - 0x20]);
}
for (const [b, m] of Object.entries(MARKS)) {
  const bases: [string, string][] = m.base === PLAIN ? [...BASES].map((x) => [x, x]) : Object.entries(m.base);
  for (const [plain, shaped] of bases) {
    const baseBytes = (c: string) => encodeMap.get(c) ?? [c.charCodeAt(0)];
    const letter = shaped + m.tone;
    addEncoding(letter, [...baseBytes(plain), Number(b)]);
    addEncoding(letter.toUpperCase(), [...baseBytes(plain.toUpperCase()), Number(b) - 0x20]);
  }
}

/** Unicode → VNI Windows bytes. */
export function encodeVni(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      // Punctuation from Windows-1252 (– “ ” …) sits below the bytes VNI uses for letters.
      const punctuation = byteOf(ch);
      const bytes =
        encodeMap.get(ch) ?? (punctuation !== undefined && punctuation < 0xc0 ? [punctuation] : undefined);
      if (!bytes) throw new Error(`"${ch}" (U+${code.toString(16).toUpperCase()}) has no VNI code`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

/** The Windows-1252 characters a program shows for VNI bytes. */
export function vniAsChars(text: string): string {
  return [...encodeVni(text)].map(charOfByte).join('');
}
