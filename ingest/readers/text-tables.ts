/**
 * Tables drawn in plain text, as portals and e-mail copies paste them: box-drawing rules ("┌──┬──┐", "├──┼──┤") or
 * ASCII ones ("+-----+-----+") around "│" / "|" cells, a cell's text wrapped onto the next lines of its row. Each
 * row is written again as one line, its cells joined by " | " as every other reader writes table rows, so the
 * extractor reads the table the same in every format.
 */
/** A rule line: corners, joints and dashes only, at least three of them. */
const RULE = /^\s*[┌├└╔╠╚╒╞╘╓╟╙+|│║]?[─━═\-┬┼┴╦╬╩╤╪╧╥╫╨+\s]{3,}[┐┤┘╗╣╝╕╡╛╖╢╜+|│║]?\s*$/u;
const RULE_CHARS = /[─━═┬┼┴╦╬╩╤╪╧╥╫╨]|-{3,}/u;
/** A table opens with a rule drawn with corners or "+", never a bare dash line (a heading's underline). */
const OPENING = /^\s*[┌╔╒╓+][─━═\-┬╦╤╥+]{3,}/u;
const CELL_LINE = /^\s*[│║┃|]/u;
const BAR = /[│║┃|]/u;

const isRule = (line: string) => RULE.test(line) && RULE_CHARS.test(line);

function cellsOf(line: string): string[] {
  const inner = line
    .trim()
    .replace(/^[│║┃|]/u, '')
    .replace(/[│║┃|]$/u, '');
  return inner.split(BAR).map((cell) => cell.trim());
}

/** The lines between two rules: one row, or several when a line opens a new first cell (a new "STT"). */
function rowsOf(group: string[][]): string[] {
  const rows: string[][][] = [];
  for (const cells of group) {
    const current = rows[rows.length - 1];
    if (!current || (cells[0] && current.some((line) => line[0]))) rows.push([cells]);
    else current.push(cells);
  }
  return rows.map((lines) => {
    const width = Math.max(...lines.map((l) => l.length));
    // The lines of a drawn cell are wrapped at the column's width, not by its writer: joined by spaces.
    const cells = Array.from({ length: width }, (_, c) =>
      lines
        .map((l) => l[c] ?? '')
        .filter(Boolean)
        .join(' '),
    );
    return cells.join(' | ').trim();
  });
}

/** The text with every drawn table written as one line per row; text without one is returned as is. */
export function redrawTextTables(text: string): string {
  if (!/[┌╔╒╓]|\+-{3,}/u.test(text)) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    if (!OPENING.test(lines[i]!)) {
      out.push(lines[i++]!);
      continue;
    }
    let j = i;
    while (j < lines.length && (isRule(lines[j]!) || CELL_LINE.test(lines[j]!))) j++;
    const group: string[][] = [];
    const rows: string[] = [];
    for (const line of lines.slice(i, j)) {
      if (isRule(line)) {
        if (group.length) rows.push(...rowsOf(group.splice(0)));
      } else group.push(cellsOf(line));
    }
    if (group.length) rows.push(...rowsOf(group));
    // A rule alone (a heading's underline of "+---+") is no table: keep the lines.
    const end = Math.max(j, i + 1);
    if (rows.length === 0) out.push(...lines.slice(i, end));
    else out.push(...rows);
    i = end;
  }
  return out.join('\n');
}
