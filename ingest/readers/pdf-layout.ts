/**
 * Rebuilds lines and paragraphs from a PDF text layer. pdf.js gives positioned text fragments in drawing
 * order; fragments on one baseline form a line, a wide horizontal gap separates table cells (" | "), and
 * a vertical gap clearly larger than the page's usual line pitch (or a jump back up: the next column or
 * table cell) starts a new paragraph.
 */

/** One text fragment in PDF user space (origin bottom-left, y grows upwards). */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

// Gaps are measured in units of the font size (em).
const SAME_LINE_EM = 0.5; // baseline shift still on the same line (superscripts)
const WORD_GAP_EM = 0.15; // a gap wider than this is a space the text layer did not spell out
const CELL_GAP_EM = 1.5; // a gap wider than this separates table cells / columns
const PARAGRAPH_EXTRA_EM = 0.35; // extra space over the usual pitch that marks a paragraph (6 pt at 13–14 pt)
const FALLBACK_PITCH_EM = 1.25;

interface Line {
  text: string;
  y: number;
  fontSize: number;
  endX: number;
  /** The text layer put whitespace after the last fragment. */
  spaced: boolean;
}

function joinFragment(line: Line, item: PdfTextItem): void {
  const gap = item.x - line.endX;
  const size = Math.max(line.fontSize, item.fontSize);
  if (gap > CELL_GAP_EM * size) line.text = `${line.text.trimEnd()} | `;
  else if ((gap > WORD_GAP_EM * size || line.spaced) && !/\s$/.test(line.text) && !/^\s/.test(item.str))
    line.text += ' ';
  line.text += item.str;
  line.endX = Math.max(line.endX, item.x + item.width);
  line.fontSize = size;
  line.spaced = /\s$/.test(item.str);
}

function pageLines(items: readonly PdfTextItem[]): Line[] {
  const lines: Line[] = [];
  let line: Line | null = null;
  for (const item of items) {
    if (!item.str.trim()) {
      // pdf.js fills gaps with synthetic whitespace items; remember the space, keep measuring from the text.
      if (line && item.str) line.spaced = true;
      continue;
    }
    const size = Math.max(line?.fontSize ?? 0, item.fontSize);
    const sameLine =
      line !== null &&
      Math.abs(item.y - line.y) <= SAME_LINE_EM * size &&
      item.x >= line.endX - SAME_LINE_EM * size;
    if (line && sameLine) {
      joinFragment(line, item);
      continue;
    }
    line = {
      text: item.str,
      y: item.y,
      fontSize: item.fontSize,
      endX: item.x + item.width,
      spaced: /\s$/.test(item.str),
    };
    lines.push(line);
  }
  return lines;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function pageText(items: readonly PdfTextItem[]): string {
  const lines = pageLines(items);
  const steps = lines.slice(1).map((l, i) => lines[i]!.y - l.y);
  const typicalSize = median(lines.map((l) => l.fontSize)) ?? 12;
  const pitch = median(steps.filter((s) => s > 0 && s < 3 * typicalSize)) ?? FALLBACK_PITCH_EM * typicalSize;
  let text = '';
  lines.forEach((l, i) => {
    const clean = l.text.replace(/\s+/g, ' ').trim();
    if (i > 0) {
      const step = lines[i - 1]!.y - l.y;
      text += step <= 0 || step > pitch + PARAGRAPH_EXTRA_EM * l.fontSize ? '\n\n' : '\n';
    }
    text += clean;
  });
  return text.trim();
}

/** Plain text of a PDF's pages: lines kept, paragraphs separated by a blank line, pages likewise. */
export function layoutPages(pages: readonly (readonly PdfTextItem[])[]): string {
  return pages.map(pageText).filter(Boolean).join('\n\n');
}

/** A page number as printed at a page's top or bottom: "2", "- 2 -", "Trang 2", "2/5". */
const PAGE_NUMBER = /^(?:[-–]\s*)?(?:trang\s+)?\d{1,4}(?:\s*\/\s*\d{1,4})?(?:\s*[-–])?$/iu;
/** How many lines at each end of a page may be its running header or footer. */
const EDGE_LINES = 2;

/**
 * Pages joined into one text as the document reads: the lines printed at the same end of several pages (a running
 * header or footer, "Văn phòng UBND tỉnh … – Chỉ thị số …") and page numbers are page furniture, not text; and a
 * paragraph the page break cut (its line ends without a full stop, the next page goes on in lowercase) goes on.
 */
export function joinPages(pages: readonly string[]): string {
  const kept = pages.filter(Boolean).map((page) => page.split('\n'));
  const edges = (lines: string[]) => [
    ...lines.slice(0, EDGE_LINES).map((l) => `top:${l.trim()}`),
    ...lines.slice(-EDGE_LINES).map((l) => `bottom:${l.trim()}`),
  ];
  const seen = new Map<string, number>();
  for (const lines of kept)
    for (const edge of new Set(edges(lines))) seen.set(edge, (seen.get(edge) ?? 0) + 1);
  const running = (where: 'top' | 'bottom', line: string) => {
    const text = line.trim();
    return PAGE_NUMBER.test(text) || (kept.length > 1 && (seen.get(`${where}:${text}`) ?? 0) > 1);
  };
  const bodies = kept.map((lines) => {
    let from = 0;
    let to = lines.length;
    // Blank lines between the furniture and the body go with the furniture.
    const blank = (i: number) => !lines[i]!.trim();
    for (let n = 0; n < EDGE_LINES && from < to && (running('top', lines[from]!) || blank(from));) {
      if (!blank(from)) n++;
      from++;
    }
    for (let n = 0; n < EDGE_LINES && to > from && (running('bottom', lines[to - 1]!) || blank(to - 1));) {
      if (!blank(to - 1)) n++;
      to--;
    }
    return lines.slice(from, to).join('\n');
  });
  let text = '';
  for (const body of bodies.filter(Boolean)) {
    if (!text) text = body;
    // "…, khoáng sản," | "cát, sỏi lòng sông …": one paragraph across the break.
    else text += /[^.;:!?]$/u.test(text) && /^\p{Ll}/u.test(body) ? `\n${body}` : `\n\n${body}`;
  }
  return text;
}
