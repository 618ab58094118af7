/**
 * Document lifecycle as derived data, pure functions of texts and dates: the relations a document states
 * about the ones it cites (replaces, repeals, amends, guides, implements, basis), the period and effective
 * date it states about itself, and the status that follows for a given day. Stores call these on what
 * they hold (graph/lifecycle-query.ts), so both stores answer with the same code.
 */
import { type Citation, type ExtractedDocument, PartialDate } from '../ingest/schema.js';
import { fold } from '../ingest/text/normalize.js';
import type {
  Evidence,
  Lifecycle,
  LifecycleRelation,
  LifecycleStatus,
  Period,
  RelationKind,
} from './lifecycle-schema.js';

/** Strongest first: a document both cited as basis and replaced is replaced. */
const STRENGTH: Record<RelationKind, number> = {
  replaces: 6,
  repeals: 5,
  amends: 4,
  guides: 3,
  implements: 2,
  basis: 1,
  cites: 0,
};

/** The relation kind a citation's own wording gives (a footnote locates a citation: it "cites"). */
export const BASELINE: Record<Citation['relation'], RelationKind> = {
  basis: 'basis',
  implements: 'implements',
  amends: 'amends',
  replaces: 'replaces',
  according_to: 'cites',
  mention: 'cites',
  footnote: 'cites',
};

/** Folded text with the same UTF-16 offsets as the original (fold maps one NFC character to one). */
function foldAligned(text: string): string {
  const whole = fold(text);
  if (whole.length === text.length) return whole;
  let out = '';
  for (let i = 0; i < text.length; i++) out += (fold(text[i]!) + ' ').slice(0, 1);
  return out;
}

/** Text as a person reads it: no Markdown emphasis or heading marks, no <sup> footnote numbers. */
export function plainSentence(raw: string, max = 320): string {
  const s = raw
    .replace(/<sup>\s*\d+\s*<\/sup>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*|__|^#+\s*/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')} …`;
}

/** Bounds of the sentence around `at`: from the last full stop, semicolon or line break to the next. */
function sentenceAround(text: string, at: number, end: number): [number, number] {
  let start = at;
  while (start > 0 && !/[;\n]/.test(text[start - 1]!) && !/[.!?]\s$/.test(text.slice(start - 2, start)))
    start--;
  let stop = end;
  while (stop < text.length && !/[;\n]/.test(text[stop]!) && !/[.!?](\s|$)/.test(text.slice(stop, stop + 2)))
    stop++;
  return [start, Math.min(text.length, stop + 1)];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the citation is written: its span when extraction gives one, else each occurrence of its symbol or title. */
function occurrences(folded: string, citation: Citation): [number, number][] {
  const span = citation.span;
  if (span && span[1] > span[0] && span[1] <= folded.length) return [span];
  const needle = citation.symbol ?? citation.title;
  if (!needle) return [];
  const pattern = fold(needle)
    .trim()
    .split(/(\s*\/\s*|\s+)/)
    .map((part) =>
      /^\s*\/\s*$/.test(part) ? String.raw`\s*/\s*` : /^\s+$/.test(part) ? String.raw`\s+` : escapeRe(part),
    )
    .join('');
  // A symbol is matched whole ("12/KH-UBND" must not match inside "112/KH-UBND").
  const re = new RegExp(`(?<![\\p{L}\\d])(?:${pattern})(?![\\p{L}\\d])`, 'gu');
  return [...folded.matchAll(re)].map((m) => [m.index, m.index + m[0].length] as [number, number]);
}

// A trigger, then at most a few words naming the cited document ("thay thế Kế hoạch số",
// "sửa đổi, bổ sung một số điều của Quyết định số"), then the reference.
const WORDS_BEFORE = String.raw`(?:[\p{L}\d,]+\s+){0,14}$`;
const TRIGGERS_BEFORE: [RegExp, RelationKind][] = [
  [new RegExp(String.raw`\b(?:bai bo|huy bo)\s+${WORDS_BEFORE}`, 'u'), 'repeals'],
  [new RegExp(String.raw`\bthay the\s+(?:cho\s+)?${WORDS_BEFORE}`, 'u'), 'replaces'],
  [new RegExp(String.raw`\bsua doi(?:,?\s*bo sung)?\s+${WORDS_BEFORE}`, 'u'), 'amends'],
  [new RegExp(String.raw`\bhuong dan(?: thi hanh| thuc hien| trien khai)?\s+${WORDS_BEFORE}`, 'u'), 'guides'],
];
const EXPIRES_AFTER = /^[^;.]{0,160}?\b(?:het hieu luc|bi bai bo|duoc thay the)\b/u;
/** "Kế hoạch này …", "Quyết định này …": the sentence speaks of the document itself. */
const THIS_DOCUMENT =
  /\b(?:ke hoach|quyet dinh|chi thi|thong bao|cong van|van ban|chuong trinh|thong tu|nghi quyet) nay\b/u;

/** The relation one occurrence states, or null when the sentence states none beyond the baseline. */
function kindAt(
  folded: string,
  [start, end]: [number, number],
  sentence: [number, number],
  location: string | null,
): RelationKind | null {
  const before = folded.slice(sentence[0], start);
  if (/^\s*(?:[-+•*#]+\s*)?can cu\b/u.test(before)) return null; // "Căn cứ X sửa đổi Y": X's effect, not ours
  const after = folded.slice(end, sentence[1]);
  // In a numbered item an agency is told what to do ("tham mưu sửa đổi …"); only a sentence about this
  // document, or one that starts with the verb ("Bãi bỏ Quyết định số …"), states its own effect.
  const own =
    location === null ||
    THIS_DOCUMENT.test(before) ||
    /^\s*(?:(?:dieu\s+)?[\divx]+[.)]\s*)?(?:bai bo|huy bo|thay the|sua doi)\b/u.test(before);
  if (!own) return null;
  if (
    EXPIRES_AFTER.test(after) &&
    (location === null || THIS_DOCUMENT.test(folded.slice(sentence[0], sentence[1])))
  )
    return 'repeals';
  for (const [re, kind] of TRIGGERS_BEFORE) {
    if (kind === 'guides' && location !== null) continue; // "hướng dẫn" in an item is a task
    if (re.test(before)) return kind;
  }
  return null;
}

/**
 * The relations a document states about the documents it cites, one per cited document (the strongest),
 * each with the sentence that states it. A footnote locates a citation; it gives no relation of its own.
 */
export function relationsOf(doc: ExtractedDocument): LifecycleRelation[] {
  const folded = foldAligned(doc.text);
  const subject = doc.subject ? fold(doc.subject) : '';
  const best = new Map<string, LifecycleRelation>();
  for (const citation of doc.citations) {
    const location = citation.path;
    const inFootnote = location?.startsWith('footnote') ?? false;
    let kind: RelationKind = inFootnote ? 'cites' : BASELINE[citation.relation];
    let sentence: string | null = null;
    let stated = false;
    for (const span of occurrences(folded, citation)) {
      const bounds = sentenceAround(folded, span[0], span[1]);
      const found = inFootnote ? null : kindAt(folded, span, bounds, location);
      const text = plainSentence(doc.text.slice(bounds[0], bounds[1]));
      if (sentence === null) sentence = text;
      // The sentence that states the relation is the evidence, not the first mention.
      if (found && (STRENGTH[found] > STRENGTH[kind] || (found === kind && !stated))) {
        kind = found;
        sentence = text;
        stated = true;
      }
    }
    // The subject line speaks for the whole document ("V/v bãi bỏ Kế hoạch số …").
    const needle = citation.symbol ? fold(citation.symbol) : null;
    if (needle && subject.includes(needle)) {
      const at = subject.indexOf(needle);
      for (const [re, k] of TRIGGERS_BEFORE)
        if (re.test(subject.slice(0, at)) && STRENGTH[k] > STRENGTH[kind]) {
          kind = k;
          sentence = plainSentence(doc.subject!);
          break;
        }
    }
    const relation: LifecycleRelation = {
      source: doc.id,
      target: citation.key,
      kind,
      sentence: sentence ?? plainSentence(citation.symbol ?? citation.title ?? ''),
      location,
    };
    const held = best.get(citation.key);
    if (!held || STRENGTH[kind] > STRENGTH[held.kind]) best.set(citation.key, relation);
  }
  return [...best.values()];
}

const year = (s: string) => Number.parseInt(s, 10);

/**
 * The period a title states: "giai đoạn 2016 - 2025", "giai đoạn 2021-2025", "đến năm 2030", or for a plan
 * or programme "năm 2026". Law titles carry their year of adoption, not a period.
 */
export function periodOf(title: string | null, type: string | null): Period | null {
  if (!title) return null;
  const f = foldAligned(title);
  const span = (m: RegExpExecArray) => plainSentence(title.slice(m.index, m.index + m[0].length));
  const phase = /giai doan\s+(\d{4})\s*(?:-|–|—|den(?: nam)?)\s*(\d{4})/u.exec(f);
  if (phase) return { from: year(phase[1]!), to: year(phase[2]!), text: span(phase) };
  // "đến năm" from the written words: folded, it is also "tín dụng đen năm 2026".
  const until = /(?:từ năm\s+(\d{4})\s+)?đến năm\s+(\d{4})/u.exec(title.normalize('NFC').toLowerCase());
  if (until) return { from: until[1] ? year(until[1]) : null, to: year(until[2]!), text: span(until) };
  // A single year is the period of a plan or programme; elsewhere it dates the text ("Luật … năm 2024").
  if (!type || !/ke hoach|chuong trinh|de an|chien luoc/u.test(fold(type))) return null;
  const single = /\bnam\s+(\d{4})\b(?!.*\bnam\s+\d{4})/u.exec(f);
  if (single) return { from: year(single[1]!), to: year(single[1]!), text: span(single) };
  return null;
}

const DMY = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})`;
const EFFECTIVE = new RegExp(
  String.raw`co hieu luc(?: thi hanh)?\s+(?:ke\s+)?tu\s+(?:ngay\s+(?:(ky|ban hanh)|${DMY}))`,
  'u',
);

const pad = (n: string) => n.padStart(2, '0');

/** The effective date a text states: "có hiệu lực từ ngày 01/7/2025", "… kể từ ngày ký" (= issue date). */
export function effectiveOf(
  doc: Pick<ExtractedDocument, 'text' | 'issuedAt'>,
): { date: string | null; sentence: string } | null {
  const folded = foldAligned(doc.text);
  const m = EFFECTIVE.exec(folded);
  if (!m) return null;
  const bounds = sentenceAround(folded, m.index, m.index + m[0].length);
  const sentence = plainSentence(doc.text.slice(bounds[0], bounds[1]));
  if (m[1]) return { date: doc.issuedAt, sentence };
  const [d, mo, y] = m[2] ? [m[2], m[3]!, m[4]!] : [m[5]!, m[6]!, m[7]!];
  return { date: `${y}-${pad(mo)}-${pad(d)}`, sentence };
}

/** What a status needs to know of one document. */
export interface DocumentFacts {
  key: string;
  symbol: string | null;
  stub: boolean;
  issuedAt: PartialDate | null;
  effective: { date: string | null; sentence: string } | null;
  period: Period | null;
}

/** Everything known around a document: facts per key and relations stated by the documents held. */
export interface LifecycleWorld {
  facts(key: string): DocumentFacts | undefined;
  relations: readonly LifecycleRelation[];
}

/** A real calendar date (or a valid partial one) no earlier than 1945. */
export function possibleDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || y < 1945) return false;
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  return d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** a < b, comparing only the precision both dates have ("2024" is not before "2024-03"). */
function before(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n);
}

const TERMINATING = new Set<RelationKind>(['replaces', 'repeals']);

/** A cycle of replaces/repeals through `key` (the keys in order), or null. Bounded by the keys it visits. */
function terminationCycle(key: string, relations: readonly LifecycleRelation[]): string[] | null {
  const next = new Map<string, string[]>();
  for (const r of relations)
    if (TERMINATING.has(r.kind) && r.source !== r.target)
      next.set(r.source, [...(next.get(r.source) ?? []), r.target]);
  const seen = new Set<string>([key]);
  const stack: string[][] = [[key]];
  while (stack.length > 0) {
    const path = stack.pop()!;
    for (const to of next.get(path[path.length - 1]!) ?? []) {
      if (to === key) return path;
      if (!seen.has(to)) {
        seen.add(to);
        stack.push([...path, to]);
      }
    }
  }
  return null;
}

/** The status of one document on `today` (YYYY-MM-DD), with its evidence. Never throws on odd data. */
export function statusOf(key: string, world: LifecycleWorld, today: string): Lifecycle {
  const self = world.facts(key) ?? {
    key,
    symbol: null,
    stub: true,
    issuedAt: null,
    effective: null,
    period: null,
  };
  const ev = (
    kind: Evidence['kind'],
    from: DocumentFacts,
    sentence: string | null,
    date: string | null = null,
  ): Evidence => ({ kind, document: from.key, symbol: from.symbol, sentence, date });
  const factsOf = (k: string): DocumentFacts =>
    world.facts(k) ?? { key: k, symbol: null, stub: true, issuedAt: null, effective: null, period: null };
  const conflicts: Evidence[] = [];
  const own: Evidence[] = [];
  // A stated effective date that is no calendar date ("ngày 31/02/2026") is a conflict, never a value.
  const stated = self.effective?.date ?? null;
  const effectiveFrom =
    stated && PartialDate.safeParse(stated).success && possibleDate(stated) ? stated : null;

  if (self.issuedAt && !possibleDate(self.issuedAt)) conflicts.push(ev('impossible-date', self, null, null));
  else if (self.issuedAt && before(today, self.issuedAt))
    conflicts.push(ev('future-date', self, null, self.issuedAt));
  if (stated && !effectiveFrom) conflicts.push(ev('impossible-date', self, self.effective!.sentence, null));
  else if (effectiveFrom && self.issuedAt && before(effectiveFrom, self.issuedAt))
    conflicts.push(ev('chronology', self, self.effective!.sentence, effectiveFrom));
  if (
    self.period &&
    self.period.from !== null &&
    self.period.to !== null &&
    self.period.from > self.period.to
  )
    conflicts.push(ev('impossible-date', self, self.period.text, null));

  const incoming = world.relations.filter((r) => r.target === key);
  for (const r of incoming.filter((r) => r.source === key && STRENGTH[r.kind] >= STRENGTH.amends))
    conflicts.push(ev('self-relation', self, r.sentence));
  const others = incoming.filter((r) => r.source !== key);
  const terminating = others.filter((r) => TERMINATING.has(r.kind));
  const cycle = terminating.length > 0 ? terminationCycle(key, world.relations) : null;
  if (cycle) {
    for (const k of cycle) {
      const by = world.relations.find(
        (r) => r.target === k && TERMINATING.has(r.kind) && cycle.includes(r.source),
      );
      if (by) conflicts.push(ev('cycle', factsOf(by.source), by.sentence, factsOf(by.source).issuedAt));
    }
  }
  for (const r of terminating) {
    const by = factsOf(r.source);
    if (by.issuedAt && self.issuedAt && before(by.issuedAt, self.issuedAt))
      conflicts.push(ev('chronology', by, r.sentence, by.issuedAt));
    else if (by.issuedAt && before(today, by.issuedAt))
      conflicts.push(ev('future-date', by, r.sentence, by.issuedAt));
  }

  if (self.period) own.push(ev('period', self, self.period.text));
  if (self.effective) own.push(ev('effective', self, self.effective.sentence, effectiveFrom));
  const result = (status: LifecycleStatus, evidence: Evidence[]): Lifecycle => ({
    status,
    asOf: today,
    effectiveFrom,
    period: self.period,
    evidence,
  });
  if (conflicts.length > 0) return result('unknown', [...conflicts, ...own]);

  const latest = [...terminating].sort((a, b) =>
    (factsOf(b.source).issuedAt ?? '').localeCompare(factsOf(a.source).issuedAt ?? ''),
  );
  if (latest.length > 0) {
    const evidence = latest.map((r) =>
      ev(
        r.kind === 'replaces' ? 'replaced-by' : 'repealed-by',
        factsOf(r.source),
        r.sentence,
        factsOf(r.source).issuedAt,
      ),
    );
    return result(latest[0]!.kind === 'replaces' ? 'replaced' : 'expired', [...evidence, ...own]);
  }
  const thisYear = Number.parseInt(today.slice(0, 4), 10);
  if (self.period?.to !== null && self.period?.to !== undefined && self.period.to < thisYear)
    return result('expired', own);
  if (effectiveFrom && before(today, effectiveFrom))
    return result('unknown', [
      ev('not-yet-effective', self, self.effective!.sentence, effectiveFrom),
      ...own,
    ]);
  const amenders = others.filter((r) => r.kind === 'amends');
  if (amenders.length > 0) {
    const evidence = amenders.map((r) =>
      ev('amended-by', factsOf(r.source), r.sentence, factsOf(r.source).issuedAt),
    );
    return result('amended', [...evidence, ...own]);
  }
  if (self.stub && !self.period) return result('unknown', [ev('text-not-held', self, null, self.issuedAt)]);
  const issued = self.issuedAt ? [ev('issued', self, null, self.issuedAt)] : [];
  return result('in_force', [...own, ...issued, ev('no-later-document', self, null)]);
}
