/**
 * The bilingual concept lexicon: crime categories (data/crime-categories.json), agency types
 * (data/agency-types.json) and duty actions/domains (data/concepts.json) in one dictionary that links
 * query words in either language to graph nodes.
 *
 * Queries are matched against it to find concepts (a retrieval signal of their own: duties tagged with
 * the category, assigned to an agency of the type, or speaking of the action), to drop question words
 * ("who is responsible for", "cơ quan nào") and to add Vietnamese words for English ones, so an English
 * query can reach Vietnamese text without a neural model. Duty text is tagged with the same dictionary
 * at index time.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
// A JSON import, so the compiled CLI (dist/) carries the data too.
import conceptsData from '../data/concepts.json' with { type: 'json' };
import { loadAgencyTypes, writtenForms, type AgencyType } from '../ingest/extract/agencies.js';
import { allCategories, type CrimeCategory } from '../ingest/taxonomy/crime-categories.js';
import { fold, slugify } from '../ingest/text/normalize.js';
import {
  ANALYZER_VERSION,
  type AnalyzerLexicon,
  hasVietnameseDiacritics,
  isVietnameseSyllable,
  type Syllable,
  syllables,
} from './analyzer.js';

const Terms = z.object({ vi: z.array(z.string().min(1)), en: z.array(z.string().min(1)) });
const Label = z.object({ vi: z.string().min(1), en: z.string().min(1) });

const ConceptsFile = z.object({
  version: z.literal(1),
  questionPhrases: Terms,
  stopwords: Terms,
  abbreviations: z.array(
    z.object({
      abbr: z.string().regex(/^[\p{L}\p{N}]+$/u, 'an abbreviation must be one word (letters and digits)'),
      expansion: z.string().min(1),
    }),
  ),
  concepts: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/),
      kind: z.enum(['action', 'domain', 'role']),
      label: Label,
      terms: Terms,
    }),
  ),
  glossary: z
    .array(z.object({ en: z.array(z.string().min(1)).min(1), vi: z.array(z.string().min(1)).min(1) }))
    .default([]),
});
type ConceptsFile = z.infer<typeof ConceptsFile>;

export type ConceptKind = 'category' | 'agency-type' | 'action' | 'domain' | 'role';

export interface Concept {
  /**
   * Namespaced: "category:rua-tien", "agency-type:cong-an-tinh", "action:investigate", "domain:border",
   * "role:lead" (how a body takes part — chủ trì, phối hợp — never what the duty is about).
   */
  id: string;
  kind: ConceptKind;
  /** The id inside its own taxonomy (category id, agency type id, concept id). */
  key: string;
  label: { vi: string; en: string };
  /** Vietnamese forms, for query expansion. */
  vi: string[];
  /** Ancestors (crime categories only), nearest first. */
  parents: string[];
  /** A crime category that names no particular offence (data/crime-categories.json). */
  umbrella?: boolean;
}

export interface ConceptMatch {
  concept: Concept;
  /** The query words that named it. */
  text: string;
  language: 'vi' | 'en';
}

export interface Expansion {
  text: string;
  /** 1 for a concept's first (canonical) form, then 1/2, 1/3 … */
  weight: number;
}

export interface QueryAnalysis {
  /** 'en' when the query has no Vietnamese diacritics and most of its words cannot be Vietnamese syllables. */
  language: 'vi' | 'en';
  concepts: ConceptMatch[];
  /** The query without question words and concept-free English words, for lexical retrieval. */
  text: string;
  /** Vietnamese forms of the matched concepts, the canonical (first) form weighing most. */
  expansions: Expansion[];
  /** The question words that were dropped. */
  dropped: string[];
}

export interface LexiconSources {
  concepts: unknown;
  agencyTypes: readonly AgencyType[];
  crimeCategories: readonly CrimeCategory[];
}

const QUESTION = 'question';
type Entry = Concept | typeof QUESTION;

interface QueryToken extends Syllable {
  stem: string;
}

/** Expansion terms per concept: enough to reach the text, few enough not to drown the query. */
const MAX_EXPANSIONS_PER_CONCEPT = 6;
/** …and per glossary entry, whose Vietnamese words are plainer translations. */
const MAX_EXPANSIONS_PER_GLOSS = 4;

export class ConceptLexicon {
  private readonly byId = new Map<string, Concept>();
  private readonly vi = new PhraseMatcher<Entry>();
  private readonly en = new PhraseMatcher<Entry>();
  /** English words no concept holds → their Vietnamese words (data/concepts.json "glossary"). */
  private readonly glossary = new PhraseMatcher<readonly string[]>();
  private readonly enStopwords: ReadonlySet<string>;
  readonly analyzerLexicon: AnalyzerLexicon;
  /** Changes whenever the data files or the analyzer change: saved indexes built with another are rebuilt. */
  readonly fingerprint: string;
  /** Agency types that stand for a catch-all group ("Các sở, ban, ngành"), not one body. */
  readonly collectiveTypes = new Set<string>();
  /** Folded abbreviations that are also Vietnamese syllables ("tu" for "TU"). */
  private readonly syllableAbbreviations = new Set<string>();

  constructor(sources: LexiconSources) {
    this.fingerprint = createHash('sha256')
      .update(
        JSON.stringify([ANALYZER_VERSION, sources.concepts, sources.agencyTypes, sources.crimeCategories]),
      )
      .digest('hex')
      .slice(0, 16);
    const file = parseData(ConceptsFile, sources.concepts, 'data/concepts.json');
    const categories = sources.crimeCategories;
    const abbreviations = new Map<string, string>();
    for (const { abbr, expansion } of file.abbreviations) abbreviations.set(fold(abbr), expansion);

    const parentOf = new Map(categories.map((c) => [c.id, c.parent]));
    for (const category of categories) {
      const concept = this.define(
        'category',
        category.id,
        category.label,
        category.terms.vi,
        ancestors(category.id, parentOf),
      );
      if (category.umbrella) concept.umbrella = true;
      this.addTerms(concept, category.terms, category.abbreviations);
      for (const abbr of category.abbreviations) {
        if (isOneWord(abbr) && !abbreviations.has(fold(abbr)))
          abbreviations.set(fold(abbr), category.terms.vi[0] ?? category.label.vi);
      }
    }
    for (const type of sources.agencyTypes) {
      if (type.scope === 'collective') this.collectiveTypes.add(type.id);
      const patterns = type.patterns
        .flatMap(writtenForms)
        .map(withoutPlaceholders)
        .filter((p): p is string => p !== null);
      const concept = this.define(
        'agency-type',
        type.id,
        { vi: type.name, en: type.nameEn },
        [type.name, ...patterns],
        [],
      );
      this.addTerms(
        concept,
        { vi: [type.name, ...patterns], en: [type.nameEn, ...type.aliasesEn] },
        type.abbreviations,
      );
      for (const abbr of type.abbreviations) {
        if (isOneWord(abbr) && !abbreviations.has(fold(abbr))) abbreviations.set(fold(abbr), type.name);
      }
    }
    for (const entry of file.concepts) {
      const concept = this.define(entry.kind, entry.id, entry.label, entry.terms.vi, []);
      this.addTerms(concept, entry.terms, []);
    }
    for (const gloss of file.glossary)
      for (const term of gloss.en) this.glossary.add(enTokens(term), gloss.vi);
    for (const phrase of file.questionPhrases.vi) this.vi.add(viTokens(phrase), QUESTION);
    for (const phrase of file.questionPhrases.en) this.en.add(enTokens(phrase), QUESTION);
    this.enStopwords = new Set(file.stopwords.en.map((w) => w.toLowerCase()));
    this.analyzerLexicon = { stopwords: file.stopwords.vi, abbreviations };
  }

  /** Reads the three data files shipped in data/. */
  static load(): ConceptLexicon {
    return new ConceptLexicon({
      concepts: conceptsData,
      agencyTypes: loadAgencyTypes(),
      crimeCategories: allCategories(),
    });
  }

  get(id: string): Concept | undefined {
    return this.byId.get(id);
  }

  concepts(): IterableIterator<Concept> {
    return this.byId.values();
  }

  /** Concept ids named in Vietnamese text (every occurrence, overlaps included), with crime-category ancestors. */
  tag(text: string): Set<string> {
    return this.tagSyllables(syllables(text));
  }

  /** tag() of text already split by syllables(). */
  tagSyllables(syllableList: ReadonlyArray<Syllable | null>): Set<string> {
    const tokens: string[] = [];
    for (const s of syllableList) if (s !== null) tokens.push(this.viKey(s));
    const ids = new Set<string>();
    for (const hit of this.vi.all(tokens)) {
      for (const value of hit.values) {
        if (value === QUESTION) continue;
        ids.add(value.id);
        for (const parent of value.parents) ids.add(parent);
      }
    }
    return ids;
  }

  /** Splits a query into concepts, question words and the words left for lexical retrieval. */
  analyzeQuery(query: string): QueryAnalysis {
    const tokens: QueryToken[] = syllables(query)
      .filter((s): s is Syllable => s !== null)
      .map((s) => ({ ...s, stem: englishStem(s.folded) }));
    const language = detectLanguage(query, tokens);
    // What each query word turned out to be; null = an ordinary word.
    const roles: Array<'question' | 'vi' | 'en' | null> = tokens.map(() => null);
    const matches: ConceptMatch[] = [];
    const dropped: string[] = [];

    const spans: Array<PhraseHit<Entry>> = [];
    const textOf = (hit: PhraseHit<Entry>): string =>
      tokens
        .slice(hit.start, hit.end)
        .map((t) => t.surface)
        .join(' ');
    const addConcepts = (hit: PhraseHit<Entry>, lang: 'vi' | 'en'): void => {
      for (const value of hit.values) {
        if (value !== QUESTION && !matches.some((m) => m.concept.id === value.id)) {
          matches.push({ concept: value, text: textOf(hit), language: lang });
        }
      }
    };
    const take = (hits: Array<PhraseHit<Entry>>, lang: 'vi' | 'en'): void => {
      for (const hit of hits) {
        spans.push(hit);
        // A phrase listed as a question word is only that, even if a concept shares it.
        const question = hit.values.includes(QUESTION);
        for (let i = hit.start; i < hit.end; i++) roles[i] = question ? 'question' : lang;
        if (question) dropped.push(textOf(hit));
        else addConcepts(hit, lang);
      }
    };

    const used = (): boolean[] => roles.map((r) => r !== null);
    // English words that are also Vietnamese syllables ("ai", "to", "can") only count in an English query.
    const englishAllowed = <T>(hit: PhraseHit<T>): boolean =>
      language === 'en' ||
      tokens
        .slice(hit.start, hit.end)
        .some((t) => !isVietnameseSyllable(t.folded) && !hasVietnameseDiacritics(t.surface));
    // In an English query a lone syllable ("an", "the") is more likely English than Vietnamese.
    const vietnameseAllowed = (hit: PhraseHit<Entry>): boolean =>
      language === 'vi' || hit.end - hit.start >= 2;
    const folded = tokens.map((t) => this.viKey(t));
    const stems = tokens.map((t) => t.stem);
    if (language === 'en') {
      take(this.en.longest(stems, used(), englishAllowed), 'en');
      take(this.vi.longest(folded, used(), vietnameseAllowed), 'vi');
    } else {
      take(this.vi.longest(folded, used(), vietnameseAllowed), 'vi');
      take(this.en.longest(stems, used(), englishAllowed), 'en');
    }
    // A phrase that straddles the boundary of a longer one ("drug [rehabilitation] centres") names a
    // concept of its own; phrases inside a longer match are only its more general parts, so they stay out.
    const straddling = (hit: PhraseHit<Entry>): boolean =>
      !spans.some((s) => s.start <= hit.start && hit.end <= s.end) &&
      !roles.slice(hit.start, hit.end).includes('question');
    for (const [matcher, keys, lang, allowed] of [
      [this.en, stems, 'en', englishAllowed],
      [this.vi, folded, 'vi', vietnameseAllowed],
    ] as const) {
      for (const hit of matcher.all(keys)) if (straddling(hit) && allowed(hit)) addConcepts(hit, lang);
    }

    // English words no concept holds reach the text through their glossary translations, as expansions only:
    // "overseeing … resolution … allowances" → "giám sát", "nghị quyết", "hỗ trợ".
    const glosses: Array<readonly string[]> = [];
    if (language === 'en') {
      for (const hit of this.glossary.longest(stems, used(), englishAllowed)) {
        for (let i = hit.start; i < hit.end; i++) roles[i] = 'en';
        glosses.push(...hit.values);
      }
    }
    // Vietnamese words (concept or not) are the best lexical terms; English ones reach the text only
    // through their concepts' Vietnamese forms.
    const lexical = tokens.filter((t, i) => {
      const role = roles[i];
      if (role === 'question' || role === 'en') return false;
      return !(language === 'en' && role === null && this.enStopwords.has(t.folded));
    });
    const expansions = new Map<string, number>();
    for (const match of matches) {
      match.concept.vi.slice(0, MAX_EXPANSIONS_PER_CONCEPT).forEach((form, i) => {
        expansions.set(form, Math.max(expansions.get(form) ?? 0, 1 / (1 + i)));
      });
    }
    for (const forms of glosses)
      forms.slice(0, MAX_EXPANSIONS_PER_GLOSS).forEach((form, i) => {
        expansions.set(form, Math.max(expansions.get(form) ?? 0, 1 / (1 + i)));
      });
    return {
      language,
      concepts: matches,
      text: lexical.map((t) => t.surface).join(' '),
      expansions: [...expansions].map(([text, weight]) => ({ text, weight })),
      dropped,
    };
  }

  /** A syllable's key in the Vietnamese phrase matcher: its folded form, or an abbreviation's as written. */
  private viKey(s: Syllable): string {
    return this.syllableAbbreviations.has(s.folded) && s.surface === s.folded.toUpperCase()
      ? capitalsToken(s.folded)
      : s.folded;
  }

  private define(
    kind: ConceptKind,
    key: string,
    label: { vi: string; en: string },
    vi: string[],
    parents: string[],
  ): Concept {
    const id = `${kind}:${key}`;
    if (this.byId.has(id)) throw new Error(`concept lexicon: duplicate concept "${id}"`);
    const concept: Concept = { id, kind, key, label, vi: unique(vi), parents };
    this.byId.set(id, concept);
    return concept;
  }

  private addTerms(concept: Concept, terms: { vi: string[]; en: string[] }, abbreviations: string[]): void {
    for (const term of terms.vi) {
      const tokens = viTokens(term);
      if (tokens.length > 0) this.vi.add(tokens, concept);
    }
    for (const abbr of abbreviations) {
      const tokens = viTokens(abbr);
      // "TU", "CA", "CAT" are also the syllables "tử", "cá", "cát": they count only as written, in capitals.
      if (tokens.length === 1 && isVietnameseSyllable(tokens[0]!)) {
        this.syllableAbbreviations.add(tokens[0]!);
        this.vi.add([capitalsToken(tokens[0]!)], concept);
      } else if (tokens.length > 0) this.vi.add(tokens, concept);
    }
    for (const term of [...terms.en, concept.label.en]) {
      const tokens = enTokens(term);
      if (tokens.length > 0) this.en.add(tokens, concept);
    }
  }
}

function detectLanguage(query: string, tokens: QueryToken[]): 'vi' | 'en' {
  if (hasVietnameseDiacritics(query)) return 'vi';
  const words = tokens.filter((t) => /\p{L}/u.test(t.folded) && !/^\p{Lu}{2,}$/u.test(t.surface));
  if (words.length === 0) return 'vi';
  const foreign = words.filter((t) => !isVietnameseSyllable(t.folded)).length;
  return foreign / words.length >= 0.4 ? 'en' : 'vi';
}

/** The matcher's key for an abbreviation written in capitals ("TU"), apart from the syllable ("tu", "tử"). */
const capitalsToken = (folded: string): string => `${folded}\u0000`;

function viTokens(text: string): string[] {
  return syllables(text)
    .filter((s): s is Syllable => s !== null)
    .map((s) => s.folded);
}

function enTokens(text: string): string[] {
  return (
    fold(text)
      .match(/[\p{L}\p{N}]+/gu)
      ?.map(englishStem) ?? []
  );
}

/**
 * Inflections only: plurals, -ing, -ed, the agent -er ("smugglers", "smuggling", "smuggled" → "smuggl").
 * Full (Porter) stemming also merges derivations that mean different things here: "internal" and
 * "international", "community" and "communes", "mobile" and "mobilize".
 */
export function englishStem(word: string): string {
  let w = word;
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|x|ch|sh|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('er') && w.length > 5) w = w.slice(0, -2);
  // "patrolling" → "patroll" → "patrol"; "smuggle" → "smuggl", like "smuggling".
  if (/([bdglmnprt])\1$/.test(w) && w.length > 4) w = w.slice(0, -1);
  else if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** "Công an {province}" → "Công an"; a pattern reduced to one syllable is too vague to keep. */
function withoutPlaceholders(pattern: string): string | null {
  if (!pattern.includes('{')) return pattern;
  const rest = pattern
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return rest.split(' ').length >= 2 ? rest : null;
}

function ancestors(id: string, parentOf: ReadonlyMap<string, string | null>): string[] {
  const out: string[] = [];
  for (let p = parentOf.get(id) ?? null; p && !out.includes(`category:${p}`); p = parentOf.get(p) ?? null)
    out.push(`category:${p}`);
  return out;
}

function isOneWord(text: string): boolean {
  return /^[\p{L}\p{N}]+$/u.test(text);
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = slugify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseData<T>(schema: z.ZodType<T>, data: unknown, name: string): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `${name} is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown problem'}`,
    );
  }
  return result.data;
}

interface PhraseHit<T> {
  /** Token index of the first and one past the last token. */
  start: number;
  end: number;
  values: readonly T[];
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  /** Values of the phrase ending here (empty: no phrase ends here). */
  values: T[];
}

/**
 * Multi-word phrases over token sequences, as a trie of tokens: matching at a position walks only as
 * deep as the text goes on matching some phrase, however many phrases share its first tokens.
 */
class PhraseMatcher<T> {
  private readonly root: TrieNode<T> = { next: new Map(), values: [] };

  add(tokens: readonly string[], value: T): void {
    if (tokens.length === 0) return;
    let node = this.root;
    for (const token of tokens) {
      let child = node.next.get(token);
      if (!child) node.next.set(token, (child = { next: new Map(), values: [] }));
      node = child;
    }
    if (!node.values.includes(value)) node.values.push(value);
  }

  /** Every occurrence of every phrase, overlaps included; at each position the longest first. */
  all(tokens: readonly string[]): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const at = this.endsAt(tokens, i);
      for (let j = at.length - 1; j >= 0; j--) hits.push(at[j]!);
    }
    return hits;
  }

  /** Left to right, the longest accepted phrase at each position, skipping tokens already used. */
  longest(
    tokens: readonly string[],
    used: readonly boolean[],
    accept: (hit: PhraseHit<T>) => boolean,
  ): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      let hit: PhraseHit<T> | undefined;
      if (!used[i]) {
        const at = this.endsAt(tokens, i);
        for (let j = at.length - 1; j >= 0 && !hit; j--) {
          const candidate = at[j]!;
          if (!used.slice(candidate.start, candidate.end).some(Boolean) && accept(candidate)) hit = candidate;
        }
      }
      if (hit) {
        hits.push(hit);
        i = hit.end;
      } else i++;
    }
    return hits;
  }

  /** The phrases starting at token `start`, shortest first. */
  private endsAt(tokens: readonly string[], start: number): PhraseHit<T>[] {
    const out: PhraseHit<T>[] = [];
    let node: TrieNode<T> | undefined = this.root;
    for (let i = start; i < tokens.length; i++) {
      node = node.next.get(tokens[i]!);
      if (!node) break;
      if (node.values.length > 0) out.push({ start, end: i + 1, values: node.values });
    }
    return out;
  }
}
