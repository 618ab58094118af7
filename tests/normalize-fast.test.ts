/**
 * The fast paths of fold() and normalizeText() (issue 9, speed) compute exactly their definitions:
 * slowFold(), fullNormalize() and NEEDS_WORK, over every document we have, hard cases and random strings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fold,
  fullNormalize,
  needsWork,
  NEEDS_WORK,
  normalizeText,
  slowFold,
} from '../ingest/text/normalize.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIRS = [
  '../shared/corpus',
  '../shared/corpus-extra',
  'tests/fixtures/unseen',
  'tests/fixtures/headers',
  'tests/fixtures/synthetic',
  'samples',
];
const texts = DIRS.flatMap((d) => {
  try {
    return readdirSync(path.resolve(ROOT, d))
      .filter((f) => /\.(txt|md|html)$/.test(f))
      .map((f) => readFileSync(path.resolve(ROOT, d, f), 'utf8'));
  } catch {
    return [];
  }
});
const HARD = [
  'HOÀ BÌNH hoà thuỷ Quý khoẻ', // old tone placement
  'Ho\u0300a Bi\u0300nh', // NFD
  'a\u00a0b\u2013c\u2014d\u2212e\u200bf\r\ng\uFEFF', // spaces, dashes, zero width, CR, BOM
  'ĐẮK LẮK đắk lắk Đ đ',
  'İstanbul ΟΔΟΣ straße 𐐀𐐨',
  '',
  'ASCII only',
  'tab\tand\nnewline',
  'hoà hoàn Hoà. HOÀ thuý thuỷ-x uỳ oẽ\u0301 oá\ud801\udc00 oá\ud801 ỳ\u2019',
];
// Random strings over the characters the fast paths treat differently (seeded, so a failure reproduces).
const POOL = [...'oOuUqQaAyYàáẢãạèÉẻẽẹýỳỷỹỵÝỲ    ,.-\t\n\r\uFEFFĐđ\u00a0\u2013\u2014\u200b\u0301\u0300\u0306ơưăâêô€'];
function randomStrings(count: number, seed = 9): string[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(next() * 40) }, () => POOL[Math.floor(next() * POOL.length)]!).join(
      '',
    ),
  );
}

describe('fast text paths', () => {
  it('read the documents', () => expect(texts.length).toBeGreaterThan(20));

  it('fold() equals its definition on every line and hard case', () => {
    for (const t of [...HARD, ...texts.flatMap((x) => x.split('\n'))]) expect(fold(t), t).toBe(slowFold(t));
  });

  it('normalizeText() equals fullNormalize() and is idempotent on normalized text', () => {
    for (const t of [...HARD, ...texts]) {
      expect(normalizeText(t)).toBe(fullNormalize(t));
      const once = fullNormalize(t);
      expect(normalizeText(once)).toBe(fullNormalize(once));
    }
  });

  it('needsWork() equals NEEDS_WORK on every document, line, hard case and random string', () => {
    for (const t of [...HARD, ...texts, ...texts.flatMap((x) => x.split('\n')), ...randomStrings(20_000)])
      expect(needsWork(t), JSON.stringify(t)).toBe(NEEDS_WORK.test(t));
  });

  it('normalizeText() equals fullNormalize() on random strings', () => {
    for (const t of randomStrings(20_000)) expect(normalizeText(t), JSON.stringify(t)).toBe(fullNormalize(t));
  });

  it('fold() equals its definition on random strings', () => {
    for (const t of randomStrings(20_000)) expect(fold(t), JSON.stringify(t)).toBe(slowFold(t));
  });
});
