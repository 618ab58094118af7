/** Pure text helpers of the explorer: where duties and matched words sit in a text. */
export interface Range {
  start: number;
  end: number;
}

/**
 * The stored text is markdown-ish (bold markers, footnote <sup>, a provenance comment); the reader shows
 * it as plain text, so these marks go and footnote numbers read as [n]. Each step is a pattern and its
 * replacement, applied in turn.
 */
const CLEANING: Array<[RegExp, (...groups: string[]) => string]> = [
  [/<!--[\s\S]*?-->\s*/g, () => ''],
  [/<sup>\s*([^<]*?)\s*<\/sup>/g, (_, n) => `[${n}]`],
  [/\*\*/g, () => ''],
  [/^#{1,6}\s+/gm, () => ''],
  [/\n{3,}/g, () => '\n\n'],
  [/^\s+|\s+$/g, () => ''],
];

/** A cleaned text and where each offset of the original lands in it (`at[i]` for original offset i). */
export interface ReadableText {
  text: string;
  at: Int32Array;
}

/** One replacement pass that also maps offsets: inside a replaced match they land after its replacement. */
function replaceTracked(text: string, pattern: RegExp, replace: (...groups: string[]) => string) {
  const at = new Int32Array(text.length + 1);
  let out = '';
  let from = 0;
  for (const match of text.matchAll(pattern)) {
    for (let i = from; i < match.index; i++) at[i] = out.length + (i - from);
    out += text.slice(from, match.index);
    at[match.index] = out.length;
    out += replace(...(match as unknown as string[]));
    for (let i = match.index + 1; i < match.index + match[0].length; i++) at[i] = out.length;
    from = match.index + match[0].length;
  }
  for (let i = from; i <= text.length; i++) at[i] = out.length + (i - from);
  out += text.slice(from);
  return { text: out, at };
}

/** The text as the reader shows it, with the map from stored offsets (extraction spans) into it. */
export function readable(text: string): ReadableText {
  let current = { text, at: Int32Array.from({ length: text.length + 1 }, (_, i) => i) };
  for (const [pattern, replace] of CLEANING) {
    const step = replaceTracked(current.text, pattern, replace);
    current = { text: step.text, at: current.at.map((i) => step.at[i]!) };
  }
  return current;
}

export const readableText = (text: string): string => readable(text).text;

/** A stored span [start, end) as a range of the readable text; null when it is out of bounds or empty. */
export function mapSpan(
  readableText: ReadableText,
  span: readonly [number, number] | undefined,
): Range | null {
  if (!span) return null;
  const [start, end] = span;
  if (start < 0 || end > readableText.at.length - 1 || start >= end) return null;
  const range = { start: readableText.at[start]!, end: readableText.at[end]! };
  return range.start < range.end ? range : null;
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
