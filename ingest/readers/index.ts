/**
 * Document readers: a file (or an uploaded buffer) in one of the supported formats → normalized,
 * markdown-ish plain text for the extractor. Every failure is a ReadError naming the file and the reason.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { normalizeText } from '../text/normalize.js';
import { decodeText } from './decode.js';
import { readDocx } from './docx.js';
import { fileSystemFailure, readFailure } from './errors.js';
import { type Format, formatOf, unsupportedFailure } from './formats.js';
import { readHtml } from './html.js';
import { LimitError } from './limits.js';
import { DEFAULT_PDF_TIMEOUT_MS, readPdf } from './pdf.js';

export { ReadError } from './errors.js';
export type { ReadErrorCode } from './errors.js';
export { expandInputs } from './expand.js';
export { SUPPORTED_EXTENSIONS, formatOf, type Format } from './formats.js';

export interface LoadedText {
  source: string;
  format: Format;
  text: string;
  /** Size of the input in bytes. */
  bytes: number;
}

export interface ReadOptions {
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

async function toText(source: string, format: Format, bytes: Uint8Array, timeoutMs: number): Promise<string> {
  switch (format) {
    case 'txt':
    case 'md':
      return decodeText(source, bytes);
    case 'html':
      return readHtml(source, bytes);
    case 'docx':
      return readDocx(source, bytes);
    case 'pdf':
      return readPdf(source, bytes, timeoutMs);
  }
}

async function convert(
  source: string,
  format: Format,
  bytes: Uint8Array,
  options: ReadOptions,
): Promise<LoadedText> {
  if (bytes.length === 0) throw readFailure(source, 'empty', 'the file is empty (0 bytes)');
  let raw: string;
  try {
    raw = await toText(source, format, bytes, options.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof LimitError) throw readFailure(source, 'too-large', error.message);
    throw error;
  }
  const text = normalizeText(raw);
  if (!text.trim()) {
    const reason = format === 'txt' || format === 'md' ? 'contains only whitespace' : 'contains no text';
    throw readFailure(source, 'empty', reason);
  }
  return { source, format, text, bytes: bytes.length };
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
