/**
 * The reader flags a scan the OCR engine was unsure of (issue 12): a scanned page image is ingested through the
 * real engine with the confidence threshold above what it reports, and Chromium shows the document with the
 * notice "OCR, confidence …" naming the pages, with a link to the original file that opens the scan.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS } from './eval/ocr-eval.js';
import { type Explorer, startExplorer } from './support/browser.js';
import { scanPages, typeset } from './support/scans.js';

let explorer: Explorer | undefined;
let dir: string;
let scanPath: string;

beforeAll(async () => {
  const markdown = await readFile(join(CORPUS, '000_82078753bb763210.txt'), 'utf8');
  const page = await typeset(markdown, 1, 9);
  const [png] = await scanPages(page.pdf, { dpi: 200, rotate: 0.5, noise: 0.003, stamp: false });
  // The header and the first paragraphs: a document of its own, small enough to OCR quickly.
  const meta = await sharp(png!).metadata();
  const top = await sharp(png!)
    .extract({ left: 0, top: 0, width: meta.width!, height: Math.round(meta.height! / 2) })
    .png()
    .toBuffer();
  dir = mkdtempSync(join(tmpdir(), 'dutygraph-ocr-reader-'));
  scanPath = join(dir, 'scanned-plan.png');
  writeFileSync(scanPath, top);
  process.env.DUTYGRAPH_OCR_MIN_CONFIDENCE = '0.995';
  try {
    explorer = await startExplorer({ ingest: [dir] });
  } finally {
    delete process.env.DUTYGRAPH_OCR_MIN_CONFIDENCE;
  }
}, 300_000);

afterAll(async () => {
  await explorer?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reader of a low-confidence scan', () => {
  it('shows "OCR, confidence …" with the flagged page and the original file', async () => {
    const { items } = await explorer!.api.library.store.listDocuments();
    expect(items).toHaveLength(1);
    const doc = await explorer!.api.library.store.getDocument(items[0]!.key);
    const ocr = doc!.conversion!.ocr!;
    expect(ocr.lowConfidence).toBe(true);

    const page = await explorer!.browser.newPage();
    try {
      await page.goto(`${explorer!.base}#/doc/${encodeURIComponent(items[0]!.key)}`);
      const notice = page.locator('.ocr-notice');
      await notice.waitFor({ state: 'visible', timeout: 30_000 });
      const text = (await notice.textContent()) ?? '';
      const confidence = ocr.confidence!.toFixed(2);
      // The explorer speaks Vietnamese or English; either way the figure, the page and the file are named.
      expect(text).toMatch(
        new RegExp(
          `^OCR, (?:confidence|độ tin cậy) ${confidence.replace('.', '\\.')} \\((?:pages|trang) 1\\)`,
        ),
      );
      // The original is a link to the stored file, not a server path or an internal id.
      expect(text).not.toContain(dir);
      expect(text).not.toContain(items[0]!.key);
      const originalUrl = `/api/documents/${encodeURIComponent(items[0]!.key)}/original`;
      const link = notice.getByRole('link', { name: /^(Original file|Tệp gốc)$/ });
      expect(await link.getAttribute('href')).toBe(originalUrl);
      // The metadata names the file, linked to the same route.
      const metadataLink = page.locator('.metadata a.original-link');
      expect(await metadataLink.textContent()).toBe('scanned-plan.png');
      expect(await metadataLink.getAttribute('href')).toBe(originalUrl);
      expect(await page.locator('.metadata').textContent()).toMatch(/(Original file|Tệp gốc)/);
      // Following the link opens the scan itself: the same bytes, as an image.
      const [opened] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
      await opened.waitForLoadState();
      expect(opened.url()).toBe(`${explorer!.base}${originalUrl.slice(1)}`);
      await opened.close();
      const direct = await page.request.get(`${explorer!.base}${originalUrl.slice(1)}`);
      expect(direct.status()).toBe(200);
      expect(direct.headers()['content-type']).toBe('image/png');
      expect(Buffer.from(await direct.body()).equals(await readFile(scanPath))).toBe(true);
      // The document's text is the OCR'd text.
      await expect
        .poll(async () => (await page.locator('main').textContent()) ?? '', { timeout: 15_000 })
        .toContain('Lạng Sơn');
    } finally {
      await page.close();
    }
  });
});
