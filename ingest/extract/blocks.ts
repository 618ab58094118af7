/**
 * Turns reader output (markdown-ish plain text) into clean logical blocks.
 *
 * Scans and PDF conversions break paragraphs at page ends, push footnotes into the middle of a
 * sentence and wrap lines; extraction wants whole paragraphs and items. A block is one paragraph,
 * one numbered item or one bullet, with markup removed and wrapped lines joined.
 */
import { isSpaceCode, squash } from '../text/normalize.js';

export interface Block {
  /** Clean text of the block (markup removed, wrapped lines joined). */
  text: string;
  /** Clean lines as they were broken in the source (headers rely on line breaks). */
  lines: string[];
  /** Index of the block's first source line. */
  line: number;
  /** The block started a new paragraph (blank line before it) rather than a new list line. */
  paragraphStart: boolean;
  /** Offsets [start, end) of the block's source lines in the normalized text (spans are located inside). */
  start: number;
  end: number;
  /**
   * The bold words a paragraph opens with before a dash ("**Văn phòng Sở** – Chủ trì …"): Markdown sets a body
   * apart from its task so, where a dash alone could be a hyphen of the name ("Phòng Giáo dục Mầm non - Tiểu học").
   */
  boldLead?: string;
}

export interface Footnote {
  label: string;
  text: string;
}

export interface Prepared {
  /** Every non-empty clean line, in order (header and signature parsing work on lines). */
  lines: string[];
  blocks: Block[];
  footnotes: Footnote[];
}

const SUPERSCRIPT_DIGITS: Record<string, string> = {
  '⁰': '0',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
};

const FOOTNOTE_HTML = /^\s*<sup>\s*\(?(\d{1,3})\)?\s*<\/sup>\s*(\S.*)$/;
const FOOTNOTE_UNICODE = /^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s*(\S.*)$/;
/** Parts above articles and items: "Phần thứ hai", "PHẦN I", "Chương II", "Mục 2" (plans, guides, normative texts). */
export const PART_LABEL = String.raw`(?:Phần|PHẦN)\s+(?:(?:thứ|THỨ)\s+\p{L}+|[IVX]{1,4})[.:]?|(?:Chương|CHƯƠNG|Mục|MỤC)\s+(?:[IVX]{1,4}|\d{1,2})[.:]?`;
/** Lines that start a new block even without a blank line before them. */
export const ITEM_LABEL = new RegExp(
  String.raw`^(?:${PART_LABEL}|Điều\s+\d{1,3}[.:]?|(?:[IVX]{1,4})\.|\d{1,2}(?:\.\d{1,2}){0,3}[.)]|\d{1,2}(?:\.\d{1,2}){1,3}|[a-zđ][.)])\s+\S`,
  'u',
);
export const BULLET = /^[-–+•]\s+\S/;
/** A numbered section heading in capitals ("III. TỔ CHỨC THỰC HIỆN"): the next line in lowercase starts the text. */
const BOLD_LEAD = /^\s*\*\*([^*]+)\*\*\s*-\s+\S/;
const CAPS_HEADING = /^(?:[IVX]{1,4}\.|\d{1,2}(?:\.\d{1,2}){0,3}[.)])\s+[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u;

/** Whether a code unit can start markup stripMarkup() removes: # < * _ \\ or a superscript digit. */
function isMarkupCode(c: number): boolean {
  return (
    c === 35 ||
    c === 60 ||
    c === 42 ||
    c === 95 ||
    c === 92 ||
    c === 0xb9 ||
    c === 0xb2 ||
    c === 0xb3 ||
    c === 0x2070 ||
    (c >= 0x2074 && c <= 0x2079)
  );
}

/** Removes markdown emphasis/headings and inline HTML marks; keeps the words. */
export function stripMarkup(line: string): string {
  // Most lines hold no markup at all: every pattern below needs one of these characters to match.
  let markup = false;
  for (let i = 0; i < line.length && !markup; i++) markup = isMarkupCode(line.charCodeAt(i));
  if (!markup) return line.trimEnd();
  let s = line;
  // Each pass only where its own character is left (a bold line is one pass, not seven).
  if (s.includes('#')) s = s.replace(/^\s*#{1,6}\s+/, '');
  if (s.includes('<'))
    s = s
      .replace(/<sup>[^<]{0,8}<\/sup>/g, '')
      .replace(/<sub>[^<]*<\/sub>/g, '')
      .replace(/<\/?[a-z][^>]*>/gi, '');
  if (SUPERSCRIPT.test(s)) s = s.replace(SUPERSCRIPTS, '');
  if (s.includes('*') || s.includes('_'))
    s = s.replace(/\*{1,3}|(?<![\p{L}\d])_{1,2}|_{1,2}(?![\p{L}\d])/gu, '');
  if (s.includes('\\')) s = s.replace(/\\([\\*_#.-])/g, '$1');
  return s.trimEnd();
}
const SUPERSCRIPT = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/;
const SUPERSCRIPTS = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;

/** Whether a line's first non-blank character can open a footnote ("<sup>", a superscript digit). */
function mayOpenFootnote(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isSpaceCode(c)) continue;
    return c === 60 || c === 0xb9 || c === 0xb2 || c === 0xb3 || c === 0x2070 || (c >= 0x2074 && c <= 0x2079);
  }
  return false;
}

function footnoteOf(raw: string): Footnote | null {
  if (!mayOpenFootnote(raw)) return null;
  const html = FOOTNOTE_HTML.exec(raw);
  if (html) return { label: html[1]!, text: squash(stripMarkup(html[2]!)) };
  const uni = FOOTNOTE_UNICODE.exec(raw);
  if (uni) {
    const label = [...uni[1]!].map((c) => SUPERSCRIPT_DIGITS[c] ?? '').join('');
    return { label, text: squash(stripMarkup(uni[2]!)) };
  }
  return null;
}

const TERMINAL = /[.:;!?…"”)\]]$|\.\/\.$/;

function startsLowercase(text: string): boolean {
  const first = text.match(/\p{L}/u)?.[0];
  return !!first && first === first.toLowerCase() && first !== first.toUpperCase();
}

/** Page/footnote separators, page numbers ("- 2 -") and markdown table rules: no words of the document. */
const NOT_TEXT =
  /^\s*(?:-{3,}|_{3,}|\*{3,}|(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?|\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?)\s*$/;
/** A table row as the readers write it ("| a | b |" in markdown, "a | b | c" from html/docx). */
export function isTableRow(line: string): boolean {
  // On line.trim() = line[start, end), read in place (every line is tested).
  let start = 0;
  let end = line.length;
  while (start < end && isSpaceCode(line.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(line.charCodeAt(end - 1))) end--;
  if (end - start > 1 && line.charCodeAt(start) === 124 && line.charCodeAt(end - 1) === 124) return true;
  // A search for one ASCII character is many times faster than for " | ": most lines have no bar at all.
  if (!line.includes('|')) return false;
  const first = line.indexOf(' | ', start);
  if (first <= start || first + 3 > end) return false;
  const second = line.indexOf(' | ', first + 3);
  return second >= 0 && second + 3 <= end;
}

/** The text holds " | " (a table row's cells): checked for "|" first, which most texts lack (a faster search). */
export function hasCellBar(text: string): boolean {
  return text.includes('|') && text.includes(' | ');
}

/** A line that is not part of the paragraph it interrupts: a footnote, a separator, a page number. */
export function isAsideLine(line: string): boolean {
  return NOT_TEXT.test(line) || footnoteOf(line) !== null;
}

/**
 * What a span of the normalized text shows: footnote lines, separators and markup dropped, lines joined.
 * A duty's text is displayText() of the text at its span.
 */
export function displayText(raw: string): string {
  const shown: string[] = [];
  for (const line of raw.split('\n')) {
    if (isAsideLine(line)) continue;
    shown.push(stripMarkup(line));
  }
  return squash(shown.join(' '));
}

/**
 * squash(stripMarkup(line)) === line, in one scan: no markup character, single spaces between words, none at the
 * ends, no other whitespace (most lines of a text file).
 */
function isCleanCell(line: string): boolean {
  let previousSpace = true;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return false;
      previousSpace = true;
    } else if (isSpaceCode(c) || isMarkupCode(c)) return false;
    else previousSpace = false;
  }
  return !previousSpace;
}

/**
 * How many lines from the top a header's two columns may be set side by side with spaces ("HỘI ĐỒNG NHÂN DÂN
 * ⎵⎵⎵⎵⎵ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); below them a run of spaces is only spacing.
 */
const SIDE_BY_SIDE_LINES = 16;
const COLUMN_GAP = /\t| {4,}/;

/** The "Nơi nhận:" line with the signature's first line beside it (the closing's two columns set apart by spaces). */
const RECEIVED_BESIDE = /^\s*N[oơ]i nh[aậ]n\s*:?(?:\*\*)?(?:\t| {4,})\S/iu;

/**
 * Where each cell of a line set in columns starts, by its first character's column; a wrapped left cell may be
 * indented ("⎵⎵(để phối hợp); ⎵⎵⎵⎵ Phan Thị …"), its indent less than a column gap.
 */
function cellColumns(raw: string): number[] {
  const out: number[] = [];
  for (const m of raw.matchAll(/(?:^\s*|\t| {4,})(?=\S)/g)) out.push(m.index + m[0].length);
  return out;
}

/**
 * The clean cells of a source line (tab-separated columns of a scanned layout, or a header's columns set apart by
 * spaces near the top), empty ones dropped.
 */
function cellsOf(raw: string, index: number, inColumns: boolean): string[] {
  const gap =
    (index < SIDE_BY_SIDE_LINES || inColumns) && COLUMN_GAP.test(raw.trim())
      ? COLUMN_GAP
      : raw.includes('\t')
        ? '\t'
        : null;
  if (!gap) {
    // Most lines are clean but for the spaces a markdown line break leaves at their end.
    const trimmed = raw.trimEnd();
    if (isCleanCell(trimmed)) return [trimmed];
    const cell = squash(stripMarkup(raw));
    return cell ? [cell] : [];
  }
  return raw
    .split(gap)
    .map((c) => squash(stripMarkup(c)))
    .filter(Boolean);
}

/** `input` must already be normalizeText()'d (the readers and extractDocument do it once). */
export function prepare(input: string): Prepared {
  const rawLines = input.split('\n');
  const footnotes: Footnote[] = [];
  const lines: string[] = [];
  const blocks: Block[] = [];
  let current: Omit<Block, 'text'> | null = null;
  let blankBefore = true;

  const flush = () => {
    if (current && current.lines.length) {
      // Its lines are clean cells (squashed, none empty): joined by one space, they are squashed already.
      blocks.push({ ...current, text: current.lines.join(' ') });
    }
    current = null;
  };

  // "Nơi nhận:" with the signature beside it: the lines of the right column are held back and follow the list, so
  // that the signature reads as one block of lines over its name (the header's columns are read interleaved).
  let beside: { at: number; right: string[] } | null = null;
  const endColumns = () => {
    if (beside) lines.push(...beside.right);
    beside = null;
  };
  let offset = 0;
  rawLines.forEach((raw, index) => {
    const lineStart = offset;
    offset += raw.length + 1;
    const note = footnoteOf(raw);
    if (note) {
      footnotes.push(note);
      return; // a footnote interrupts a paragraph without ending it
    }
    if (NOT_TEXT.test(raw)) return;
    const row = isTableRow(raw);
    // Tabs separate the columns of a scanned layout (e.g. a received-stamp beside the text).
    if (!beside && index >= SIDE_BY_SIDE_LINES && RECEIVED_BESIDE.test(raw))
      beside = { at: cellColumns(raw.trimEnd())[1]!, right: [] };
    const cells = cellsOf(raw, index, beside !== null);
    if (!cells.length) {
      blankBefore = true;
      flush();
      endColumns();
      return;
    }
    const columns = beside ? cellColumns(raw.trimEnd()) : [];
    cells.forEach((cell, k) => {
      // A cell starting past the middle of the left column's width is the right column's.
      if (beside && columns.length === cells.length && 2 * columns[k]! >= beside.at) beside.right.push(cell);
      else lines.push(cell);
      const startsItem = ITEM_LABEL.test(cell) || BULLET.test(cell);
      const afterHeading =
        current?.lines.length === 1 && CAPS_HEADING.test(current.lines[0]!) && /\p{Ll}/u.test(cell);
      if (!current || startsItem || blankBefore || cells.length > 1 || row || afterHeading) {
        flush();
        const bold = cells.length === 1 && raw.includes('**') ? BOLD_LEAD.exec(raw) : null;
        current = {
          lines: [cell],
          line: index,
          paragraphStart: blankBefore,
          start: lineStart,
          end: offset - 1,
          ...(bold ? { boldLead: squash(bold[1]!) } : {}),
        };
      } else {
        current.lines.push(cell);
        current.end = offset - 1;
      }
      blankBefore = false;
    });
    // A table row is one block: the next row is another one, not a wrapped line of this one.
    if (cells.length > 1 || row) flush();
  });
  flush();
  endColumns();

  return { lines, blocks: reflow(blocks), footnotes };
}

/** Joins a paragraph cut by a page break: no terminal punctuation, and the next one starts in lowercase. */
function reflow(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const prev = out[out.length - 1];
    const isItem = ITEM_LABEL.test(block.text) || BULLET.test(block.text) || hasCellBar(block.text);
    if (
      prev &&
      !isItem &&
      !TERMINAL.test(prev.text) &&
      startsLowercase(block.text) &&
      prev.text.length > 30
    ) {
      out[out.length - 1] = {
        ...prev,
        text: `${prev.text} ${block.text}`,
        lines: [...prev.lines, ...block.lines],
        end: block.end,
      };
    } else {
      out.push(block);
    }
  }
  return out;
}
