/**
 * The pure lifecycle derivation: relations a text states (and the ones it only seems to), periods,
 * effective dates, and statuses on odd data. Documents are short made-up texts in layouts the samples
 * do not use.
 */
import { describe, expect, it } from 'vitest';
import { type DocumentFacts, effectiveOf, periodOf, relationsOf, statusOf } from '../graph/lifecycle.js';
import type { LifecycleRelation } from '../graph/lifecycle-schema.js';
import { citation, document } from './support/graph-fixtures.js';

const cite = (
  key: string,
  symbol: string,
  relation: 'basis' | 'mention' | 'implements' = 'mention',
  path: string | null = null,
) => citation(key, { symbol, relation, path });

describe('relations a text states', () => {
  it('reads repeals, replaces, amends and guides; a footnote gives no relation of its own', () => {
    const doc = document({
      id: 'ha-giang:1-qd-ubnd:2025',
      subject: 'Hướng dẫn thực hiện Kế hoạch số 7/KH-UBND',
      text: [
        'Điều 1. Bãi bỏ Quyết định số 2/QĐ-UBND ngày 01/02/2020 của UBND tỉnh.',
        'Điều 2. Quyết định này thay thế Quyết định số 3/QĐ-UBND ngày 05/3/2021.',
        'Điều 3. Sửa đổi, bổ sung khoản 2 Điều 4 của Quy chế ban hành kèm theo Quyết định số 4/QĐ-UBND.',
        'Kế hoạch số 5/KH-UBND hết hiệu lực kể từ ngày Quyết định này có hiệu lực.',
        '[1] Quyết định số 6/QĐ-UBND thay thế Quyết định số 3/QĐ-UBND.',
      ].join('\n'),
      citations: [
        cite('ha-giang:2-qd-ubnd:2020', '2/QĐ-UBND', 'mention', 'Điều 1'),
        cite('ha-giang:3-qd-ubnd:2021', '3/QĐ-UBND', 'mention', 'Điều 2'),
        cite('ha-giang:4-qd-ubnd:2019', '4/QĐ-UBND', 'mention', 'Điều 3'),
        cite('ha-giang:5-kh-ubnd:2024', '5/KH-UBND', 'mention', null),
        citation('ha-giang:6-qd-ubnd:2022', {
          symbol: '6/QĐ-UBND',
          relation: 'footnote',
          path: 'footnote 1',
        }),
        cite('ha-giang:7-kh-ubnd:2025', '7/KH-UBND', 'mention', null),
      ],
    });
    const kinds = Object.fromEntries(relationsOf(doc).map((r) => [r.target.split(':')[1], r.kind]));
    expect(kinds).toEqual({
      '2-qd-ubnd': 'repeals',
      '3-qd-ubnd': 'replaces',
      '4-qd-ubnd': 'amends',
      '5-kh-ubnd': 'repeals',
      '6-qd-ubnd': 'cites',
      '7-kh-ubnd': 'guides',
    });
    const replaces = relationsOf(doc).find((r) => r.kind === 'replaces')!;
    expect(replaces.sentence).toContain('Quyết định này thay thế Quyết định số 3/QĐ-UBND ngày 05/3/2021');
  });

  it("does not take another document's effect, or an agency's task, for this document's", () => {
    const doc = document({
      id: 'cao-bang:9-kh-ubnd:2025',
      text: [
        'Căn cứ Nghị định số 10/2024/NĐ-CP sửa đổi, bổ sung Nghị định số 11/2020/NĐ-CP;',
        '1. Sở Tư pháp: tham mưu sửa đổi Quyết định số 12/QĐ-UBND cho phù hợp; hướng dẫn thực hiện Kế hoạch số 13/KH-UBND.',
        'Quyết định này thay thế Quyết định số 112/QĐ-UBND.',
      ].join('\n'),
      citations: [
        cite('vn:10-2024-nd-cp:2024', '10/2024/NĐ-CP', 'basis'),
        cite('vn:11-2020-nd-cp:2020', '11/2020/NĐ-CP', 'basis'),
        cite('cao-bang:12-qd-ubnd:2024', '12/QĐ-UBND', 'mention', '1'),
        cite('cao-bang:13-kh-ubnd:2024', '13/KH-UBND', 'mention', '1'),
        // "2/QĐ-UBND" is not in "12/QĐ-UBND" or "112/QĐ-UBND": symbols match whole.
        cite('cao-bang:2-qd-ubnd:2023', '2/QĐ-UBND', 'mention', null),
      ],
    });
    expect(relationsOf(doc).map((r) => r.kind)).toEqual(['basis', 'basis', 'cites', 'cites', 'cites']);
  });
});

describe('periods and effective dates', () => {
  it.each([
    [
      'Chiến lược quốc gia phòng, chống tội phạm giai đoạn 2016 - 2025, định hướng đến năm 2030',
      'Quyết định',
      2016,
      2025,
    ],
    ['Chương trình phòng, chống mua bán người giai đoạn 2021–2025', 'Chương trình', 2021, 2025],
    ['Đề án bảo đảm an ninh trật tự đến năm 2030', 'Quyết định', null, 2030],
    ['Kế hoạch phòng, chống tội phạm năm 2026', 'Kế hoạch', 2026, 2026],
  ])('%s → %s..%s', (title, type, from, to) => {
    expect(periodOf(title, type)).toMatchObject({ from, to });
  });

  it('a law names its year of adoption, and "tín dụng đen năm 2026" is no "đến năm"', () => {
    expect(periodOf('Luật Phòng, chống mua bán người năm 2024', 'Luật')).toBeNull();
    expect(periodOf('Đôn đốc phòng, chống tín dụng đen năm 2026', 'Công văn')).toBeNull();
  });

  it('reads "có hiệu lực từ ngày …" in figures and words, and "kể từ ngày ký"', () => {
    expect(
      effectiveOf({ text: 'Kế hoạch này có hiệu lực từ ngày 01/7/2025.', issuedAt: '2025-06-12' })?.date,
    ).toBe('2025-07-01');
    expect(
      effectiveOf({
        text: 'Quyết định này có hiệu lực thi hành kể từ ngày 15 tháng 8 năm 2025.',
        issuedAt: null,
      })?.date,
    ).toBe('2025-08-15');
    expect(effectiveOf({ text: 'Chỉ thị có hiệu lực kể từ ngày ký.', issuedAt: '2025-03-02' })?.date).toBe(
      '2025-03-02',
    );
    expect(effectiveOf({ text: 'Không nói gì về hiệu lực.', issuedAt: null })).toBeNull();
  });
});

describe('status on odd data', () => {
  const facts = (key: string, over: Partial<DocumentFacts> = {}): DocumentFacts => ({
    key,
    symbol: key.toUpperCase(),
    stub: false,
    issuedAt: '2025-01-01',
    effective: null,
    period: null,
    ...over,
  });
  const world = (all: DocumentFacts[], relations: LifecycleRelation[]) => ({
    facts: (k: string) => all.find((f) => f.key === k),
    relations,
  });
  const rel = (source: string, target: string, kind: LifecycleRelation['kind']): LifecycleRelation => ({
    source,
    target,
    kind,
    sentence: `${source} ${kind} ${target}`,
    location: null,
  });

  it('an impossible effective date, a replacer older than what it replaces: unknown, with the conflict', () => {
    const odd = statusOf(
      'a',
      world(
        [facts('a', { effective: { date: '2025-02-30', sentence: 'có hiệu lực từ ngày 30/02/2025' } })],
        [],
      ),
      '2026-01-01',
    );
    expect(odd).toMatchObject({ status: 'unknown', effectiveFrom: null });
    expect(odd.evidence[0]).toMatchObject({
      kind: 'impossible-date',
      sentence: 'có hiệu lực từ ngày 30/02/2025',
    });
    const older = statusOf(
      'a',
      world(
        [facts('a', { issuedAt: '2025-05-01' }), facts('b', { issuedAt: '2024-01-01' })],
        [rel('b', 'a', 'replaces')],
      ),
      '2026-01-01',
    );
    expect(older.status).toBe('unknown');
    expect(older.evidence[0]).toMatchObject({ kind: 'chronology', document: 'b' });
  });

  it('a repealed document is expired; a long cycle ends, unknown, without looping', () => {
    expect(
      statusOf('a', world([facts('a'), facts('b')], [rel('b', 'a', 'repeals')]), '2026-01-01'),
    ).toMatchObject({
      status: 'expired',
      evidence: [{ kind: 'repealed-by', document: 'b' }],
    });
    const keys = Array.from({ length: 50 }, (_, i) => `d${i}`);
    const ring = keys.map((k, i) => rel(k, keys[(i + 1) % keys.length]!, 'replaces'));
    const l = statusOf(
      'd7',
      world(
        keys.map((k) => facts(k)),
        ring,
      ),
      '2026-01-01',
    );
    expect(l.status).toBe('unknown');
    expect(l.evidence.filter((e) => e.kind === 'cycle')).toHaveLength(50);
  });

  it('not yet in effect, or a stub with nothing known: unknown, saying why', () => {
    expect(
      statusOf(
        'a',
        world([facts('a', { effective: { date: '2026-07-01', sentence: 's' } })], []),
        '2026-01-01',
      ).evidence[0]!.kind,
    ).toBe('not-yet-effective');
    expect(statusOf('x', world([], []), '2026-01-01')).toMatchObject({
      status: 'unknown',
      evidence: [{ kind: 'text-not-held' }],
    });
  });
});
