/**
 * Extraction quality against hand-written gold annotations (tests/gold/*.json).
 *
 * `evaluate()` is pure: it scores a Bundle against gold. Run directly (`npm run eval:extract [--json]`) it
 * extracts the whole development corpus together (citations resolve across the set) and prints a report.
 *
 * Matching is tolerant of form and strict on identity: text is compared after fold(), symbols after
 * fold + uppercase + no spaces ("CD" = "CĐ"), but a symbol of another year or an agency of another item is
 * a different thing. Extracted items matching an `optional` gold entry count neither way.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  CitationRelation,
  PartialDate,
  Role,
  type Bundle,
  type Citation,
  type ExtractedDocument,
} from '../../ingest/schema.js';
import { fold, squash } from '../../ingest/text/normalize.js';

// ---------------------------------------------------------------------------------------------------------
// Gold format

const GoldSigner = z.strictObject({
  name: z.string().min(1),
  title: z.string().nullable(),
  authority: z.array(z.string()),
});

const GoldHeader = z.strictObject({
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  type: z.string().nullable(),
  issuer: z.string().nullable(),
  province: z.string().nullable(),
  provinceInferred: z.boolean(),
  place: z.string().nullable(),
  issuedAt: PartialDate.nullable(),
  /** Key phrases the extracted subject must contain (folded). */
  subjectIncludes: z.array(z.string().min(1)),
  /** Phrases it must not contain, e.g. stamp text that sits among the subject lines. */
  subjectExcludes: z.array(z.string().min(1)).optional(),
  signer: GoldSigner.nullable(),
  recipientsCount: z.number().int().nonnegative(),
  distributionCount: z.number().int().nonnegative(),
});

const GoldCitation = z
  .strictObject({
    symbol: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    type: z.string().optional(),
    issuedAt: PartialDate.optional(),
    issuer: z.string().optional(),
    /** Symbol of the numbered document this name denotes. */
    resolvesTo: z.string().min(1).optional(),
    relation: CitationRelation.optional(),
    optional: z.boolean().optional(),
  })
  .refine(
    (c) => (c.symbol === undefined) !== (c.name === undefined),
    'give exactly one of "symbol" or "name"',
  )
  .refine((c) => c.optional === true || c.relation !== undefined, '"relation" is required unless optional');

const GoldAssignment = z
  .strictObject({
    path: z.string().min(1),
    agency: z.string().min(1),
    role: Role.optional(),
    optional: z.boolean().optional(),
  })
  .refine((a) => a.optional === true || a.role !== undefined, '"role" is required unless optional');

const GoldDeadline = z.strictObject({
  path: z.string().min(1),
  date: PartialDate,
  optional: z.boolean().optional(),
});

const GoldTarget = z.strictObject({
  text: z.string().min(1),
  value: z.number(),
  valueMax: z.number().optional(),
  optional: z.boolean().optional(),
});

export const Gold = z.strictObject({
  source: z.string().regex(/\.txt$/, 'expected the corpus file name, e.g. "000_….txt"'),
  header: GoldHeader,
  citations: z.array(GoldCitation),
  assignments: z.array(GoldAssignment),
  deadlines: z.array(GoldDeadline),
  targets: z.array(GoldTarget),
});
export type Gold = z.infer<typeof Gold>;
type GoldCitation = z.infer<typeof GoldCitation>;
type GoldAssignment = z.infer<typeof GoldAssignment>;
type GoldDeadline = z.infer<typeof GoldDeadline>;
type GoldTarget = z.infer<typeof GoldTarget>;

/** Bad gold files or a missing corpus: reported to the user as a message, not a stack trace. */
export class EvalInputError extends Error {}

/** Reads and validates every `*.json` in `dir`; each must be named after its source file. */
export async function loadGold(dir: string): Promise<Gold[]> {
  if (!existsSync(dir)) throw new EvalInputError(`gold directory not found: ${dir}`);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new EvalInputError(`no gold files (*.json) in ${dir}`);
  const gold: Gold[] = [];
  for (const file of files) {
    const full = path.join(dir, file);
    const parsed = await readGoldFile(full, Gold);
    if (parsed.source.replace(/\.txt$/, '.json') !== file) {
      throw new EvalInputError(`gold file ${full} describes "${parsed.source}"; name it after its source`);
    }
    gold.push(parsed);
  }
  return gold;
}

/** One gold file, parsed and checked against its schema; any fault is an EvalInputError naming the file. */
export async function readGoldFile<T extends z.ZodType>(file: string, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new EvalInputError(`gold file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new EvalInputError(`gold file ${file} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------------------
// Report

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Accuracy {
  correct: number;
  total: number;
  accuracy: number;
}

export const HEADER_FIELDS = [
  'number',
  'symbol',
  'type',
  'issuer',
  'province',
  'provinceInferred',
  'place',
  'issuedAt',
  'subject',
  'signerName',
  'signerTitle',
  'signerAuthority',
  'recipientsCount',
  'distributionCount',
] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];

export interface HeaderCheck {
  field: HeaderField;
  ok: boolean;
  expected: string;
  actual: string;
}

export type Area = 'document' | 'header' | 'citation' | 'assignment' | 'deadline' | 'target';

/** One thing to look at: a wrong header field, a miss, a false positive, a wrong relation/role … */
export interface Issue {
  source: string;
  area: Area;
  kind: 'wrong' | 'miss' | 'false-positive' | 'duplicate' | 'relation' | 'role' | 'date' | 'unresolved';
  expected: string | null;
  actual: string | null;
}

export interface DocumentReport {
  source: string;
  /** False when the bundle has no document for this gold file (extraction error or not given). */
  found: boolean;
  header: HeaderCheck[];
  citations: Counts;
  assignments: Counts;
  deadlines: Counts;
  targets: Counts;
}

export interface Report {
  documents: DocumentReport[];
  header: { fields: Record<HeaderField, Accuracy>; overall: Accuracy; documentsAllCorrect: number };
  /** relation/date/resolution are measured on matched required citations. */
  citations: Counts & { relation: Accuracy; date: Accuracy; resolution: Accuracy };
  assignments: Counts & { role: Accuracy };
  deadlines: Counts;
  targets: Counts;
  issues: Issue[];
  /** Bundle documents without gold (not scored). */
  unannotated: string[];
}

// ---------------------------------------------------------------------------------------------------------
// Matching

/** 0/0 counts as perfect: no gold and nothing extracted is right. */
function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d;
}

export function counts(tp: number, fp: number, fn: number): Counts {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

export function sumCounts(list: Counts[]): Counts {
  return counts(
    list.reduce((s, c) => s + c.tp, 0),
    list.reduce((s, c) => s + c.fp, 0),
    list.reduce((s, c) => s + c.fn, 0),
  );
}

function accuracy(correct: number, total: number): Accuracy {
  return { correct, total, accuracy: ratio(correct, total) };
}

export interface Matching<G, E> {
  pairs: Array<{ gold: G; extracted: E }>;
  missed: G[];
  falsePositives: E[];
  /** Extra extracted items that denote an already matched gold entry. */
  duplicates: Array<{ gold: G; extracted: E }>;
}

/**
 * Maximum one-to-one matching of required gold entries to extracted items (augmenting paths, so the score
 * does not depend on list order). Leftover extracted items matching an optional entry are ignored.
 */
export function matchItems<G extends { optional?: boolean | undefined }, E>(
  gold: G[],
  extracted: E[],
  matches: (g: G, e: E) => boolean,
): Matching<G, E> {
  const required = gold.filter((g) => g.optional !== true);
  const optional = gold.filter((g) => g.optional === true);
  const edges = required.map((g) => extracted.flatMap((e, i) => (matches(g, e) ? [i] : [])));
  const owner = new Array<number>(extracted.length).fill(-1);
  const augment = (gi: number, seen: boolean[]): boolean => {
    for (const ei of edges[gi] ?? []) {
      if (seen[ei]) continue;
      seen[ei] = true;
      const current = owner[ei] ?? -1;
      if (current === -1 || augment(current, seen)) {
        owner[ei] = gi;
        return true;
      }
    }
    return false;
  };
  required.forEach((_, gi) => augment(gi, new Array<boolean>(extracted.length).fill(false)));

  const pairs: Matching<G, E>['pairs'] = [];
  const matched = new Set<number>();
  owner.forEach((gi, ei) => {
    if (gi === -1) return;
    matched.add(gi);
    pairs.push({ gold: required[gi]!, extracted: extracted[ei]! });
  });
  const falsePositives: E[] = [];
  const duplicates: Matching<G, E>['duplicates'] = [];
  extracted.forEach((e, ei) => {
    if (owner[ei] !== -1) return;
    if (optional.some((g) => matches(g, e))) return;
    const same = required.find((g) => matches(g, e));
    if (same) duplicates.push({ gold: same, extracted: e });
    else falsePositives.push(e);
  });
  return { pairs, missed: required.filter((_, gi) => !matched.has(gi)), falsePositives, duplicates };
}

const clean = (s: string): string => squash(fold(s));

/** "1482 /UBND-NC" = "1482/UBND-NC", "38/CD-TTg" = "38/CĐ-TTg". */
export function symbolKey(symbol: string): string {
  return fold(symbol).toUpperCase().replace(/\s+/g, '');
}

/** Function words that carry no identity in a document's name. */
const NAME_STOPWORDS = new Set(
  'va cua ve cac nhung nam so ngay thang tai theo voi cho den tu trong viec la nay'.split(' '),
);

function distinctiveWords(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !NAME_STOPWORDS.has(w));
}

/** Gold name's words all in the extracted type + title (+ year), or a substantial extracted title inside the name. */
function nameMatches(name: string, c: Citation): boolean {
  const goldWords = distinctiveWords(name);
  const haystack = new Set(
    distinctiveWords(`${c.type ?? ''} ${c.title ?? ''} ${c.issuedAt?.slice(0, 4) ?? ''}`),
  );
  if (goldWords.every((w) => haystack.has(w))) return true;
  if (c.title === null) return false;
  const goldSet = new Set(goldWords);
  const titleWords = distinctiveWords(`${c.type ?? ''} ${c.title}`);
  return titleWords.length >= 3 && titleWords.every((w) => goldSet.has(w));
}

/** Keys the bundle gives to a numbered document, so a name resolved to it matches by key. */
function keysBySymbol(bundle: Bundle): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const add = (symbol: string | null, key: string): void => {
    if (symbol === null) return;
    const k = symbolKey(symbol);
    map.set(k, (map.get(k) ?? new Set()).add(key));
  };
  for (const d of bundle.documents) {
    add(d.symbol, d.id);
    for (const c of d.citations) add(c.symbol, c.key);
  }
  for (const c of bundle.citedDocuments) add(c.symbol, c.key);
  return map;
}

function resolvesTo(target: string, c: Citation, keys: Map<string, Set<string>>): boolean {
  if (c.symbol !== null && symbolKey(c.symbol) === symbolKey(target)) return true;
  return keys.get(symbolKey(target))?.has(c.key) ?? false;
}

function citationMatches(g: GoldCitation, c: Citation, keys: Map<string, Set<string>>): boolean {
  if (g.symbol !== undefined) {
    if (c.symbol === null || symbolKey(c.symbol) !== symbolKey(g.symbol)) return false;
    return g.issuedAt === undefined || c.issuedAt?.slice(0, 4) === g.issuedAt.slice(0, 4);
  }
  if (g.resolvesTo !== undefined && resolvesTo(g.resolvesTo, c, keys)) return true;
  return nameMatches(g.name ?? '', c);
}

/**
 * Agency comparison key: folded words, "UBND" spelled out, without a leading "Đề nghị"/"Đối với"/"Giao"/"các",
 * a trailing "(có) liên quan", or a trailing province name / "tỉnh" ("Sở Tư pháp tỉnh Lạng Sơn" = "Sở Tư pháp").
 */
export function agencyKey(text: string, province: string | null): string {
  let s = squash(
    fold(text)
      .replace(/[^a-z0-9]+/g, ' ')
      .replace(/\bubnd\b/g, 'uy ban nhan dan'),
  );
  s = s.replace(/^(de nghi|doi voi|giao) /, '').replace(/^cac /, '');
  s = s.replace(/ (co )?lien quan$/, '');
  const provinceWords = province?.replace(/-/g, ' ');
  if (provinceWords && s.endsWith(` ${provinceWords}`)) s = s.slice(0, -provinceWords.length - 1);
  return s.replace(/ tinh$/, '');
}

/** "II. > 2 >2.3#4" → "II > 2 > 2.3": bullet suffix and trailing dots dropped. */
export function itemPath(p: string): string {
  return p
    .replace(/#\d+/g, '')
    .split('>')
    .map((label) => label.trim().replace(/\.+$/, ''))
    .join(' > ');
}

interface ExtractedPair {
  path: string;
  mention: string;
  name: string;
  role: string;
}

function assignmentPairs(doc: ExtractedDocument): ExtractedPair[] {
  const seen = new Map<string, ExtractedPair>();
  for (const duty of doc.duties) {
    const p = itemPath(duty.path);
    for (const a of duty.agencies) {
      const id = `${p}|${a.id || agencyKey(a.mention, doc.province)}`;
      if (!seen.has(id)) seen.set(id, { path: p, mention: a.mention, name: a.name, role: a.role });
    }
  }
  return [...seen.values()];
}

interface ExtractedDeadline {
  path: string;
  date: string;
}

function deadlines(doc: ExtractedDocument): ExtractedDeadline[] {
  const seen = new Map<string, ExtractedDeadline>();
  for (const duty of doc.duties) {
    if (duty.deadline === null) continue;
    const d = { path: itemPath(duty.path), date: duty.deadline };
    seen.set(`${d.path}|${d.date}`, d);
  }
  return [...seen.values()];
}

interface ExtractedTarget {
  text: string;
  value: number;
  valueMax: number | null;
}

function targets(doc: ExtractedDocument): ExtractedTarget[] {
  const seen = new Map<string, ExtractedTarget>();
  for (const t of [...doc.targets, ...doc.duties.flatMap((d) => d.targets)]) {
    const key = `${clean(t.text)}|${t.value}|${t.valueMax}`;
    if (!seen.has(key)) seen.set(key, { text: t.text, value: t.value, valueMax: t.valueMax });
  }
  return [...seen.values()];
}

/** A target is identified by its figure(s); the gold text only tells a reader which phrase it is. */
function targetMatches(g: GoldTarget, t: ExtractedTarget): boolean {
  return g.value === t.value && (g.valueMax === undefined || g.valueMax === t.valueMax);
}

// ---------------------------------------------------------------------------------------------------------
// Header

const show = (v: unknown): string => JSON.stringify(v ?? null);
const sameText = (a: string | null, b: string | null): boolean =>
  a === null || b === null ? a === b : clean(a) === clean(b);
const issuerText = (s: string | null): string | null =>
  s === null ? null : clean(s).replace(/\s*\/\s*/g, ' / ');

function checkHeader(g: Gold['header'], d: ExtractedDocument | undefined): HeaderCheck[] {
  const signer = d?.signer ?? null;
  const subject = d?.subject ? clean(d.subject) : null;
  const checks: Array<[HeaderField, boolean, unknown, unknown]> = [
    [
      'number',
      d !== undefined && (d.number === null ? null : squash(d.number)) === g.number,
      g.number,
      d?.number,
    ],
    [
      'symbol',
      d !== undefined &&
        (d.symbol === null || g.symbol === null
          ? d.symbol === g.symbol
          : symbolKey(d.symbol) === symbolKey(g.symbol)),
      g.symbol,
      d?.symbol,
    ],
    ['type', d !== undefined && sameText(d.type, g.type), g.type, d?.type],
    ['issuer', d !== undefined && issuerText(d.issuer) === issuerText(g.issuer), g.issuer, d?.issuer],
    ['province', d !== undefined && d.province === g.province, g.province, d?.province],
    [
      'provinceInferred',
      d !== undefined && d.provinceInferred === g.provinceInferred,
      g.provinceInferred,
      d?.provinceInferred,
    ],
    ['place', d !== undefined && sameText(d.place, g.place), g.place, d?.place],
    ['issuedAt', d !== undefined && d.issuedAt === g.issuedAt, g.issuedAt, d?.issuedAt],
    [
      'subject',
      subject !== null &&
        g.subjectIncludes.every((p) => subject.includes(clean(p))) &&
        (g.subjectExcludes ?? []).every((p) => !subject.includes(clean(p))),
      { includes: g.subjectIncludes, excludes: g.subjectExcludes ?? [] },
      d?.subject,
    ],
    [
      'signerName',
      d !== undefined && sameText(signer?.name ?? null, g.signer?.name ?? null),
      g.signer?.name,
      signer?.name,
    ],
    [
      'signerTitle',
      d !== undefined && sameText(signer?.title ?? null, g.signer?.title ?? null),
      g.signer?.title,
      signer?.title,
    ],
    [
      'signerAuthority',
      d !== undefined &&
        show((signer?.authority ?? []).map(clean)) === show((g.signer?.authority ?? []).map(clean)),
      g.signer?.authority ?? [],
      signer?.authority ?? [],
    ],
    ['recipientsCount', d?.recipients.length === g.recipientsCount, g.recipientsCount, d?.recipients.length],
    [
      'distributionCount',
      d?.distribution.length === g.distributionCount,
      g.distributionCount,
      d?.distribution.length,
    ],
  ];
  return checks.map(([field, ok, expected, actual]) => ({
    field,
    ok,
    expected: show(expected),
    actual: show(actual),
  }));
}

// ---------------------------------------------------------------------------------------------------------
// evaluate()

const describeCitation = (c: Citation): string =>
  `${c.symbol ?? [c.type, c.title].filter(Boolean).join(' ')} (${c.issuedAt ?? 'no date'}, ${c.relation}, key ${c.key})`;
const describeGoldCitation = (g: GoldCitation): string =>
  `${g.symbol ?? g.name} (${g.issuedAt ?? 'no date'}, ${g.relation ?? '-'})`;
const describePair = (p: {
  path: string;
  agency?: string;
  mention?: string;
  role?: string | undefined;
}): string => `[${p.path}] ${p.agency ?? p.mention} (${p.role ?? '-'})`;

/** Scores `bundle` against `gold`; documents are paired by file name (basename of `source`). */
export function evaluate(bundle: Bundle, gold: Gold[]): Report {
  const issues: Issue[] = [];
  const keys = keysBySymbol(bundle);
  const byName = new Map(bundle.documents.map((d) => [path.basename(d.source), d]));
  const goldNames = new Set(gold.map((g) => g.source));
  const relation = { correct: 0, total: 0 };
  const date = { correct: 0, total: 0 };
  const resolution = { correct: 0, total: 0 };
  const role = { correct: 0, total: 0 };

  const documents = gold.map((g): DocumentReport => {
    const source = g.source;
    const doc = byName.get(source);
    const issue = (area: Area, kind: Issue['kind'], expected: string | null, actual: string | null): void => {
      issues.push({ source, area, kind, expected, actual });
    };
    if (!doc) {
      const error = bundle.errors.find((e) => path.basename(e.source) === source);
      issue('document', 'miss', source, error ? `${error.code}: ${error.message}` : 'not in the bundle');
    }

    const header = checkHeader(g.header, doc);
    for (const h of header) if (!h.ok) issue('header', 'wrong', `${h.field} = ${h.expected}`, h.actual);

    // Citations: one per distinct key, as the graph would hold them.
    const firstByKey = new Map<string, Citation>();
    for (const c of doc?.citations ?? []) if (!firstByKey.has(c.key)) firstByKey.set(c.key, c);
    const cm = matchItems(g.citations, [...firstByKey.values()], (gc, c) => citationMatches(gc, c, keys));
    for (const { gold: gc, extracted: c } of cm.pairs) {
      relation.total++;
      if (gc.relation === c.relation) relation.correct++;
      else issue('citation', 'relation', describeGoldCitation(gc), describeCitation(c));
      if (gc.issuedAt !== undefined) {
        date.total++;
        if (c.issuedAt === gc.issuedAt) date.correct++;
        else issue('citation', 'date', describeGoldCitation(gc), describeCitation(c));
      }
      if (gc.resolvesTo !== undefined) {
        resolution.total++;
        if (resolvesTo(gc.resolvesTo, c, keys)) resolution.correct++;
        else issue('citation', 'unresolved', `${gc.name} = ${gc.resolvesTo}`, describeCitation(c));
      }
    }
    for (const gc of cm.missed) issue('citation', 'miss', describeGoldCitation(gc), null);
    for (const c of cm.falsePositives) issue('citation', 'false-positive', null, describeCitation(c));
    for (const d of cm.duplicates)
      issue('citation', 'duplicate', describeGoldCitation(d.gold), describeCitation(d.extracted));

    // Assignments: unique (item path, agency) pairs.
    const province = g.header.province;
    const am = matchItems(g.assignments, doc ? assignmentPairs(doc) : [], (ga: GoldAssignment, e) => {
      if (itemPath(ga.path) !== e.path) return false;
      const k = agencyKey(ga.agency, province);
      return k === agencyKey(e.mention, province) || k === agencyKey(e.name, province);
    });
    for (const { gold: ga, extracted: e } of am.pairs) {
      role.total++;
      if (ga.role === e.role) role.correct++;
      else issue('assignment', 'role', describePair(ga), describePair(e));
    }
    for (const ga of am.missed) issue('assignment', 'miss', describePair(ga), null);
    for (const e of am.falsePositives)
      issue('assignment', 'false-positive', null, `${describePair(e)} = ${e.name}`);
    for (const d of am.duplicates)
      issue('assignment', 'duplicate', describePair(d.gold), describePair(d.extracted));

    const dm = matchItems(
      g.deadlines,
      doc ? deadlines(doc) : [],
      (gd: GoldDeadline, e) => itemPath(gd.path) === e.path && gd.date === e.date,
    );
    for (const gd of dm.missed) issue('deadline', 'miss', `[${gd.path}] ${gd.date}`, null);
    for (const e of [...dm.falsePositives, ...dm.duplicates.map((d) => d.extracted)]) {
      issue('deadline', 'false-positive', null, `[${e.path}] ${e.date}`);
    }

    const tm = matchItems(g.targets, doc ? targets(doc) : [], targetMatches);
    for (const gt of tm.missed) issue('target', 'miss', `${gt.text} (${gt.value})`, null);
    for (const e of [...tm.falsePositives, ...tm.duplicates.map((d) => d.extracted)]) {
      issue('target', 'false-positive', null, `${e.text} (${e.value})`);
    }

    const score = (m: Matching<unknown, unknown>): Counts =>
      counts(m.pairs.length, m.falsePositives.length + m.duplicates.length, m.missed.length);
    return {
      source,
      found: doc !== undefined,
      header,
      citations: score(cm),
      assignments: score(am),
      deadlines: score(dm),
      targets: score(tm),
    };
  });

  const fields = Object.fromEntries(
    HEADER_FIELDS.map((field) => {
      const checks = documents.map((d) => d.header.find((h) => h.field === field)!);
      return [field, accuracy(checks.filter((h) => h.ok).length, checks.length)];
    }),
  ) as Record<HeaderField, Accuracy>;
  const allChecks = documents.flatMap((d) => d.header);

  return {
    documents,
    header: {
      fields,
      overall: accuracy(allChecks.filter((h) => h.ok).length, allChecks.length),
      documentsAllCorrect: documents.filter((d) => d.header.every((h) => h.ok)).length,
    },
    citations: {
      ...sumCounts(documents.map((d) => d.citations)),
      relation: accuracy(relation.correct, relation.total),
      date: accuracy(date.correct, date.total),
      resolution: accuracy(resolution.correct, resolution.total),
    },
    assignments: {
      ...sumCounts(documents.map((d) => d.assignments)),
      role: accuracy(role.correct, role.total),
    },
    deadlines: sumCounts(documents.map((d) => d.deadlines)),
    targets: sumCounts(documents.map((d) => d.targets)),
    issues,
    unannotated: bundle.documents.map((d) => path.basename(d.source)).filter((s) => !goldNames.has(s)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Corpus run

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/corpus');
export const GOLD_DIR = path.resolve(REPO_ROOT, 'tests/gold');

/** Extracts every corpus `*.txt` together (so citations resolve across the set) and scores the annotated ones. */
export async function evaluateCorpus(corpusDir = CORPUS_DIR, goldDir = GOLD_DIR): Promise<Report> {
  if (!existsSync(corpusDir)) throw new EvalInputError(`corpus directory not found: ${corpusDir}`);
  const gold = await loadGold(goldDir);
  const files = (await readdir(corpusDir)).filter((f) => f.endsWith('.txt')).sort();
  const absent = gold.filter((g) => !files.includes(g.source)).map((g) => g.source);
  if (absent.length > 0)
    throw new EvalInputError(`gold refers to files missing from ${corpusDir}: ${absent.join(', ')}`);
  let pipeline: typeof import('../../ingest/pipeline.js');
  try {
    pipeline = await import('../../ingest/pipeline.js');
  } catch (err) {
    throw new EvalInputError(`cannot load the extractor (ingest/pipeline.ts): ${(err as Error).message}`);
  }
  const { bundle } = await pipeline.extractFiles(files.map((f) => path.join(corpusDir, f)));
  return evaluate(bundle, gold);
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const frac = (a: Accuracy): string => `${pct(a.accuracy)} (${a.correct}/${a.total})`;
const prf = (c: Counts): string =>
  `P ${pct(c.precision)}  R ${pct(c.recall)}  F1 ${pct(c.f1)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;

/** Plain-text report for the console. */
export function formatReport(r: Report): string {
  const lines: string[] = [`Header fields (${r.documents.length} documents)`];
  for (const field of HEADER_FIELDS) lines.push(`  ${field.padEnd(18)} ${frac(r.header.fields[field])}`);
  lines.push(
    `  ${'overall'.padEnd(18)} ${frac(r.header.overall)}; all fields right on ${r.header.documentsAllCorrect}/${r.documents.length} documents`,
  );
  lines.push(
    '',
    `Citations    ${prf(r.citations)}`,
    `             relation ${frac(r.citations.relation)}, date ${frac(r.citations.date)}, name resolution ${frac(r.citations.resolution)}`,
    `Assignments  ${prf(r.assignments)}`,
    `             role ${frac(r.assignments.role)}`,
    `Deadlines    ${prf(r.deadlines)}`,
    `Targets      ${prf(r.targets)}`,
    '',
    'Per document',
  );
  const pr = (c: Counts): string => `${pct(c.precision)} / ${pct(c.recall)}`;
  const row = (cells: string[]): string =>
    `  ${cells.map((c, k) => c.padEnd([26, 10, 18, 18, 18, 0][k] ?? 0)).join('')}`;
  lines.push(row(['document', 'header', 'citations P/R', 'assignments P/R', 'deadlines P/R', 'targets P/R']));
  for (const d of r.documents) {
    const ok = d.header.filter((h) => h.ok).length;
    const header = d.found ? `${ok}/${d.header.length}` : 'missing';
    lines.push(row([d.source, header, pr(d.citations), pr(d.assignments), pr(d.deadlines), pr(d.targets)]));
  }
  if (r.unannotated.length > 0) lines.push(`  not annotated (not scored): ${r.unannotated.join(', ')}`);
  lines.push('', r.issues.length === 0 ? 'No misses or false positives.' : `Issues (${r.issues.length})`);
  for (const i of r.issues) {
    const detail = [
      i.expected !== null ? `expected ${i.expected}` : null,
      i.actual !== null ? `got ${i.actual}` : null,
    ]
      .filter(Boolean)
      .join('; ');
    lines.push(`  ${i.source.slice(0, 3)} ${i.area.padEnd(10)} ${i.kind.padEnd(14)} ${detail}`);
  }
  return lines.join('\n');
}
