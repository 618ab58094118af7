/**
 * Windows-1258, Microsoft's Vietnamese code page: Windows-1252 with 14 positions replaced by Ă Đ Ơ Ư ₫ (and
 * lower case) and by the five combining tone marks, so most toned letters are a base letter followed by a
 * tone byte (decomposed). Table from Microsoft's published code page chart.
 */
import { charOfByte } from './bytes.js';

const DIFFERENCES: Readonly<Record<number, string>> = {
  0xc3: 'Ă',
  0xcc: '\u0300',
  0xd0: 'Đ',
  0xd2: '\u0309',
  0xd5: 'Ơ',
  0xdd: 'Ư',
  0xde: '\u0303',
  0xe3: 'ă',
  0xec: '\u0301',
  0xf0: 'đ',
  0xf2: '\u0323',
  0xf5: 'ơ',
  0xfd: 'ư',
  0xfe: '₫',
};
// Windows-1252 letters that Windows-1258 does not have (its 0x8A, 0x8E, 0x9A, 0x9E are unassigned).
const UNASSIGNED = new Set([0x81, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x9a, 0x9d, 0x9e]);

function charOf1258(b: number): string | null {
  if (UNASSIGNED.has(b)) return null;
  return DIFFERENCES[b] ?? charOfByte(b);
}

const encodeTable = new Map<string, number>();
for (let b = 0; b < 256; b++) {
  const ch = charOf1258(b);
  if (ch !== null && !encodeTable.has(ch)) encodeTable.set(ch, b);
}
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/u;

/** Windows-1258 bytes → Unicode NFC; null when a byte is unassigned. */
export function decodeWindows1258(bytes: Uint8Array): string | null {
  let out = '';
  for (const b of bytes) {
    const ch = charOf1258(b);
    if (ch === null) return null;
    out += ch;
  }
  return out.normalize('NFC');
}

/** Unicode → Windows-1258: precomposed where the code page has the letter, else base + tone byte. */
export function encodeWindows1258(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = encodeTable.get(ch);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const nfd = ch.normalize('NFD');
    const tone = nfd.match(TONE)?.[0];
    const base = nfd.replace(TONE, '').normalize('NFC');
    const b = encodeTable.get(base);
    const t = tone ? encodeTable.get(tone) : undefined;
    if (!tone || b === undefined || t === undefined)
      throw new Error(
        `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase()}) has no Windows-1258 code`,
      );
    out.push(b, t);
  }
  return Uint8Array.from(out);
}
