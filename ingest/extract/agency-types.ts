/**
 * The agency types of data/agency-types.json (with their abbreviated forms) and how their name patterns become
 * regular expressions over folded text, indexed by their leading words. AgencyResolver (agencies.ts) matches them.
 */
import { z } from 'zod';
// A JSON import, so the compiled CLI (dist/) carries the data too.
import agencyTypesData from '../../data/agency-types.json' with { type: 'json' };
import abbreviationsData from '../../data/agency-abbreviations.json' with { type: 'json' };
import { fold } from '../text/normalize.js';

const AgencyTypeSchema = z.object({
  id: z.string(),
  scope: z.enum(['national', 'regional', 'provincial', 'commune', 'collective']),
  name: z.string(),
  nameEn: z.string(),
  patterns: z.array(z.string()).min(1),
  aliasesEn: z.array(z.string()),
  abbreviations: z.array(z.string()),
  /** A district-level unit's commune-level type, named in the same words ("UBND các huyện, xã"). */
  lowerLevel: z.string().optional(),
  /**
   * Patterns that name a room other commands have too ("Phòng Tham mưu"): in the document of another body that is
   * not a government, they name that body's own room.
   */
  sharedNames: z.array(z.string()).optional(),
  /**
   * A centrally-run city's body is named with "thành phố" where a province's says "tỉnh" ("Thường trực Hội đồng nhân
   * dân thành phố"): each pattern's "tỉnh" also reads "thành phố". Only where no district-level body shares the name.
   */
  cityForm: z.boolean().optional(),
});
export type AgencyType = z.infer<typeof AgencyTypeSchema>;
const AgencyTypesFile = z.object({ types: z.array(AgencyTypeSchema) });

let cachedTypes: AgencyType[] | null = null;
const AbbreviationsFile = z.object({
  fields: z.array(z.object({ name: z.string(), abbreviations: z.array(z.string()).min(1) })),
});

/**
 * Each pattern also as documents abbreviate it ("Sở Lao động - Thương binh và Xã hội" → "Sở LĐ-TB&XH",
 * "Cục Quản lý thị trường tỉnh" → "Cục QLTT tỉnh"): every field name it contains, replaced by each abbreviation.
 */
function withAbbreviations(types: AgencyType[]): AgencyType[] {
  const fields = AbbreviationsFile.parse(abbreviationsData).fields.sort(
    (a, b) => b.name.length - a.name.length,
  );
  return types.map((type) => {
    const patterns = new Set(type.patterns);
    for (const { name, abbreviations } of fields)
      for (const pattern of [...patterns])
        if (pattern.includes(name))
          for (const abbreviation of abbreviations) patterns.add(pattern.replace(name, abbreviation));
    return { ...type, patterns: [...patterns] };
  });
}

/** Each pattern of a `cityForm` type also with "thành phố" for its "tỉnh". */
function withCityForms(types: AgencyType[]): AgencyType[] {
  return types.map((type) =>
    type.cityForm
      ? {
          ...type,
          patterns: [
            ...new Set([
              ...type.patterns,
              ...type.patterns.map((p) => p.replace(/(?<=\s)tỉnh(?=\s|$)/u, 'thành phố')),
            ]),
          ],
        }
      : type,
  );
}

export function loadAgencyTypes(): AgencyType[] {
  cachedTypes ??= withAbbreviations(withCityForms(AgencyTypesFile.parse(agencyTypesData).types));
  return cachedTypes;
}

/**
 * Two-syllable words the agency names write with one capital ("Công an", "Biên phòng", "Hải quan"), lowercased: a
 * name that reaches the capital reaches its lowercase syllable too ("… Bộ Công an (C01)").
 */
let cachedCompounds: Set<string> | null = null;
export function capitalizedCompounds(): Set<string> {
  cachedCompounds ??= new Set(
    loadAgencyTypes().flatMap((t) =>
      [t.name, ...t.patterns].flatMap((p) =>
        [...p.matchAll(/(?<![\p{L}\d])(\p{Lu}\p{Ll}*) (\p{Ll}+)(?![\p{L}\d])/gu)]
          .map((m) => `${m[1]} ${m[2]}`.toLowerCase())
          // A place or a plural after a capital opens the next part of the name, not the word's second syllable.
          .filter(
            (pair) => !/^các |\s(?:tỉnh|thành|khu|xã|huyện|phường|của|và|trên|chi|các|sở|cơ|tổ)$/u.test(pair),
          ),
      ),
    ),
  );
  return cachedCompounds;
}

const REGION = '((?:\\d{1,2})|(?:[ivxl]{1,5}))';

export interface CompiledPattern {
  type: AgencyType;
  regex: RegExp;
  length: number;
  /** Rank in the longest-first order, which breaks ties between matches of one length. */
  rank: number;
}

/**
 * The literal words a pattern opens with: up to its first comma, dash, "và", placeholder or other symbol. The text
 * must show each of them as a whole word (whitespace between) before the pattern's regex can match.
 */
export function leadWords(folded: string): string[] {
  const lead = /^[a-z0-9]+(?: +[a-z0-9]+)*/.exec(folded)?.[0] ?? '';
  // A letter, digit or placeholder straight after the last word would let that word be part of a longer one.
  if (!lead || /[a-z0-9{]/.test(folded.charAt(lead.length)))
    throw new Error(`agency pattern "${folded}" does not open with a whole word`);
  const words = lead.split(/ +/);
  const and = words.indexOf('va');
  return and > 0 ? words.slice(0, and) : words;
}

/** Patterns by their leading words, a node per word: each holds the patterns whose lead ends at it. */
export interface LeadNode {
  patterns: CompiledPattern[];
  next: Map<string, LeadNode>;
}

export const isLetterOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The fields an official name lists ("Lao động - Thương binh và Xã hội", "Văn hóa, Thể thao và Du lịch") are
 * written with a comma, a dash, "&" or "và" between them, whichever the writer picks, and the last "và" is often
 * dropped ("Sở Lao động - Thương binh Xã hội"): any of these stands for any other.
 */
const FIELD_SEPARATOR = '(?:\\s*[,\\-–&]\\s*|\\s+va\\s+)';
const FIELD_AND = `(?:${FIELD_SEPARATOR}|\\s+)`;

/**
 * The kinds of local unit below a province, as documents list them: districts (before July 2025) and communes.
 * `written` gives the orders writers use most, for the consumers that need literal names (search terms, OCR).
 */
const LOCAL_UNITS = {
  districts: {
    kinds: ['thị xã', 'thành phố', 'huyện', 'quận'],
    written: [
      'huyện, thị xã, thành phố',
      'huyện, thành phố, thị xã',
      'huyện, thành phố',
      'huyện, thị xã',
      'quận, huyện',
      'huyện',
    ],
  },
  communes: {
    kinds: ['thị trấn', 'đặc khu', 'phường', 'xã'],
    written: ['xã, phường, thị trấn', 'xã, phường, đặc khu', 'xã, phường', 'phường, xã', 'xã'],
  },
} as const;

/** Kinds of one level, `min` or more of them in any order, with any list separator between them. */
function unitList(level: keyof typeof LOCAL_UNITS, min: 1 | 2): string {
  const kind = `(?:${LOCAL_UNITS[level].kinds.map((k) => fold(k).replace(/ /g, '\\s+')).join('|')})`;
  return `${kind}(?:${FIELD_SEPARATOR}${kind}){${min - 1},3}`;
}

/**
 * "{districts}" / "{communes}": one or more kinds of local unit in any order ("huyện, thị xã, thành phố",
 * "thành phố, thị xã, huyện", "quận, huyện"); "{district-list}" / "{commune-list}": two or more (a bare "Các huyện,
 * thành phố" names the districts' committees, a bare "các huyện" alone names nobody).
 */
const LOCAL_PLACEHOLDERS: Record<string, string> = {
  districts: unitList('districts', 1),
  'district-list': unitList('districts', 2),
  communes: unitList('communes', 1),
  'commune-list': unitList('communes', 2),
};

/** A pattern as it is usually written: each local-unit placeholder in the common orders ("{districts}" → …). */
export function writtenForms(pattern: string): string[] {
  const m = /\{(district|commune)s?(-list)?\}/.exec(pattern);
  if (!m) return [pattern];
  const forms = LOCAL_UNITS[`${m[1] as 'district' | 'commune'}s`].written.filter(
    (w) => !m[2] || w.includes(','),
  );
  return forms.flatMap((w) => writtenForms(pattern.replace(m[0], w)));
}

export function patternToRegex(pattern: string, provinceAlt: string): string {
  // Placeholders go in last: their own regex syntax must not be rewritten by the spacing rules.
  return escapeRegex(fold(pattern))
    .replace(/\s*,\s*|\s+-\s+/g, FIELD_SEPARATOR)
    .replace(/ va /g, FIELD_AND)
    .replace(/ +/g, '\\s+')
    .replace(/\\\{n\\\}/g, REGION)
    .replace(/\\\{province\\\}/g, `(${provinceAlt})`)
    .replace(/\\\{([a-z-]+)\\\}/g, (whole, name: string) => LOCAL_PLACEHOLDERS[name] ?? whole);
}
