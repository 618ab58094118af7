/**
 * Page images for OCR: PDF pages rasterized by pdftoppm (poppler-utils), PNG / JPEG / TIFF pages decoded by
 * sharp (libvips). Every page is cleaned the same way before the engine sees it: turned upright, coloured ink
 * (red seals, blue signatures) whitened, since typed text is black, and written as a grayscale PNG.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import sharp from 'sharp';
import { OcrPageError, OcrUnavailableError } from './engine.js';

/** Where a page's pixels come from. */
export type PageImage = { kind: 'image'; bytes: Uint8Array; page: number } | { kind: 'file'; path: string };

export interface ImageInfo {
  pages: number;
  width: number;
  height: number;
  /** Dots per inch: from the file when it says, else guessed from an A4 page width. */
  dpi: number;
}

const A4_WIDTH_INCHES = 8.27;
// A pixel differing this much between its colour channels is ink of a colour, not black or grey.
const COLOUR_SPREAD = 90;

/** What sharp can tell about an image without decoding it; a damaged header is an error. */
export async function imageInfo(bytes: Uint8Array, maxPixels: number): Promise<ImageInfo> {
  const meta = await sharp(bytes, { limitInputPixels: maxPixels, pages: 1 }).metadata();
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  const density = meta.density && meta.density >= 70 ? meta.density : 0;
  const portrait = Math.min(width, height);
  return {
    pages: meta.pages ?? 1,
    width,
    height,
    dpi: Math.round(density || Math.max(70, portrait / A4_WIDTH_INCHES)),
  };
}

/** One page, cleaned, as a grayscale PNG at `out`; returns its size. */
export async function preparePage(
  image: PageImage,
  out: string,
  maxPixels: number,
  rotate = 0,
): Promise<{ width: number; height: number }> {
  const input =
    image.kind === 'image'
      ? sharp(image.bytes, { page: image.page, limitInputPixels: maxPixels, failOn: 'truncated' })
      : sharp(image.path, { limitInputPixels: maxPixels, failOn: 'truncated' });
  const { data, info } = await input
    .rotate(rotate, { background: '#ffffff' })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const gray = Buffer.alloc(info.width * info.height);
  for (let i = 0, p = 0; p < gray.length; i += info.channels, p++) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    const spread = Math.max(r, g, b) - Math.min(r, g, b);
    gray[p] = spread > COLOUR_SPREAD ? 255 : Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  const page = sharp(gray, { raw: { width: info.width, height: info.height, channels: 1 } });
  // A page scanned askew is turned straight: text lines level, so the engine's lines do not run into each other.
  const skew = estimateSkew(gray, info.width, info.height);
  if (Math.abs(skew) < MIN_SKEW) {
    await page.png({ compressionLevel: 1 }).toFile(out);
    return { width: info.width, height: info.height };
  }
  const straight = await page
    .rotate(-skew, { background: '#ffffff' })
    .png({ compressionLevel: 1 })
    .toFile(out);
  return { width: straight.width, height: straight.height };
}

// Skews under this are left: the engine's line finder copes with them, and turning costs a resample.
const MIN_SKEW = 0.3;
const MAX_SKEW = 6;
const DARK = 128;

/**
 * The angle (degrees, clockwise) a page was scanned askew by, from its dark pixels: the angle at which their row
 * profile is sharpest (text lines fall into few rows, the gaps between lines into none). Sampled on a coarse grid,
 * searched in 0.2° steps, then refined to 0.05°. 0 when the page has too little ink or no angle stands out.
 */
export function estimateSkew(gray: Uint8Array, width: number, height: number): number {
  const step = Math.max(1, Math.round(Math.min(width, height) / 800));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y += step)
    for (let x = 0, row = y * width; x < width; x += step) {
      if (gray[row + x]! < DARK) {
        xs.push(x / step);
        ys.push(y / step);
      }
    }
  if (xs.length < 200) return 0;
  const rows = Math.ceil(height / step);
  const margin = Math.ceil((width / step) * Math.tan((MAX_SKEW * Math.PI) / 180)) + 1;
  const bins = new Float64Array(rows + 2 * margin);
  const sharpness = (degrees: number): number => {
    const t = Math.tan((degrees * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) bins[Math.round(ys[i]! - xs[i]! * t) + margin]!++;
    let sum = 0;
    for (const b of bins) sum += b * b;
    return sum;
  };
  let best = 0;
  let bestScore = sharpness(0);
  const level = bestScore;
  for (let a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += 0.2) {
    const score = sharpness(a);
    if (score > bestScore) [best, bestScore] = [a, score];
  }
  for (let a = best - 0.15; a <= best + 0.15 + 1e-9; a += 0.05) {
    const score = sharpness(a);
    if (score > bestScore) [best, bestScore] = [a, score];
  }
  // A page without lines of text (a photo, a sideways page before it is turned) has no clear peak.
  return bestScore > level * 1.05 ? Math.round(best * 100) / 100 : 0;
}

/** A half-size copy for orientation detection, which needs shapes, not detail (and costs half the time). */
export async function thumbnail(path: string, out: string, width: number): Promise<void> {
  await sharp(path)
    .resize(Math.max(1, Math.round(width / 2)))
    .png({ compressionLevel: 1 })
    .toFile(out);
}

/** Rasterizes one PDF page (1-based) with pdftoppm to `dir/page-N.tif` (uncompressed: PNG costs more time than rendering). */
export function rasterizePdfPage(
  pdfPath: string,
  page: number,
  dpi: number,
  dir: string,
  timeoutMs: number,
): Promise<string> {
  const prefix = join(dir, `page-${page}`);
  return new Promise((resolve, reject) => {
    const args = [
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-tiff',
      '-tiffcompression',
      'none',
      '-singlefile',
    ];
    const child = spawn('pdftoppm', [...args, pdfPath, prefix], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c.slice(0, 4096)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new OcrUnavailableError(
              'poppler-utils',
              'OCR of PDF pages needs pdftoppm, which is not installed (apt-get install poppler-utils)',
            )
          : error,
      );
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL')
        reject(new OcrPageError('timeout', `rendering the page took over ${timeoutMs / 1000} s`));
      else if (code !== 0)
        reject(
          new OcrPageError('failed', `the page could not be rendered (${stderr.trim() || `exit ${code}`})`),
        );
      else resolve(`${prefix}.tif`);
    });
  });
}
