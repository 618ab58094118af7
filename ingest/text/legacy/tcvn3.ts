/**
 * TCVN3 (TCVN 5712:1993, table VN3 — the "ABC" encoding of the .VnTime / .VnArial fonts): one byte per
 * Vietnamese letter. VN3 holds the lower-case toned letters and seven upper-case base letters; upper-case
 * toned letters were typed in the ".VnTimeH" fonts, which draw the same bytes as capitals, so a decoded
 * letter inside an otherwise upper-case word is put back in upper case.
 */
import { byteOf, charOfByte } from './bytes.js';

/** Byte → Unicode letter, from the published VN3 table. */
export const TCVN3_TABLE: Readonly<Record<number, string>> = {
  0xa1: 'Ă',
  0xa2: 'Â',
  0xa3: 'Ê',
  0xa4: 'Ô',
  0xa5: 'Ơ',
  0xa6: 'Ư',
  0xa7: 'Đ',
  0xa8: 'ă',
  0xa9: 'â',
  0xaa: 'ê',
  0xab: 'ô',
  0xac: 'ơ',
  0xad: 'ư',
  0xae: 'đ',
  0xb5: 'à',
  0xb6: 'ả',
  0xb7: 'ã',
  0xb8: 'á',
  0xb9: 'ạ',
  0xbb: 'ằ',
  0xbc: 'ẳ',
  0xbd: 'ẵ',
  0xbe: 'ắ',
  0xc6: 'ặ',
  0xc7: 'ầ',
  0xc8: 'ẩ',
  0xc9: 'ẫ',
  0xca: 'ấ',
  0xcb: 'ậ',
  0xcc: 'è',
  0xce: 'ẻ',
  0xcf: 'ẽ',
  0xd0: 'é',
  0xd1: 'ẹ',
  0xd2: 'ề',
  0xd3: 'ể',
  0xd4: 'ễ',
  0xd5: 'ế',
  0xd6: 'ệ',
  0xd7: 'ì',
  0xd8: 'ỉ',
  0xdc: 'ĩ',
  0xdd: 'í',
  0xde: 'ị',
  0xdf: 'ò',
  0xe1: 'ỏ',
  0xe2: 'õ',
  0xe3: 'ó',
  0xe4: 'ọ',
  0xe5: 'ồ',
  0xe6: 'ổ',
  0xe7: 'ỗ',
  0xe8: 'ố',
  0xe9: 'ộ',
  0xea: 'ờ',
  0xeb: 'ở',
  0xec: 'ỡ',
  0xed: 'ớ',
  0xee: 'ợ',
  0xef: 'ù',
  0xf1: 'ủ',
  0xf2: 'ũ',
  0xf3: 'ú',
  0xf4: 'ụ',
  0xf5: 'ừ',
  0xf6: 'ử',
  0xf7: 'ữ',
  0xf8: 'ứ',
  0xf9: 'ự',
  0xfa: 'ỳ',
  0xfb: 'ỷ',
  0xfc: 'ỹ',
  0xfd: 'ý',
  0xfe: 'ỵ',
};

const encodeTable = new Map<string, number>(Object.entries(TCVN3_TABLE).map(([b, ch]) => [ch, Number(b)]));

/** Characters read as Windows-1252 (or bytes as such characters) → Unicode. */
export function decodeTcvn3(chars: string): string {
  let out = '';
  for (const ch of chars) {
    const b = byteOf(ch);
    out += b !== undefined && b >= 0x80 ? (TCVN3_TABLE[b] ?? ch) : ch;
  }
  return restoreCapitals(out);
}

const isCapitalWord = (w: string | undefined) =>
  w !== undefined && [...w].length >= 3 && /\p{Lu}/u.test(w) && w === w.toUpperCase();

/**
 * A capital word typed in .VnTimeH ("TØNH") decodes with small toned letters ("TỉNH"): put them back in
 * upper case when the word's other letters are capitals (two or more), or when its one capital stands next
 * to a capital word ("ĐẾN SỐ", "XÃ HỘI").
 */
function restoreCapitals(text: string): string {
  const parts = text.split(/(\p{L}+)/u);
  // Letters the font draws as typed: ASCII and the seven VN3 capitals (toned letters are the doubtful ones).
  const capitalAscii = (part: string) => {
    if (/[a-zăâêôơưđ]/.test(part)) return 0;
    return part.match(/[A-ZĂÂÊÔƠƯĐ]/g)?.length ?? 0;
  };
  const first = parts.map((part, i) => (i % 2 === 1 && capitalAscii(part) >= 2 ? part.toUpperCase() : part));
  return first
    .map((part, i) => {
      if (i % 2 === 0 || part === part.toUpperCase() || capitalAscii(part) !== 1) return part;
      // Neighbouring words, across the separator between them (a space, not a line break or sentence end).
      const near = (dir: -1 | 1) => (/^[ \t]+$/.test(first[i + dir] ?? '') ? first[i + 2 * dir] : undefined);
      return isCapitalWord(near(-1)) || isCapitalWord(near(1)) ? part.toUpperCase() : part;
    })
    .join('')
    .replace(SENTENCE_START, (m, lead: string, letter: string) => lead + letter.toUpperCase());
}

// A line or sentence opens with a capital; a toned letter there can only have been typed in .VnTimeH.
const TONED = Object.values(TCVN3_TABLE)
  .filter((ch) => ch === ch.toLowerCase() && !'ăâêôơưđ'.includes(ch))
  .join('');
const SENTENCE_START = new RegExp(
  `(^|\\n[ \\t]*(?:[-+•*][ \\t]+|\\d+[.)][ \\t]+)?|[.!?][ \\t]+)([${TONED}])`,
  'gu',
);

/** Unicode → TCVN3 bytes. Upper-case toned letters become their VN3 lower-case code (.VnTimeH draws them as capitals). */
export function encodeTcvn3(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    // Punctuation the fonts kept from Windows-1252 (– “ ” …) where VN3 has no letter.
    const punctuation = byteOf(ch);
    const b =
      encodeTable.get(ch) ??
      encodeTable.get(ch.toLowerCase()) ??
      (punctuation !== undefined && TCVN3_TABLE[punctuation] === undefined ? punctuation : undefined);
    if (b === undefined) throw new Error(`"${ch}" (U+${code.toString(16).toUpperCase()}) has no TCVN3 code`);
    out.push(b);
  }
  return Uint8Array.from(out);
}

/** The Windows-1252 characters a program shows for TCVN3 bytes (how a .VnTime run appears in Word or HTML). */
export function tcvn3AsChars(text: string): string {
  return [...encodeTcvn3(text)].map(charOfByte).join('');
}
