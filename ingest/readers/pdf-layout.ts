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
const BLOCK_SHIFT_EM = 8; // a line's start this far from the line above's starts another block

interface Line {
  text: string;
  y: number;
  fontSize: number;
  endX: number;
  /** The text layer put whitespace after the last fragment. */
  spaced: boolean;
  /** The fragments that start after a visible gap (and the first): where (x), and where in `text`. */
  runs: { x: number; at: number }[];
}

function joinFragment(line: Line, item: PdfTextItem): void {
  const gap = item.x - line.endX;
  const size = Math.max(line.fontSize, item.fontSize);
  if (gap > CELL_GAP_EM * size) line.text = `${line.text.trimEnd()} | `;
  else if ((gap > WORD_GAP_EM * size || line.spaced) && !/\s$/.test(line.text) && !/^\s/.test(item.str))
    line.text += ' ';
  if (gap > WORD_GAP_EM * size) line.runs.push({ x: item.x, at: line.text.length });
  line.text += item.str;
  line.endX = Math.max(line.endX, item.x + item.width);
  line.fontSize = size;
  line.spaced = /\s$/.test(item.str);
}

/**
 * The fragments in reading order: top to bottom, and left to right along a baseline. Writers draw a table cell by
 * cell (each cell's lines before the next cell's), which read in drawing order would put the cells one under another.
 */
function readingOrder(items: readonly PdfTextItem[]): PdfTextItem[] {
  const byHeight = [...items].sort((a, b) => b.y - a.y);
  const out: PdfTextItem[] = [];
  for (let i = 0; i < byHeight.length;) {
    const top = byHeight[i]!;
    let j = i + 1;
    while (j < byHeight.length && top.y - byHeight[j]!.y <= SAME_LINE_EM * Math.max(top.fontSize, 1)) j++;
    out.push(...byHeight.slice(i, j).sort((a, b) => a.x - b.x));
    i = j;
  }
  return out;
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
      runs: [{ x: item.x, at: 0 }],
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

/** Run starts this close (pt) are one column's. */
const COLUMN_SLACK = 2.5;
/** A column is a start shared by this many lines of the page. */
const COLUMN_LINES = 3;
/** A grid has at least this many columns; two side by side are a header's or a signature's columns. */
const GRID_COLUMNS = 3;

/** The columns a line's runs start in, by index into `columns` (-1 for a run that starts in none). */
function columnsOf(line: Line, columns: readonly number[]): number[] {
  return line.runs.map((run) => columns.findIndex((x) => Math.abs(x - run.x) <= COLUMN_SLACK));
}

/**
 * A table drawn as a grid, in the page's lines: each row written as one line of " | " cells. Its columns are the
 * x positions where runs of several lines start; a line whose first column is empty goes on with the row above it
 * (a cell's text wrapped onto the next lines). Lines outside a grid are returned as they are.
 */
/** A grid's rows, and the heights (y) of its first and last lines. */
interface Grid {
  rows: string[];
  top: number;
  bottom: number;
}

const isGrid = (l: Line | Grid): l is Grid => 'rows' in l;

function gridRows(lines: Line[]): Array<Line | Grid> {
  const starts = new Map<number, number>();
  for (const line of lines)
    for (const x of new Set(line.runs.map((r) => Math.round(r.x)))) starts.set(x, (starts.get(x) ?? 0) + 1);
  const columns = [...starts]
    .filter(([, n]) => n >= COLUMN_LINES)
    .map(([x]) => x)
    .sort((a, b) => a - b)
    .filter((x, i, all) => i === 0 || x - all[i - 1]! > COLUMN_SLACK);
  // A line of the grid: its runs all start in columns, in two or more of them, or (once the grid has begun) past
  // the first, where a cell's text goes on ("hoàn thành" under "Thời gian").
  const inGrid = (line: Line, started: boolean) => {
    const cols = columnsOf(line, columns);
    return !cols.includes(-1) && (new Set(cols).size >= 2 || (started && cols[0]! > 0));
  };
  const out: Array<Line | Grid> = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j < lines.length && inGrid(lines[j]!, j > i)) j++;
    const run = lines.slice(i, j);
    const used = new Set(run.flatMap((line) => columnsOf(line, columns)));
    if (run.length < 2 || used.size < GRID_COLUMNS) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    // The columns the grid's lines use, in order (another start on the page is no column of this grid).
    const order = [...used].sort((a, b) => a - b);
    const width = order.length;
    const rows: string[][][] = [];
    for (const line of run) {
      const cols = columnsOf(line, columns).map((c) => order.indexOf(c));
      const cells = Array.from({ length: width }, () => '');
      line.runs.forEach((r, k) => {
        const text = line.text.slice(r.at, line.runs[k + 1]?.at ?? line.text.length).replace(/[\s|]+$/, '');
        cells[cols[k]!] = `${cells[cols[k]!]} ${text}`.trim();
      });
      const current = rows[rows.length - 1];
      if (!current || cells[0]) rows.push([cells]);
      else current.push(cells);
    }
    // A drawn cell's lines are wrapped at the column's width, not by its writer: joined by spaces.
    const joined = (row: string[][]) =>
      Array.from({ length: width }, (_, c) =>
        row
          .map((cells) => cells[c]!)
          .filter(Boolean)
          .join(' '),
      )
        .join(' | ')
        .trim();
    out.push({ rows: rows.map(joined), top: run[0]!.y, bottom: run[run.length - 1]!.y });
    i = j;
  }
  return out;
}

function pageText(items: readonly PdfTextItem[]): string {
  // Drawing order keeps side-by-side blocks (the header's two columns) apart; a grid is read in reading order, row
  // by row, and takes the place of its cells' lines.
  const grids = gridRows(pageLines(readingOrder(items))).filter(isGrid);
  const rendered: Array<Line | Grid> = [];
  for (const line of pageLines(items)) {
    const slack = SAME_LINE_EM * line.fontSize;
    const grid = grids.find((g) => line.y <= g.top + slack && line.y >= g.bottom - slack);
    if (!grid) rendered.push(line);
    else if (!rendered.includes(grid)) rendered.push(grid);
  }
  const lines = rendered.filter((l): l is Line => !isGrid(l));
  const steps = lines.slice(1).map((l, i) => lines[i]!.y - l.y);
  const typicalSize = median(lines.map((l) => l.fontSize)) ?? 12;
  const pitch = median(steps.filter((s) => s > 0 && s < 3 * typicalSize)) ?? FALLBACK_PITCH_EM * typicalSize;
  let text = '';
  let previous: Line | Grid | null = null;
  for (const l of rendered) {
    if (previous !== null) {
      if (isGrid(l) || isGrid(previous))
        text += '\n\n'; // a grid is a paragraph of its own, one line per row
      else {
        const step = previous.y - l.y;
        // A line starting far from where the one above starts is another block: a signature in the right half, a
        // centred title.
        const shifted = Math.abs(l.runs[0]!.x - previous.runs[0]!.x) > BLOCK_SHIFT_EM * l.fontSize;
        text += step <= 0 || step > pitch + PARAGRAPH_EXTRA_EM * l.fontSize || shifted ? '\n\n' : '\n';
      }
    }
    text += isGrid(l) ? l.rows.join('\n') : l.text.replace(/\s+/g, ' ').trim();
    previous = l;
  }
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
