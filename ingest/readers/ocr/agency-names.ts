/**
 * Agency names after OCR. Both "chi" and "chỉ" are syllables, so the dictionary cannot tell that "Chỉ cục Hải
 * quan" is a misreading; the names of the agency types (data/agency-types.json) can. A run of two words or more
 * that folds to a known name but carries other marks takes the name's marks, the case kept as read (its words may
 * wrap onto the next line). A folded run that two names spell differently is left alone.
 */
import { loadAgencyTypes } from '../../extract/agencies.js';
import { fold } from '../../text/normalize.js';
import { withCase } from './vietnamese.js';

const WORD = /\p{L}+/gu;
const NAME_GAP = /^[ \t]*\n?[ \t]*$/;

/** First folded word → the names starting with it, as lowercase words with their marks (longest first). */
let index: Map<string, string[][]> | null = null;

function knownNames(): Map<string, string[][]> {
  if (index) return index;
  const byFolded = new Map<string, string[] | null>();
  for (const type of loadAgencyTypes()) {
    for (const pattern of [type.name, ...type.patterns]) {
      // Placeholders ({n}, {province}) and punctuation split a pattern into runs of plain words.
      for (const run of pattern.split(/\{[^}]*\}|[^\p{L}\s]+/u)) {
        const words = run.toLowerCase().normalize('NFC').match(WORD) ?? [];
        if (words.length < 2) continue;
        const key = words.map((w) => fold(w)).join(' ');
        const seen = byFolded.get(key);
        if (seen === undefined) byFolded.set(key, words);
        else if (seen !== null && seen.join(' ') !== words.join(' ')) byFolded.set(key, null);
      }
    }
  }
  index = new Map();
  for (const words of byFolded.values()) {
    if (!words) continue;
    const first = fold(words[0]!);
    index.set(first, [...(index.get(first) ?? []), words]);
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length);
  return index;
}

/** The text with misread marks in known agency names put right; `corrections` counts the words changed. */
export function correctAgencyNames(text: string): { text: string; corrections: number } {
  const names = knownNames();
  const words = [...text.matchAll(WORD)].map((m) => ({
    word: m[0],
    start: m.index,
    folded: fold(m[0].toLowerCase()),
  }));
  const replace = new Map<number, string>();
  for (let i = 0; i < words.length; i++) {
    for (const name of names.get(words[i]!.folded) ?? []) {
      if (i + name.length > words.length) continue;
      const run = words.slice(i, i + name.length);
      // Words separated by spaces, or by one line break (a scanned line wraps anywhere); a blank line, a
      // comma or a column rule ends a name.
      const joined = run.every(
        (w, k) =>
          w.folded === fold(name[k]!) &&
          (k === 0 || NAME_GAP.test(text.slice(run[k - 1]!.start + run[k - 1]!.word.length, w.start))),
      );
      if (!joined) continue;
      run.forEach((w, k) => {
        if (w.word.toLowerCase() !== name[k]) replace.set(w.start, withCase(name[k]!, w.word));
      });
      i += name.length - 1;
      break;
    }
  }
  if (replace.size === 0) return { text, corrections: 0 };
  let out = '';
  let at = 0;
  for (const w of words) {
    const fixed = replace.get(w.start);
    if (fixed === undefined) continue;
    out += text.slice(at, w.start) + fixed;
    at = w.start + w.word.length;
  }
  return { text: out + text.slice(at), corrections: replace.size };
}
