/**
 * The fast paths of fold() and normalizeText() (issue 9, speed) compute exactly their definitions:
 * slowFold() and fullNormalize(), over every document we have and over hard cases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fold, fullNormalize, normalizeText, slowFold } from '../ingest/text/normalize.js';

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
];

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
});
