/**
 * Which legacy Vietnamese encoding a text is in, told by what decoding makes of it: the right decoder turns
 * it into Vietnamese syllables (syllables.ts), the wrong ones into garbage. Font names (".VnTime" for TCVN3,
 * "VNI-Times" for VNI) say which decoder to try first and lower the bar; they are hints, not proof, since
 * Unicode text is often typed in a .VnTime-named style.
 */
import { syllableScore } from '../syllables.js';
import { bytesAsChars } from './bytes.js';
import { decodeTcvn3 } from './tcvn3.js';
import { decodeVni } from './vni.js';
import { decodeWindows1258 } from './windows1258.js';

export type LegacyEncoding = 'tcvn3' | 'vni' | 'windows-1258';

export interface Decoded {
  text: string;
  encoding: LegacyEncoding;
  detectedBy: string;
}

// Decoded text must read as Vietnamese at least this well, and clearly better than it did before.
const MIN_SCORE = 0.8;
const MIN_GAIN = 0.2;
const MIN_WORDS = 5;

const TCVN3_FONT = /\.Vn[A-Z][\w ]*/;
const VNI_FONT = /\bVNI[- ][A-Z][\w-]*/i;

/** Font names in the raw markup of a document that tell a legacy encoding. */
export function legacyFontHint(markup: string): { encoding: 'tcvn3' | 'vni'; font: string } | null {
  const tcvn3 = TCVN3_FONT.exec(markup);
  if (tcvn3) return { encoding: 'tcvn3', font: tcvn3[0].trim() };
  const vni = VNI_FONT.exec(markup);
  if (vni) return { encoding: 'vni', font: vni[0].trim() };
  return null;
}

const CHAR_DECODERS: Record<'tcvn3' | 'vni', (chars: string) => string> = {
  tcvn3: decodeTcvn3,
  vni: decodeVni,
};

/**
 * Text that a program read as Windows-1252 but that is TCVN3 or VNI ("UBND tØnh"): the decoded text, or
 * null when the text reads as Vietnamese as it is (or no decoder makes it read better).
 */
export function decodeLegacyChars(
  text: string,
  fontHint?: { encoding: 'tcvn3' | 'vni'; font: string } | null,
): Decoded | null {
  // Legacy text shows only Latin-1 / Windows-1252 characters; proper Vietnamese letters mean Unicode.
  if (/[\u0100-\u024f\u1ea0-\u1ef9]/u.test(text) && !fontHint) return null;
  const before = syllableScore(text);
  if (before.words < MIN_WORDS) return null;
  const order: ('tcvn3' | 'vni')[] = fontHint?.encoding === 'vni' ? ['vni', 'tcvn3'] : ['tcvn3', 'vni'];
  let best: Decoded | null = null;
  let bestScore = before.score + (fontHint ? MIN_GAIN / 2 : MIN_GAIN);
  for (const encoding of order) {
    const decoded = CHAR_DECODERS[encoding](text);
    const { score } = syllableScore(decoded);
    if (score >= MIN_SCORE && score > bestScore) {
      bestScore = score;
      const by =
        fontHint?.encoding === encoding
          ? `font "${fontHint.font}" and character patterns`
          : 'character patterns';
      best = { text: decoded.normalize('NFC'), encoding, detectedBy: by };
    }
  }
  return best;
}

/**
 * UTF-8 for a Vietnamese letter of the U+1EA0–U+1EF9 block (E1 BA xx / E1 BB xx): a file holding such
 * sequences is UTF-8 with damage in it, not a legacy encoding (no legacy text puts those bytes together).
 */
function hasUtf8Vietnamese(bytes: Uint8Array): boolean {
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (
      bytes[i] === 0xe1 &&
      (bytes[i + 1] === 0xba || bytes[i + 1] === 0xbb) &&
      (bytes[i + 2]! & 0xc0) === 0x80
    )
      return true;
  }
  return false;
}

/** Bytes that are not UTF-8: Windows-1258, TCVN3 or VNI, whichever reads as Vietnamese; null if none does. */
export function decodeLegacyBytes(bytes: Uint8Array): Decoded | null {
  if (hasUtf8Vietnamese(bytes)) return null;
  const candidates: Decoded[] = [];
  const cp1258 = decodeWindows1258(bytes);
  if (cp1258 !== null)
    candidates.push({ text: cp1258, encoding: 'windows-1258', detectedBy: 'byte patterns' });
  const chars = bytesAsChars(bytes);
  candidates.push({
    text: decodeTcvn3(chars).normalize('NFC'),
    encoding: 'tcvn3',
    detectedBy: 'byte patterns',
  });
  candidates.push({ text: decodeVni(chars), encoding: 'vni', detectedBy: 'byte patterns' });
  let best: Decoded | null = null;
  let bestScore = MIN_SCORE;
  for (const candidate of candidates) {
    const { score, words } = syllableScore(candidate.text);
    if (words >= MIN_WORDS && score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
