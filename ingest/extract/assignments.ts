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
  resolve(mention: AgencyMention): Agency;
  /** Records an agency the document names, with the form it was written in. */
  register(agency: Agency, asWritten: string): void;
  tagCategories(text: string): string[];
}

/** Markup and spacing that the clean text of a block drops: compared past them when locating. */
const SKIPPED = new Set([' ', '\n', '\t', '*', '#', '_', '\\', '|', '>']);
const SUPERSCRIPT = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/;

/**
 * Where the clean `needle` is written in `text[from, to)`: its visible characters in order, with markup,
 * tags (<sup>1</sup>) and line breaks between them allowed. Linear in practice: matching starts only where the
 * first character matches and gives up at the first difference.
 */
export function locate(text: string, needle: string, from: number, to: number): Span | null {
  const want = [...needle].filter((c) => !SKIPPED.has(c));
  if (!want.length) return null;
  for (let s = text.indexOf(want[0]!, from); s >= 0 && s < to; s = text.indexOf(want[0]!, s + 1)) {
    let i = s;
    let k = 0;
    let last = s;
    while (k < want.length && i < to) {
      const c = text[i]!;
      if (c === want[k]) {
        last = i;
        i++;
        k++;
      } else if (c === '<') {
        const close = text.indexOf('>', i);
        if (close < 0 || close - i > 12) break;
        // A footnote mark (<sup>1</sup>) is dropped whole; other tags only as tags.
        const sup = text.startsWith('<sup>', i) ? text.indexOf('</sup>', i) : -1;
        i = sup >= 0 && sup - i < 16 ? sup + 6 : close + 1;
      } else if (c === '\n') {
        // A footnote or page number between two lines of the paragraph is not part of it: step over the line.
        const eol = text.indexOf('\n', i + 1);
        const next = eol < 0 ? text.length : eol;
        i = isAsideLine(text.slice(i + 1, next)) ? next : i + 1;
      } else if (SKIPPED.has(c) || SUPERSCRIPT.test(c)) i++;
      else break;
    }
    if (k === want.length) return [s, last + 1];
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
    for (const { mention, role, action } of d.agencies) {
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
    const deadline = extractDeadline(d.deadlineText ?? d.text);
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
