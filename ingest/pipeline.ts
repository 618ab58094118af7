/**
 * The ingest pipeline, one component per job: loader (readers) → extractor (pure, per document) →
 * resolver (across documents). A file that cannot be read or is not a Vietnamese administrative text
 * becomes a FileError; the others are still processed.
 */
import { defaultContext } from './extract/context.js';
import { extractDocument, type ExtractionContext, type ExtractionResult } from './extract/document.js';
import {
  expandInputs,
  readBuffer,
  readDocument,
  ReadError,
  type LoadedText,
  type ReadOptions,
} from './readers/index.js';
import { BundleResolver, resolveBundle } from './resolve.js';
import { describeOriginal } from './original.js';
import type { Bundle, CitedDocument, FileError, OriginalFile } from './schema.js';
import { looksVietnamese } from './text/normalize.js';

export interface ExtractOptions extends ReadOptions {
  /** Documents already known (e.g. from the graph store), so short references can resolve to them. */
  known?: CitedDocument[];
  onProgress?: (done: number, total: number, source: string) => void;
  context?: ExtractionContext;
  /**
   * Keeps each file that was read as a document (before it is written anywhere); the document then
   * records it as its original. A failure here fails that file only.
   */
  keepOriginal?: (original: OriginalFile, bytes: Uint8Array) => Promise<void>;
}

/** Readable text that is not a document we can extract (e.g. not Vietnamese). */
export class ExtractError extends Error {
  constructor(
    readonly source: string,
    readonly code: 'not-vietnamese',
    message: string,
  ) {
    super(message);
    this.name = 'ExtractError';
  }
}

/** Extracts one loaded text; throws ExtractError when it is not a Vietnamese document. */
export function extractLoaded(
  loaded: Omit<LoadedText, 'data'>,
  context: ExtractionContext = defaultContext(),
): ExtractionResult {
  if (!looksVietnamese(loaded.text)) {
    throw new ExtractError(
      loaded.source,
      'not-vietnamese',
      `${loaded.source}: no Vietnamese text found (is this a Vietnamese administrative document?)`,
    );
  }
  const result = extractDocument(loaded, context);
  if (loaded.conversion) result.document.conversion = loaded.conversion;
  return result;
}

function toFileError(source: string, error: unknown): FileError {
  if (error instanceof ReadError || error instanceof ExtractError)
    return { source, code: error.code, message: error.message };
  const reason = error instanceof Error ? error.message : String(error);
  return { source, code: 'unreadable', message: `${source}: ${reason}` };
}

export async function extractFiles(
  paths: string[],
  options: ExtractOptions = {},
): Promise<{ bundle: Bundle }> {
  const context = options.context ?? defaultContext();
  const { files, errors: inputErrors } = await expandInputs(paths);
  const errors: FileError[] = inputErrors.map((e) => ({
    source: e.source,
    code: e.code,
    message: e.message,
  }));
  const resolver = new BundleResolver(options.known ?? []);
  let done = 0;
  for (const file of files) {
    try {
      const loaded = await readDocument(file, options);
      const result = extractLoaded(loaded, context);
      if (options.keepOriginal) {
        const original = describeOriginal(file, loaded.format, loaded.data);
        await options.keepOriginal(original, loaded.data);
        result.document.original = original;
      }
      resolver.add(result);
    } catch (error) {
      errors.push(toFileError(file, error));
    }
    options.onProgress?.(++done, files.length, file);
  }
  return { bundle: resolver.finish(errors) };
}

/** For uploads: one named buffer (format from the name) → a bundle with one document, or a ReadError. */
export async function extractBuffer(
  name: string,
  data: Uint8Array,
  options: ExtractOptions = {},
): Promise<Bundle> {
  const result = extractLoaded(await readBuffer(name, data, options), options.context ?? defaultContext());
  return resolveBundle([result], options.known ?? []);
}
