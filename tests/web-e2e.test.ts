/**
 * The web explorer end to end: the API with the sample documents on a loopback port, the built app at /,
 * and Debian's headless Chromium clicking through search, a document's citation chain and reader, the
 * graph view, and the agency and category pages. Screenshots of each view go to test-artifacts/.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useExplorer } from './support/browser.js';

const STATE_BANK_BRANCH = 'vn:ngan-hang-nha-nuoc-khu-vuc-5';
const PLAN = 'lang-son:9903-kh-ubnd:2026';
/** What the Lạng Sơn plan cites: two ingested documents and two known only from citations (stubs). */
const PLAN_CITES = ['doc:vn:9901-qd-ttg:2024', 'doc:vn:9902-kh-bca:2024'];
const PLAN_CITES_STUBS = ['doc:vn:luat-phong-chong-rua-tien:2022', 'doc:vn:623-qd-ttg:2016'];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const explorer = useExplorer();

async function openPage(hash = '', viewport = DESKTOP): Promise<Page> {
  const page = await explorer.browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  (page as Page & { problems: string[] }).problems = problems;
  await page.goto(`${explorer.base}${hash}`);
  return page;
}

/** Retries until the page catches up (requests, rendering), like a person waiting for the screen. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 15_000 });
const text = (locator: Locator) => locator.textContent();

const problemsOf = (page: Page) => (page as Page & { problems: string[] }).problems;

/** Where Cytoscape draws a node, in page coordinates. */
async function nodePoint(
  page: Page,
  canvasSelector: string,
  nodeId: string,
): Promise<{ x: number; y: number }> {
  const box = await page.locator(canvasSelector).boundingBox();
  const position = await page.locator(canvasSelector).evaluate((element, id) => {
    const cy = (element as HTMLElement & { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    return cy.getElementById(id).renderedPosition();
  }, nodeId);
  return { x: box!.x + position.x, y: box!.y + position.y };
}

/** Clicks a node where Cytoscape draws it, with the real mouse. */
async function clickNode(page: Page, canvasSelector: string, nodeId: string): Promise<void> {
  // A person scrolls the canvas into view first (the Lược đồ panel sits above the chain).
  await page.locator(canvasSelector).scrollIntoViewIfNeeded();
  const { x, y } = await nodePoint(page, canvasSelector, nodeId);
  await page.mouse.click(x, y);
}

describe('web explorer', () => {
  // The branch's own lead duty is on freezing accounts used for money laundering; for "rửa tiền" alone it is a
  // related mention, behind the bodies whose duties are closer to the words.
  it('answers "phong tỏa tài khoản rửa tiền" with the State Bank branch, matched words marked, and a shareable URL', async () => {
    const page = await openPage('#/search');
    await page.locator('#q').fill('phong tỏa tài khoản rửa tiền');
    await page.keyboard.press('Enter');
    const card = page.locator(`.agency-card[data-agency="${STATE_BANK_BRANCH}"]`);
    await visible(card);
    await poll(() => text(card.locator('h3'))).toBe('Ngân hàng Nhà nước Khu vực 5');
    await poll(() => text(card.locator('.source a').first())).toMatch(/\/KH-UBND|\/UBND-NC/);
    expect(await page.locator('.answers mark', { hasText: 'rửa tiền' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.passages mark', { hasText: 'rửa tiền' }).count()).toBeGreaterThan(0);
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain('q=phong+tỏa+tài+khoản+rửa+tiền');
    await screenshot(page, 'search-vi');

    // The province filter keeps to Lạng Sơn's documents, and stays in the URL.
    await page.locator('select[name=province]').selectOption('lang-son');
    await page.locator('.search-form button[type=submit]').click();
    await poll(async () => new URL(page.url()).hash).toContain('province=lang-son');
    const langSonOnly = async () => {
      const sources = await page.locator('.agency-card .source a').allTextContents();
      return (
        sources.length > 0 &&
        sources.every((symbol) => ['9903/KH-UBND', '9906/UBND-NC', '9907/KH-UBND'].includes(symbol))
      );
    };
    await poll(langSonOnly).toBe(true);
    await visible(page.locator(`.agency-card[data-agency="${STATE_BANK_BRANCH}"]`));
    expect(await page.locator('select[name=province]').inputValue()).toBe('lang-son');
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('answers English "freeze money-laundering accounts" with the same branch, and switches the interface to English', async () => {
    const page = await openPage(`#/search?q=${encodeURIComponent('freeze money-laundering accounts')}`);
    await visible(page.locator(`.agency-card[data-agency="${STATE_BANK_BRANCH}"]`));
    await page.locator('#lang-toggle').click();
    await poll(() => text(page.locator('#answers-title'))).toMatch(/^Responsible agencies \(\d+\)$/);
    await visible(page.locator(`.agency-card[data-agency="${STATE_BANK_BRANCH}"]`));
    await screenshot(page, 'search-en');
    await page.locator('#lang-toggle').click();
    await poll(() => text(page.locator('#answers-title'))).toMatch(/^Cơ quan chịu trách nhiệm/);
    await page.close();
  });

  it('shows a helpful empty state, and a readable error with a working Retry', async () => {
    const page = await openPage('#/search?q=xyzzy%20plugh&province=lang-son');
    const empty = page.locator('.empty');
    await poll(() => text(empty)).toContain('xyzzy plugh');
    await poll(() => empty.locator('a', { hasText: 'Bỏ các bộ lọc' }).getAttribute('href')).toBe(
      '#/search?q=xyzzy+plugh',
    );
    await screenshot(page, 'search-empty');

    // The server fails once (as a restarting server would), then answers again.
    let failures = 1;
    await page.route('**/api/search?*', async (route) => {
      if (failures-- > 0) {
        await route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            status: 503,
            title: 'Service Unavailable',
            detail: 'the graph store is not reachable',
          }),
        });
      } else {
        await route.continue();
      }
    });
    await page.goto(`${explorer.base}#/search?q=mua%20b%C3%A1n%20ng%C6%B0%E1%BB%9Di`);
    const alert = page.locator('.results .error[role=alert]');
    await poll(() => text(alert)).toContain('the graph store is not reachable');
    await screenshot(page, 'search-error');
    await alert.getByRole('button', { name: 'Thử lại' }).click();
    await visible(page.locator('.agency-card').first());
    await poll(() => alert.count()).toBe(0);

    // A document that does not exist: the server's code, said in the interface's language (no key
    // echoed back), with a way back instead of a pointless Retry.
    await page.goto(`${explorer.base}#/doc/${encodeURIComponent('vn:0000-qd-ttg:1999')}`);
    const missing = page.locator('.error[role=alert]');
    await poll(() => text(missing)).toContain('Không tìm thấy: văn bản, cơ quan hoặc loại tội phạm');
    expect(await text(missing)).not.toContain('no document with key');
    await missing.getByRole('link', { name: 'Quay lại tìm kiếm' }).click();
    await poll(async () => new URL(page.url()).hash).toBe('#/search');
    await page.close();
  });

  it('opens a document: metadata, its citation chain with cited documents as nodes, expansion by click, duties marked', async () => {
    const page = await openPage('#/search?q=r%E1%BB%ADa%20ti%E1%BB%81n');
    // Any answer's evidence from the Lạng Sơn plan (related mentions stay collapsed).
    await page.locator('.agency-card .source a:visible', { hasText: '9903/KH-UBND' }).first().click();
    await poll(() => text(page.locator('h1'))).toBe('Kế hoạch 9903/KH-UBND');
    // The evidence link opens the document at the duty it quotes.
    expect(decodeURIComponent(new URL(page.url()).hash)).toMatch(
      /^#\/doc\/lang-son:9903-kh-ubnd:2026\?duty=lang-son:9903-kh-ubnd:2026#/,
    );
    const metadata = page.locator('.metadata');
    await poll(() => text(metadata)).toContain('Lê Thị Minh Họa');
    await poll(() => text(metadata)).toContain('10/02/2026');
    await poll(() => text(metadata)).toContain('Ngân hàng Nhà nước Khu vực 5');

    // The chain: the plan and every document it cites, stubs marked as such.
    const nodes = page.locator('.chain .node-list li');
    await poll(() => nodes.count()).toBe(1 + PLAN_CITES.length + PLAN_CITES_STUBS.length);
    for (const id of [...PLAN_CITES, ...PLAN_CITES_STUBS]) {
      await poll(() => page.locator(`.chain .node-list li[data-node="${id}"]`).count()).toBe(1);
    }
    for (const id of PLAN_CITES_STUBS) {
      await poll(() =>
        page.locator(`.chain .node-list li[data-node="${id}"]`).getAttribute('data-stub'),
      ).toBe('true');
    }
    await poll(() =>
      page.locator(`.chain .node-list li[data-node="${PLAN_CITES[0]}"]`).getAttribute('data-stub'),
    ).toBeNull();
    await visible(page.locator('.chain-canvas canvas').first());

    // The reader marks each duty of the plan in the text, with its agencies on hover (9: the request to the
    // Front after ";" in item II.7 is a duty of its own).
    const duties = page.locator('.document-text mark.duty');
    await poll(() => duties.count()).toBe(9);
    await poll(() => text(duties.first())).toContain('chủ trì, phối hợp với các sở, ngành');
    await poll(() => duties.first().getAttribute('title')).toMatch(/Công an tỉnh Lạng Sơn \(chủ trì\)/);
    await screenshot(page, 'document');

    // Clicking the cited decision on the canvas adds what it cites (the laws it is based on).
    await clickNode(page, '.chain-canvas', 'doc:vn:9901-qd-ttg:2024');
    await poll(() =>
      page.locator('.chain .node-list li[data-node="doc:vn:luat-phong-chong-ma-tuy:2021"]').count(),
    ).toBe(1);
    await poll(() => text(page.locator('.chain .notice'))).toContain('9901/QĐ-TTg');
    await screenshot(page, 'document-expanded');

    // Direction and depth are part of the URL; "both" brings in the letter that cites the plan.
    // Only the chain is redrawn: the reader keeps its place on the page.
    await page.locator('.chain-controls').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 120));
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(0);
    await page.locator('.chain-controls select[name=direction]').selectOption('both');
    await poll(() =>
      page.locator('.chain .node-list li[data-node="doc:lang-son:9906-ubnd-nc:2026"]').count(),
    ).toBe(1);
    expect(new URL(page.url()).hash).toContain('direction=both');
    await page.locator('.chain-controls select[name=depth]').selectOption('2');
    await poll(() =>
      page.locator('.chain .node-list li[data-node="doc:binh-thuan:9905-ubnd-nc:2025"]').count(),
    ).toBe(1);
    expect(new URL(page.url()).hash).toContain('depth=2');
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    await screenshot(page, 'document-both-depth2');
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('graph view: legend with type filter, capped neighbourhood with "show more", click to expand', async () => {
    const page = await openPage(`#/graph?node=${encodeURIComponent(`doc:${PLAN}`)}&limit=8`);
    const notice = page.locator('.graph-view .notice.capped');
    await visible(notice);
    await visible(page.locator('.graph-view .kind-filter label').first());
    const items = page.locator('.graph-view .node-list li');
    await poll(() => items.count()).toBe(8);
    await screenshot(page, 'graph-capped');

    await notice.getByRole('button').click();
    await poll(async () => page.url()).toMatch(/limit=48/);
    await poll(() => items.count()).toBeGreaterThan(8);
    expect(await page.locator('.graph-view .notice.capped').count()).toBe(0);
    const before = await items.count();

    // The State Bank branch's own neighbourhood brings what only it links to: its agency type and its
    // duty in the letter that cites the plan.
    const branch = `agency:${STATE_BANK_BRANCH}`;
    const typeNode = page.locator(
      '.graph-view .node-list li[data-node="agency-type:ngan-hang-nha-nuoc-khu-vuc"]',
    );
    await poll(() => page.locator(`.graph-view .node-list li[data-node="${branch}"]`).count()).toBe(1);
    expect(await typeNode.count()).toBe(0);
    await clickNode(page, '.neighborhood-canvas', branch);
    await poll(() => typeNode.count()).toBe(1);
    await poll(() => items.count()).toBeGreaterThan(before);
    await poll(() => text(page.locator('.graph-view .notice'))).toContain('Ngân hàng Nhà nước Khu vực 5');
    await page.locator('.graph-tools button', { hasText: 'Vừa khung' }).click();
    // Hovering a node tells what it is.
    const point = await nodePoint(page, '.neighborhood-canvas', 'doc:lang-son:9906-ubnd-nc:2026');
    await page.mouse.move(point.x, point.y);
    const tooltip = page.locator('.graph-tooltip');
    await visible(tooltip);
    await poll(() => text(tooltip)).toContain('9906/UBND-NC');
    await poll(() => text(tooltip)).toContain('Văn bản');
    await screenshot(page, 'graph-expanded');

    // Keyboard only: the node list reaches every node, and Enter on one expands it like a click.
    const nodeList = page.locator('.graph-view .node-list');
    await nodeList.locator('summary').focus();
    await page.keyboard.press('Enter');
    await nodeList.locator('li[data-node="province:lang-son"] button').first().focus();
    await page.keyboard.press('Enter');
    await poll(() => nodeList.locator('li[data-node="agency:lang-son:cong-an-tinh"]').count()).toBe(1);
    // The list stayed open with the focus where it was.
    expect(await nodeList.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    expect(
      await page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-node') ?? null),
    ).toBe('province:lang-son');
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('agency and category pages group duties by document and role', async () => {
    const page = await openPage(`#/agency/${encodeURIComponent(STATE_BANK_BRANCH)}`);
    await poll(() => text(page.locator('h1'))).toBe('Ngân hàng Nhà nước Khu vực 5');
    const groups = page.locator('.doc-group');
    // 9903/KH-UBND, 9906/UBND-NC and 9907/KH-UBND (the sample that replaces 9903) assign it duties.
    await poll(() => groups.count()).toBe(3);
    await poll(() =>
      groups.filter({ hasText: '9903/KH-UBND' }).locator('.role-group h4').allTextContents(),
    ).toEqual([expect.stringMatching(/phối hợp/), expect.stringMatching(/được giao/)]);
    await screenshot(page, 'agency');

    await page.locator('.chip', { hasText: 'Rửa tiền' }).click();
    await poll(() => text(page.locator('h1'))).toBe('Rửa tiền');
    await poll(() => page.locator('tbody tr', { hasText: 'Ngân hàng Nhà nước Khu vực 5' }).count()).toBe(1);
    await visible(page.locator('.doc-group').first());
    await screenshot(page, 'category');
    await page.close();
  });

  it('is usable on a 390 px phone: no sideways scrolling on search and document pages', async () => {
    const page = await openPage('#/search?q=anti-money-laundering', PHONE);
    await visible(page.locator('.agency-card').first());
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-search');
    await page.goto(`${explorer.base}#/doc/${encodeURIComponent(PLAN)}`);
    await poll(() => page.locator('.chain .node-list li').count()).toBe(5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-document');
    await page.close();
  });
});
