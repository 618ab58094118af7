/**
 * Document readers: a file (or an uploaded buffer) in one of the supported formats → normalized,
 * markdown-ish plain text for the extractor. Every failure is a ReadError naming the file and the reason.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { normalizeText } from '../text/normalize.js';
import { decodeText } from './decode.js';
import { readDocx } from './docx.js';
import { fileSystemFailure, ReadError, readFailure } from './errors.js';
import { LimitError } from './limits.js';
import { type Format, formatOf, IMAGE_FORMATS, unsupportedFailure } from './formats.js';
import { declaredCharset, htmlToText, readHtml } from './html.js';
import {
  type OcrMode,
  type OcrOptions,
  type OcrPageResult,
  ocrImage,
  ocrPdfPages,
  ocrConversion,
} from './ocr.js';
import { convertToHtml } from './office.js';
import { redrawTextTables } from './text-tables.js';
import { readXlsx } from './xlsx.js';
import { joinPages } from './pdf-layout.js';
import {
  DEFAULT_PDF_TIMEOUT_MS,
  hasTextLayer,
  MIN_PDF_LETTERS_PER_PAGE,
  noTextFailure,
  readPdf,
  readPdfPages,
} from './pdf.js';
import type { Conversion } from '../schema.js';
import { decodeLegacyBytes, decodeLegacyChars, type Decoded, legacyFontHint } from '../text/legacy/detect.js';
import { syllableScore } from '../text/syllables.js';

export { ReadError } from './errors.js';
export type { ReadErrorCode } from './errors.js';
export { expandInputs } from './expand.js';
export { MEDIA_TYPES, SUPPORTED_EXTENSIONS, formatOf, type Format } from './formats.js';
export { OCR_MODES, type OcrMode } from './ocr.js';

export interface LoadedText {
  source: string;
  format: Format;
  text: string;
  /** Size of the input in bytes. */
  bytes: number;
  /** The input itself, so the caller may keep the original file (not part of any stored record). */
  data: Uint8Array;
  /** Set when the text was OCR'd or converted from a legacy encoding. */
  conversion?: Conversion;
}

export interface ReadOptions extends OcrOptions {
  /** Larger inputs are refused before being read; default DUTYGRAPH_MAX_FILE_MB (50) MB. */
  maxBytes?: number;
  /** How long PDF parsing may take before the file is given up as pathological. */
  timeoutMs?: number;
}

const MB = 1024 * 1024;
const DEFAULT_MAX_FILE_MB = 50;

/** The size limit from DUTYGRAPH_MAX_FILE_MB; a malformed value is a configuration error, not a default. */
export function defaultMaxBytes(): number {
  const raw = process.env.DUTYGRAPH_MAX_FILE_MB;
  if (raw === undefined || raw.trim() === '') return DEFAULT_MAX_FILE_MB * MB;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) {
    throw new Error(`DUTYGRAPH_MAX_FILE_MB must be a positive number of megabytes, got "${raw}"`);
  }
  return mb * MB;
}

function formatSize(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

function checkSize(source: string, size: number, maxBytes: number): void {
  if (size > maxBytes) {
    throw readFailure(
      source,
      'too-large',
      `${formatSize(size)}, over the limit of ${formatSize(maxBytes)} (DUTYGRAPH_MAX_FILE_MB raises it)`,
    );
  }
}

interface Read {
  text: string;
  ocr?: OcrPageResult[];
  encoding?: Decoded;
}

// Text that reads this badly as Vietnamese, with no decoder that helps, is in an encoding we cannot read.
const MIN_DECODABLE_SCORE = 0.5;
const MIN_WORDS_TO_JUDGE = 20;

/** Plain text: UTF-8 / UTF-16, else whichever legacy Vietnamese encoding the bytes read as. */
function readPlain(source: string, bytes: Uint8Array): Read {
  let text: string;
  try {
    text = decodeText(source, bytes);
  } catch (error) {
    if (!(error instanceof ReadError) || error.code !== 'encoding') throw error;
    const decoded = decodeLegacyBytes(bytes);
    if (!decoded)
      throw readFailure(
        source,
        'encoding',
        `${error.message.slice(source.length + 2)}; nor is it TCVN3, VNI or Windows-1258 Vietnamese text`,
      );
    return { text: redrawTextTables(decoded.text), encoding: decoded };
  }
  const read = withLegacyCheck(source, text, null);
  return { ...read, text: redrawTextTables(read.text) };
}

/** Text that a program read as Windows-1252 may be TCVN3 / VNI ("UBND tØnh"): convert it, or refuse garbage. */
function withLegacyCheck(source: string, text: string, markup: string | null): Read {
  const hint = markup === null ? null : legacyFontHint(markup);
  const decoded = decodeLegacyChars(text, hint);
  if (decoded) return { text: decoded.text, encoding: decoded };
  const { score, words } = syllableScore(text);
  if (words >= MIN_WORDS_TO_JUDGE && score < MIN_DECODABLE_SCORE && /[\u00c0-\u00ff]/.test(text)) {
    throw readFailure(
      source,
      'encoding',
      `the text is in a legacy encoding that cannot be decoded (only ${Math.round(score * 100)}% of its words are Vietnamese syllables; not TCVN3, VNI or Windows-1258)`,
    );
  }
  return { text };
}

function readHtmlDocument(source: string, bytes: Uint8Array): Read {
  const charset = declaredCharset(bytes);
  const text = readHtml(source, bytes);
  if (charset === 'windows-1258')
    return { text, encoding: { text, encoding: 'windows-1258', detectedBy: 'declared charset' } };
  return withLegacyCheck(source, text, Buffer.from(bytes.subarray(0, 1 << 20)).toString('latin1'));
}

function pageCount(n: number): string {
  return n === 1 ? '1 page' : `${n} pages`;
}

async function readPdfDocument(
  source: string,
  bytes: Uint8Array,
  options: ReadOptions,
  timeoutMs: number,
): Promise<Read> {
  const mode: OcrMode = options.ocr ?? 'auto';
  if (mode === 'never') return { text: await readPdf(source, bytes, timeoutMs) };
  const { pages, images, warnings } = await readPdfPages(source, bytes, timeoutMs);
  // Pages without a text layer are OCR'd when they hold an image; drawings alone are no scan.
  const scanned = pages.flatMap((text, i) =>
    mode === 'always' || (!hasTextLayer(text) && images[i]) ? [i + 1] : [],
  );
  const text = joinPages(pages);
  if (scanned.length === 0) {
    if ((text.match(/\p{L}/gu)?.length ?? 0) < MIN_PDF_LETTERS_PER_PAGE * Math.max(1, pages.length))
      throw noTextFailure(source, warnings);
    return { text };
  }
  // A damaged file that yields no text at all is refused as damaged, not OCR'd.
  if (mode === 'auto' && scanned.length === pages.length && warnings.length)
    throw noTextFailure(source, warnings);
  const ocr = await ocrPdfPages(source, bytes, scanned, options);
  const byPage = new Map(ocr.map((r) => [r.page, r.text]));
  const merged = joinPages(pages.map((t, i) => byPage.get(i + 1) ?? t));
  if (!/\p{L}/u.test(merged))
    throw readFailure(
      source,
      'empty',
      `no text layer, and OCR found no text on its ${pageCount(scanned.length)}`,
    );
  return { text: merged, ocr };
}

async function readImageDocument(source: string, bytes: Uint8Array, options: ReadOptions): Promise<Read> {
  if (options.ocr === 'never')
    throw readFailure(source, 'unsupported', 'is an image, and OCR is turned off (--ocr never)');
  const ocr = await ocrImage(source, bytes, options);
  const text = ocr
    .map((r) => r.text)
    .filter(Boolean)
    .join('\n\n');
  if (!/\p{L}/u.test(text))
    throw readFailure(source, 'empty', `OCR found no text in the image (${pageCount(ocr.length)})`);
  return { text, ocr };
}

async function toText(
  source: string,
  format: Format,
  bytes: Uint8Array,
  options: ReadOptions,
): Promise<Read> {
  if (IMAGE_FORMATS.has(format)) return readImageDocument(source, bytes, options);
  switch (format) {
    case 'txt':
    case 'md':
      return readPlain(source, bytes);
    case 'html':
      return readHtmlDocument(source, bytes);
    case 'docx':
      return withLegacyCheck(source, await readDocx(source, bytes), null);
    case 'xlsx':
      return withLegacyCheck(source, await readXlsx(source, bytes), null);
    case 'doc':
    case 'rtf':
    case 'odt': {
      const markup = Buffer.from(await convertToHtml(source, format, bytes)).toString('utf8');
      return withLegacyCheck(source, htmlToText(markup), markup);
    }
    default:
      return readPdfDocument(source, bytes, options, options.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS);
  }
}

function conversionOf(read: Read, options: ReadOptions): Conversion | undefined {
  if (!read.ocr && !read.encoding) return undefined;
  return {
    ocr: read.ocr ? ocrConversion(read.ocr, options.engine) : null,
    encoding: read.encoding ? { from: read.encoding.encoding, detectedBy: read.encoding.detectedBy } : null,
  };
}

async function convert(
  source: string,
  format: Format,
  bytes: Uint8Array,
  options: ReadOptions,
): Promise<LoadedText> {
  if (bytes.length === 0) throw readFailure(source, 'empty', 'the file is empty (0 bytes)');
  let read: Read;
  try {
    read = await toText(source, format, bytes, options);
  } catch (error) {
    if (error instanceof LimitError) throw readFailure(source, 'too-large', error.message);
    throw error;
  }
  const text = normalizeText(read.text);
  if (!text.trim()) {
    const reason = format === 'txt' || format === 'md' ? 'contains only whitespace' : 'contains no text';
    throw readFailure(source, 'empty', reason);
  }
  const conversion = conversionOf(read, options);
  return { source, format, text, bytes: bytes.length, data: bytes, ...(conversion ? { conversion } : {}) };
}

/** Reads one document from disk. The size is checked before the file is read into memory. */
export async function readDocument(path: string, options: ReadOptions = {}): Promise<LoadedText> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    throw fileSystemFailure(path, error);
  }
  if (stats.isDirectory()) throw readFailure(path, 'unreadable', 'is a directory, not a file');
  // Devices and pipes report size 0 and may never end: refuse them rather than read.
  if (!stats.isFile()) throw readFailure(path, 'unreadable', 'is not a regular file');
  const format = formatOf(path);
  if (!format) throw unsupportedFailure(path);
  checkSize(path, stats.size, options.maxBytes ?? defaultMaxBytes());
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fileSystemFailure(path, error);
  }
  return convert(path, format, bytes, options);
}

/** Reads an uploaded document; the format comes from `options.format` or the name's extension. */
export async function readBuffer(
  name: string,
  data: Uint8Array,
  options: ReadOptions & { format?: Format } = {},
): Promise<LoadedText> {
  const format = options.format ?? formatOf(name);
  if (!format) throw unsupportedFailure(name);
  checkSize(name, data.byteLength, options.maxBytes ?? defaultMaxBytes());
  return convert(name, format, data, options);
}
