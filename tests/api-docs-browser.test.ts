/**
 * The interactive API docs in a real browser (Debian's Chromium): Swagger UI renders every operation
 * from /openapi.json under the server's CSP, with no request leaving the machine, and "Try it out"
 * reaches the API.
 */
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/api-app.js';
import { launchChromium, screenshot } from './support/browser.js';

describe('API docs at /docs', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('render offline under the CSP, and Try it out calls the API', async () => {
    const page = await browser.newPage();
    const offsite: string[] = [];
    const problems: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('data:')) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(`${base}/docs/`);
    const operations = page.locator('.opblock');
    await operations.first().waitFor({ timeout: 30_000 });
    expect(await operations.count()).toBe(30);
    await expect.poll(() => page.locator('.info .title').textContent()).toContain('dutygraph API');

    const search = page.locator('#operations-search-get_api_search');
    await search.locator('.opblock-summary').click();
    await search.getByRole('button', { name: 'Try it out' }).click();
    await search.locator('input[placeholder="q"]').fill('rửa tiền');
    await search.getByRole('button', { name: 'Execute' }).click();
    const status = search.locator('.live-responses-table .response .response-col_status').first();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('200');
    await screenshot(page, 'api-docs');

    expect(offsite).toEqual([]);
    expect(problems.filter((p) => /Content Security Policy|Refused to/i.test(p))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
