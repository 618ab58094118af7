/**
 * Raw duties (items, prose frames, table rows) → Duty records: agencies resolved to canonical ones and kept as
 * written, spans located in the document's one normalized text, deadlines read. Pure.
 */
import type { Agency, AgencyRef, Duty, Span } from '../schema.js';
import type { AgencyMention } from './agencies.js';
import { isAsideLine } from './blocks.js';
import type { RawDuty } from './duties.js';
import { extractDeadline, extractTargets } from './targets.js';

export interface AssignmentContext {
  /** The document's normalized text (spans index it). */
  text: string;
  documentId: string;
  /** The document's date: the year of a deadline written without one ("trước 30/9"). */
  issuedAt: string | null;
  resolve(mention: AgencyMention): Agency;
  /** Records an agency the document names, with the form it was written in. */
  register(agency: Agency, asWritten: string): void;
  tagCategories(text: string): string[];
}

/** Markup and spacing that the clean text of a block drops (" \n\t*#_\\|>"): compared past them when locating. */
function isSkipped(c: number): boolean {
  return (
    c === 32 || c === 10 || c === 9 || c === 42 || c === 35 || c === 95 || c === 92 || c === 124 || c === 62
  );
}
/** ⁰¹²³⁴⁵⁶⁷⁸⁹ */
function isSuperscript(c: number): boolean {
  return c === 0xb9 || c === 0xb2 || c === 0xb3 || c === 0x2070 || (c >= 0x2074 && c <= 0x2079);
}
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Index of the needle's next visible character from k (needle.length when none is left). */
function visibleFrom(needle: string, k: number): number {
  while (k < needle.length && isSkipped(needle.charCodeAt(k))) k++;
  return k;
}

/** Characters locate() does not compare as themselves in every case. */
const APART = /[\n<\ud800-\udfff]/;

/** Index of the needle's last visible character (one exists). */
function lastVisible(needle: string): number {
  let k = needle.length - 1;
  while (isSkipped(needle.charCodeAt(k))) k--;
  return k;
}

/**
 * Where the clean `needle` is written in `text[from, to)`: its visible characters in order, with markup,
 * tags (<sup>1</sup>) and line breaks between them allowed. Linear in practice: matching starts only where the
 * first character matches and gives up at the first difference. Compared by code unit in place (no copy of the
 * needle); a character outside the BMP is never located in the text, as it never was when compared whole.
 */
export function locate(text: string, needle: string, from: number, to: number): Span | null {
  const k0 = visibleFrom(needle, 0);
  if (k0 === needle.length) return null;
  const first = needle[k0]!;
  // Where the needle is written verbatim, the steps below match it unit by unit (its markup and spaces against the
  // same characters in the text): a native comparison gives their answer, when the needle opens with a visible
  // character and holds no character those steps treat apart (line break, "<", surrogate).
  const lastShown = k0 === 0 && !APART.test(needle) ? lastVisible(needle) : -1;
  for (let s = text.indexOf(first, from); s >= 0 && s < to; s = text.indexOf(first, s + 1)) {
    if (lastShown >= 0 && text.startsWith(needle, s)) {
      if (s + lastShown < to) return [s, s + lastShown + 1];
      continue;
    }
    let i = s;
    let k = k0;
    let last = s;
    while (k < needle.length && i < to) {
      const c = text.charCodeAt(i);
      if (c === needle.charCodeAt(k)) {
        // A needle with a surrogate pair is never located: a match reaches every visible unit of the needle, so
        // checking the pairs it reaches (not the whole needle first) gives the same answer.
        if (isHighSurrogate(c) && isLowSurrogate(needle.charCodeAt(k + 1))) return null;
        last = i;
        i++;
        k = visibleFrom(needle, k + 1);
      } else if (c === 60) {
        // "<"
        const close = text.indexOf('>', i);
        if (close < 0 || close - i > 12) break;
        // A footnote mark (<sup>1</sup>) is dropped whole; other tags only as tags.
        const sup = text.startsWith('<sup>', i) ? text.indexOf('</sup>', i) : -1;
        i = sup >= 0 && sup - i < 16 ? sup + 6 : close + 1;
      } else if (c === 10) {
        // A footnote or page number between two lines of the paragraph is not part of it: step over the line.
        const eol = text.indexOf('\n', i + 1);
        const next = eol < 0 ? text.length : eol;
        i = isAsideLine(text.slice(i + 1, next)) ? next : i + 1;
      } else if (isSkipped(c) || isSuperscript(c)) i++;
      else break;
    }
    if (k === needle.length) return [s, last + 1];
  }
  return null;
}

/** The nearest place before `end` where `needle` is written (an agency inherited from the item's heading). */
function lastBefore(text: string, needle: string, end: number): Span | null {
  let found: Span | null = null;
  for (let from = Math.max(0, end - 20_000); ;) {
    const at = locate(text, needle, from, end);
    if (!at) return found;
    found = at;
    from = at[0] + 1;
  }
}

export function buildDuties(raw: RawDuty[], ctx: AssignmentContext): Duty[] {
  const seen = new Map<string, number>();
  return raw.map((d) => {
    const { start, end } = d.block;
    const span = locate(ctx.text, d.text, start, end);
    const refs = new Map<string, AgencyRef>();
    // "UBND các huyện, xã": one mention, the agencies of both levels.
    const named = d.agencies.flatMap((a) =>
      a.mention.also ? [a, { ...a, mention: { ...a.mention, type: a.mention.also } }] : [a],
    );
    for (const { mention, role, action } of named) {
      const agency = ctx.resolve(mention);
      ctx.register(agency, mention.text);
      if (refs.has(agency.id)) continue;
      // The mention is in the duty text or in the heading before it; look in the duty first.
      const at =
        (span && locate(ctx.text, mention.text, span[0], span[1])) ??
        locate(ctx.text, mention.text, start, end) ??
        lastBefore(ctx.text, mention.text, start);
      refs.set(agency.id, {
        id: agency.id,
        name: agency.name,
        mention: mention.text,
        role,
        typeId: agency.typeId,
        province: agency.province,
        ...(at ? { span: at } : {}),
        resolved: agency.typeId !== null,
        ...(action ? { action } : {}),
      });
    }
    const deadline = extractDeadline(d.deadlineText ?? d.text, ctx.issuedAt);
    const slug = d.path.replace(/ > /g, '.').replace('#', '-').replace(/\s+/g, '-');
    const n = (seen.get(slug) ?? 0) + 1;
    seen.set(slug, n);
    // The text is the document's own characters; the clean reading (markup, footnote marks, page numbers and
    // line breaks dropped) is what readers are shown.
    const written = span ? ctx.text.slice(span[0], span[1]) : d.text;
    return {
      id: `${ctx.documentId}#${n === 1 ? slug : `${slug}~${n}`}`,
      path: d.path,
      heading: d.heading,
      text: written,
      ...(written !== d.text ? { display: d.text } : {}),
      deadline: deadline.date,
      deadlineText: deadline.text,
      ...(span ? { span } : {}),
      agencies: [...refs.values()],
      categories: ctx.tagCategories(`${d.heading ?? ''} ${d.text}`),
      targets: extractTargets(d.text, d.path),
    };
  });
}
