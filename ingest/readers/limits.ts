/**
 * What a single file may cost to read, in one place: bytes once unpacked (.docx), markup size and
 * nesting (HTML, and the HTML mammoth makes of a .docx), pages and text per PDF, pixels per image
 * (for readers that render pages). A file over a limit is refused with a `too-large` ReadError that
 * says which limit and by how much, before the expensive work starts where the format allows it.
 */
import { inflateRawSync } from 'node:zlib';
import { Parser } from 'htmlparser2';

const MB = 1024 * 1024;

export const READ_LIMITS = {
  /** Total uncompressed size of the entries of a .docx. */
  maxUnpackedBytes: 200 * MB,
  /** Uncompressed ÷ compressed size of one entry, for entries past `ratioFloorBytes` unpacked. */
  maxEntryRatio: 200,
  ratioFloorBytes: 1 * MB,
  /** Entries in one archive. */
  maxEntries: 10_000,
  /** HTML markup in characters, and element nesting depth. */
  maxHtmlChars: 20 * MB,
  maxHtmlDepth: 400,
  /** Pages and extracted characters of one PDF. */
  maxPdfPages: 3000,
  maxPdfTextChars: 30 * MB,
  /** Pixels of one rendered page or embedded image. */
  maxImagePixels: 50_000_000,
} as const;

export type ReadLimits = typeof READ_LIMITS;

/** A limit crossed; the reader entry point turns it into a ReadError naming the file. */
export class LimitError extends Error {
  override name = 'LimitError';
}

const size = (bytes: number) =>
  bytes >= MB ? `${Number((bytes / MB).toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;

function tooLargeUnpacked(detail: string): LimitError {
  return new LimitError(`too large when unpacked: ${detail}`);
}

interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** The central directory of a zip archive; null when it cannot be found (the reader reports damage). */
function centralDirectory(buffer: Buffer): ZipEntry[] | null {
  // The end record sits in the last 22 bytes plus at most a 64 KiB comment.
  const floor = Math.max(0, buffer.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = buffer.length - 22; at >= floor; at--) {
    if (buffer.readUInt32LE(at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buffer.readUInt16LE(eocd + 10);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    // ZIP64: sizes live in extra fields. Word never writes it for documents this size.
    throw new LimitError('a ZIP64 archive; a .docx this large is not supported');
  }
  if (count > READ_LIMITS.maxEntries)
    throw tooLargeUnpacked(`${count} archive entries (at most ${READ_LIMITS.maxEntries})`);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE) return null;
    const nameLength = buffer.readUInt16LE(at + 28);
    entries.push({
      method: buffer.readUInt16LE(at + 10),
      compressed: buffer.readUInt32LE(at + 20),
      uncompressed: buffer.readUInt32LE(at + 24),
      localOffset: buffer.readUInt32LE(at + 42),
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return entries;
}

/** The compressed bytes of an entry, from its local header. */
function entryData(buffer: Buffer, entry: ZipEntry): Buffer | null {
  const at = entry.localOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_SIGNATURE) return null;
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  if (start + entry.compressed > buffer.length) return null;
  return buffer.subarray(start, start + entry.compressed);
}

/**
 * One entry of a zip archive, unpacked (capped at the size it declares); null when it is absent or damaged.
 * For the parts of a .docx mammoth does not keep (word/numbering.xml); call after checkZipLimits.
 */
export function zipEntry(bytes: Uint8Array, name: string): Buffer | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entry = centralDirectory(buffer)?.find((e) => e.name === name);
  const data = entry && entryData(buffer, entry);
  if (!entry || !data) return null;
  if (entry.method === 0) return data;
  if (entry.method !== 8) return null;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressed) });
  } catch {
    return null;
  }
}

/**
 * Checks a .docx (zip) before it is unpacked: the sizes the central directory declares (total and
 * ratio), then each deflated entry is inflated with a cap at its declared size, so an archive that
 * lies about its sizes is caught without ever holding more than the cap. Damage is left to the
 * reader proper, which explains it better.
 */
export function checkZipLimits(bytes: Uint8Array, limits: ReadLimits = READ_LIMITS): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(buffer);
  if (!entries) return;
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressed;
    if (total > limits.maxUnpackedBytes)
      throw tooLargeUnpacked(`the archive declares more than ${size(limits.maxUnpackedBytes)} of content`);
    if (
      entry.uncompressed > limits.ratioFloorBytes &&
      entry.uncompressed > limits.maxEntryRatio * Math.max(1, entry.compressed)
    ) {
      throw tooLargeUnpacked(
        `${entry.name} expands ${Math.round(entry.uncompressed / Math.max(1, entry.compressed))}-fold ` +
          `(${size(entry.compressed)} → ${size(entry.uncompressed)}; at most ${limits.maxEntryRatio}-fold)`,
      );
    }
  }
  for (const entry of entries) {
    if (entry.method !== 8) continue; // stored entries are as large as they look
    const data = entryData(buffer, entry);
    if (!data) return;
    try {
      inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressed) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw tooLargeUnpacked(`${entry.name} holds more than the ${size(entry.uncompressed)} it declares`);
      return; // damaged data: the reader reports it
    }
  }
}

/**
 * Refuses markup too long or nested too deep to render (the renderer recurses per element, and the
 * DOM builder slows down quadratically on deep unclosed nesting), with a streaming pre-scan that
 * stops at the first element past the limit.
 */
export function checkHtmlLimits(markup: string, limits: ReadLimits = READ_LIMITS): void {
  if (markup.length > limits.maxHtmlChars)
    throw new LimitError(
      `${size(markup.length)} of HTML markup, over the limit of ${size(limits.maxHtmlChars)}`,
    );
  let depth = 0;
  const scanner = new Parser({
    onopentag() {
      if (++depth > limits.maxHtmlDepth)
        throw new LimitError(`HTML elements nested more than ${limits.maxHtmlDepth} deep`);
    },
    onclosetag() {
      depth--;
    },
  });
  scanner.write(markup);
  scanner.end();
}
