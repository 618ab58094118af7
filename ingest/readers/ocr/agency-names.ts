/**
 * Agency names after OCR. Both "chi" and "chỉ" are syllables, so the dictionary cannot tell that "Chỉ cục Hải
 * quan" is a misreading; the names of the agency types (data/agency-types.json) can. A run of two words or more
 * that folds to a known name but carries other marks takes the name's marks, the case kept as read (its words may
 * wrap onto the next line); it must open with a capital, as names are written. A folded run that two names spell
 * differently is left alone.
 *
 * A capitalized run a letter or two away from a long name ("Ngân bàng Nhà nước", "Cô gan tỉnh", "Quân sựtỉnh") is
 * that name too: its folded letters are compared with the name's, word breaks and stray specks between the words
 * aside, and only a name of ten letters or more is taken this way (one edit), when no other name is as close.
 * Shorter names are too near ordinary words to be guessed; two edits already turn "Văn phòng Ủy ban nhân dân
 * Thành phố" into "… tỉnh".
 */
import { loadAgencyTypes, writtenForms } from '../../extract/agencies.js';
import { fold } from '../../text/normalize.js';
import { vietnameseSyllables } from '../../text/syllables.js';
import { withCase } from './vietnamese.js';

const WORD = /\p{L}+/gu;
const NAME_GAP = /^[ \t]*\n?[ \t]*$/;
/** Between the words of a misread name: spaces, one line break, specks read as punctuation (not a list's , or ;). */
const NOISY_GAP = /^[ \t]*\n?[ \t]*(?:[:.'’‘`^~*][ \t]*)?$/u;
const FUZZY_LETTERS = 10;

/** First folded word → the names starting with it, as lowercase words with their marks (longest first). */
let index: Map<string, string[][]> | null = null;

function knownNames(): Map<string, string[][]> {
  if (index) return index;
  const byFolded = new Map<string, string[] | null>();
  for (const type of loadAgencyTypes()) {
    for (const pattern of [type.name, ...type.patterns.flatMap(writtenForms)]) {
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
  fuzzy = new Map();
  for (const words of byFolded.values()) {
    if (!words) continue;
    const first = fold(words[0]!);
    index.set(first, [...(index.get(first) ?? []), words]);
    const letters = words.map((w) => fold(w)).join('');
    if (letters.length >= FUZZY_LETTERS) {
      const initial = letters.charAt(0);
      fuzzy.set(initial, [...(fuzzy.get(initial) ?? []), { words, letters }]);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length);
  return index;
}

/** Long names by their first folded letter, for misreadings beyond the marks. */
let fuzzy: Map<string, { words: string[]; letters: string }[]> = new Map();

/** Levenshtein distance of `a` and `b` when it is at most `limit`, else `limit + 1`. */
function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

interface Word {
  word: string;
  start: number;
  folded: string;
}

/**
 * The long name that the capitalized run of words at `i` misreads, with the number of words it spans: the run's
 * folded letters (specks between words counted as letters) one edit from the name's.
 */
function misreadName(text: string, words: Word[], i: number): { name: string[]; span: number } | null {
  const first = words[i]!;
  let found: { name: string[]; span: number; distance: number; letters: number } | null = null;
  let tie = false;
  for (const { words: name, letters } of fuzzy.get(first.folded.charAt(0)) ?? []) {
    let run = '';
    for (let span = 1; span <= name.length + 1 && i + span <= words.length; span++) {
      const w = words[i + span - 1]!;
      if (span > 1) {
        const gap = text.slice(words[i + span - 2]!.start + words[i + span - 2]!.word.length, w.start);
        if (!NOISY_GAP.test(gap)) break;
        run += gap.replace(/\s+/g, '');
      }
      run += w.folded;
      if (run.length > letters.length + 1) break;
      if (span < name.length - 1) continue;
      const distance = boundedDistance(run, letters, 1);
      // Syllables that only break the name's letters elsewhere ("Còn gần tỉnh") are words of their own.
      if (distance > 1 || (distance === 0 && words.slice(i, i + span).every((x) => syllable(x.word))))
        continue;
      // The closest name wins, the longest among equally close ones ("Ngân hàng Nhà nước chi nhánh tỉnh" over
      // "Ngân hàng Nhà nước"); two different names as close and as long leave the run as read.
      const better =
        !found ||
        distance < found.distance ||
        (distance === found.distance && letters.length > found.letters);
      if (better) {
        found = { name, span, distance, letters: letters.length };
        tie = false;
      } else if (
        distance === found!.distance &&
        letters.length === found!.letters &&
        name.join(' ') !== found!.name.join(' ')
      )
        tie = true;
    }
  }
  return found && !tie ? found : null;
}

const syllable = (word: string) => vietnameseSyllables().has(word.toLowerCase().normalize('NFC'));

/**
 * `name` written over the misread run in the run's case: word for word with the run's spacing (a wrapped line
 * stays wrapped) when the counts agree, else with single spaces and the capitals of the run's words in order.
 */
function rewrite(text: string, name: string[], run: Word[]): string {
  const upper = run.every((w) => w.word === w.word.toUpperCase());
  const same = run.length === name.length;
  return name
    .map((word, k) => {
      const written = upper
        ? word.toUpperCase()
        : same
          ? withCase(word, run[k]!.word)
          : /^\p{Lu}/u.test(run[k]?.word ?? '')
            ? word.charAt(0).toUpperCase() + word.slice(1)
            : word;
      if (k === 0) return written;
      const gap = same ? text.slice(run[k - 1]!.start + run[k - 1]!.word.length, run[k]!.start) : ' ';
      return (gap.replace(/\S/gu, '') || ' ') + written;
    })
    .join('');
}

/** The text with misread marks in known agency names put right; `corrections` counts the words changed. */
export function correctAgencyNames(text: string): { text: string; corrections: number } {
  const names = knownNames();
  const words: Word[] = [...text.matchAll(WORD)].map((m) => ({
    word: m[0],
    start: m.index,
    folded: fold(m[0].toLowerCase()),
  }));
  const replace = new Map<number, string>();
  /** Misread runs rewritten whole: first word's start → [end of the run, the name as written]. */
  const rewritten = new Map<number, [number, string]>();
  for (let i = 0; i < words.length; i++) {
    // A name is written with a capital; lowercase words that fold alike are ordinary words ("văn bản chỉ đạo" is
    // no "Ban Chỉ đạo", "tình hình" no "tỉnh").
    if (!/^\p{Lu}/u.test(words[i]!.word)) continue;
    let exact = false;
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
      exact = true;
      break;
    }
    if (exact) continue;
    const misread = misreadName(text, words, i);
    if (!misread) continue;
    const run = words.slice(i, i + misread.span);
    const last = run[run.length - 1]!;
    rewritten.set(run[0]!.start, [last.start + last.word.length, rewrite(text, misread.name, run)]);
    i += misread.span - 1;
  }
  if (replace.size === 0 && rewritten.size === 0) return { text, corrections: 0 };
  let out = '';
  let at = 0;
  let corrections = replace.size;
  for (const w of words) {
    if (w.start < at) continue;
    const whole = rewritten.get(w.start);
    if (whole) {
      const [end, name] = whole;
      if (name !== text.slice(w.start, end)) corrections++;
      out += text.slice(at, w.start) + name;
      at = end;
      continue;
    }
    const fixed = replace.get(w.start);
    if (fixed === undefined) continue;
    out += text.slice(at, w.start) + fixed;
    at = w.start + w.word.length;
  }
  return { text: out + text.slice(at), corrections };
}
