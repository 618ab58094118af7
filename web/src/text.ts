/** Pure text helpers of the explorer: where duties and matched words sit in a text. */
export interface Range {
  start: number;
  end: number;
}

/**
 * The stored text is markdown-ish (bold markers, footnote <sup>, a provenance comment); the reader shows
 * it as plain text, so these marks go and footnote numbers read as [n].
 */
export function readableText(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    .replace(/<sup>\s*([^<]*?)\s*<\/sup>/g, '[$1]')
    .replace(/\*\*/g, '')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for `phrase` that tolerates any run of whitespace where it has one, ignoring case. */
function phrasePattern(phrase: string): RegExp | null {
  const words = phrase.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  return words.length ? new RegExp(words.map(escapeRegExp).join('\\s+'), 'giu') : null;
}

/** Every occurrence of each term (case-insensitive), as ranges in `text`. */
export function termRanges(text: string, terms: readonly string[]): Range[] {
  const ranges: Range[] = [];
  for (const term of new Set(terms.map((t) => t.trim()).filter((t) => t.length > 1))) {
    const pattern = phrasePattern(term);
    if (!pattern) continue;
    for (const match of text.normalize('NFC').matchAll(pattern)) {
      ranges.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  return ranges;
}

/**
 * Where each duty's text stands in the document text, in reading order (null when not found). Duties
 * are searched from the end of the previous one first, so repeated wording lands on the right item.
 */
export function dutyRanges(text: string, duties: ReadonlyArray<{ text: string }>): Array<Range | null> {
  let from = 0;
  return duties.map(({ text: duty }) => {
    const pattern = phrasePattern(duty);
    if (!pattern) return null;
    const find = (start: number) => {
      pattern.lastIndex = start;
      const match = pattern.exec(text);
      return match ? { start: match.index, end: match.index + match[0].length } : null;
    };
    const range = find(from) ?? find(0);
    if (range) from = range.end;
    return range;
  });
}
