/**
 * The bilingual crime-category taxonomy (data/crime-categories.json): validated once at load, then used to tag
 * text (extraction) and to recognise categories in search queries, in Vietnamese with or without diacritics,
 * in English, or by abbreviation ("TPCTC", "PCRT", "AML").
 */
import { z } from 'zod';
import raw from '../../data/crime-categories.json' with { type: 'json' };
import {
  foldedWordHash,
  phraseAt,
  phraseAtWords,
  scanWords,
  toPhrase,
  tokenize,
  foldedAt,
  type Phrase,
  type TokenizedText,
  type WordOffsets,
} from './tokens.js';

const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lowercase-hyphenated id');
const Term = z.string().refine((t) => toPhrase(t).folded.length > 0, 'a term needs at least one word');

const CrimeCategorySchema = z.object({
  id: Id,
  label: z.object({ vi: z.string().min(1), en: z.string().min(1) }),
  parent: Id.nullable(),
  /**
   * Names no particular offence ("phòng, chống tội phạm", "tội phạm có tổ chức"): it covers nearly every duty of
   * the plans devoted to it, so naming it does not pick a topic.
   */
  umbrella: z.boolean().default(false),
  terms: z.object({ vi: z.array(Term).min(1), en: z.array(Term).min(1) }),
  // One word of capitals/digits, as printed in documents.
  abbreviations: z.array(z.string().regex(/^[A-ZĐ][A-ZĐ0-9]+$/, 'expected one word in capitals')),
});
export type CrimeCategory = z.infer<typeof CrimeCategorySchema>;

const TaxonomySchema = z
  .object({ version: z.literal(1), categories: z.array(CrimeCategorySchema).min(1) })
  .superRefine(({ categories }, ctx) => {
    const byId = new Map<string, CrimeCategory>();
    categories.forEach((category, index) => {
      if (byId.has(category.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', index, 'id'],
          message: `duplicate id "${category.id}"`,
        });
      }
      byId.set(category.id, category);
    });
    categories.forEach((category, index) => {
      const path = ['categories', index];
      if (category.parent !== null && !byId.has(category.parent)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'parent'],
          message: `unknown parent "${category.parent}"`,
        });
      }
      const seen = new Set<string>([category.id]);
      for (let up = category.parent; up !== null; up = byId.get(up)?.parent ?? null) {
        if (seen.has(up)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'parent'],
            message: `parent chain of "${category.id}" loops`,
          });
          break;
        }
        seen.add(up);
      }
      const words = new Set<string>();
      for (const term of [...category.terms.vi, ...category.terms.en, ...category.abbreviations]) {
        const key = toPhrase(term).lower.join(' ');
        if (words.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'terms'],
            message: `"${term}" is listed twice in "${category.id}"`,
          });
        }
        words.add(key);
      }
    });
  });

/** Validates a taxonomy; `source` names the input in the error. */
export function parseCrimeCategories(input: unknown, source: string): CrimeCategory[] {
  const result = TaxonomySchema.safeParse(input);
  if (!result.success)
    throw new Error(`${source} is not a valid crime-category taxonomy:\n${z.prettifyError(result.error)}`);
  return result.data.categories;
}

/** A term, prepared for matching, with every category that lists it (a few terms deliberately belong to two). */
interface CompiledTerm {
  term: string;
  phrase: Phrase;
  ids: string[];
  abbreviation: boolean;
}

export interface CategoryMatch {
  id: string;
  /** The taxonomy term that matched. */
  term: string;
  /** The words as written. */
  matched: string;
  /** Offsets into normalizeText(input). */
  start: number;
  end: number;
}

export interface CategoryMatcher {
  categories: readonly CrimeCategory[];
  /**
   * Non-overlapping mentions, longest first, in text order. With `abbreviationsAnyCase` false an abbreviation
   * counts only when printed in capitals, as documents do.
   */
  find(text: string, options: { abbreviationsAnyCase: boolean }): CategoryMatch[];
}

export function createCategoryMatcher(categories: readonly CrimeCategory[]): CategoryMatcher {
  // Index by first folded word; the longest terms first so a longer phrase wins over its own prefix.
  const byFirstWord = new Map<string, CompiledTerm[]>();
  const byKey = new Map<string, CompiledTerm>();
  const add = (term: string, id: string, abbreviation: boolean) => {
    const phrase = toPhrase(term);
    const key = `${abbreviation ? 'A' : 'T'}|${phrase.lower.join(' ')}`;
    const existing = byKey.get(key);
    if (existing) {
      if (!existing.ids.includes(id)) existing.ids.push(id);
      return;
    }
    const compiled: CompiledTerm = { term, phrase, ids: [id], abbreviation };
    byKey.set(key, compiled);
    const first = phrase.folded[0]!;
    byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), compiled]);
  };
  for (const category of categories) {
    for (const term of [...category.terms.vi, ...category.terms.en]) add(term, category.id, false);
    for (const abbreviation of category.abbreviations) add(abbreviation, category.id, true);
  }
  for (const list of byFirstWord.values())
    list.sort((a, b) => b.phrase.folded.length - a.phrase.folded.length);
  // Terms of several words are looked up by their second word too, so a common first word ("phòng", "tội")
  // does not try every term it opens.
  const index = new Map<string, { single: CompiledTerm[]; bySecond: Map<string, CompiledTerm[]> }>();
  for (const [first, list] of byFirstWord) {
    const entry = { single: [] as CompiledTerm[], bySecond: new Map<string, CompiledTerm[]>() };
    for (const term of list) {
      const second = term.phrase.folded[1];
      if (second === undefined) entry.single.push(term);
      else entry.bySecond.set(second, [...(entry.bySecond.get(second) ?? []), term]);
    }
    index.set(first, entry);
  }
  // The same index by the words' hashes (as a word scan holds them): a scanned word is looked up by its number and
  // compared in place, not sliced and folded. A list per hash, in case two words share one.
  type Keyed<T> = { folded: string; value: T };
  const byHash = <T>(entries: Iterable<[string, T]>): Map<number, Keyed<T>[]> => {
    const out = new Map<number, Keyed<T>[]>();
    for (const [folded, value] of entries) {
      const h = foldedWordHash(folded, 0, folded.length);
      out.set(h, [...(out.get(h) ?? []), { folded, value }]);
    }
    return out;
  };
  const hashIndex = byHash(
    [...index].map(([first, entry]) => [first, { ...entry, bySecond: byHash(entry.bySecond) }] as const),
  );
  const wordAt = <T>(words: WordOffsets, k: number, keyed: Keyed<T>[] | undefined): Keyed<T> | undefined => {
    if (keyed) for (const x of keyed) if (foldedAt(words, k, x.folded)) return x;
    return undefined;
  };

  const matchesAt = (text: TokenizedText, at: number, term: CompiledTerm, anyCase: boolean): boolean => {
    if (!term.abbreviation) return phraseAt(text, at, term.phrase);
    const token = text.tokens[at]!;
    return token.folded === term.phrase.folded[0] && (anyCase || token.text === token.text.toUpperCase());
  };
  // The pairs of first and second words terms open with, and the first words that are terms alone, by hash: most
  // words of a text are passed over without being compared. Many are some term's first word ("phòng", "tội",
  // "hàng"); few are followed by one of its second words. One bit per hash value (mod the table size): a set bit
  // may be another word.
  const HASH_BITS = 1 << 16;
  const hasHash = (bits: Uint32Array, hash: number) => {
    const h = hash & (HASH_BITS - 1);
    return (bits[h >>> 5]! & (1 << (h & 31))) !== 0;
  };
  const pairOf = (first: number, second: number) => Math.imul(first, 0x9e3779b1) ^ second;
  const pairHashes = new Uint32Array(HASH_BITS / 32);
  const singleHashes = new Uint32Array(HASH_BITS / 32);
  const setBit = (bits: Uint32Array, hash: number) => {
    const h = hash & (HASH_BITS - 1);
    bits[h >>> 5]! |= 1 << (h & 31);
  };
  for (const [first, entry] of index) {
    const h = foldedWordHash(first, 0, first.length);
    if (entry.single.length) setBit(singleHashes, h);
    for (const second of entry.bySecond.keys())
      setBit(pairHashes, pairOf(h, foldedWordHash(second, 0, second.length)));
  }

  type Candidate = { at: number; length: number; term: CompiledTerm };
  // Longest mentions claim their words first: "tội phạm có tổ chức" inside "phòng, chống tội phạm có tổ
  // chức" is organized crime, not also general crime prevention.
  // A text has few candidates: each is checked against those kept, not against a flag per word of the text.
  const claim = (
    candidates: Candidate[],
    text: string,
    startOf: (at: number) => number,
    endOf: (at: number) => number,
  ): CategoryMatch[] => {
    candidates.sort((a, b) => b.length - a.length || a.at - b.at);
    const kept: Candidate[] = [];
    for (const candidate of candidates) {
      const end = candidate.at + candidate.length;
      if (!kept.some((k) => k.at < end && candidate.at < k.at + k.length)) kept.push(candidate);
    }
    kept.sort((a, b) => a.at - b.at);
    return kept.flatMap(({ at, length, term }) => {
      const start = startOf(at);
      const end = endOf(at + length - 1);
      const matched = text.slice(start, end);
      return term.ids.map((id) => ({ id, term: term.term, matched, start, end }));
    });
  };

  /** find() over Token objects: for texts scanWords() does not take. */
  const findTokenized = (input: string, abbreviationsAnyCase: boolean): CategoryMatch[] => {
    const text = tokenize(input);
    const candidates: Candidate[] = [];
    const { tokens } = text;
    const tryTerms = (terms: CompiledTerm[], at: number) => {
      for (const term of terms) {
        if (matchesAt(text, at, term, abbreviationsAnyCase))
          candidates.push({ at, length: term.phrase.folded.length, term });
      }
    };
    for (let at = 0; at < tokens.length; at++) {
      const entry = index.get(tokens[at]!.folded);
      if (!entry) continue;
      const next = tokens[at + 1];
      const longer = next && entry.bySecond.get(next.folded);
      // Longer terms first, as byFirstWord lists them (ties in the claim order below keep this order).
      if (longer) tryTerms(longer, at);
      tryTerms(entry.single, at);
    }
    return claim(
      candidates,
      text.text,
      (at) => tokens[at]!.start,
      (at) => tokens[at]!.end,
    );
  };

  /** A term at word `at` of a scan (whose folded form is `folded`, the term's first word): matchesAt() there. */
  const matchesAtWord = (
    words: WordOffsets,
    at: number,
    term: CompiledTerm,
    folded: string,
    anyCase: boolean,
  ): boolean => {
    if (!term.abbreviation) return phraseAtWords(words, at, term.phrase);
    if (folded !== term.phrase.folded[0]) return false;
    const written = words.text.slice(words.starts[at], words.ends[at]);
    return anyCase || written === written.toUpperCase();
  };
  const tryWordTerms = (
    candidates: Candidate[],
    words: WordOffsets,
    terms: CompiledTerm[],
    at: number,
    folded: string,
    anyCase: boolean,
  ) => {
    for (const term of terms) {
      if (matchesAtWord(words, at, term, folded, anyCase))
        candidates.push({ at, length: term.phrase.folded.length, term });
    }
  };

  /** The same search on word offsets: a word is compared only where the hashes say a term may start there. */
  const findInWords = (words: WordOffsets, anyCase: boolean): CategoryMatch[] => {
    const candidates: Candidate[] = [];
    const { count, hashes } = words;
    for (let at = 0; at < count; at++) {
      const h = hashes[at]!;
      // A word opens a candidate only as a term alone or followed by one of its terms' second words.
      const pair = at + 1 < count && hasHash(pairHashes, pairOf(h, hashes[at + 1]!));
      if (!pair && !hasHash(singleHashes, h)) continue;
      const first = wordAt(words, at, hashIndex.get(h));
      if (!first) continue;
      const { folded, value: entry } = first;
      const longer = pair ? wordAt(words, at + 1, entry.bySecond.get(hashes[at + 1]!))?.value : undefined;
      // Longer terms first, as byFirstWord lists them (ties in the claim order below keep this order).
      if (longer) tryWordTerms(candidates, words, longer, at, folded, anyCase);
      tryWordTerms(candidates, words, entry.single, at, folded, anyCase);
    }
    if (!candidates.length) return [];
    // The scan's arrays are reused by the next scan: offsets are read before returning.
    const { starts, ends } = words;
    return claim(
      candidates,
      words.text,
      (at) => starts[at]!,
      (at) => ends[at]!,
    );
  };

  return {
    categories,
    find(input, { abbreviationsAnyCase }) {
      const words = scanWords(input);
      return words ? findInWords(words, abbreviationsAnyCase) : findTokenized(input, abbreviationsAnyCase);
    },
  };
}

const categories = parseCrimeCategories(raw, 'data/crime-categories.json');
const matcher = createCategoryMatcher(categories);
const byId = new Map(categories.map((c) => [c.id, c]));

export function allCategories(): readonly CrimeCategory[] {
  return categories;
}

export function categoryById(id: string): CrimeCategory | undefined {
  return byId.get(id);
}

/** The category and all categories below it ("economic-crime" → smuggling, money laundering, …). */
export function expandCategory(id: string): string[] {
  if (!byId.has(id)) return [];
  return [id, ...categories.filter((c) => c.parent === id).flatMap((c) => expandCategory(c.id))];
}

/** Ids of the categories mentioned in a document text, in order of first mention. */
export function tagCategories(text: string): string[] {
  return [...new Set(matcher.find(text, { abbreviationsAnyCase: false }).map((m) => m.id))];
}

/** Categories named in a search query (English or Vietnamese, any diacritics, any-case abbreviations). */
export function matchCategoryQuery(query: string): CategoryMatch[] {
  return matcher.find(query, { abbreviationsAnyCase: true });
}
