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
