/**
 * A necessary condition for phraseAt() to find any of a set of phrases in a text, checked on the folded text
 * without tokenizing it: some word is a phrase's first word and, for a longer phrase, the word after it is the
 * phrase's second. A text that fails it (most sentences, for province names) cannot match, so the finder skips
 * tokenizing it; one that passes is tokenized and matched as before.
 */
import { fold, foldCodeUnit, normalizeText } from '../text/normalize.js';
import { CodeUnitCopy } from '../text/char-class.js';
import { isWordCode, type Phrase } from './tokens.js';

/** A small hash of folded[start, end), computed without slicing it. */
function wordHash(folded: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (h * 31 + folded.charCodeAt(i)) & 0x3fffffff;
  return h;
}

const HASH_BITS = 1 << 16;
const gateUnits = new CodeUnitCopy();

export class PhraseGate {
  /** First word → the second words of the phrases it opens; null when a one-word phrase is that word. */
  private readonly seconds = new Map<string, Set<string> | null>();
  /**
   * wordHash() of every first and second word: a word whose hash is not here is neither, so it is passed over
   * without being sliced out and looked up (most words of a text).
   */
  private readonly hashes = new Set<number>();
  /** hashes, one bit per value modulo its size: a clear bit passes a word over without a Set lookup. */
  private readonly hashBits = new Uint32Array(HASH_BITS / 32);

  constructor(phrases: Iterable<Phrase>) {
    for (const { folded } of phrases) {
      const [first, second] = folded;
      if (first === undefined) continue;
      const known = this.seconds.get(first);
      if (second === undefined || known === null) this.seconds.set(first, null);
      else if (known) known.add(second);
      else this.seconds.set(first, new Set([second]));
      for (const word of [first, second])
        if (word !== undefined) {
          const h = wordHash(word, 0, word.length);
          this.hashes.add(h);
          const bit = h & (HASH_BITS - 1);
          this.hashBits[bit >>> 5]! |= 1 << (bit & 31);
        }
    }
  }

  /** False only when no phrase can match anywhere in `input` (words as tokenize() cuts them). */
  mayMatch(input: string): boolean {
    const text = normalizeText(input);
    // Words are hashed by their folded code units in place, without building the folded text; a code unit that
    // does not fold to exactly one means offsets would not line up: let the finder decide.
    let wanted: Set<string> | undefined;
    const n = text.length;
    const units = gateUnits.of(text);
    for (let i = 0; i < n;) {
      const code = units[i]!;
      if (!isWordCode(code)) {
        if (foldCodeUnit(code) < 0) return true;
        i++;
        continue;
      }
      const start = i;
      let h = 0;
      for (; i < n; i++) {
        const c = units[i]!;
        if (!isWordCode(c)) break;
        const unit = foldCodeUnit(c);
        if (unit < 0) return true;
        h = (h * 31 + unit) & 0x3fffffff;
      }
      const bit = h & (HASH_BITS - 1);
      if ((this.hashBits[bit >>> 5]! & (1 << (bit & 31))) === 0 || !this.hashes.has(h)) {
        wanted = undefined;
        continue;
      }
      const word = fold(text.slice(start, i));
      if (wanted?.has(word)) return true;
      const next = this.seconds.get(word);
      if (next === null) return true;
      wanted = next;
    }
    return false;
  }
}
