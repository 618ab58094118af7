/**
 * OCR reader on scanned-like files built from a development document at test time (tests/support/scans.ts),
 * with the real Tesseract engine; bad input with the same engine, and engine failures through the port.
 * Kept to a few pages: OCR is slow on shared cores.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultContext } from '../ingest/extract/context.js';
import { extractFiles, extractLoaded } from '../ingest/pipeline.js';
import { readBuffer } from '../ingest/readers/index.js';
import { type OcrEngine, OcrPageError } from '../ingest/readers/ocr/engine.js';
import { estimateSkew } from '../ingest/readers/ocr/raster.js';
import { fold, normalizeText } from '../ingest/text/normalize.js';
import { readFailureOf } from './support/read-helpers.js';
import { CORPUS, characterErrorRate } from './eval/ocr-eval.js';
import { samplePdf } from './support/fixtures.js';
import { imagePdf, scanPages, typeset } from './support/scans.js';

const SLOW = { timeout: 150_000 };
let markdown: string;
let firstPage: { pdf: Uint8Array; drawnText: string; pages: number };
let scan300: Buffer;

beforeAll(async () => {
  markdown = await readFile(join(CORPUS, '000_82078753bb763210.txt'), 'utf8');
  // Header, recipients and two paragraphs: enough for the layout, small enough for CI.
  firstPage = await typeset(markdown, 1, 9);
  expect(firstPage.pages).toBe(1);
  scan300 = (await scanPages(firstPage.pdf, { dpi: 300, rotate: 0.8, noise: 0.003, stamp: true }))[0]!;
}, 60_000);

function tinyPdf(
  pages: number,
  draw: (doc: PDFKit.PDFDocument) => void = () => undefined,
): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: [200, 200], autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) =>
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))),
  );
  for (let i = 0; i < pages; i++) {
    doc.addPage();
    draw(doc);
  }
  doc.end();
  return done;
}

describe('OCR of scans', () => {
  it(
    'an image-only PDF page reads like its text: low error rate, header blocks side by side, confidence stored',
    SLOW,
    async () => {
      const pages: number[] = [];
      const loaded = await readBuffer('scan.pdf', await imagePdf([scan300!]), {
        onOcrPage: (_source, done) => pages.push(done),
      });
      expect(pages).toEqual([0, 1]);
      expect(characterErrorRate(firstPage.drawnText, loaded.text)).toBeLessThan(0.03);
      // The two header columns come out as the text layer gives them: issuer | motto, number | place and date.
      expect(loaded.text).toMatch(/^ỦY BAN NHÂN DÂN \| CỘNG HÒA XÃ HỘI CHỦ NGHĨA/m);
      expect(loaded.text).toMatch(/^Số: \/UBND-NC \| Lạng Sơn, ngày tháng 6 năm 2026$/m);
      // The red stamp is not read as text.
      expect(loaded.text).not.toMatch(/UỶ BAN NHÂN DÂN/);
      const ocr = loaded.conversion?.ocr;
      expect(ocr?.engine).toBe('tesseract');
      expect(ocr?.pages).toHaveLength(1);
      expect(ocr?.pages[0]?.confidence).toBeGreaterThan(0.85);
      expect(ocr?.lowConfidence).toBe(false);

      // The extractor's header parser gets what it gets from the text.
      const context = defaultContext();
      const fromScan = extractLoaded({ ...loaded, format: 'pdf' }, context).document;
      const fromText = extractLoaded(
        { source: 't', format: 'txt', text: normalizeText(firstPage.drawnText), bytes: 0 },
        context,
      ).document;
      expect(fromScan.conversion?.ocr?.pages[0]?.page).toBe(1);
      for (const field of ['symbol', 'type', 'province', 'place', 'issuedAt'] as const)
        expect(fromScan[field]).toEqual(fromText[field]);
      // Ỉ, Í and Ĩ differ by a mark a few pixels high and all make syllables: compare the issuer without marks.
      expect(fold(fromScan.issuer ?? '')).toBe(fold(fromText.issuer ?? ''));
      expect(fromScan.citations.map((c) => c.key)).toEqual(fromText.citations.map((c) => c.key));
    },
  );

  it(
    'a page scanned askew is straightened: its skew is measured from the text lines, and it reads as well',
    SLOW,
    async () => {
      const [askew] = await scanPages(firstPage.pdf, { dpi: 300, rotate: -3.5, noise: 0.003, stamp: true });
      const { data, info } = await sharp(askew!).greyscale().raw().toBuffer({ resolveWithObject: true });
      expect(Math.abs(estimateSkew(data, info.width, info.height) - -3.5)).toBeLessThanOrEqual(0.1);
      // The 0.8° page of the other tests measures 0.8°; a page without lines of text is left as it is.
      const level = await sharp(scan300!).greyscale().raw().toBuffer({ resolveWithObject: true });
      expect(
        Math.abs(estimateSkew(level.data, level.info.width, level.info.height) - 0.8),
      ).toBeLessThanOrEqual(0.1);
      const blank = new Uint8Array(400 * 300).fill(255);
      expect(estimateSkew(blank, 400, 300)).toBe(0);
      const loaded = await readBuffer('askew.png', askew!);
      expect(characterErrorRate(firstPage.drawnText, loaded.text)).toBeLessThan(0.03);
    },
  );

  it(
    'a scanned assignment table keeps its rows and columns, and each row its agency, role and deadline',
    SLOW,
    async () => {
      // An appendix table drawn with rules, as printed plans have them; one cell wraps onto two lines.
      const doc = new PDFDocument({ size: 'A4', margin: 0 });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
      doc.registerFont('regular', join(process.cwd(), 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
      doc.font('regular').fontSize(11);
      doc.text('PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ', 56, 70, { width: 483, align: 'center' });
      const columns = [56, 96, 296, 446, 539];
      const rows = [
        ['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Thời gian'],
        ['1', 'Kiểm tra các cơ sở kinh doanh karaoke', 'Công an tỉnh', 'Quý III/2026'],
        ['2', 'Tuyên truyền phòng, chống ma túy trong trường học', 'Sở Giáo dục và Đào tạo', 'Quý IV/2026'],
      ];
      let y = 100;
      for (const row of rows) {
        const height = 44;
        row.forEach((cell, k) =>
          doc.text(cell, columns[k]! + 6, y + 8, { width: columns[k + 1]! - columns[k]! - 12 }),
        );
        for (const x of columns)
          doc
            .moveTo(x, y)
            .lineTo(x, y + height)
            .stroke();
        doc.moveTo(columns[0]!, y).lineTo(columns[4]!, y).stroke();
        y += height;
      }
      doc.moveTo(columns[0]!, y).lineTo(columns[4]!, y).stroke();
      doc.end();
      const [page] = await scanPages(new Uint8Array(await done), { dpi: 300, rotate: 0.4, noise: 0.002 });
      const loaded = await readBuffer('table.png', page!);
      // Cells side by side come out as one line with " | " between them, the header row too.
      expect(loaded.text).toMatch(/^(?:TT \| )?Nhiệm vụ \| Cơ quan chủ trì \| Thời gian$/m);
      expect(loaded.text).toMatch(
        /^(?:1 \| )?Kiểm tra các cơ sở kinh doanh \| Công an tỉnh \| Quý III\/2026$/m,
      );
      const duties = extractLoaded({ ...loaded, format: 'png' }, defaultContext()).document.duties;
      const roles = duties.map((d) => [d.text, d.agencies.map((a) => `${a.mention}|${a.role}`), d.deadline]);
      // Each row's agency, role and deadline. A cell's second line comes out under the row, so the duty text
      // is the cell's first line (pdf-layout.ts does not yet join wrapped cells).
      expect(roles).toEqual([
        [expect.stringMatching(/^Kiểm tra các cơ sở kinh doanh/u), ['Công an tỉnh|lead'], '2026-09'],
        [expect.stringMatching(/^Tuyên truyền phòng, chống ma/u), ['Sở Giáo dục và Đào tạo|lead'], '2026-12'],
      ]);
    },
  );

  it('a sideways PNG page is turned upright before recognition', SLOW, async () => {
    const sideways = await sharp(scan300!).rotate(90).png().toBuffer();
    const loaded = await readBuffer('sideways.png', sideways);
    expect(loaded.format).toBe('png');
    expect(characterErrorRate(firstPage.drawnText, loaded.text)).toBeLessThan(0.05);
  });

  it(
    'a mixed PDF keeps its text layer and OCRs only the scanned page; --ocr never refuses scans',
    SLOW,
    async () => {
      const text = await samplePdf();
      const withScan = await (async () => {
        // Sample text PDF (2 pages) + one scanned page: made by drawing the scan image on a third page.
        const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
        const chunks: Buffer[] = [];
        doc.on('data', (c: Buffer) => chunks.push(c));
        const done = new Promise<Uint8Array>((resolve) =>
          doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))),
        );
        doc.registerFont('regular', join(process.cwd(), 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
        doc.addPage().font('regular').fontSize(12);
        doc.text(
          'Trang đầu có lớp chữ: Ủy ban nhân dân tỉnh giao Công an tỉnh chủ trì triển khai kế hoạch.',
          50,
          50,
        );
        doc.addPage();
        doc.image(scan300!, 0, 0, { fit: [doc.page.width, doc.page.height] });
        doc.end();
        return done;
      })();
      const loaded = await readBuffer('mixed.pdf', withScan);
      expect(loaded.text.startsWith('Trang đầu có lớp chữ: Ủy ban nhân dân tỉnh')).toBe(true);
      expect(loaded.text).toContain('ỦY BAN NHÂN DÂN | CỘNG HÒA');
      expect(loaded.conversion?.ocr?.pages.map((p) => p.page)).toEqual([2]);

      const plain = await readBuffer('text.pdf', text);
      expect(plain.conversion).toBeUndefined();

      const never = await readFailureOf(readBuffer('scan.pdf', await imagePdf([scan300!]), { ocr: 'never' }));
      expect(never.message).toBe('scan.pdf: no text layer (scanned PDF?) — OCR it first');
      const image = await readFailureOf(readBuffer('scan.png', scan300!, { ocr: 'never' }));
      expect(image.message).toBe('scan.png: is an image, and OCR is turned off (--ocr never)');
    },
  );

  it('--ocr always OCRs a PDF that has a text layer', SLOW, async () => {
    const loaded = await readBuffer('text.pdf', firstPage.pdf, { ocr: 'always' });
    expect(loaded.conversion?.ocr?.pages).toHaveLength(1);
    expect(characterErrorRate(firstPage.drawnText, loaded.text)).toBeLessThan(0.03);
  });
});

describe('OCR: bad input gets a clear error per file', () => {
  it('truncated image, 1×1 image, an image with no text, a 500-page scan', SLOW, async () => {
    const truncated = await readFailureOf(readBuffer('cut.png', scan300!.subarray(0, 40_000)));
    expect(truncated.code).toBe('corrupt');
    expect(truncated.message).toMatch(/^cut\.png: damaged or truncated image \(/);

    const dot = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const tiny = await readFailureOf(readBuffer('dot.png', dot));
    expect(tiny.message).toBe('dot.png: the image is 1×1 pixels, too small to hold text');

    // A "photo": smooth gradients and blobs, no writing.
    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#6a8caf' } })
      .composite([
        {
          input: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600"><circle cx="300" cy="300" r="200" fill="#2e7d32"/><rect x="550" y="100" width="250" height="400" fill="#f9a825"/></svg>',
          ),
        },
      ])
      .jpeg()
      .toBuffer();
    const noText = await readFailureOf(readBuffer('photo.jpg', photo));
    expect(noText.code).toBe('empty');
    expect(noText.message).toBe('photo.jpg: OCR found no text in the image (1 page)');

    // 500 scanned pages: refused by the page cap before any page is rasterized.
    const pixel = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const long = await tinyPdf(500, (doc) => doc.image(pixel, 0, 0, { width: 200 }));
    const started = Date.now();
    const capped = await readFailureOf(readBuffer('long-scan.pdf', long));
    expect(capped.code).toBe('too-large');
    expect(capped.message).toBe(
      'long-scan.pdf: 500 pages to OCR, over the limit of 200 (DUTYGRAPH_MAX_OCR_PAGES raises it)',
    );
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it(
    'a folder of scans with bad files: an encrypted PDF, a truncated and a 1×1 image are refused each, the multi-page TIFF is read',
    SLOW,
    async () => {
      // Two pages in one TIFF: the header third of the scanned page, twice.
      const meta = await sharp(scan300!).metadata();
      const header = await sharp(scan300!)
        .extract({ left: 0, top: 0, width: meta.width!, height: Math.round(meta.height! / 3) })
        .png()
        .toBuffer();
      const tiff = await sharp([header, header], { join: { animated: true } })
        .tiff()
        .toBuffer();
      expect((await sharp(tiff).metadata()).pages).toBe(2);
      const locked = await (async () => {
        const doc = new PDFDocument({
          size: 'A4',
          margin: 0,
          userPassword: 'secret',
          ownerPassword: 'owner',
        });
        const chunks: Buffer[] = [];
        doc.on('data', (c: Buffer) => chunks.push(c));
        const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
        doc.image(scan300!, 0, 0, { fit: [doc.page.width, doc.page.height] });
        doc.end();
        return done;
      })();
      const dir = mkdtempSync(join(tmpdir(), 'dutygraph-scans-'));
      try {
        writeFileSync(join(dir, 'two-pages.tif'), tiff);
        writeFileSync(join(dir, 'locked.pdf'), locked);
        writeFileSync(join(dir, 'cut.jpg'), (await sharp(scan300!).jpeg().toBuffer()).subarray(0, 30_000));
        writeFileSync(
          join(dir, 'dot.png'),
          await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
            .png()
            .toBuffer(),
        );
        const { bundle } = await extractFiles([dir]);
        // Only the readable file becomes a document; a refused file leaves nothing behind for the store.
        expect(bundle.documents.map((d) => basename(d.source))).toEqual(['two-pages.tif']);
        const tif = bundle.documents[0]!;
        expect(tif.conversion?.ocr?.pages.map((p) => p.page)).toEqual([1, 2]);
        expect(tif.province).toBe('lang-son');
        const errors = Object.fromEntries(bundle.errors.map((e) => [basename(e.source), e.message]));
        expect(Object.keys(errors).sort()).toEqual(['cut.jpg', 'dot.png', 'locked.pdf']);
        expect(errors['locked.pdf']).toMatch(
          /^.*locked\.pdf: the PDF is password-protected; remove the password first$/,
        );
        expect(errors['cut.jpg']).toMatch(/cut\.jpg: damaged or truncated image \(/);
        expect(errors['dot.png']).toMatch(/dot\.png: the image is 1×1 pixels, too small to hold text$/);

        // A page under the confidence threshold is flagged in the document, page by page, the raw OCR kept.
        process.env.DUTYGRAPH_OCR_MIN_CONFIDENCE = '0.99';
        try {
          const unsure = await readBuffer('header.png', header);
          const doc = extractLoaded({ ...unsure, format: 'png' }, defaultContext()).document;
          expect(doc.conversion?.ocr?.lowConfidence).toBe(true);
          expect(doc.conversion?.ocr?.pages).toEqual([
            { page: 1, confidence: expect.any(Number), lowConfidence: true },
          ]);
          expect(doc.conversion?.ocr?.confidence).toBeLessThan(0.99);
        } finally {
          delete process.env.DUTYGRAPH_OCR_MIN_CONFIDENCE;
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it(
    'the real engine under its limits: a page over the time limit or the memory cap is refused, naming the setting',
    SLOW,
    async () => {
      const limited = async (name: string, value: string) => {
        process.env[name] = value;
        try {
          return await readFailureOf(readBuffer('page.png', scan300!));
        } finally {
          delete process.env[name];
        }
      };
      // A 300 dpi page takes Tesseract seconds of CPU even on an idle core.
      const slow = await limited('DUTYGRAPH_OCR_PAGE_TIMEOUT_S', '1');
      expect(slow.code).toBe('too-large');
      expect(slow.message).toBe('page.png: OCR did not finish within 1 s');
      // Under 64 MB the engine cannot even map its libraries; under 100 MB it cannot read the page.
      for (const mb of ['64', '100']) {
        const small = await limited('DUTYGRAPH_OCR_MEMORY_MB', mb);
        expect(small.code).toBe('too-large');
        expect(small.message).toBe(
          `page.png: OCR needs more than ${mb} MB of memory for this page (DUTYGRAPH_OCR_MEMORY_MB raises it)`,
        );
      }
    },
  );

  it('engine failures through the port: timeout, a missing engine names the package', SLOW, async () => {
    const stuck: OcrEngine = {
      name: 'stuck',
      orientation: async () => 0,
      recognize: async () => {
        throw new OcrPageError('timeout', 'OCR did not finish within 120 s');
      },
    };
    const timeout = await readFailureOf(readBuffer('slow.png', scan300!, { engine: stuck }));
    expect(timeout.message).toBe('slow.png: OCR did not finish within 120 s');
    expect(timeout.code).toBe('too-large');

    process.env.DUTYGRAPH_TESSERACT = '/nonexistent/tesseract';
    try {
      const missing = await readFailureOf(readBuffer('scan.png', scan300!));
      expect(missing.message).toBe(
        "scan.png: cannot be OCR'd: OCR needs Tesseract, which is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)",
      );
    } finally {
      delete process.env.DUTYGRAPH_TESSERACT;
    }
  });
});
