/**
 * The OCR reader: page images (scanned PDF pages, PNG / JPEG / TIFF pages) → text laid out like a PDF text
 * layer, with a confidence per page. Pages run side by side in engine processes, as many as the machine
 * has cores (DUTYGRAPH_OCR_WORKERS), shared by every file being read; each page has a time limit and a
 * memory cap, and a file has a page cap, so a 500-page scan or a hostile image cannot take the machine.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFailure } from './errors.js';
import { heavySlots, heavyWorkers } from './slots.js';
import { type OcrEngine, type OcrLimits, OcrPageError, OcrUnavailableError } from './ocr/engine.js';
import { dropSpecks, ocrPageText, pageConfidence, repairItemLabels } from './ocr/layout.js';
import { imageInfo, type PageImage, preparePage, rasterizePdfPage, thumbnail } from './ocr/raster.js';
import { TesseractEngine } from './ocr/tesseract.js';
import { correctAgencyNames } from './ocr/agency-names.js';
import { correctVietnamese } from './ocr/vietnamese.js';
import type { Conversion } from '../schema.js';

export type OcrMode = 'auto' | 'always' | 'never';
export const OCR_MODES: readonly OcrMode[] = ['auto', 'always', 'never'];

export interface OcrOptions {
  /** auto: OCR only pages without a text layer (and images); always: every PDF page; never: refuse scans. */
  ocr?: OcrMode;
  engine?: OcrEngine;
  /** Called as pages of one file finish: a progress bar per file. */
  onOcrPage?: (source: string, done: number, total: number) => void;
}

/** Limits, from the environment; one place for all of them. */
export interface OcrSettings {
  workers: number;
  pageTimeoutMs: number;
  memoryMb: number;
  maxPages: number;
  maxPixels: number;
  /** Rasterization resolution for PDF pages. */
  dpi: number;
  /** Pages under this mean word confidence are flagged. */
  minConfidence: number;
}

function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  return value;
}

export function ocrSettings(): OcrSettings {
  return {
    workers: heavyWorkers(),
    pageTimeoutMs: envNumber('DUTYGRAPH_OCR_PAGE_TIMEOUT_S', 120, 1) * 1000,
    memoryMb: envNumber('DUTYGRAPH_OCR_MEMORY_MB', 1024, 64),
    maxPages: Math.floor(envNumber('DUTYGRAPH_MAX_OCR_PAGES', 200, 1)),
    maxPixels: Math.floor(envNumber('DUTYGRAPH_MAX_OCR_MEGAPIXELS', 80, 0.01) * 1e6),
    dpi: Math.floor(envNumber('DUTYGRAPH_OCR_DPI', 300, 70)),
    minConfidence: envNumber('DUTYGRAPH_OCR_MIN_CONFIDENCE', 0.8, 0),
  };
}

const defaultEngine = new TesseractEngine();

export interface OcrPageResult {
  page: number;
  text: string;
  rawText: string;
  confidence: number | null;
  corrections: number;
}

/** A page source: where its pixels come from, at which resolution. */
interface PageJob {
  page: number;
  dpi: number;
  image: (dir: string) => Promise<PageImage>;
}

function pageFailure(source: string, page: number, total: number, error: unknown): Error {
  if (error instanceof OcrUnavailableError)
    return readFailure(source, 'unreadable', `cannot be OCR'd: ${error.message}`);
  const where = total > 1 ? `page ${page}: ` : '';
  if (error instanceof OcrPageError)
    return readFailure(source, error.kind === 'failed' ? 'corrupt' : 'too-large', `${where}${error.message}`);
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message))
    return readFailure(
      source,
      'too-large',
      `${where}the image is over the OCR limit of ${ocrSettings().maxPixels / 1e6} megapixels (DUTYGRAPH_MAX_OCR_MEGAPIXELS)`,
    );
  return readFailure(
    source,
    'corrupt',
    // libvips names its loader ("pngload_buffer: …"); the reader needs only the reason.
    `${where}damaged or truncated image (${message
      .replace(/^Input \w+ /, '')
      .replace(/^\w+load(_buffer)?: /, '')
      .replace(/\.$/, '')})`,
  );
}

async function recognizePage(
  job: PageJob,
  dir: string,
  engine: OcrEngine,
  limits: OcrLimits,
  settings: OcrSettings,
): Promise<OcrPageResult> {
  const image = await job.image(dir);
  const cleaned = join(dir, `ocr-${job.page}.png`);
  const small = join(dir, `osd-${job.page}.png`);
  try {
    return await recognizeImage(job, image, cleaned, small, engine, limits, settings);
  } finally {
    // Page images are large (26 MB a page at 300 dpi): a long scan must not fill the disk.
    const files = [cleaned, small, ...(image.kind === 'file' ? [image.path] : [])];
    await Promise.all(files.map((f) => rm(f, { force: true })));
  }
}

async function recognizeImage(
  job: PageJob,
  image: PageImage,
  cleaned: string,
  small: string,
  engine: OcrEngine,
  limits: OcrLimits,
  settings: OcrSettings,
): Promise<OcrPageResult> {
  const upright = await preparePage(image, cleaned, settings.maxPixels);
  await thumbnail(cleaned, small, upright.width);
  const rotate = await engine.orientation(small, Math.max(70, Math.round(job.dpi / 2)), limits);
  const size = rotate ? await preparePage(image, cleaned, settings.maxPixels, rotate) : upright;
  const words = await engine.recognize(cleaned, job.dpi, limits);
  const rawText = ocrPageText(words, size.height);
  const specks = dropSpecks(rawText);
  const syllables = correctVietnamese(specks.text);
  const corrected = correctAgencyNames(syllables.text);
  const labelled = repairItemLabels(corrected.text);
  return {
    page: job.page,
    text: labelled.text,
    rawText,
    confidence: pageConfidence(words),
    corrections: specks.corrections + syllables.corrections + corrected.corrections + labelled.corrections,
  };
}

async function runPages(source: string, jobs: PageJob[], options: OcrOptions): Promise<OcrPageResult[]> {
  const settings = ocrSettings();
  const engine = options.engine ?? defaultEngine;
  const limits = { timeoutMs: settings.pageTimeoutMs, memoryMb: settings.memoryMb };
  const dir = await mkdtemp(join(tmpdir(), 'dutygraph-ocr-'));
  let done = 0;
  let failed: Error | null = null;
  try {
    options.onOcrPage?.(source, 0, jobs.length);
    const results = await Promise.all(
      jobs.map((job) =>
        heavySlots.run(async () => {
          // The first failure fails the file: later pages are not started.
          if (failed) return null;
          try {
            const result = await recognizePage(job, dir, engine, limits, settings);
            options.onOcrPage?.(source, ++done, jobs.length);
            return result;
          } catch (error) {
            failed ??= pageFailure(source, job.page, jobs.length, error);
            return null;
          }
        }),
      ),
    );
    if (failed) throw failed;
    return results as OcrPageResult[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function checkPageCount(source: string, pages: number, settings: OcrSettings): void {
  if (pages > settings.maxPages)
    throw readFailure(
      source,
      'too-large',
      `${pages} pages to OCR, over the limit of ${settings.maxPages} (DUTYGRAPH_MAX_OCR_PAGES raises it)`,
    );
}

/** OCRs the given pages (1-based) of a PDF. */
export async function ocrPdfPages(
  source: string,
  pdf: Uint8Array,
  pages: number[],
  options: OcrOptions,
): Promise<OcrPageResult[]> {
  const settings = ocrSettings();
  checkPageCount(source, pages.length, settings);
  let pdfPath: Promise<string> | null = null;
  const jobs = pages.map((page) => ({
    page,
    dpi: settings.dpi,
    image: async (dir: string): Promise<PageImage> => {
      pdfPath ??= writeFile(join(dir, 'input.pdf'), pdf).then(() => join(dir, 'input.pdf'));
      return {
        kind: 'file',
        path: await rasterizePdfPage(await pdfPath, page, settings.dpi, dir, settings.pageTimeoutMs),
      };
    },
  }));
  return runPages(source, jobs, options);
}

// Smaller than this cannot hold a line of text at any resolution OCR works at.
const MIN_IMAGE_SIDE = 32;

/** OCRs every page of a PNG / JPEG / TIFF image. */
export async function ocrImage(
  source: string,
  bytes: Uint8Array,
  options: OcrOptions,
): Promise<OcrPageResult[]> {
  const settings = ocrSettings();
  let info;
  try {
    info = await imageInfo(bytes, settings.maxPixels);
  } catch (error) {
    throw pageFailure(source, 1, 1, error);
  }
  if (Math.min(info.width, info.height) < MIN_IMAGE_SIDE)
    throw readFailure(
      source,
      'empty',
      `the image is ${info.width}×${info.height} pixels, too small to hold text`,
    );
  checkPageCount(source, info.pages, settings);
  const jobs = Array.from({ length: info.pages }, (_, i) => ({
    page: i + 1,
    dpi: info.dpi,
    image: async (): Promise<PageImage> => ({ kind: 'image', bytes, page: i }),
  }));
  return runPages(source, jobs, options);
}

/** The conversion record of OCR'd pages. */
export function ocrConversion(
  results: readonly OcrPageResult[],
  engine: OcrEngine = defaultEngine,
  minConfidence = ocrSettings().minConfidence,
): NonNullable<Conversion['ocr']> {
  const pages = results.map((r) => ({
    page: r.page,
    confidence: r.confidence === null ? null : Math.round(r.confidence * 1000) / 1000,
    lowConfidence: r.confidence !== null && r.confidence < minConfidence,
  }));
  const known = pages.flatMap((p) => (p.confidence === null ? [] : [p.confidence]));
  const corrections = results.reduce((n, r) => n + r.corrections, 0);
  return {
    engine: engine.name,
    pages,
    confidence: known.length
      ? Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 1000) / 1000
      : null,
    lowConfidence: pages.some((p) => p.lowConfidence),
    corrections,
    rawText: corrections
      ? results
          .map((r) => r.rawText)
          .filter(Boolean)
          .join('\n\n')
      : null,
  };
}
