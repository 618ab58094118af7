/**
 * Citations and agency mentions in the reader: each one found in the text becomes a link (the cited
 * document, the agency's page). Extraction spans are offsets into the stored text, which the reader
 * shows cleaned, so places are found by searching the words as written: the symbol or title of a
 * citation, the mention of an agency inside its duty.
 */
import type { Citation, Duty } from '../../../ingest/schema.js';
import { type Child, h } from '../dom.js';
import { t } from '../i18n.js';
import { type Range, termRanges } from '../text.js';
import { agencyLink, docLink } from './common.js';

export interface TextLink extends Range {
  make: (words: string) => HTMLElement;
}

/** Links for every citation and agency mention found, without overlaps (earliest, then longest, wins). */
export function readerLinks(
  text: string,
  citations: readonly Citation[],
  duties: readonly Duty[],
  dutyRange: ReadonlyArray<Range | null>,
): TextLink[] {
  const links: TextLink[] = [];
  for (const c of citations) {
    const words = c.symbol ?? c.title;
    if (!words) continue;
    for (const r of termRanges(text, [words]))
      links.push({
        ...r,
        make: (shown) => {
          const a = docLink(c.key, shown, { class: 'citation-link', title: t('doc.openCited') });
          return h('span', { class: `citation relation-${c.relation}` }, a);
        },
      });
  }
  duties.forEach((duty, i) => {
    const within = dutyRange[i];
    if (!within) return;
    for (const a of duty.agencies) {
      for (const r of termRanges(text.slice(within.start, within.end), [a.mention])) {
        links.push({
          start: within.start + r.start,
          end: within.start + r.end,
          make: (shown) => h('span', { class: 'agency-mention', title: a.name }, agencyLink(a.id, shown)),
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
