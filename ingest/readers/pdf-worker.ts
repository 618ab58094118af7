/**
 * Runs pdf.js on one PDF inside a worker thread, so a pathological file can be stopped (terminate) instead
 * of blocking the process, and posts back the positioned text fragments of every page.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { LimitError, READ_LIMITS } from './limits.js';
import type { PdfTextItem } from './pdf-layout.js';

export type PdfWorkerReply =
  | { ok: true; pages: PdfTextItem[][]; images: boolean[]; warnings: string[] }
  | { ok: false; name: string; message: string };

// A page with less text than this is checked for images: a scan to OCR, or just drawings.
const FEW_LETTERS = 20;

const MAX_WARNINGS = 3;
const warnings: string[] = [];
// pdf.js reports the damage it works around (bad xref entries, broken fonts) only as console warnings;
// keep them, so an empty result can be told apart from a clean scan. This is the worker's own console.
console.warn = (...args: unknown[]) => {
  const message = String(args[0]).replace(/^Warning:\s*/, '');
  if (warnings.length < MAX_WARNINGS && !warnings.includes(message)) warnings.push(message);
};

async function extract(data: Uint8Array): Promise<{ pages: PdfTextItem[][]; images: boolean[] }> {
  const { OPS } = await getResolvedPDFJS();
  const imageOps = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
  ]);
  // stopAtErrors: a damaged content stream must fail the read, not silently drop text.
  const pdf = await getDocumentProxy(data, { verbosity: 1, stopAtErrors: true });
  try {
    if (pdf.numPages > READ_LIMITS.maxPdfPages)
      throw new LimitError(`${pdf.numPages} pages, over the limit of ${READ_LIMITS.maxPdfPages}`);
    const pages: PdfTextItem[][] = [];
    let chars = 0;
    const images: boolean[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue; // marked-content boundaries
        chars += item.str.length;
        if (chars > READ_LIMITS.maxPdfTextChars)
          throw new LimitError(`more than ${READ_LIMITS.maxPdfTextChars} characters of text`);
        const [, , c, d, e, f] = item.transform as number[];
        items.push({
          str: item.str,
          x: e ?? 0,
          y: f ?? 0,
          width: item.width,
          fontSize: Math.hypot(c ?? 0, d ?? 0) || item.height,
        });
      }
      pages.push(items);
      const letters = items.reduce((n, i) => n + (i.str.match(/\p{L}/gu)?.length ?? 0), 0);
      images.push(
        letters < FEW_LETTERS && (await page.getOperatorList()).fnArray.some((op) => imageOps.has(op)),
      );
      page.cleanup();
    }
    return { pages, images };
  } finally {
    await pdf.destroy();
  }
}

const port = parentPort;
if (!port) throw new Error('pdf-worker.ts must run in a worker thread');
try {
  const { pages, images } = await extract(workerData as Uint8Array);
  port.postMessage({ ok: true, pages, images, warnings } satisfies PdfWorkerReply);
} catch (error) {
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  port.postMessage({ ok: false, name, message } satisfies PdfWorkerReply);
}
