/**
 * The fast paths of fold() and normalizeText() (issue 9, speed) compute exactly their definitions:
 * slowFold(), fullNormalize() and NEEDS_WORK, over every document we have, hard cases and random strings; the
 * phrase gate never turns away a text in which a phrase matches.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findShown, shownPattern } from '../ingest/extract/span-locator.js';
import { PhraseGate } from '../ingest/taxonomy/phrase-gate.js';
import { allProvinces } from '../ingest/taxonomy/provinces.js';
import { phraseAt, toPhrase, tokenize } from '../ingest/taxonomy/tokens.js';
import {
  fold,
  foldAligned,
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
const POOL = [
  ...'oOuUqQaAyYàáẢãạèÉẻẽẹýỳỷỹỵÝỲ    ,.-\t\n\r\uFEFFĐđ\u00a0\u2013\u2014\u200b\u0301\u0300\u0306ơưăâêô€',
];
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

  it('foldAligned() is fold() wherever it answers, and every slice of it folds that slice', () => {
    for (const t of [...HARD, ...texts.flatMap((x) => x.split('\n')), ...randomStrings(5_000)]) {
      const aligned = foldAligned(t);
      if (aligned === null) continue;
      expect(aligned, JSON.stringify(t)).toBe(fold(t));
      expect(aligned.length).toBe(t.length);
      const mid = Math.floor(t.length / 2);
      expect(aligned.slice(mid)).toBe(fold(t.slice(mid)));
    }
  });

  it('the phrase gate passes every text in which a province name matches (phraseAt at some token)', () => {
    const phrases = allProvinces().flatMap((p) => [p.name, ...p.aliases, p.nameEn].map(toPhrase));
    const gate = new PhraseGate(phrases);
    const names = allProvinces().flatMap((p) => [p.name, ...p.aliases, p.nameEn]);
    const made = randomStrings(3_000).map((r, i) => `${r} ${names[i % names.length]} ${r}`);
    let passed = 0;
    const missed: string[] = [];
    for (const t of [...texts.flatMap((x) => x.split(/[.;:]\s+/)), ...made]) {
      if (gate.mayMatch(t)) {
        passed++;
        continue;
      }
      const text = tokenize(t);
      for (let at = 0; at < text.tokens.length; at++) {
        const first = text.tokens[at]!.folded;
        if (phrases.some((p) => p.folded[0] === first && phraseAt(text, at, p))) missed.push(t);
      }
    }
    expect(missed).toEqual([]);
    expect(passed).toBeGreaterThan(0);
  });

  it('findShown() finds what the shown-text pattern finds, on the documents and on random markup', () => {
    const pool = [...'ab Q1. “”,*_|#>\n-()'];
    let x = 7;
    const pick = (n: number) => {
      let out = '';
      for (let i = 0; i < n; i++) out += pool[(x = (x * 1103515245 + 12345) % 2 ** 31) % pool.length]!;
      return out;
    };
    const cases: [string, string][] = [];
    for (let i = 0; i < 20_000; i++) cases.push([pick(40), pick(1 + (i % 9))]);
    for (const t of texts.slice(0, 10)) {
      for (let at = 0; at + 80 < t.length; at += 997) cases.push([t, t.slice(at, at + 20 + (at % 60))]);
    }
    const wrong: string[] = [];
    for (const [source, shown] of cases) {
      const words = shown.split(/\s+/).filter(Boolean);
      let expected: [number, number] | undefined;
      if (words.length) {
        const re = shownPattern(words);
        re.lastIndex = 3;
        const m = re.exec(source);
        expected = m ? [m.index, m.index + m[0].length] : undefined;
      }
      const got = findShown(source, shown, 3);
      if (JSON.stringify(got) !== JSON.stringify(expected))
        wrong.push(JSON.stringify([source, shown, got, expected]));
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
