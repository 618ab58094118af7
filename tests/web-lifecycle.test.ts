/**
 * Document lifecycle in the explorer, end to end on the samples: 9907/KH-UBND replaces 9903/KH-UBND and
 * 9908/KH-BCA amends 9902/KH-BCA. The status badge with its evidence, the Lược đồ panel, the walk from a
 * provincial plan to the national strategy and on to its other citers, English labels, no internal
 * ids in visible text, the phone layout, and what the first document open transfers (compressed,
 * cached). Screenshots go to test-artifacts/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useExplorer } from './support/browser.js';

const PLAN = 'lang-son:9903-kh-ubnd:2026';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** What an internal id looks like: "lang-son:9903-kh-ubnd:2026", "doc:vn:…", "binh-thuan:ke-hoach-fbc23f99". */
const KEY_SHAPED =
  /\b(?:doc|agency|duty|category|province|vn|[a-z]+(?:-[a-z]+)+):[a-z0-9][a-z0-9-]*(?::[a-z0-9-]+)*\b/;

/** A section path as stored ("II > 2#5"), which people read as "II › 2, ý 5". */
const PATH_SHAPED = /\b[IVXLC]+ > \d|\w#\d/;

const explorer = useExplorer();

async function openPage(hash: string, options: { viewport?: typeof DESKTOP; lang?: 'en' | 'vi' } = {}) {
  const context = await explorer.browser.newContext({ viewport: options.viewport ?? DESKTOP });
  if (options.lang === 'en') await context.addInitScript(() => localStorage.setItem('dutygraph.lang', 'en'));
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${explorer.base}${hash}`);
  return { page, problems, close: () => context.close() };
}

const lineageGroup = (page: Page, relation: string) =>
  page.locator(`.lineage-group[data-relation="${relation}"]`);

/** The full page in test-artifacts/, and what the first screen shows in /tmp for a closer look. */
async function shots(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.screenshot({ path: `/tmp/${name}-screen.png` });
}

/** Waits, like a reader, until nothing is loading and any graph is drawn. */
async function settled(page: Page): Promise<void> {
  await page.locator('.view > *').first().waitFor();
  await page.waitForFunction(
    () =>
      !document.querySelector('[aria-busy="true"], .loading') &&
      !/…$/.test(document.querySelector('.notice[role=status]')?.textContent ?? ''),
    undefined,
    { timeout: 20_000 },
  );
  await page.waitForLoadState('networkidle');
}

async function visibleText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

describe('document lifecycle in the explorer', () => {
  it('a replaced plan shows its badge, the replacing sentence and the Lược đồ; the replacer shows the other side', async () => {
    const { page, problems, close } = await openPage(`#/doc/${PLAN}`);
    await page.locator('.status-block').waitFor();
    expect(await page.locator('.status-block .badge').textContent()).toBe('Đã bị thay thế');
    const evidence = await page.locator('.evidence-replaced-by').textContent();
    expect(evidence).toContain('9907/KH-UBND');
    expect(evidence).toContain('thay thế Kế hoạch số 9903/KH-UBND');
    const replacedBy = lineageGroup(page, 'replaces.in');
    expect(await replacedBy.locator('h3').textContent()).toContain('Bị thay thế bởi');
    expect(await replacedBy.locator('.related-link').textContent()).toBe('Kế hoạch 9907/KH-UBND');
    expect(await replacedBy.locator('.related-meta').textContent()).toContain('Lạng Sơn');
    expect(await replacedBy.locator('.badge').textContent()).toBe('Còn hiệu lực');
    expect(await lineageGroup(page, 'implements.out').locator('.related-link').allTextContents()).toEqual([
      'Kế hoạch 9902/KH-BCA',
      'Quyết định 9901/QĐ-TTg',
    ]);
    // A footnote is where a citation stands, not a relation: no "footnote" group.
    expect(await page.locator('.lineage-group[data-relation^="footnote"]').count()).toBe(0);
    expect(await page.locator('.lineage').innerText()).not.toMatch(/chú thích|footnote/i);
    await shots(page, 'lifecycle-replaced-plan');

    await replacedBy.locator('.related-link').click();
    await page.waitForURL(/9907-kh-ubnd/);
    await lineageGroup(page, 'replaces.out').waitFor();
    expect(await lineageGroup(page, 'replaces.out').locator('.badge').textContent()).toBe('Đã bị thay thế');
    expect(await page.locator('.status-block .badge').textContent()).not.toBe('Đã bị thay thế');
    await shots(page, 'lifecycle-replacing-plan');
    expect(problems).toEqual([]);
    await close();
  });

  it('walks from a provincial plan to 623/QĐ-TTg and on to another citer in two clicks', async () => {
    const { page, problems, close } = await openPage(`#/doc/${PLAN}`);
    await page.locator('.lineage').waitFor();
    // Like a person, wait for the page to be drawn (chain canvas included) before clicking on.
    await page.locator('.chain-canvas canvas').first().waitFor();
    await lineageGroup(page, 'cites.out').getByText('Quyết định 623/QĐ-TTg').click(); // click 1
    await page.waitForURL(/623-qd-ttg/);
    await page.locator('.status-block').waitFor();
    expect(await page.locator('.status-block .badge').textContent()).toBe('Hết hiệu lực');
    expect(await page.locator('.evidence-period').textContent()).toContain('giai đoạn 2016 - 2025');
    const citers = await page.locator('.lineage-group[data-relation$=".in"] .related-link').allTextContents();
    expect(citers).toEqual(expect.arrayContaining(['Quyết định 9901/QĐ-TTg', 'Kế hoạch 9902/KH-BCA']));
    await shots(page, 'lifecycle-national-strategy');
    await page.locator('.chain-canvas canvas').first().waitFor();
    await lineageGroup(page, 'implements.in').getByText('Quyết định 9901/QĐ-TTg').click(); // click 2
    await page.waitForURL(/9901-qd-ttg/);
    await page.locator('.status-block').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Quyết định 9901/QĐ-TTg');
    expect(problems).toEqual([]);
    await close();
  });

  it('a search result opens the document scrolled to its duty, highlighted; the reader links citations and agencies', async () => {
    const { page, problems, close } = await openPage('#/search?q=r%E1%BB%ADa%20ti%E1%BB%81n');
    const source = page.locator('.passage .source a').first();
    await source.waitFor();
    const symbol = await source.textContent();
    await source.click();
    await page.waitForURL(/duty=/);
    const target = page.locator('mark.duty.targeted');
    await target.waitFor();
    expect(await target.count()).toBe(1);
    const box = await target.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(DESKTOP.height);
    expect(await page.locator('h1').textContent()).toContain(symbol!);
    // The highlighted words are the duty's stored span of the text, markup left out.
    const hash = decodeURIComponent(new URL(page.url()).hash);
    const [, key, dutyId] = /^#\/doc\/([^?]+)\?duty=(.+)$/.exec(hash)!;
    const detail = (await (
      await fetch(`${explorer.base}api/documents/${encodeURIComponent(key!)}`)
    ).json()) as {
      duties: Array<{ id: string; span: [number, number] }>;
      content: { text: string };
    };
    const duty = detail.duties.find((d) => d.id === dutyId)!;
    const spanText = detail.content.text
      .slice(...duty.span)
      .replace(/\*\*/g, '')
      .replace(/<sup>\s*(\d+)\s*<\/sup>/g, '[$1]');
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(squash((await target.innerText()) ?? '')).toBe(squash(spanText));
    // Citations in the text open the cited document, the whole reference as the span gives it (not just
    // the symbol a text search would find); agencies in a duty open the agency page.
    const cited = page.locator('.document-text .citation-link', { hasText: '9901/QĐ-TTg' }).first();
    expect(await cited.getAttribute('href')).toBe('#/doc/vn%3A9901-qd-ttg%3A2024');
    expect(await cited.textContent()).toMatch(/^Quyết định số 9901\/QĐ-TTg ngày/);
    expect(await page.locator('.document-text .agency-mention a').count()).toBeGreaterThan(0);
    expect(await page.locator('.document-text').innerText()).not.toMatch(/\*\*|^##/m);
    await shots(page, 'lifecycle-deep-link');
    expect(problems).toEqual([]);
    await close();
  });

  it('"in force only" leaves out the duties of the replaced plan, and stays in the URL', async () => {
    const { page, problems, close } = await openPage('#/search?q=r%E1%BB%ADa%20ti%E1%BB%81n');
    await page.locator('.passage .source a').first().waitFor();
    const sources = () => page.locator('.passage .source a').allTextContents();
    expect(await sources()).toContain('9903/KH-UBND');
    await page.locator('input[name=inForce]').check();
    await page.locator('.search-form button[type=submit]').click();
    await page.waitForURL(/inForce=true/);
    // While the new results render the list is briefly empty: wait for a list that is filled and lacks the plan.
    await expect
      .poll(
        async () => {
          const shown = await sources();
          return shown.length > 0 && !shown.includes('9903/KH-UBND');
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    expect(await page.locator('input[name=inForce]').isChecked()).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });

  it('finds the shortest citation path from a provincial letter to 623/QĐ-TTg', async () => {
    const { page, problems, close } = await openPage('#/doc/lang-son:9906-ubnd-nc:2026');
    await page.locator('.path-form input').fill('623/QĐ-TTg');
    await page.locator('.path-form button').click();
    const docs = page.locator('.path-list .path-document a');
    await page.locator('.path-list').waitFor();
    const shown = await docs.allTextContents();
    expect(shown).toHaveLength(3);
    expect(shown[0]).toBe('Công văn 9906/UBND-NC');
    expect(shown[2]).toBe('Quyết định 623/QĐ-TTg');
    expect(await page.locator('.path-list .path-step').count()).toBe(2);
    await page.locator('.path-finder').scrollIntoViewIfNeeded();
    await shots(page, 'lifecycle-path');
    expect(problems).toEqual([]);
    await close();
  });

  it('the graph page starts from a search box with suggestions, and never shows an id', async () => {
    const { page, problems, close } = await openPage('#/graph');
    // A symbol typed whole finds the cited-only national strategy.
    await page.locator('.graph-start input').fill('623/QĐ-TTg');
    const suggestion = page.locator('.suggestion[data-kind="Document"]', { hasText: '623/QĐ-TTg' });
    await suggestion.waitFor();
    await suggestion.click();
    await page.waitForURL(/node=doc/);
    await page.locator('.neighborhood-canvas canvas').first().waitFor();
    await page.locator('h1', { hasText: '623/QĐ-TTg' }).waitFor();
    expect(await page.locator('.graph-view .node-list li').count()).toBeGreaterThan(1);
    expect((await visibleText(page)).match(KEY_SHAPED)?.[0] ?? null).toBeNull();
    await shots(page, 'lifecycle-graph-start');
    expect(problems).toEqual([]);
    await close();
  });

  it('reads in English: statuses, relation groups and document types translated', async () => {
    const { page, close } = await openPage(`#/doc/vn:9902-kh-bca:2024`, { lang: 'en' });
    await page.locator('.status-block').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Plan 9902/KH-BCA');
    expect(await page.locator('.status-block .badge').textContent()).toBe('In force, amended');
    expect(await page.locator('.evidence-amended-by').textContent()).toContain('Amended by');
    expect(await lineageGroup(page, 'amends.in').locator('h3').textContent()).toContain('Amended by');
    expect(await lineageGroup(page, 'amends.in').locator('.related-link').textContent()).toBe(
      'Plan 9908/KH-BCA',
    );
    // The issuer and the agencies of the duties by their English names, the Vietnamese on hover.
    const issuer = page.locator('.metadata .issuer');
    expect(await issuer.textContent()).toBe('Ministry of Public Security');
    expect(await issuer.getAttribute('title')).toBe('BỘ CÔNG AN');
    const bank = page.locator('.duty-list a', { hasText: 'State Bank of Vietnam' }).first();
    expect(await bank.getAttribute('title')).toBe('Ngân hàng Nhà nước Việt Nam');
    // Mentions in the text stay as written, their English name on hover.
    const mention = page.locator('.document-text .agency-mention', {
      hasText: 'Ngân hàng Nhà nước Việt Nam',
    });
    expect(await mention.first().getAttribute('title')).toMatch(/^State Bank of Vietnam \(Ngân hàng/);
    await shots(page, 'lifecycle-amended-en');
    await close();
  });

  it('answers in English with English agency names and translated reasons', async () => {
    // A question the Region 5 branch answers (its own lead duty), so its card is an answer, not a related mention.
    const question = encodeURIComponent('phong tỏa tài khoản rửa tiền');
    const { page, problems, close } = await openPage(`#/search?q=${question}`, { lang: 'en' });
    const card = page.locator('.agency-card[data-agency="vn:ngan-hang-nha-nuoc-khu-vuc-5"] h3 a');
    await card.waitFor();
    expect(await card.textContent()).toBe('State Bank of Vietnam, Region 5 branch');
    expect(await card.getAttribute('title')).toBe('Ngân hàng Nhà nước Khu vực 5');
    const chip = page.locator('.passage .agency-chip a', {
      hasText: 'State Bank of Vietnam, Region 5 branch',
    });
    expect(await chip.first().getAttribute('title')).toBe('Ngân hàng Nhà nước Khu vực 5');
    expect(await page.locator('.evidence').first().textContent()).not.toMatch(/Kế hoạch|Công văn/);
    await shots(page, 'search-en');
    // The server's reason for an empty answer, said in English from its code; in Vietnamese likewise.
    await page.goto(`${explorer.base}#/search?q=xyzzy%20plugh&province=lang-son`);
    await page.locator('.empty').waitFor();
    expect(await page.locator('.empty').textContent()).toContain('Reason: no duty matches the query');
    await close();
    const vi = await openPage('#/search?q=xyzzy%20plugh&province=lang-son');
    await vi.page.locator('.empty').waitFor();
    expect(await vi.page.locator('.empty').textContent()).toContain(
      'Lý do: không có nhiệm vụ nào khớp câu hỏi',
    );
    expect(await vi.page.locator('.empty').textContent()).not.toMatch(/no duty/);
    await vi.close();
    expect(problems).toEqual([]);
  });

  it.each(['vi', 'en'] as const)(
    'shows no internal id in the visible text of any view (%s)',
    async (lang) => {
      const node = (id: string) => `#/graph?node=${encodeURIComponent(id)}`;
      const views = [
        '#/search',
        '#/search?q=r%E1%BB%ADa%20ti%E1%BB%81n',
        '#/search?q=xyzzy%20plugh&province=lang-son',
        `#/doc/${PLAN}`,
        '#/doc/vn:623-qd-ttg:2016',
        '#/doc/lang-son:9907-kh-ubnd:2026',
        '#/doc/vn:9902-kh-bca:2024',
        `#/doc/lang-son:9906-ubnd-nc:2026?to=${encodeURIComponent('623/QĐ-TTg')}`,
        '#/agency/vn:ngan-hang-nha-nuoc-khu-vuc-5',
        '#/agency/lang-son:cong-an-tinh',
        '#/category/drugs',
        '#/graph',
        node(`doc:${PLAN}`),
        node('doc:vn:623-qd-ttg:2016'),
        node('agency:lang-son:cong-an-tinh'),
        node('category:drugs'),
        node('province:lang-son'),
        '#/map',
        '#/map?view=table',
        '#/map?doc=vn:9901-qd-ttg:2024',
        '#/map?province=lang-son',
      ];
      for (const hash of views) {
        const { page, problems, close } = await openPage(hash, { lang });
        await settled(page);
        // Closed panels (the node list, the duty list) count too: open them all before reading.
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const shown = await visibleText(page);
        expect(shown.length, hash).toBeGreaterThan(100);
        // A view that failed to draw shows an error box, which would hide what it should have shown.
        expect(await page.locator('.error[role=alert]').count(), hash).toBe(0);
        expect(shown.match(KEY_SHAPED)?.[0] ?? null, `${hash} (${lang})`).toBeNull();
        expect(shown.match(PATH_SHAPED)?.[0] ?? null, `${hash} (${lang})`).toBeNull();
        expect(shown, `${hash} (${lang})`).not.toMatch(/\*\*|<sup>|<!--/);
        expect(problems, hash).toEqual([]);
        await close();
      }
    },
    240_000,
  );

  it('fits a 390-px phone: badge and Lược đồ readable without sideways scrolling', async () => {
    const { page, close } = await openPage(`#/doc/${PLAN}`, { viewport: PHONE });
    await page.locator('.lineage').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    const badge = await page.locator('.status-block .badge').boundingBox();
    expect(badge!.x + badge!.width).toBeLessThanOrEqual(PHONE.width);
    await shots(page, 'lifecycle-phone');
    await close();
  });

  it('first document open transfers at most 300 KB: compressed, hashed assets cached for good', async () => {
    const context = await explorer.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    let transferred = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      transferred += event.encodedDataLength;
    });
    const headers = new Map<string, Record<string, string>>();
    page.on('response', (response) => headers.set(new URL(response.url()).pathname, response.headers()));
    await page.goto(`${explorer.base}#/doc/${PLAN}`);
    await page.locator('.document-text').waitFor();
    await page.locator('.chain-canvas canvas').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(transferred).toBeGreaterThan(10_000);
    expect(transferred).toBeLessThanOrEqual(300_000);
    const scripts = [...headers.entries()].filter(([p]) => /\/assets\/.+\.js$/.test(p));
    expect(scripts.length).toBeGreaterThan(0);
    for (const [file, h] of scripts) {
      expect(h['content-encoding'], file).toMatch(/^(br|gzip)$/);
      expect(h['cache-control'], file).toContain('immutable');
    }
    expect(headers.get('/')?.['cache-control']).toBe('no-cache');
    console.log(`first document open: ${transferred} bytes transferred`);
    await context.close();
  });
});
