/**
 * PDF text layer → plain text. pdf.js runs in a worker thread (pdf-worker.ts) under a time and memory
 * limit, so no file can hang or exhaust the process; the worker returns positioned fragments and
 * pdf-layout.ts rebuilds lines and paragraphs here.
 */
import { startWorker } from '../worker-start.js';
import { readFailure } from './errors.js';
import { joinPages, layoutPages } from './pdf-layout.js';
import type { PdfWorkerReply } from './pdf-worker.js';

export const DEFAULT_PDF_TIMEOUT_MS = 60_000;
const WORKER_HEAP_MB = 2048;
// PDF readers accept the header anywhere in the first 1 KiB and %%EOF anywhere in the last 1 KiB.
const MARKER_WINDOW = 1024;
// Scans often carry a few words of text layer (a scanner's watermark, a page number) but no body.
export const MIN_PDF_LETTERS_PER_PAGE = 20;

function startPdfWorker(data: Uint8Array) {
  return startWorker(new URL('./pdf-worker.ts', import.meta.url), {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
}

function extractPages(source: string, data: Uint8Array, timeoutMs: number): Promise<PdfWorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = startPdfWorker(data);
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            readFailure(
              source,
              'corrupt',
              `PDF parsing did not finish within ${timeoutMs / 1000} s (damaged or pathological file)`,
            ),
          ),
        ),
      timeoutMs,
    );
    worker.once('message', (reply: PdfWorkerReply) => finish(() => resolve(reply)));
    worker.once('error', (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? readFailure(
                source,
                'too-large',
                `parsing this PDF needs more than ${WORKER_HEAP_MB} MB of memory`,
              )
            : // pdf.js errors come back as replies; an error event means the reader itself broke, not the file.
              new Error(`PDF reader failed on ${source}: ${error.message}`),
        ),
      ),
    );
    worker.once('exit', (code) =>
      finish(() => reject(new Error(`PDF reader stopped unexpectedly on ${source} (exit code ${code})`))),
    );
  });
}

function contains(bytes: Uint8Array, marker: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker, 0, 'latin1');
}

export interface PdfPages {
  /** The text layer of each page, laid out (may be empty for scanned pages). */
  pages: string[];
  /** Per page: little or no text but an image on it (a scan to OCR, not a page of drawings). */
  images: boolean[];
  /** pdf.js warnings about damage it worked around. */
  warnings: string[];
}

/** The text layer page by page; damaged, truncated and password-protected files are refused. */
export async function readPdfPages(
  source: string,
  bytes: Uint8Array,
  timeoutMs = DEFAULT_PDF_TIMEOUT_MS,
): Promise<PdfPages> {
  if (!contains(bytes.subarray(0, MARKER_WINDOW), '%PDF-')) {
    throw readFailure(source, 'corrupt', 'not a PDF file (no %PDF- header)');
  }
  // pdf.js quietly recovers what it can from a cut-off file; a partial document must not pass as whole.
  if (!contains(bytes.subarray(Math.max(0, bytes.length - MARKER_WINDOW)), '%%EOF')) {
    throw readFailure(source, 'corrupt', 'truncated PDF (no %%EOF marker at the end)');
  }
  const reply = await extractPages(source, bytes, timeoutMs);
  if (!reply.ok) {
    if (reply.name === 'LimitError') throw readFailure(source, 'too-large', reply.message);
    if (reply.name === 'PasswordException')
      throw readFailure(source, 'unreadable', 'the PDF is password-protected; remove the password first');
    throw readFailure(source, 'corrupt', `damaged PDF (${reply.message.replace(/\.$/, '')})`);
  }
  return {
    pages: reply.pages.map((page) => layoutPages([page])),
    images: reply.images,
    warnings: reply.warnings,
  };
}

/** True when a page's text layer holds a body, not just a scanner's watermark or a page number. */
export function hasTextLayer(pageText: string): boolean {
  return (pageText.match(/\p{L}/gu)?.length ?? 0) >= MIN_PDF_LETTERS_PER_PAGE;
}

/** The reason a PDF without usable text is refused (damage pdf.js reported, or no text layer at all). */
export function noTextFailure(source: string, warnings: readonly string[]) {
  // Real files often raise harmless warnings, so they only matter when no text came out.
  const [damage] = warnings;
  if (damage)
    return readFailure(source, 'corrupt', `damaged PDF, no readable text (${damage.replace(/\.$/, '')})`);
  return readFailure(source, 'empty', 'no text layer (scanned PDF?) — OCR it first');
}

export async function readPdf(
  source: string,
  bytes: Uint8Array,
  timeoutMs = DEFAULT_PDF_TIMEOUT_MS,
): Promise<string> {
  const { pages, warnings } = await readPdfPages(source, bytes, timeoutMs);
  const text = joinPages(pages);
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_PDF_LETTERS_PER_PAGE * Math.max(1, pages.length)) throw noTextFailure(source, warnings);
  return text;
}
