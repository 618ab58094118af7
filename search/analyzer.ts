/**
 * Vietnamese analyzer for lexical retrieval.
 *
 * Vietnamese writes one syllable per space-separated token and builds words from 2–4 syllables
 * ("rửa tiền", "mua bán người"), so a passage is indexed as syllables plus syllable bigrams, folded
 * (diacritics removed) so queries typed without diacritics still match, and its diacritic-bearing
 * syllables once more in exact form, for a boosted field: "rửa" ranks text written "rửa" above text
 * that merely folds to "rua" ("rùa"). Abbreviations ("TPCTC", "BĐBP") are expanded in place so
 * either spelling finds the other.
 */
import { fold, normalizeText } from '../ingest/text/normalize.js';

export interface Syllable {
  /** As written (normalized text, original case). */
  surface: string;
  /** Lowercase, diacritics kept. */
  exact: string;
  folded: string;
  start: number;
  end: number;
}

export interface AnalyzerLexicon {
  /** Exact lowercase syllables that carry no meaning on their own ("các", "và", "của"). */
  stopwords: Iterable<string>;
  /** Folded abbreviation → its expansion in words ("tpctc" → "tội phạm có tổ chức"). */
  abbreviations: ReadonlyMap<string, string>;
}

export interface Analyzed {
  exact: string[];
  folded: string[];
}

/** Bump when analysis changes, so indexes built by an older analyzer are rebuilt. */
export const ANALYZER_VERSION = 3;

/** Bigram tokens join syllables with "_" so the index sees them as single terms. */
export const BIGRAM_JOINER = '_';

// A phrase ends at punctuation or a line break: bigrams never cross it.
const TOKEN_OR_BREAK = /[\p{L}\p{M}\p{N}]+|[.,;:!?()[\]{}"“”'‘’|/\n]/gu;
const WORD = /^[\p{L}\p{M}\p{N}]/u;

/** Splits text into syllables and phrase breaks (null). Offsets refer to `normalizeText(text)`. */
export function syllables(text: string): Array<Syllable | null> {
  const normalized = normalizeText(text);
  const lowered = normalized.toLowerCase();
  // Folding the whole text at once is much faster than per token; it keeps offsets whenever the
  // text is composed (NFC), which normalizeText guarantees for Vietnamese letters.
  const foldedAll = fold(lowered);
  const aligned = foldedAll.length === lowered.length;
  const out: Array<Syllable | null> = [];
  for (const match of normalized.matchAll(TOKEN_OR_BREAK)) {
    const surface = match[0];
    if (!WORD.test(surface)) {
      out.push(null);
      continue;
    }
    const start = match.index;
    const end = start + surface.length;
    const exact = lowered.slice(start, end);
    out.push({ surface, exact, folded: aligned ? foldedAll.slice(start, end) : fold(exact), start, end });
  }
  return out;
}

export class VietnameseAnalyzer {
  private readonly stopwords: ReadonlySet<string>;
  private readonly abbreviations: ReadonlyMap<string, string>;
  private readonly expansionCache = new Map<string, Syllable[]>();

  constructor(lexicon: AnalyzerLexicon) {
    this.stopwords = new Set([...lexicon.stopwords].map((w) => w.normalize('NFC').toLowerCase()));
    this.abbreviations = lexicon.abbreviations;
  }

  /**
   * Index/query terms, deduplicated. `folded`: syllables (minus stopwords) and syllable bigrams without
   * diacritics; `exact`: the syllables whose diacritics matter (exact form ≠ folded form), for the
   * boosted exact field. Abbreviations are expanded in place ("PCTP có tổ chức" → "PCTP phòng chống tội
   * phạm có tổ chức"): the abbreviation stays a term and its expansion takes its place in bigrams.
   */
  analyze(text: string): Analyzed {
    return this.analyzeSyllables(syllables(text));
  }

  /** analyze() of text already split by syllables() (callers that also tag it split it once). */
  analyzeSyllables(tokens: ReadonlyArray<Syllable | null>): Analyzed {
    const exact = new Set<string>();
    const folded = new Set<string>();
    let previous: string | null = null;
    const unigram = (s: Syllable): void => {
      if (this.stopwords.has(s.exact)) return;
      folded.add(s.folded);
      if (s.exact !== s.folded) exact.add(s.exact);
    };
    const word = (s: Syllable): void => {
      unigram(s);
      if (previous !== null) folded.add(previous + BIGRAM_JOINER + s.folded);
      previous = s.folded;
    };
    for (const token of tokens) {
      if (!token) {
        previous = null;
        continue;
      }
      const expansion = this.expansionOf(token);
      if (!expansion) {
        word(token);
        continue;
      }
      unigram(token);
      for (const part of expansion) word(part);
    }
    return { exact: [...exact], folded: [...folded] };
  }

  /** True when the syllable is a stopword (exact form). */
  isStopword(exact: string): boolean {
    return this.stopwords.has(exact);
  }

  private expansionOf(token: Syllable): Syllable[] | null {
    const expansion = this.abbreviations.get(token.folded);
    if (expansion === undefined) return null;
    // An abbreviation that is also a syllable ("CA", "TU", "CAT": "cá", "tử", "cát") is one only as written, in
    // capitals without diacritics; the others ("BCA", "TPCTC") are one in any case.
    if (isVietnameseSyllable(token.folded) && token.surface !== token.folded.toUpperCase()) return null;
    let parts = this.expansionCache.get(token.folded);
    if (!parts) {
      parts = syllables(expansion).filter((s): s is Syllable => s !== null);
      this.expansionCache.set(token.folded, parts);
    }
    return parts;
  }
}

// Vietnamese syllable shape (folded): optional onset, vowel nucleus, optional final consonant.
const VIETNAMESE_SYLLABLE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(uye|uyu|oai|oay|oeo|uay|uoi|uou|ieu|yeu|uya|[aeiouy]{1,2})(ch|nh|ng|[cmnpt])?$/;

/** True when a folded lowercase word could be a Vietnamese syllable ("thuong" yes, "money" no). */
export function isVietnameseSyllable(folded: string): boolean {
  return VIETNAMESE_SYLLABLE.test(folded);
}

/** True when the text carries Vietnamese-only letters or tone marks. */
export function hasVietnameseDiacritics(text: string): boolean {
  return fold(text) !== normalizeText(text).toLowerCase();
}
