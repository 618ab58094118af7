/**
 * Legacy Vietnamese text reaches us either as raw bytes (a plain-text file) or as characters a program has
 * already read as Windows-1252 (Word, LibreOffice and browsers show a ".VnTime" run as "tØnh"). Both views
 * meet here: a character stands for the byte Windows-1252 (or Latin-1, for its C1 gaps) gives it.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

const byteOfChar = new Map<string, number>();
for (let b = 0; b < 256; b++) byteOfChar.set(String.fromCharCode(b), b);
[...CP1252_HIGH].forEach((ch, i) => byteOfChar.set(ch, 0x80 + i));

/** The byte a character stands for, or undefined for characters no single byte gives. */
export function byteOf(ch: string): number | undefined {
  return byteOfChar.get(ch);
}

/** The character Windows-1252 shows for a byte. */
export function charOfByte(b: number): string {
  return b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
}

/** Bytes as Windows-1252 characters (every byte maps, so this never fails). */
export function bytesAsChars(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += charOfByte(b);
  return out;
}
