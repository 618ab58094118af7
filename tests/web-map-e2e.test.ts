/**
 * The implementation map end to end in Debian's headless Chromium: the coverage of the sample drug programme
 * 9911/QĐ-TTg as a tile map whose colours match the API, a province opening its documents, the sortable table
 * and its CSV export, the cascade of duties, both languages and a phone-width screen. Screenshots go to
 * test-artifacts/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Coverage } from '../graph/coverage.js';
import { json } from './support/api-app.js';
import { screenshot, useExplorer } from './support/browser.js';

const PROGRAMME = 'vn:9911-qd-ttg:2025';
const explorer = useExplorer();

async function openPage(
  hash: string,
  viewport = { width: 1280, height: 900 },
): Promise<Page & { problems: string[] }> {
  const page = (await explorer.browser.newPage({ viewport })) as Page & { problems: string[] };
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(message.text());
  });
  await page.goto(`${explorer.base}${hash}`);
  return page;
}

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

describe('implementation map', () => {
  it('colours each province as the coverage API does, and a province opens its documents', async () => {
    const coverage = json<Coverage>(
      await explorer.api.app.inject({ url: `/api/documents/${PROGRAMME}/coverage` }),
    );
    const page = await openPage(`#/map?doc=${encodeURIComponent(PROGRAMME)}`);
    await page.locator('.tile-map .tile').first().waitFor({ timeout: 15_000 });
    await poll(() => page.locator('.tile-map .tile').count()).toBe(34);
    const shown = await page
      .locator('.tile-map .tile')
      .evaluateAll((tiles) =>
        Object.fromEntries(
          tiles.map((t) => [t.getAttribute('data-province'), /level-(\w+)/.exec(t.className)?.[1]]),
        ),
      );
    expect(shown).toEqual(Object.fromEntries(coverage.provinces.map((p) => [p.slug, p.level])));
    await poll(() => page.locator('h1').textContent()).toContain('9911/QĐ-TTg');
    await poll(() => page.locator('.subtitle').first().textContent()).toContain('3 tỉnh đã triển khai');

    // The cascade follows: the Ministry of Health's duty reaches the two provincial health departments.
    await poll(() => page.locator('.cascade').textContent()).toContain('Sở Y tế tỉnh Cao Bằng');
    await screenshot(page, 'map-coverage-vi');

    await page.locator('.tile[data-province="quang-ngai"]').click();
    await poll(() => page.locator('#province-title').textContent()).toBe('Quảng Ngãi');
    const panel = page.locator('.province-panel');
    await poll(() => panel.textContent()).toContain('Gồm cả tỉnh Kon Tum cũ');
    await poll(() => panel.locator('a', { hasText: '9914/KH-UBND' }).count()).toBeGreaterThan(0);
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain('province=quang-ngai');
    await screenshot(page, 'map-province-vi');

    await panel.locator('a', { hasText: '9914/KH-UBND' }).first().click();
    await poll(() => new URL(page.url()).hash).toContain('#/doc/kon-tum');
    expect(page.problems).toEqual([]);
    await page.close();
  });

  it('shows a sortable table with a CSV export, in English', async () => {
    const page = await openPage(`#/map?doc=${encodeURIComponent(PROGRAMME)}&view=table`);
    await page.locator('#lang-toggle').click();
    const table = page.locator('table.map-table');
    await table.waitFor({ timeout: 15_000 });
    // The language switch renders the view again: the rows arrive after the table does.
    await poll(() => table.locator('tbody tr').count()).toBe(34);
    // Sort by coverage: implemented first.
    await table.locator('th button', { hasText: 'Coverage' }).click();
    await poll(() => table.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe(
      'implemented',
    );
    await table.locator('th button', { hasText: 'Documents' }).first().click();
    await table.locator('th button', { hasText: 'Documents' }).first().click();
    await poll(() => table.locator('tbody tr').first().locator('td').nth(2).textContent()).toBe('1');
    const href = await page.locator('a', { hasText: 'Export table (CSV)' }).getAttribute('href');
    const csv = await page.request.get(`${explorer.base}${href!.replace(/^\//, '')}`);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain('Đà Nẵng,Da Nang,cited');
    await screenshot(page, 'map-table-en');
    expect(page.problems).toEqual([]);
    await page.close();
  });

  it('without a document, colours provinces by duties on a chosen category; fits a phone', async () => {
    const page = await openPage('#/map', { width: 390, height: 844 });
    await page.locator('.tile-map .tile').first().waitFor({ timeout: 15_000 });
    await page.locator('#map-category').selectOption('drugs');
    await poll(() => new URL(page.url()).hash).toContain('category=drugs');
    const overview = json<{ provinces: Array<{ slug: string; assignments: number }> }>(
      await explorer.api.app.inject({ url: '/api/provinces?category=drugs' }),
    );
    const empty = overview.provinces.filter((p) => p.assignments === 0).map((p) => p.slug);
    await poll(() =>
      page.locator('.tile.band-0').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-province'))),
    ).toEqual(expect.arrayContaining(empty));
    expect(await page.locator('.tile.band-0').count()).toBe(empty.length);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'map-category-phone');
    expect(page.problems).toEqual([]);
    await page.close();
  });

  it('explains an empty map for a document no province cites', async () => {
    const page = await openPage(`#/map?doc=${encodeURIComponent('vn:luat-to-chuc-chinh-phu:2015')}`);
    await poll(() => page.locator('.notice').textContent()).toContain('chưa có văn bản cấp tỉnh nào');
    expect(await page.locator('.tile.level-none').count()).toBe(34);
    expect(page.problems).toEqual([]);
    await page.close();
  });
});
