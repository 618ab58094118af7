/** The explorer's pure text helpers: readable text, duty placement in the full text, matched-word ranges, routes. */
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../web/src/router.js';
import { dutyRanges, mapSpan, readable, readableText, termRanges } from '../web/src/text.js';

const slice = (text: string, range: { start: number; end: number } | null) =>
  range ? text.slice(range.start, range.end) : null;

describe('readableText', () => {
  it('drops bold markers and the provenance comment, and reads footnote marks as [n]', () => {
    const raw = '<!-- SAMPLE -->\n\n**KẾ HOẠCH**\n\nCăn cứ Luật A<sup>1</sup>;\n\n\n\nThực hiện.';
    expect(readableText(raw)).toBe('KẾ HOẠCH\n\nCăn cứ Luật A[1];\n\nThực hiện.');
  });
});

describe('mapSpan', () => {
  it('maps stored spans over removed markup onto the same words of the readable text', () => {
    const raw =
      '<!-- SAMPLE -->\n\n## I. MỤC TIÊU\n\n**1. Công an tỉnh:** chủ trì điều tra<sup> 2 </sup>;\n\n\n\nSở Tư pháp phối hợp.';
    const shown = readable(raw);
    const spanOf = (words: string): [number, number] => [
      raw.indexOf(words),
      raw.indexOf(words) + words.length,
    ];
    for (const words of ['Công an tỉnh', 'chủ trì điều tra', 'Sở Tư pháp phối hợp.', 'MỤC TIÊU']) {
      expect(slice(shown.text, mapSpan(shown, spanOf(words)))).toBe(words);
    }
    // A span that takes in markup reads without it.
    expect(slice(shown.text, mapSpan(shown, spanOf('**1. Công an tỉnh:**')))).toBe('1. Công an tỉnh:');
    expect(slice(shown.text, mapSpan(shown, spanOf('điều tra<sup> 2 </sup>;')))).toBe('điều tra[2];');
  });

  it('refuses spans out of the text or empty, and spans wholly inside removed markup', () => {
    const shown = readable('<!-- c -->\nabc');
    expect(mapSpan(shown, [0, 5])).toBeNull();
    expect(mapSpan(shown, [3, 3])).toBeNull();
    expect(mapSpan(shown, [0, 999])).toBeNull();
    expect(mapSpan(shown, undefined)).toBeNull();
  });
});

describe('dutyRanges', () => {
  const text = readableText(
    '**1. Công an tỉnh:** chủ trì điều tra các vụ án;\nbáo cáo kết quả.\n\n**2. Sở Tư pháp:** phối hợp tuyên truyền.\n\n3. Sở Tài chính: báo cáo kết quả.',
  );

  it('finds each duty in reading order, across line breaks the extraction squashed', () => {
    const ranges = dutyRanges(text, [
      { text: 'chủ trì điều tra các vụ án; báo cáo kết quả.' },
      { text: 'phối hợp tuyên truyền.' },
      { text: 'báo cáo kết quả.' },
    ]);
    expect(slice(text, ranges[0]!)).toBe('chủ trì điều tra các vụ án;\nbáo cáo kết quả.');
    expect(slice(text, ranges[1]!)).toBe('phối hợp tuyên truyền.');
    // The same words occur inside the first duty: the third lands after the second, on its own item.
    expect(ranges[2]!.start).toBeGreaterThan(ranges[1]!.end);
  });

  it('returns null for a duty the text does not hold', () => {
    expect(dutyRanges(text, [{ text: 'không có trong văn bản' }])).toEqual([null]);
  });
});

describe('termRanges', () => {
  it('marks every occurrence of each term, ignoring case, and skips one-letter terms', () => {
    const text = 'Phòng, chống rửa tiền; rửa  tiền qua mạng. Rửa tiền.';
    const found = termRanges(text, ['rửa tiền', 'a']).map((r) => slice(text, r));
    expect(found).toEqual(['rửa tiền', 'rửa  tiền', 'Rửa tiền']);
  });

  it('treats regular-expression characters in a term as plain text', () => {
    expect(termRanges('số 13-CT/TU (2022)', ['(2022)']).map((r) => r.start)).toEqual([12]);
  });
});

describe('routes', () => {
  it('round-trips a document key with colons and a query', () => {
    const href = routeHref(['doc', 'lang-son:9903-kh-ubnd:2026'], {
      direction: 'both',
      depth: 2,
      unused: undefined,
    });
    expect(href).toBe('#/doc/lang-son%3A9903-kh-ubnd%3A2026?direction=both&depth=2');
    const route = parseRoute(href);
    expect(route.path).toEqual(['doc', 'lang-son:9903-kh-ubnd:2026']);
    expect(route.params.get('depth')).toBe('2');
  });

  it('keeps a hand-typed stray "%" as written instead of failing', () => {
    expect(parseRoute('#/search/100%').path).toEqual(['search', '100%']);
    expect(parseRoute('').path).toEqual([]);
  });
});
