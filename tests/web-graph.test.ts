/**
 * The graph page on a library where 623/QĐ-TTg has many citers: the samples and eighteen provincial plans
 * written here (plain text, a layout of their own) that implement it. A bunch of more than fifteen
 * citers of one relation is one group node until clicked; node types can be hidden; each expansion asks
 * the API for the way the user chose (outgoing, incoming, both), so a capped side is not cut by the other. Two of the plans replace each other: their status is
 * unknown, the cycle shown. Screenshots in both languages go to test-artifacts/.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES_DIR } from './support/api-app.js';
import { type Explorer, screenshot, startExplorer } from './support/browser.js';

const STRATEGY = 'doc:vn:623-qd-ttg:2016';
const PROVINCES = [
  'Hà Giang',
  'Tuyên Quang',
  'Lào Cai',
  'Yên Bái',
  'Thái Nguyên',
  'Bắc Giang',
  'Phú Thọ',
  'Vĩnh Phúc',
  'Bắc Ninh',
  'Hải Dương',
  'Hưng Yên',
  'Thái Bình',
  'Hà Nam',
  'Nam Định',
  'Ninh Bình',
  'Thanh Hóa',
  'Hà Tĩnh',
  'Quảng Bình',
];
const DESKTOP = { width: 1280, height: 800 };

/** A provincial plan implementing the national strategy, as a plain-text file; `closing` ends its text. */
function plan(province: string, n: number, closing = ''): string {
  return [
    'ỦY BAN NHÂN DÂN',
    `TỈNH ${province.toUpperCase()}`,
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    '',
    `Số: ${n}/KH-UBND`,
    `${province}, ngày 12 tháng 3 năm 2025`,
    '',
    'KẾ HOẠCH',
    'Phòng, chống tội phạm về ma túy năm 2025',
    '',
    'Thực hiện Quyết định số 623/QĐ-TTg ngày 14/4/2016 của Thủ tướng Chính phủ phê duyệt Chiến lược quốc gia phòng, chống tội phạm giai đoạn 2016 - 2025 và định hướng đến năm 2030, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:',
    '',
    'I. NHIỆM VỤ',
    '1. Công an tỉnh chủ trì, phối hợp với các sở, ngành tấn công, trấn áp tội phạm ma túy trên địa bàn tỉnh.',
    '',
    closing,
    '',
    'Nơi nhận:',
    '- Công an tỉnh;',
    '- Lưu: VT.',
    '',
    'TM. ỦY BAN NHÂN DÂN',
    'CHỦ TỊCH',
    'Nguyễn Văn An',
  ].join('\n');
}

let explorer: Explorer | undefined;
let browser: Browser;
let base: string;
let extra: string;

beforeAll(async () => {
  extra = await mkdtemp(path.join(tmpdir(), 'dutygraph-citers-'));
  await Promise.all(
    PROVINCES.map((p, i) => writeFile(path.join(extra, `ke-hoach-${i + 1}.txt`), plan(p, 501 + i))),
  );
  // Bad input, as a province might write it: two plans replacing each other.
  const replacing = (n: number) =>
    `Kế hoạch này có hiệu lực kể từ ngày ký và thay thế Kế hoạch số ${n}/KH-UBND ngày 12/3/2025 của Ủy ban nhân dân tỉnh.`;
  await writeFile(path.join(extra, 'vong-1.txt'), plan('Hà Nam', 601, replacing(602)));
  await writeFile(path.join(extra, 'vong-2.txt'), plan('Hà Nam', 602, replacing(601)));
  explorer = await startExplorer({ ingest: [SAMPLES_DIR, extra] });
  ({ browser, base } = explorer);
}, 300_000);

afterAll(async () => {
  await explorer?.close();
  await rm(extra, { recursive: true, force: true });
});

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

async function openPage(hash: string, lang: 'vi' | 'en' = 'vi') {
  const context = await browser.newContext({ viewport: DESKTOP });
  if (lang === 'en') await context.addInitScript(() => localStorage.setItem('dutygraph.lang', 'en'));
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${base}${hash}`);
  return { page, problems, close: () => context.close() };
}

/** Clicks a node where Cytoscape draws it, with the real mouse. */
async function clickNode(page: Page, nodeId: string): Promise<void> {
  const canvas = page.locator('.neighborhood-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const at = await canvas.evaluate((element, id) => {
    const cy = (element as HTMLElement & { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    return cy.getElementById(id).renderedPosition();
  }, nodeId);
  await page.mouse.click(box!.x + at.x, box!.y + at.y);
}

/** Expands a node from the node list, as a keyboard user would. */
async function expandFromList(page: Page, id: string): Promise<void> {
  await page.locator(`.graph-view .node-list li[data-node="${id}"] button`).first().click();
}

const nodeItems = (page: Page): Locator => page.locator('.graph-view .node-list li');
const listed = (page: Page, id: string) => page.locator(`.graph-view .node-list li[data-node="${id}"]`);

describe('graph page on a document with many citers', () => {
  it('collapses the eighteen-plus citers into one group that opens on a click', async () => {
    const { page, problems, close } = await openPage(`#/graph?node=${encodeURIComponent(STRATEGY)}`);
    const group = page.locator('.graph-view .node-list li[data-group]');
    await group.first().waitFor({ state: 'attached', timeout: 20_000 });
    expect(await group.count()).toBe(1);
    expect(Number(await group.getAttribute('data-group'))).toBeGreaterThanOrEqual(PROVINCES.length);
    expect(await group.locator('button').first().textContent()).toMatch(
      /^\d+ văn bản trích dẫn văn bản này \(thực hiện\)$/,
    );
    // Few nodes on screen: the strategy, the group, and what is joined to it by other relations.
    const before = await nodeItems(page).count();
    expect(before).toBeLessThan(15);
    await screenshot(page, 'graph-grouped-vi');

    const groupId = await group.getAttribute('data-node');
    await clickNode(page, groupId!);
    await poll(() => page.locator('.graph-view .node-list li[data-group]').count()).toBe(0);
    await poll(() => nodeItems(page).count()).toBeGreaterThanOrEqual(before - 1 + PROVINCES.length);
    expect(await listed(page, 'doc:vn:9901-qd-ttg:2024').count()).toBe(1);
    await page.locator('.graph-tools button', { hasText: 'Vừa khung' }).click();
    await screenshot(page, 'graph-group-opened-vi');
    expect(problems).toEqual([]);
    await close();
  });

  it('expands a node only the way chosen, and hides the node types unticked', async () => {
    const { page, problems, close } = await openPage(
      `#/graph?node=${encodeURIComponent('doc:vn:9911-qd-ttg:2025')}`,
    );
    // 9911/QĐ-TTg cites the drugs law, which 9901/QĐ-TTg cites too; 9902/KH-BCA implements 9901.
    const law = 'doc:vn:luat-phong-chong-ma-tuy:2021';
    const decision = 'doc:vn:9901-qd-ttg:2024';
    const bca = 'doc:vn:9902-kh-bca:2024';
    await listed(page, law).waitFor({ state: 'attached' });
    // The node list is the keyboard's way in, and lands on the node exactly, however crowded the canvas.
    await page.locator('.graph-view .node-list summary').click();
    expect(await listed(page, decision).count()).toBe(0);
    await page.locator('select[name=expand]').selectOption('in');
    await expandFromList(page, law);
    await poll(() => listed(page, decision).count()).toBe(1);
    // Outgoing from 9901: its duties and what it cites come, not the plan that implements it.
    await page.locator('select[name=expand]').selectOption('out');
    await expandFromList(page, decision);
    const ownDuties = page.locator('.graph-view .node-list li[data-node^="duty:vn:9901-qd-ttg"]');
    await poll(() => ownDuties.count()).toBeGreaterThan(0);
    expect(await listed(page, bca).count()).toBe(0);
    await page.locator('select[name=expand]').selectOption('in');
    await expandFromList(page, decision);
    await poll(() => listed(page, bca).count()).toBe(1);

    // Unticking "Nhiệm vụ" hides every duty, on the canvas and in the node list; ticking brings them back.
    const duties = page.locator('.graph-view .node-list li[data-node^="duty:"]');
    const shownDuties = await duties.count();
    expect(shownDuties).toBeGreaterThan(0);
    await page.locator('.kind-filter input[value="Duty"]').uncheck();
    await poll(() => duties.count()).toBe(0);
    const hiddenOnCanvas = await page.locator('.neighborhood-canvas').evaluate((element) => {
      const cy = (element as HTMLElement & { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
      return cy.nodes('[kind = "Duty"]').filter((n) => n.visible()).length;
    });
    expect(hiddenOnCanvas).toBe(0);
    expect(await listed(page, bca).count()).toBe(1);
    await screenshot(page, 'graph-filtered-vi');
    await page.locator('.kind-filter input[value="Duty"]').check();
    await poll(() => duties.count()).toBe(shownDuties);
    expect(problems).toEqual([]);
    await close();
  });

  it('asks the API for the side chosen, so a side the cap cut comes whole', async () => {
    // 9901/QĐ-TTg has more citers than a cap of six nodes; both ways, they take every place.
    const decision = 'doc:vn:9901-qd-ttg:2024';
    const { page, problems, close } = await openPage(`#/graph?node=${encodeURIComponent(decision)}&limit=6`);
    await page.locator('.notice.capped').waitFor();
    const law = 'doc:vn:luat-phong-chong-ma-tuy:2021';
    await page.locator('.graph-view .node-list summary').click();
    await listed(page, decision).waitFor({ state: 'attached' });
    expect(await listed(page, law).count()).toBe(0);
    expect(await listed(page, STRATEGY).count()).toBe(0);
    const before = await nodeItems(page).count();

    /** Expands `id` the way chosen; the API's answer, with the query it was asked. */
    const expandTowards = async (id: string, direction: 'out' | 'in') => {
      await page.locator('select[name=expand]').selectOption(direction);
      const [response] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().includes('/api/graph/neighborhood?') && r.url().includes(encodeURIComponent(id)),
        ),
        expandFromList(page, id),
      ]);
      const query = new URL(response.url()).searchParams;
      const graph = (await response.json()) as {
        root: string;
        direction: string;
        truncated: boolean;
        edges: Array<{ source: string; target: string }>;
      };
      return { query, graph };
    };

    // Outgoing from the decision: what it cites and addresses, none of the citers that filled the cap.
    const out = await expandTowards(decision, 'out');
    expect(Object.fromEntries(out.query)).toMatchObject({ node: decision, direction: 'out', limit: '6' });
    expect(out.graph.direction).toBe('out');
    expect(out.graph.edges.length).toBeGreaterThan(0);
    expect(out.graph.edges.every((e) => e.source === decision)).toBe(true);
    await poll(() => listed(page, STRATEGY).count()).toBe(1);
    expect(await listed(page, law).count()).toBe(1);
    expect(await nodeItems(page).count()).toBe(before + out.graph.edges.length);

    // Incoming to 623/QĐ-TTg, with many more citers than the cap: citers only, flagged as cut.
    const citers = await expandTowards(STRATEGY, 'in');
    expect(citers.query.get('direction')).toBe('in');
    expect(citers.graph).toMatchObject({ root: STRATEGY, direction: 'in', truncated: true });
    expect(citers.graph.edges.length).toBeGreaterThan(0);
    expect(citers.graph.edges.every((e) => e.target === STRATEGY)).toBe(true);
    await poll(() => page.locator('.graph-view .notice').first().textContent()).toContain(
      'Đã giới hạn ở 6 nút.',
    );
    await screenshot(page, 'graph-direction-capped-vi');
    expect(problems).toEqual([]);
    await close();
  });

  it('fits a 390-px phone: the graph, its filter and its direction choice without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${base}#/graph?node=${encodeURIComponent(STRATEGY)}`);
    await page.locator('.kind-filter').waitFor();
    await page.locator('.neighborhood-canvas canvas').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'graph-phone');
    await context.close();
  });

  it('a cycle of replacements reads "unknown" with the conflicting evidence', async () => {
    const keyOf = async (symbol: string) => {
      const page = (await (await fetch(`${base}api/documents?limit=200`)).json()) as {
        items: Array<{ key: string; symbol: string | null }>;
      };
      return page.items.find((d) => d.symbol === symbol)!.key;
    };
    const { page, problems, close } = await openPage(
      `#/doc/${encodeURIComponent(await keyOf('601/KH-UBND'))}`,
    );
    await page.locator('.status-block').waitFor();
    expect(await page.locator('.status-block .badge').textContent()).toBe('Chưa xác định');
    const cycle = await page.locator('.evidence-cycle').allTextContents();
    expect(cycle.join(' ')).toContain('602/KH-UBND');
    expect(cycle.join(' ')).toContain('thay thế Kế hoạch số');
    // The step this plan states itself is named as such, not left as a bare date.
    expect(cycle.join(' ')).toContain('chính văn bản này');
    await screenshot(page, 'lifecycle-cycle');
    expect(problems).toEqual([]);
    await close();
  });

  it('reads in English: group, filter and direction labels, agency names in English', async () => {
    const { page, problems, close } = await openPage(`#/graph?node=${encodeURIComponent(STRATEGY)}`, 'en');
    const group = page.locator('.graph-view .node-list li[data-group] button').first();
    await group.waitFor({ state: 'attached', timeout: 20_000 });
    expect(await group.textContent()).toMatch(/^\d+ documents citing this \(implements\)$/);
    expect(await page.locator('.kind-filter legend').textContent()).toBe('Show node types');
    expect(await page.locator('select[name=expand] option').allTextContents()).toEqual([
      'Both directions',
      expect.stringMatching(/^Outgoing/),
      expect.stringMatching(/^Incoming/),
    ]);
    await screenshot(page, 'graph-grouped-en');
    // An agency's neighbourhood: its label in English, its type named, never a key.
    await page.goto(`${base}#/graph?node=${encodeURIComponent('agency:lang-son:cong-an-tinh')}`);
    await page.locator('h1', { hasText: 'Neighbourhood of' }).waitFor();
    expect(await page.locator('h1').textContent()).not.toContain('Công an tỉnh');
    const typeItem = page.locator('.graph-view .node-list li[data-node^="agency-type:"] button').first();
    await typeItem.waitFor({ state: 'attached' });
    expect(await typeItem.textContent()).not.toMatch(/-/);
    await screenshot(page, 'graph-agency-en');
    expect(problems).toEqual([]);
    await close();
  });
});
