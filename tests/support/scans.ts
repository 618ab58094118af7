/**
 * Scanned-like test files built at test time from real text: a document is typeset with pdfkit (DejaVu, a
 * Vietnamese-capable font; the two header columns side by side), rasterized with pdftoppm at a given dpi,
 * then turned, speckled and stamped (a red seal over the signature block) with sharp, and wrapped either as
 * PNG pages or as an image-only PDF (no text layer). `drawnText` is the reference text for error rates.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { seededRandom } from '../../search/vector/synthetic.js';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const MARGIN = 56;
const SIZE = 11;

/** A markdown-ish development document → plain paragraphs (bold, sup/sub and heading marks dropped). */
export function plainBlocks(markdown: string): string[] {
  return markdown
    .replace(/<sup>.*?<\/sup>/g, '')
    .replace(/<\/?sub>/g, '')
    .replace(/\*\*|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)/g, '')
    .replace(/^#+\s*/gm, '')
    .split(/\n\s*\n/)
    .map((b) =>
      b
        .split('\n')
        .map((l) => l.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean);
}

interface Layout {
  rows: { left: string; right: string }[];
  body: string[];
}

/** The header as printed: issuer beside the national motto, number beside place and date. */
function layout(blocks: string[]): Layout {
  const rest = [...blocks];
  const rows: Layout['rows'] = [];
  const take = (test: RegExp) => {
    const i = rest.slice(0, 6).findIndex((b) => test.test(b));
    return i < 0 ? null : rest.splice(i, 1)[0]!;
  };
  const motto = take(/^CỘNG HÒA|^CỘNG HOÀ/);
  if (motto) rows.push({ left: rest[0] && !/^Số/.test(rest[0]) ? rest.shift()! : '', right: motto });
  const dated = take(/, ngày .* năm/);
  const number = take(/^Số/);
  if (dated || number) rows.push({ left: number ?? '', right: dated ?? '' });
  return { rows, body: rest };
}

export interface TypesetPdf {
  pdf: Uint8Array;
  /** The text as drawn, header rows first (left then right), for error rates. */
  drawnText: string;
  pages: number;
}

/** Typesets a document on A4 pages; `maxPages` and `maxBlocks` (body paragraphs) cut it short for small tests. */
export function typeset(markdown: string, maxPages = Infinity, maxBlocks = Infinity): Promise<TypesetPdf> {
  const { rows, body } = layout(plainBlocks(markdown));
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', join(fontDir, 'DejaVuSans.ttf'));
  doc.registerFont('bold', join(fontDir, 'DejaVuSans-Bold.ttf'));
  doc.font('regular').fontSize(SIZE);
  const width = doc.page.width - 2 * MARGIN;
  const drawn: string[] = [];
  // As printed: the issuer's column takes two fifths of the width, the motto's the rest; the first row bold.
  for (const [i, row] of rows.entries()) {
    const top = doc.y;
    doc.font(i === 0 ? 'bold' : 'regular');
    doc.text(row.left, MARGIN, top, { width: width * 0.4 - 8, align: 'center' });
    const leftEnd = doc.y;
    doc.text(row.right, MARGIN + width * 0.4 + 8, top, { width: width * 0.6 - 8, align: 'center' });
    doc.x = MARGIN;
    doc.y = Math.max(leftEnd, doc.y) + 14;
    drawn.push(row.left, row.right);
  }
  doc.font('regular');
  let pages = 1;
  doc.on('pageAdded', () => pages++);
  for (const block of body.slice(0, maxBlocks)) {
    // A line of slack: pdfkit breaks the page by line height, heightOfString measures a little less.
    const needed = doc.heightOfString(block, { width }) + 2 * SIZE;
    if (doc.y + needed > doc.page.height - MARGIN && pages >= maxPages) break;
    doc.text(block, MARGIN, doc.y, { width, paragraphGap: 7 });
    drawn.push(block);
  }
  doc.end();
  return done.then(() => ({
    pdf: new Uint8Array(Buffer.concat(chunks)),
    drawnText: drawn.filter(Boolean).join('\n\n'),
    pages,
  }));
}

export interface ScanOptions {
  dpi: number;
  /** Degrees, clockwise. */
  rotate?: number;
  /** Fraction of pixels flipped to dark or light specks. */
  noise?: number;
  /** A red round stamp over the lower right of the last page (where the signature block sits). */
  stamp?: boolean;
}

function stampSvg(size: number): Buffer {
  const r = size / 2;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
      <circle cx="${r}" cy="${r}" r="${r * 0.95}" fill="none" stroke="#d42020" stroke-width="${size / 30}" opacity="0.85"/>
      <circle cx="${r}" cy="${r}" r="${r * 0.7}" fill="none" stroke="#d42020" stroke-width="${size / 60}" opacity="0.85"/>
      <text x="${r}" y="${r}" font-family="DejaVu Sans" font-size="${size / 9}" fill="#d42020" text-anchor="middle" opacity="0.85">UỶ BAN NHÂN DÂN</text>
      <path d="M ${r * 0.5} ${r * 1.3} q ${r * 0.3} ${-r * 0.5} ${r * 0.6} 0 t ${r * 0.6} 0" stroke="#1a1a80" stroke-width="${size / 50}" fill="none"/>
    </svg>`,
  );
}

/** Rasterizes a PDF and degrades each page like a scan; returns PNG pages. */
export async function scanPages(pdf: Uint8Array, options: ScanOptions): Promise<Buffer[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dutygraph-scan-'));
  try {
    const input = join(dir, 'in.pdf');
    execFileSync('sh', ['-c', 'cat > "$1"', 'sh', input], { input: pdf });
    execFileSync('pdftoppm', ['-r', String(options.dpi), '-png', input, join(dir, 'page')]);
    const files = readdirSync(dir)
      .filter((f) => f.startsWith('page'))
      .sort();
    const rand = seededRandom(options.dpi * 7 + files.length);
    const out: Buffer[] = [];
    for (const [index, file] of files.entries()) {
      let image = sharp(readFileSync(join(dir, file))).removeAlpha();
      const { width, height } = await image.metadata();
      if (options.stamp && index === files.length - 1) {
        const size = Math.round(width * 0.22);
        image = sharp(await image.png().toBuffer()).composite([
          // Ink multiplies: black text under the seal stays black, white paper turns red.
          {
            input: stampSvg(size),
            left: Math.round(width * 0.62),
            top: Math.round(height * 0.55),
            blend: 'multiply',
          },
        ]);
      }
      const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
      if (options.noise) {
        for (let i = 0; i < data.length; i += info.channels) {
          if (rand() >= options.noise) continue;
          const v = rand() < 0.5 ? 40 : 235;
          for (let c = 0; c < info.channels; c++) data[i + c] = v;
        }
      }
      let page = sharp(data, { raw: info });
      if (options.rotate)
        page = sharp(await page.png().toBuffer()).rotate(options.rotate, { background: '#ffffff' });
      out.push(await page.png().toBuffer());
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** PNG pages → an image-only PDF (A4 pages, no text layer), as a scanner writes it. */
export function imagePdf(pages: Buffer[]): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  for (const png of pages) {
    doc.addPage({ size: 'A4', margin: 0 });
    doc.image(png, 0, 0, { fit: [doc.page.width, doc.page.height], align: 'center', valign: 'center' });
  }
  doc.end();
  return done;
}
