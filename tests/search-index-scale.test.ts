/**
 * The embedded adapter past its per-query budgets (scored postings, concept reads): a collection big
 * enough that common terms and concepts are read over the newest passages only, while rare ones are
 * read whole, and filters still hold. The analyzed fields are written directly (terms, no analyzer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexedDocument } from '../search/index/port.js';
import { SqliteSearchIndex } from '../search/index/sqlite.js';
import type { StoredPassage } from '../search/passage.js';

const DOCUMENTS = 600;
const PER_DOCUMENT = 20;
const PROVINCES = ['lang-son', 'cao-bang', 'ha-giang'];

/** Passage n (0-based): every passage says "chung"; every 2nd "rong"; the first and the last two "hiem". */
function terms(n: number, last: number): string[] {
  const out = ['chung', `so${n}`];
  if (n % 2 === 0) out.push('rong', 'rong_chung');
  if (n === 0 || n >= last - 1) out.push('hiem');
  return out;
}

function documents(): IndexedDocument[] {
  const last = DOCUMENTS * PER_DOCUMENT - 1;
  return Array.from({ length: DOCUMENTS }, (_, d) => {
    const id = `${PROVINCES[d % PROVINCES.length]}:scale-${d}:2025`;
    return {
      id,
      contentHash: `h${d}`,
      passages: Array.from({ length: PER_DOCUMENT }, (_, i) => {
        const n = d * PER_DOCUMENT + i;
        const passage: StoredPassage = {
          id: `${id}#${i + 1}`,
          kind: 'duty',
          documentId: id,
          path: String(i + 1),
          text: terms(n, last).join(' '),
          agencies: [],
          categories: [],
          concepts: n % 2 === 0 ? ['category:common'] : ['category:common', 'category:odd'],
          deadline: null,
          document: {
            id,
            source: `${id}.md`,
            symbol: null,
            type: 'Kế hoạch',
            issuedAt: '2025',
            province: PROVINCES[d % PROVINCES.length]!,
            provinceName: null,
          },
        };
        return {
          passage,
          fields: { exact: '', folded: terms(n, last).join(' '), context: '' },
          vector: null,
        };
      }),
    };
  });
}

const documentOf = (passageId: string): number => Number(/:scale-(\d+):/.exec(passageId)![1]);
const NEWEST = `${PROVINCES[(DOCUMENTS - 1) % PROVINCES.length]}:scale-${DOCUMENTS - 1}:2025#${PER_DOCUMENT}`;

describe('embedded search index at scale', () => {
  let index: SqliteSearchIndex;
  beforeAll(async () => {
    index = await SqliteSearchIndex.open(null);
    await index.reset({ format: 'scale', lexicon: 'none', model: null });
    const docs = documents();
    for (let i = 0; i < docs.length; i += 100) await index.write(docs.slice(i, i + 100), []);
    await index.flush();
  }, 120_000);
  afterAll(() => index.close());

  it('reads rare terms whole: the oldest and the newest passage with one are both found', async () => {
    const { hits } = await index.lexical(
      new Map([
        ['hiem', 1],
        ['rong', 1],
      ]),
      10,
      null,
    );
    const ids = hits.map((h) => h.id);
    expect(ids).toContain(`lang-son:scale-0:2025#1`);
    expect(ids).toContain(NEWEST);
    // The next-to-last also says "rong" (within the newest passages, where "rong" is read): covering
    // both words ranks it first. (Passage 0 says both too, but "rong" is not read that far back.)
    expect(ids[0]).toBe(NEWEST.replace(/#\d+$/, `#${PER_DOCUMENT - 1}`));
  });

  it('reads a term past the budget over the newest passages, best matches first', async () => {
    const { hits } = await index.lexical(new Map([['rong_chung', 1]]), 50, null);
    expect(hits).toHaveLength(50);
    // 6,000 passages say it, more than the budget lets a query score: the newest ones answer.
    for (const hit of hits) expect(documentOf(hit.id)).toBeGreaterThanOrEqual(DOCUMENTS / 10);
  });

  it('keeps filters past the budget', async () => {
    const { hits } = await index.lexical(new Map([['rong_chung', 1]]), 20, { provinces: ['ha-giang'] });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.id.startsWith('ha-giang:')).toBe(true);
  });

  it('never reads a concept past its bound whole, newest first, filtered', async () => {
    expect((await index.conceptCounts(['category:common'])).get('category:common')).toBe(
      DOCUMENTS * PER_DOCUMENT,
    );
    const newest = await index.conceptPassages('category:common', null, undefined, 100);
    expect(newest).toHaveLength(100);
    expect(newest[0]).toBe(NEWEST);
    const filtered = await index.conceptPassages('category:odd', { provinces: ['lang-son'] }, undefined, 30);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThanOrEqual(30);
    for (const id of filtered) expect(id.startsWith('lang-son:')).toBe(true);
  });

  it('answers the same after incremental writes move the frequent-term table', async () => {
    const before = await index.lexical(new Map([['hiem', 1]]), 10, null);
    const extra = documents()
      .slice(0, 150)
      .map((d) => ({
        ...d,
        id: d.id.replace('scale-', 'extra-'),
        passages: d.passages.map((p) => ({
          ...p,
          passage: { ...p.passage, id: p.passage.id.replace('scale-', 'extra-') },
          fields: { ...p.fields, folded: 'chung' },
        })),
      }));
    await index.write(extra, []);
    const after = await index.lexical(new Map([['hiem', 1]]), 10, null);
    expect(after.hits.map((h) => h.id)).toEqual(before.hits.map((h) => h.id));
  });
});
