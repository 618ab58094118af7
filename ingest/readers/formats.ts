/** Which file extensions we read, and as what. */
import { extname } from 'node:path';
import { type ReadError, readFailure } from './errors.js';

export type Format =
  'txt' | 'md' | 'html' | 'docx' | 'odt' | 'xlsx' | 'pdf' | 'doc' | 'rtf' | 'png' | 'jpeg' | 'tiff';

/** Formats read by OCR: every page is an image. */
export const IMAGE_FORMATS: ReadonlySet<Format> = new Set(['png', 'jpeg', 'tiff']);

const EXTENSION_FORMATS: Readonly<Record<string, Format>> = {
  '.txt': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
  '.odt': 'odt',
  '.xlsx': 'xlsx',
  '.pdf': 'pdf',
  '.doc': 'doc',
  '.rtf': 'rtf',
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.tif': 'tiff',
  '.tiff': 'tiff',
};

/** The media type an original file of each format is served with. */
export const MEDIA_TYPES: Readonly<Record<Format, string>> = {
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  doc: 'application/msword',
  rtf: 'application/rtf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(EXTENSION_FORMATS);

/** The format a file name's extension (any case) stands for, or null. */
export function formatOf(name: string): Format | null {
  return EXTENSION_FORMATS[extname(name).toLowerCase()] ?? null;
}

export function unsupportedFailure(source: string): ReadError {
  const ext = extname(source);
  const what = ext ? `unsupported file type "${ext}"` : 'no file extension to tell its type';
  return readFailure(source, 'unsupported', `${what}; supported: ${SUPPORTED_EXTENSIONS.join(', ')}`);
}
