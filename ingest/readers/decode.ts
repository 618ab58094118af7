/**
 * Bytes → string for the text formats (.txt, .md, .html). Strict on purpose: a wrongly decoded file
 * would poison extraction and search silently, so anything we cannot decode exactly is refused with
 * the position of the first bad byte.
 */
import { readFailure } from './errors.js';

const SAMPLE_BYTES = 64 * 1024;
// Text has next to no C0 controls besides tab/newlines; binaries without NULs (rare) still have many.
const MAX_CONTROL_RATIO = 0.05;
// Too few bytes to tell UTF-16 from binary by where the NULs fall.
const MIN_UTF16_SAMPLE = 32;

type Bom = { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number };

function detectBom(bytes: Uint8Array): Bom | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function isControl(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d) ||
    code === 0x7f
  );
}

type ByteClass = { kind: 'text' } | { kind: 'binary'; reason: string } | { kind: 'utf16-without-bom' };

/** Tells text from binary by a sample of the bytes. Only for byte streams without a UTF-16 BOM. */
function classifyBytes(bytes: Uint8Array): ByteClass {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  let nulEven = 0;
  let nulOdd = 0;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    } else if (isControl(b)) controls++;
  }
  const nuls = nulEven + nulOdd;
  if (nuls > 0) {
    // UTF-16 text saved without a BOM: every ASCII character carries a NUL on the same side.
    const utf16 =
      sample.length >= MIN_UTF16_SAMPLE && nuls > sample.length / 4 && Math.max(nulEven, nulOdd) > nuls * 0.9;
    if (utf16) return { kind: 'utf16-without-bom' };
    return { kind: 'binary', reason: 'looks like a binary file (contains NUL bytes), not text' };
  }
  if (controls > sample.length * MAX_CONTROL_RATIO) {
    const percent = Math.round((controls / sample.length) * 100);
    return { kind: 'binary', reason: `looks like a binary file (${percent}% control characters), not text` };
  }
  return { kind: 'text' };
}

/** Byte offset of the first malformed UTF-8 sequence (bytes are known to be invalid). */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  let offset = 0;
  let from = 0;
  for (let i = lenient.indexOf('\uFFFD'); i !== -1; i = lenient.indexOf('\uFFFD', i + 1)) {
    offset += Buffer.byteLength(lenient.slice(from, i), 'utf8');
    from = i;
    // A literal U+FFFD in the file (EF BF BD) is valid UTF-8; the first other one is the culprit.
    if (bytes[offset] !== 0xef || bytes[offset + 1] !== 0xbf || bytes[offset + 2] !== 0xbd) return offset;
  }
  return offset;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function decoderFor(source: string, label: string): TextDecoder {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    throw readFailure(
      source,
      'encoding',
      `declares charset "${label}", which cannot be decoded; save it as UTF-8`,
    );
  }
}

/**
 * Decodes UTF-8 (BOM optional) or BOM-marked UTF-16; `declaredCharset` (from an HTML <meta>) is honoured
 * for legacy encodings the platform's TextDecoder knows, e.g. windows-1258.
 */
export function decodeText(source: string, bytes: Uint8Array, declaredCharset?: string): string {
  const bom = detectBom(bytes);
  if (bom && bom.encoding !== 'utf-8') {
    let text: string;
    try {
      text = new TextDecoder(bom.encoding, { fatal: true }).decode(bytes.subarray(bom.length));
    } catch {
      throw readFailure(
        source,
        'encoding',
        `starts with a ${bom.encoding.toUpperCase()} byte-order mark but is not valid ${bom.encoding.toUpperCase()}`,
      );
    }
    if (text.includes('\u0000'))
      throw readFailure(source, 'binary', 'looks like a binary file (contains NUL characters), not text');
    return text;
  }
  const kind = classifyBytes(bytes);
  if (kind.kind === 'binary') throw readFailure(source, 'binary', kind.reason);
  if (kind.kind === 'utf16-without-bom') {
    throw readFailure(source, 'encoding', 'looks like UTF-16 without a byte-order mark; save it as UTF-8');
  }
  const body = bom ? bytes.subarray(bom.length) : bytes;
  // A <meta> naming UTF-16 in a byte stream without a UTF-16 BOM means UTF-8, as browsers read it.
  const declared = declaredCharset && !/^utf-?16/i.test(declaredCharset) ? declaredCharset : 'utf-8';
  const label = bom ? 'utf-8' : declared;
  const decoder = decoderFor(source, label);
  try {
    return decoder.decode(body);
  } catch {
    if (decoder.encoding !== 'utf-8') {
      throw readFailure(
        source,
        'encoding',
        `not valid ${decoder.encoding} text as its <meta charset> declares`,
      );
    }
    const offset = firstInvalidUtf8Offset(body) + (bom ? bom.length : 0);
    throw readFailure(
      source,
      'encoding',
      `not valid UTF-8 at byte ${offset} (line ${lineAt(bytes, offset)}); convert it to UTF-8 (e.g. from windows-1258 or TCVN3)`,
    );
  }
}
