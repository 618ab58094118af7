/**
 * Citations and agency mentions in the reader: each becomes a link (the cited document, the agency's
 * page), placed by the span extraction stored for it, mapped into the cleaned text the reader shows;
 * a cited symbol written again elsewhere is linked there too. Data stored before spans existed falls
 * back to finding the words as written: the symbol or title of a citation, the agency's mention inside
 * its duty.
 */
import type { Citation, Duty } from '../../../ingest/schema.js';
import { agencyName } from '../agency-names.js';
import { type Child, h } from '../dom.js';
import { t } from '../i18n.js';
import { mapSpan, type Range, type ReadableText, termRanges } from '../text.js';
import { agencyLink, docLink } from './common.js';

export interface TextLink extends Range {
  make: (words: string) => HTMLElement;
}

/** Links for every citation and agency mention placed, without overlaps (earliest, then longest, wins). */
export function readerLinks(
  shown: ReadableText,
  citations: readonly Citation[],
  duties: readonly Duty[],
  dutyRange: ReadonlyArray<Range | null>,
): TextLink[] {
  const { text } = shown;
  const links: TextLink[] = [];
  for (const c of citations) {
    // The span is where extraction read the reference; a symbol written again later links there too.
    const words = c.span ? c.symbol : (c.symbol ?? c.title);
    const placed = [c.span ? mapSpan(shown, c.span) : null, ...(words ? termRanges(text, [words]) : [])];
    for (const r of placed) {
      if (!r) continue;
      links.push({
        ...r,
        make: (written) => {
          const a = docLink(c.key, written, { class: 'citation-link', title: t('doc.openCited') });
          return h('span', { class: `citation relation-${c.relation}` }, a);
        },
      });
    }
  }
  duties.forEach((duty, i) => {
    const within = dutyRange[i];
    for (const a of duty.agencies) {
      const placed = a.span
        ? [mapSpan(shown, a.span)]
        : within
          ? termRanges(text.slice(within.start, within.end), [a.mention]).map((r) => ({
              start: within.start + r.start,
              end: within.start + r.end,
            }))
          : [];
      const { shown: name, other } = agencyName(a);
      for (const r of placed) {
        if (!r) continue;
        links.push({
          ...r,
          make: (written) =>
            h(
              'span',
              { class: 'agency-mention', title: other ? `${name} (${other})` : name },
              agencyLink(a.id, written),
            ),
        });
      }
    }
  });
  links.sort((x, y) => x.start - y.start || y.end - x.end);
  const kept: TextLink[] = [];
  for (const l of links) if (!kept.length || l.start >= kept[kept.length - 1]!.end) kept.push(l);
  return kept;
}

/** The text between `from` and `to` with the links that fall wholly inside it. */
export function linkedSlice(text: string, from: number, to: number, links: readonly TextLink[]): Child[] {
  const out: Child[] = [];
  let at = from;
  for (const l of links) {
    if (l.start < at || l.end > to) continue;
    out.push(text.slice(at, l.start), l.make(text.slice(l.start, l.end)));
    at = l.end;
  }
  out.push(text.slice(at, to));
  return out;
}
