/**
 * The Vietnamese syllable inventory, from the cspell Vietnamese dictionary (@cspell/dict-vi-vn, MIT): used
 * to correct OCR confusions and to tell a correctly decoded legacy-encoded text from garbage.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { importTrie, iteratorTrieWords } from 'cspell-trie-lib';
import { normalizeText } from './normalize.js';

let syllables: Set<string> | null = null;

/** Lower-case syllables in the project's canonical spelling (NFC, tone placement as normalizeText). */
export function vietnameseSyllables(): Set<string> {
  if (syllables) return syllables;
  const dir = dirname(createRequire(import.meta.url).resolve('@cspell/dict-vi-vn/cspell-ext.json'));
  const text = gunzipSync(readFileSync(join(dir, 'vi.trie.gz'))).toString('utf8');
  const set = new Set<string>();
  for (const word of iteratorTrieWords(importTrie(text.split('\n')))) {
    if (!/\s/.test(word)) set.add(normalizeText(word.toLowerCase()));
  }
  syllables = set;
  return set;
}

/**
 * Share of the words of a text that are Vietnamese syllables (ASCII-only words such as abbreviations and
 * numbers are left out): ~0.95 for Vietnamese prose, far lower for a legacy encoding read as Unicode.
 */
export function syllableScore(text: string, sampleWords = 5000): { score: number; words: number } {
  const dictionary = vietnameseSyllables();
  let valid = 0;
  let words = 0;
  for (const match of normalizeText(text).matchAll(/[\p{L}\p{M}]+/gu)) {
    const word = match[0];
    if (/^\p{ASCII}+$/u.test(word)) continue;
    words++;
    if (dictionary.has(word.toLowerCase())) valid++;
    if (words >= sampleWords) break;
  }
  return { score: words ? valid / words : 0, words };
}
