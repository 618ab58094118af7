/**
 * The explorer's download buttons in a real browser: the agency, category and search pages link to
 * the exports with their selection, and a click downloads a workbook exceljs can open.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUTIES_SHEET } from '../api/exports/xlsx.js';
import { startTestApi, type TestApi } from './support/api-app.js';
import { ensureWebBuild, launchChromium, screenshot } from './support/browser.js';

let api: TestApi;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const webDir = ensureWebBuild();
  api = await startTestApi({ config: { webDir } });
  await api.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(api.app.server.address() as { port: number }).port}`;
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const links = (page: import('playwright-core').Page) =>
  page.$$eval('.exports a', (as) =>
    as.map(
      (a) => new URL((a as HTMLAnchorElement).href).pathname + new URL((a as HTMLAnchorElement).href).search,
    ),
  );

describe('explorer export buttons', () => {
  it('agency page: Excel, calendar and CSV for the agency; the Excel downloads and opens', async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(`${base}/#/agency/${encodeURIComponent('lang-son:cong-an-tinh')}`);
    await page.waitForSelector('.exports a');
    expect(await links(page)).toEqual([
      '/api/exports/responsibility.xlsx?agency=lang-son%3Acong-an-tinh',
      '/api/exports/deadlines.ics?agency=lang-son%3Acong-an-tinh',
      '/api/exports/duties.csv?agency=lang-son%3Acong-an-tinh',
    ]);
    await screenshot(page, 'agency-exports');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.exports a >> nth=0')]);
    expect(download.suggestedFilename()).toBe('responsibility-lang-son-cong-an-tinh.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const duties = book.getWorksheet(DUTIES_SHEET)!;
    expect(duties.rowCount).toBeGreaterThan(1);
    expect(duties.getRow(2).getCell(1).text).toBe('Công an tỉnh Lạng Sơn');
    await page.close();
  });

  it('category and search pages carry their selection', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/#/category/money-laundering`);
    await page.waitForSelector('.exports a');
    expect(await links(page)).toEqual([
      '/api/exports/responsibility.xlsx?category=money-laundering',
      '/api/exports/deadlines.ics?category=money-laundering',
      '/api/exports/duties.csv?category=money-laundering',
    ]);
    await page.goto(`${base}/#/search?q=${encodeURIComponent('rửa tiền')}&province=lang-son`);
    await page.waitForSelector('.exports a');
    expect(await links(page)).toEqual([
      `/api/exports/search.csv?q=${encodeURIComponent('rửa tiền').replace(/%20/g, '+')}&province=lang-son`,
      '/api/exports/responsibility.xlsx?province=lang-son',
    ]);
    await page.close();
  });
});
