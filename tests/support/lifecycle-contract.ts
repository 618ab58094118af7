/**
 * Lifecycle part of the GraphStore contract: status and Lược đồ derived from what a store holds, the
 * same on both stores, recomputed as documents arrive and go, and never thrown off by bad data.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotFoundError, type GraphStore } from '../../graph/port.js';
import { Lineage } from '../../graph/lifecycle-schema.js';
import type { ExtractedDocument } from '../../ingest/schema.js';
import { citation, document } from './graph-fixtures.js';

const TODAY = '2026-06-01';
const STRATEGY = 'vn:623-qd-ttg:2016';

/** A provincial plan for one year that implements the national strategy. */
const plan = (id: string, symbol: string, issuedAt: string, extra: Partial<ExtractedDocument> = {}) =>
  document({
    id,
    symbol,
    type: 'Kế hoạch',
    province: 'lang-son',
    provinceName: 'Lạng Sơn',
    issuedAt,
    subject: `Phòng, chống tội phạm năm ${issuedAt.slice(0, 4)}`,
    text:
      `Thực hiện Quyết định số 623/QĐ-TTg ngày 14/4/2016 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch ${symbol}.\n` +
      (extra.text ?? ''),
    citations: [
      citation(STRATEGY, {
        symbol: '623/QĐ-TTg',
        type: 'Quyết định',
        issuedAt: '2016-04-14',
        title: 'phê duyệt Chiến lược quốc gia phòng, chống tội phạm giai đoạn 2016 - 2025',
        relation: 'implements',
      }),
      ...(extra.citations ?? []),
    ],
  });

const refersTo = (
  key: string,
  symbol: string,
  relation: 'replaces' | 'amends' | 'mention',
  path: string | null = 'III',
) => citation(key, { symbol, type: 'Kế hoạch', relation, path });

const first = plan('lang-son:10-kh-ubnd:2026', '10/KH-UBND', '2026-01-10');
const second = plan('lang-son:20-kh-ubnd:2026', '20/KH-UBND', '2026-03-15', {
  text: 'Kế hoạch này có hiệu lực kể từ ngày ký và thay thế Kế hoạch số 10/KH-UBND ngày 10/01/2026.',
  citations: [refersTo('lang-son:10-kh-ubnd:2026', '10/KH-UBND', 'mention')],
});
const amender = plan('lang-son:30-kh-ubnd:2026', '30/KH-UBND', '2026-04-01', {
  text: 'Kế hoạch này sửa đổi, bổ sung một số nội dung của Kế hoạch số 20/KH-UBND ngày 15/3/2026.',
  citations: [refersTo('lang-son:20-kh-ubnd:2026', '20/KH-UBND', 'amends')],
});

export function lifecycleContract(name: string, open: () => Promise<GraphStore>) {
  describe(`GraphStore lifecycle contract: ${name}`, () => {
    let store: GraphStore | undefined;
    const fresh = async () => (store = await open());
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });
    const status = async (s: GraphStore, key: string, today = TODAY) =>
      (await s.lineage(key, { today })).lifecycle;

    it('a later plan replacing an earlier one changes its status, with the sentence as evidence', async () => {
      const s = await fresh();
      await s.ingest(first);
      expect((await status(s, first.id)).status).toBe('in_force');
      await s.ingest(second);
      const replaced = await status(s, first.id);
      expect(replaced.status).toBe('replaced');
      expect(replaced.evidence[0]).toMatchObject({
        kind: 'replaced-by',
        document: second.id,
        symbol: '20/KH-UBND',
      });
      expect(replaced.evidence[0]!.sentence).toContain('thay thế Kế hoạch số 10/KH-UBND');
      expect(replaced.period).toMatchObject({ from: 2026, to: 2026 });

      const lineage = Lineage.parse(await s.lineage('20/KH-UBND', { today: TODAY }));
      expect(lineage.lifecycle).toMatchObject({ status: 'in_force', effectiveFrom: '2026-03-15' });
      expect(lineage.related.map((r) => [r.kind, r.direction, r.document.key, r.status])).toEqual([
        ['replaces', 'out', first.id, 'replaced'],
        ['implements', 'out', STRATEGY, 'expired'],
      ]);
      // Removing the later plan puts the earlier one back in force.
      await s.remove(second.id);
      expect((await status(s, first.id)).status).toBe('in_force');
    });

    it('amended, expired by its period, and the day asked about decides', async () => {
      const s = await fresh();
      for (const d of [first, second, amender]) await s.ingest(d);
      const amended = await status(s, second.id);
      expect(amended.status).toBe('amended');
      expect(amended.evidence[0]).toMatchObject({ kind: 'amended-by', document: amender.id });
      // The cited strategy is a stub: "giai đoạn 2016 - 2025" is all the store knows of it.
      const strategy = await status(s, STRATEGY);
      expect(strategy).toMatchObject({ status: 'expired', period: { from: 2016, to: 2025 } });
      expect((await status(s, STRATEGY, '2020-05-01')).status).toBe('in_force');
      expect((await status(s, second.id, '2027-02-01')).status).toBe('expired');
      const lineage = await s.lineage(STRATEGY, { today: TODAY });
      expect(
        lineage.related
          .filter((r) => r.direction === 'in')
          .map((r) => r.document.key)
          .sort(),
      ).toEqual([first.id, second.id, amender.id].sort());
    });

    it('lists documents by status', async () => {
      const s = await fresh();
      for (const d of [first, second, amender]) await s.ingest(d);
      const keys = async (status: 'in_force' | 'replaced' | 'amended') =>
        (await s.listDocuments({ status, today: TODAY, limit: 1 })).items.map((d) => d.key);
      expect(await keys('replaced')).toEqual([first.id]);
      expect(await keys('amended')).toEqual([second.id]);
      const inForce = await s.listDocuments({ status: 'in_force', today: TODAY });
      expect(inForce.items.map((d) => d.key)).toEqual([amender.id]);
      const statuses = await s.lifecycles([first.id, 'vn:nothing:1999'], { today: TODAY });
      expect([...statuses.values()].map((l) => l.status)).toEqual(['replaced', 'unknown']);
      await expect(s.listDocuments({ status: 'valid' as never })).rejects.toThrow(InvalidArgumentError);
      await expect(s.lineage(first.id, { today: '2026-02-30' })).rejects.toThrow(/today must be a date/);
      await expect(s.lineage('99/KH-XYZ')).rejects.toThrow(NotFoundError);
    });

    it('finds the shortest citation path between two documents, either way along citations', async () => {
      const s = await fresh();
      const alone = document({
        id: 'quang-ninh:5-tb-ubnd:2026',
        symbol: '5/TB-UBND',
        issuedAt: '2026-01-05',
      });
      for (const d of [first, second, amender, alone]) await s.ingest(d);
      const path = await s.documentPath('30/KH-UBND', first.id);
      expect(path.found).toBe(true);
      // 30 amends 20, 20 replaces 10: two steps, not the three through the strategy they all implement.
      expect(path.documents.map((d) => d.symbol)).toEqual(['30/KH-UBND', '20/KH-UBND', '10/KH-UBND']);
      expect(path.steps.map((st) => [st.kind, st.forward])).toEqual([
        ['amends', true],
        ['cites', true],
      ]);
      const up = await s.documentPath(STRATEGY, '30/KH-UBND');
      expect(up.documents.map((d) => d.key)).toEqual([STRATEGY, amender.id]);
      expect(up.steps).toEqual([{ kind: 'implements', forward: false, context: null }]);
      expect(await s.documentPath(first.id, first.id)).toMatchObject({ found: true, steps: [] });
      expect(await s.documentPath(first.id, alone.id)).toMatchObject({ found: false, documents: [] });
      await expect(s.documentPath(first.id, alone.id, { maxSteps: 0 })).rejects.toThrow(InvalidArgumentError);
    });

    it('a cycle of replacements, a self-replacement and impossible dates give "unknown" with the conflict', async () => {
      const s = await fresh();
      const a = plan('lang-son:41-kh-ubnd:2026', '41/KH-UBND', '2026-02-01', {
        text: 'Kế hoạch này thay thế Kế hoạch số 42/KH-UBND.',
        citations: [refersTo('lang-son:42-kh-ubnd:2026', '42/KH-UBND', 'replaces')],
      });
      const b = plan('lang-son:42-kh-ubnd:2026', '42/KH-UBND', '2026-02-01', {
        text: 'Kế hoạch này thay thế Kế hoạch số 43/KH-UBND.',
        citations: [refersTo('lang-son:43-kh-ubnd:2026', '43/KH-UBND', 'replaces')],
      });
      const c = plan('lang-son:43-kh-ubnd:2026', '43/KH-UBND', '2026-02-01', {
        text: 'Kế hoạch này thay thế Kế hoạch số 41/KH-UBND.',
        citations: [refersTo('lang-son:41-kh-ubnd:2026', '41/KH-UBND', 'replaces')],
      });
      const itself = plan('lang-son:50-kh-ubnd:2026', '50/KH-UBND', '2026-02-01', {
        text: 'Kế hoạch này thay thế Kế hoạch số 50/KH-UBND.',
        citations: [refersTo('lang-son:50-kh-ubnd:2026', '50/KH-UBND', 'replaces')],
      });
      const future = plan('lang-son:60-kh-ubnd:2030', '60/KH-UBND', '2030-01-01');
      const impossible = plan('lang-son:70-kh-ubnd:2026', '70/KH-UBND', '2026-02-31');
      for (const d of [a, b, c, itself, future, impossible]) await s.ingest(d);
      for (const d of [a, b, c]) {
        const l = await status(s, d.id);
        expect(l.status, d.id).toBe('unknown');
        expect(
          l.evidence
            .filter((e) => e.kind === 'cycle')
            .map((e) => e.document)
            .sort(),
        ).toEqual([a.id, b.id, c.id].sort());
      }
      const self = await status(s, itself.id);
      expect(self.status).toBe('unknown');
      expect(self.evidence[0]).toMatchObject({ kind: 'self-relation', document: itself.id });
      expect(self.evidence[0]!.sentence).toContain('thay thế Kế hoạch số 50/KH-UBND');
      const later = await status(s, future.id);
      expect(later.status).toBe('unknown');
      expect(later.evidence[0]).toMatchObject({ kind: 'future-date', date: '2030-01-01' });
      const odd = await status(s, impossible.id);
      expect(odd.status).toBe('unknown');
      expect(odd.evidence[0]).toMatchObject({ kind: 'impossible-date' });
    });
  });
}
