/**
 * Province-level units (data/provinces.json): the 63 before the 2025 reform, 34 of which remain after it.
 *
 * The merger mapping follows Nghị quyết 202/2025/QH15 of the National Assembly (12/6/2025) on arranging
 * provincial-level administrative units: 52 units formed 23 new ones, each taking the name of one of them, and
 * 11 were not merged; the new local governments operate from 01/7/2025, which is `mergedAt`. Checked against
 * the resolution as reported by the Kon Tum Department of Justice (sotuphap.kontum.gov.vn) and Lao Động,
 * and the list of 34 names in Nghị quyết 60-NQ/TW (12/4/2025) that the resolution enacted.
 */
import { z } from 'zod';
import raw from '../../data/provinces.json' with { type: 'json' };
import { slugify } from '../text/normalize.js';
import { PhraseGate } from './phrase-gate.js';
import { phraseAt, toPhrase, tokenize, type Phrase, type Token, type TokenizedText } from './tokens.js';

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lowercase-hyphenated slug');

const ProvinceSchema = z.object({
  slug: Slug,
  name: z.string().min(1),
  kind: z.enum(['tỉnh', 'thành phố']),
  nameEn: z.string().min(1),
  current: z.boolean(),
  mergedInto: Slug.nullable(),
  mergedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
    .nullable(),
  aliases: z.array(z.string().min(1)),
  /** Names (the name or an alias) that also mean something else, so they count only after "tỉnh/thành phố/TP". */
  ambiguous: z.array(z.string()).default([]),
  /**
   * Names that, typed without diacritics, are also everyday words ("hoa binh" is peace, "dien bien" is diễn
   * biến): in a question they count only after a place word ("o hoa binh", "in dien bien").
   */
  everyday: z.array(z.string()).default([]),
});
export type Province = z.infer<typeof ProvinceSchema>;

const ProvincesSchema = z.array(ProvinceSchema).superRefine((provinces, ctx) => {
  const bySlug = new Map(provinces.map((p) => [p.slug, p]));
  const owners = new Map<string, string>();
  provinces.forEach((p, index) => {
    const issue = (message: string, field: string) =>
      ctx.addIssue({ code: 'custom', path: [index, field], message });
    if (provinces.findIndex((q) => q.slug === p.slug) !== index) issue(`duplicate slug "${p.slug}"`, 'slug');
    if (slugify(p.name) !== p.slug) issue(`slug "${p.slug}" does not match name "${p.name}"`, 'slug');
    if (p.current !== (p.mergedInto === null))
      issue(`"${p.slug}": a current unit has no mergedInto, a merged one has`, 'mergedInto');
    if ((p.mergedInto === null) !== (p.mergedAt === null))
      issue(`"${p.slug}": mergedAt goes with mergedInto`, 'mergedAt');
    if (p.mergedInto !== null && bySlug.get(p.mergedInto)?.current !== true) {
      issue(`"${p.slug}" is merged into "${p.mergedInto}", which is not a current unit`, 'mergedInto');
    }
    const names = [p.name, ...p.aliases];
    for (const field of ['ambiguous', 'everyday'] as const) {
      for (const name of p[field]) {
        if (!names.includes(name))
          issue(`${field} name "${name}" is not a name or alias of "${p.slug}"`, field);
      }
    }
    for (const name of new Set([...names, p.nameEn].map((n) => toPhrase(n).folded.join(' ')))) {
      const owner = owners.get(name);
      if (owner !== undefined && owner !== p.slug)
        issue(`name "${name}" belongs to both "${owner}" and "${p.slug}"`, 'aliases');
      owners.set(name, p.slug);
    }
  });
});

/** Validates a province list; `source` names the input in the error. */
export function parseProvinces(input: unknown, source: string): Province[] {
  const result = ProvincesSchema.safeParse(input);
  if (!result.success)
    throw new Error(`${source} is not a valid province list:\n${z.prettifyError(result.error)}`);
  return result.data;
}

export interface ProvinceMention {
  slug: string;
  /** Canonical name ("Lạng Sơn"), also for a unit merged since. */
  name: string;
  /** The words as written. */
  matched: string;
  /** Offsets into normalizeText(input). */
  start: number;
  end: number;
}

interface CompiledName {
  phrase: Phrase;
  province: Province;
  ambiguous: boolean;
  everyday: boolean;
}

// Words that introduce a province-level unit, and words that introduce a lower unit or a street/river bearing
// a province's name ("xã Long An", "phố Huế").
const PROVINCE_MARKERS = ['tỉnh', 'thành phố', 'TP'].map(toPhrase);
const OTHER_PLACE_MARKERS = [
  'xã',
  'phường',
  'thị trấn',
  'huyện',
  'quận',
  'thôn',
  'ấp',
  'bản',
  'đặc khu',
  'đường',
  'phố',
  'sông',
  'cầu',
].map(toPhrase);
// Words before a place in a question: "ở / tại Tây Ninh", "in / at Quang Tri", "trên địa bàn Kon Tum".
const QUESTION_PLACE_WORDS = ['ở', 'tại', 'in', 'at', 'địa bàn'].map(toPhrase);

type Style = 'upper' | 'title' | 'lower';
const styleOf = (token: Token): Style => {
  const first = token.text[0] ?? '';
  if (first === first.toLowerCase()) return 'lower';
  return token.text === token.text.toUpperCase() ? 'upper' : 'title';
};

/** True when one of `markers` ends right before token `at`, separated by spaces, a line break or "TP.". */
function markedBy(text: TokenizedText, at: number, markers: Phrase[]): boolean {
  const next = text.tokens[at]!;
  return markers.some((marker) => {
    const from = at - marker.folded.length;
    if (from < 0 || !phraseAt(text, from, marker)) return false;
    const gap = text.text.slice(text.tokens[at - 1]!.end, next.start);
    return /^[\s.]*$/.test(gap) && !/\n\s*\n/.test(gap);
  });
}

function createProvinceFinder(provinces: readonly Province[]) {
  const byFirstWord = new Map<string, CompiledName[]>();
  for (const province of provinces) {
    const seen = new Set<string>();
    for (const name of [province.name, ...province.aliases, province.nameEn]) {
      const phrase = toPhrase(name);
      const key = phrase.lower.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const first = phrase.folded[0]!;
      const entry = {
        phrase,
        province,
        ambiguous: province.ambiguous.includes(name),
        // Its English spelling ("Hoa Binh") is the same letters.
        everyday: province.everyday.some((w) => toPhrase(w).folded.join(' ') === phrase.folded.join(' ')),
      };
      byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), entry]);
    }
  }

  const spacedOnSameLine = (text: TokenizedText, left: Token, right: Token) =>
    /^[ \t]+$/.test(text.text.slice(left.end, right.start));
  const startsLine = (text: TokenizedText, index: number) => {
    const token = text.tokens[index]!;
    const before = text.tokens[index - 1];
    return (
      !before || before.clause !== token.clause || text.text.slice(before.end, token.start).includes('\n')
    );
  };

  /** A bare name counts when it is capitalized and not part of a longer proper name ("Nguyễn Hòa Bình", "Thái Bình Dương"). */
  const bareNameCounts = (text: TokenizedText, at: number, length: number): boolean => {
    const span = text.tokens.slice(at, at + length);
    const styles = new Set(span.map(styleOf));
    if (styles.has('lower')) return false;
    const style: Style = styles.has('title') ? 'title' : 'upper';
    const before = text.tokens[at - 1];
    if (
      before &&
      spacedOnSameLine(text, before, span[0]!) &&
      styleOf(before) === style &&
      !startsLine(text, at - 1)
    )
      return false;
    const after = text.tokens[at + length];
    return !(after && spacedOnSameLine(text, span[span.length - 1]!, after) && styleOf(after) === style);
  };

  // Most texts name no province: those without a name's first words in a row are not tokenized.
  const gate = new PhraseGate([...byFirstWord.values()].flatMap((names) => names.map((n) => n.phrase)));
  /**
   * In a question typed without capitals ("o tay ninh ai …", "… trong nhan dan binh phuoc") a lowercase name
   * counts too; one that is also an everyday word only after a place word, unless typed with its diacritics.
   */
  const typedNameCounts = (text: TokenizedText, at: number, name: CompiledName): boolean =>
    !name.everyday || text.accented || markedBy(text, at, QUESTION_PLACE_WORDS);

  const find = (input: string, question = false): ProvinceMention[] => {
    if (!gate.mayMatch(input)) return [];
    const text = tokenize(input);
    const found: { at: number; length: number; name: CompiledName }[] = [];
    text.tokens.forEach((token, at) => {
      for (const name of byFirstWord.get(token.folded) ?? []) {
        if (phraseAt(text, at, name.phrase)) found.push({ at, length: name.phrase.folded.length, name });
      }
    });
    // Two names sharing a word ("Thái Bình" and "Bình Dương" in "Thái Bình Dương") are one longer proper name.
    type Span = { at: number; length: number };
    const contains = (x: Span, y: Span) => x.at <= y.at && y.at + y.length <= x.at + x.length;
    const straddled = (a: Span) =>
      found.some(
        (b) => b.at < a.at + a.length && a.at < b.at + b.length && !contains(a, b) && !contains(b, a),
      );
    const candidates = found
      .filter(({ at, length, name }) =>
        markedBy(text, at, PROVINCE_MARKERS)
          ? true
          : !name.ambiguous &&
            !markedBy(text, at, OTHER_PLACE_MARKERS) &&
            !straddled({ at, length }) &&
            (bareNameCounts(text, at, length) || (question && typedNameCounts(text, at, name))),
      )
      .map(({ at, length, name }) => ({ at, length, province: name.province }));
    // Longest names first ("Thừa Thiên Huế" over "Huế"), then text order.
    candidates.sort((a, b) => b.length - a.length || a.at - b.at);
    const taken = new Array<boolean>(text.tokens.length).fill(false);
    const mentions: (ProvinceMention & { at: number })[] = [];
    for (const { at, length, province } of candidates) {
      if (taken.slice(at, at + length).some(Boolean)) continue;
      taken.fill(true, at, at + length);
      const start = text.tokens[at]!.start;
      const end = text.tokens[at + length - 1]!.end;
      mentions.push({
        at,
        slug: province.slug,
        name: province.name,
        matched: text.text.slice(start, end),
        start,
        end,
      });
    }
    return mentions.sort((a, b) => a.at - b.at).map(({ at: _at, ...mention }) => mention);
  };
  return { find, mayMatch: (input: string) => gate.mayMatch(input) };
}

const provinces = parseProvinces(raw, 'data/provinces.json');
const bySlug = new Map(provinces.map((p) => [p.slug, p]));
const finder = createProvinceFinder(provinces);

export function allProvinces(): readonly Province[] {
  return provinces;
}

export function provinceBySlug(slug: string): Province | undefined {
  return bySlug.get(slug);
}

/**
 * Every province named in the text, in order: after "tỉnh", "thành phố" or "TP." in any case, or on its own
 * when capitalized ("Lạng Sơn, ngày …", "Công an Bình Thuận"); diacritics are optional in text typed without them.
 */
export function findProvinceMentions(text: string): ProvinceMention[] {
  return finder.find(text);
}

/**
 * Every province a user's question names: as in a text, and also in lower case, as questions are typed without
 * an input method ("o dong thap co quan nao …"; names that are everyday words need "ở / tại / in" before them).
 */
export function findProvincesInQuery(query: string): ProvinceMention[] {
  return finder.find(query, true);
}

/** The first province named in the text, or null. */
export function findProvinceInText(text: string): { slug: string; name: string } | null {
  const [first] = finder.find(text);
  return first ? { slug: first.slug, name: first.name } : null;
}

/**
 * False only when no part of the text can name a province (no name's first words in a row anywhere in it): a
 * text that fails it holds no sentence or phrase findProvinceInText() would read a province in. One pass over
 * the words, no tokenizing.
 */
export function mayNameProvince(text: string): boolean {
  return finder.mayMatch(text);
}

/** The current unit a province belongs to since the 2025 reform (itself if it was not merged); null if unknown. */
export function successorOf(slug: string): string | null {
  const province = bySlug.get(slug);
  if (!province) return null;
  return province.mergedInto ?? province.slug;
}

/** The units merged into a current one ("lam-dong" → ["dak-nong", "binh-thuan"]). */
export function predecessorsOf(slug: string): string[] {
  return provinces.filter((p) => p.mergedInto === slug).map((p) => p.slug);
}

/**
 * Each province's names as file-name words: slugs of its name and aliases ("lang-son"), and those squashed
 * ("langson"); not the names that also mean something else ("Hồ Chí Minh" is also a person).
 */
const sourceNames: { slug: string; words: string[] }[] = provinces.flatMap((p) =>
  [...new Set([p.name, ...p.aliases].filter((n) => !p.ambiguous.includes(n)).map(slugify))].flatMap((s) => [
    { slug: p.slug, words: s.split('-') },
    ...(s.includes('-') ? [{ slug: p.slug, words: [s.replace(/-/g, '')] }] : []),
  ]),
);

/**
 * The province a document's file name, or the folder holding it, names: what a user who saved a portal page as
 * "lang-son-463-ubnd-nc-2019.txt" or under "kon-tum/" knows about a text that never names its province. Only
 * whole words count (split at "-", "_", ".", spaces; diacritics optional): "Lạng Sơn", "lang-son", "langson".
 * Null when no province is named, or more than one.
 */
export function findProvinceInSource(source: string): { slug: string; name: string } | null {
  const parts = source.split(/[\\/]/).filter(Boolean);
  const file = (parts.at(-1) ?? '').replace(/\.[a-z0-9]{1,5}$/i, '');
  const found = new Set<string>();
  for (const part of [file, parts.at(-2) ?? '']) {
    const words = slugify(part).split('-');
    for (const { slug, words: name } of sourceNames) {
      for (let at = 0; at + name.length <= words.length; at++)
        if (name.every((w, k) => words[at + k] === w)) found.add(slug);
    }
  }
  if (found.size !== 1) return null;
  const province = bySlug.get([...found][0]!)!;
  return { slug: province.slug, name: province.name };
}
