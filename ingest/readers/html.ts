/**
 * HTML → the markdown-ish plain text the extractor reads (same shape as the corpus): blocks become
 * paragraphs separated by a blank line, <br> a line break, <b>/<strong> `**…**`, <sup> stays `<sup>n</sup>`
 * (footnote marks), headings `#`, data-table rows one line with cells joined by " | ". Layout tables (the
 * two-column header "ỦY BAN NHÂN DÂN … | CỘNG HÒA …", the signature block) become one paragraph per cell
 * with the cell's lines kept, because that is how the header reads.
 * Used for .html files and, through mammoth, for .docx.
 */
import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
import { decodeText } from './decode.js';
import { checkHtmlLimits } from './limits.js';
import { romanNumeral } from './numerals.js';

type DomDocument = ReturnType<typeof parseDocument>;
type DomNode = DomDocument['children'][number];
type DomElement = Parameters<typeof DomUtils.getAttributeValue>[0];

// Site chrome and non-text content of saved pages.
const SKIPPED = new Set(
  'head script style nav noscript template iframe object embed svg canvas form button select textarea aside img video audio'.split(
    ' ',
  ),
);
const BLOCKS = new Set(
  'address article blockquote body caption center dd details dialog div dl dt fieldset figcaption figure footer header hgroup hr html legend li main ol p pre section summary table tr ul'.split(
    ' ',
  ),
);
const HEADING = /^h([1-6])$/;
/** A portal page's chrome by its class or id: menus, breadcrumbs, related links, footers, share bars, its logo. */
const CHROME_NAME =
  /(?:^|[\s_-])(?:menu|navbar|breadcrumbs?|related|footer|sidebar|share|social|tags|comments?|banner|logo|masthead)(?:$|[\s_-])/i;

/**
 * Site chrome a saved page keeps around its text: a <footer>, an element named for it, a list of bare links
 * ("Tin liên quan": <li><a>headline</a></li>), whose headlines would read as sentences of the page.
 */
function isChrome(node: DomElement): boolean {
  if (node.name === 'footer') return true;
  if (CHROME_NAME.test(`${node.attribs.class ?? ''} ${node.attribs.id ?? ''}`)) return true;
  if (node.name !== 'ul' && node.name !== 'ol') return false;
  const items = node.children.filter(isElement).filter((c) => c.name === 'li');
  return (
    items.length > 0 &&
    items.every((li) => {
      const kids = li.children.filter(
        (c) => !(c.type === ElementType.Text && !DomUtils.textContent(c).trim()),
      );
      return kids.length === 1 && isElement(kids[0]!) && kids[0].name === 'a';
    })
  );
}
// mammoth writes notes as <li id="footnote-N"> (N is Word's note id, not the printed number).
const NOTE_ITEM = /^(foot|end)note-\d+$/;
const NOTE_BACKLINK = /^#(foot|end)note-ref-/;
const NOTE_REFERENCE = /^#(foot|end)note-\d+$/;
const OFFICE_NOTE_SYMBOL = /^sd(?:foot|end)notesym$/;
// A layout table has at most this many columns; wider tables are data (STT | Nhiệm vụ | Chủ trì | Thời hạn).
const MAX_LAYOUT_COLUMNS = 2;

interface Run {
  text: string;
  bold: boolean;
}

const BULLET_MARKER = '- ';
const TYPED_BULLET = /^\s*[-–+•]\s/u;

/** Collects runs into lines and lines into paragraphs ('' marks a paragraph boundary). */
class Sink {
  private readonly lines: string[] = [];
  private runs: Run[] = [];
  private pendingPrefix = '';

  text(text: string, bold: boolean): void {
    if (this.pendingPrefix && text.trim()) {
      // An item that types its own dash ("<li>- Công an tỉnh;</li>") keeps that one.
      if (!(this.pendingPrefix === BULLET_MARKER && TYPED_BULLET.test(text)))
        this.runs.push({ text: this.pendingPrefix, bold: false });
      this.pendingPrefix = '';
    }
    if (text) this.runs.push({ text, bold });
  }

  /** A marker ("1. ", "# ") put before the next text, however deep that text sits (<li><p>text</p></li>). */
  prefix(marker: string): void {
    this.pendingPrefix = marker;
  }

  clearPrefix(): void {
    this.pendingPrefix = '';
  }

  lineBreak(): void {
    this.lines.push(renderLine(this.runs));
    this.runs = [];
  }

  paragraphBreak(): void {
    if (this.runs.length > 0) this.lineBreak();
    this.lines.push('');
  }

  /** Already rendered text (a table): its own paragraph. */
  block(text: string): void {
    this.paragraphBreak();
    if (text) this.lines.push(...text.split('\n'));
    this.lines.push('');
  }

  result(): string {
    if (this.runs.length > 0) this.lineBreak();
    return this.lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

/** One line: adjacent runs of equal weight merged, whitespace collapsed, bold wrapped tightly in `**`. */
function renderLine(runs: Run[]): string {
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (last && last.bold === run.bold) last.text += run.text;
    else merged.push({ ...run });
  }
  let line = '';
  for (const { text, bold } of merged) {
    const collapsed = text.replace(/\s+/g, ' ');
    const core = collapsed.trim();
    if (!bold || !core) {
      line += collapsed;
      continue;
    }
    const lead = collapsed.startsWith(' ') ? ' ' : '';
    const trail = collapsed.endsWith(' ') ? ' ' : '';
    line += `${lead}**${core}**${trail}`;
  }
  return line.replace(/ {2,}/g, ' ').trim();
}

function listMarker(type: string, n: number): string {
  if (type === 'a' || type === 'A') {
    let label = '';
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
      label = String.fromCharCode(97 + ((k - 1) % 26)) + label;
    return type === 'A' ? label.toUpperCase() : label;
  }
  if (type === 'i' || type === 'I') {
    const label = romanNumeral(n);
    return type === 'I' ? label.toUpperCase() : label;
  }
  return String(n);
}

interface Context {
  bold: boolean;
  pre: boolean;
}

function isElement(node: DomNode): node is DomElement {
  return ElementType.isTag(node);
}

function childElements(element: DomElement, names: ReadonlySet<string>): DomElement[] {
  return element.children.filter((c): c is DomElement => isElement(c) && names.has(c.name));
}

const ROW_GROUPS = new Set(['thead', 'tbody', 'tfoot']);
const ROWS = new Set(['tr']);
const CELLS = new Set(['td', 'th']);
const LIST_ITEMS = new Set(['li']);

function renderNodes(nodes: readonly DomNode[], context: Context): string {
  const sink = new Sink();
  for (const node of nodes) walk(node, sink, context);
  return sink.result();
}

/**
 * A merged cell, in the rows below its first: how typists write "as above" in these tables. Readers of the flat
 * text see that the row shares the cell above it, and the extractor reads it so (ingest/extract/tables.ts).
 */
export const DITTO = '〃';
// Beyond this a span is hostile or broken markup, not a table someone printed.
const MAX_SPAN = 64;

interface GridCell {
  header: boolean;
  text: string;
  /** Written in this row (not a merged cell's continuation or a column span's padding). */
  own: boolean;
}

const spanOf = (value: string | undefined) =>
  Math.min(MAX_SPAN, Math.max(1, Number.parseInt(value ?? '1', 10) || 1));

/**
 * The rows with each cell in its column: a cell spanning rows stands as a ditto in the rows below (so their
 * cells stay under the right headers), a cell spanning columns is followed by empty ones.
 */
function gridOf(rows: DomElement[], context: Context): GridCell[][] {
  const below: { text: string; header: boolean; rows: number }[] = [];
  return rows.map((row) => {
    const out: GridCell[] = [];
    const carry = () => {
      for (let held = below[out.length]; held && held.rows > 0; held = below[out.length]) {
        held.rows--;
        out.push({ header: held.header, text: held.text ? DITTO : '', own: false });
      }
    };
    for (const cell of childElements(row, CELLS)) {
      carry();
      const text = renderNodes(cell.children, context);
      const header = cell.name === 'th';
      const rowSpan = spanOf(cell.attribs.rowspan);
      const colSpan = spanOf(cell.attribs.colspan);
      for (let c = 0; c < colSpan; c++) {
        below[out.length] = { text: c ? '' : text, header, rows: rowSpan - 1 };
        out.push({ header, text: c ? '' : text, own: c === 0 });
      }
    }
    carry();
    return out;
  });
}

/**
 * A table cell's lines as one. A line break before a capital or a bullet separates items ("Công an tỉnh" over
 * "Tỉnh đoàn", "- X" over "- Y"), so such a line after one ending without punctuation is joined by "; " (the
 * bullets dropped); a line going on in lower case was only wrapped by hand.
 */
export function oneLine(cell: string): string {
  const lines = cell.trim().split(/\s*\n+\s*/);
  const bulleted = lines.length > 1 && lines.every((line) => TYPED_BULLET.test(line));
  return lines.reduce((out, raw) => {
    const line = bulleted ? raw.replace(TYPED_BULLET, '') : raw;
    if (out === '') return line;
    return /[.,;:!?]$/.test(out) || !/^[\p{Lu}\-+•]/u.test(raw) ? `${out} ${line}` : `${out}; ${line}`;
  }, '');
}

function renderTable(table: DomElement, context: Context): string {
  const rows = [
    ...childElements(table, ROWS),
    ...childElements(table, ROW_GROUPS).flatMap((group) => childElements(group, ROWS)),
  ];
  const cells = gridOf(rows, context);
  const columns = Math.max(0, ...cells.map((row) => row.length));
  const layout =
    columns <= MAX_LAYOUT_COLUMNS &&
    cells.every((row) => row.every((c) => !c.header)) &&
    cells.some((row) => row.some((c) => c.text.includes('\n')));
  if (layout) {
    // Each cell one paragraph, its own paragraphs kept as lines: that is how a header block reads.
    return cells
      .flat()
      .filter((c) => c.own)
      .map((c) => c.text.replace(/\n{2,}/g, '\n'))
      .filter(Boolean)
      .join('\n\n');
  }
  return cells
    .map((row) => row.map((c) => oneLine(c.text)))
    .filter((row) => row.some(Boolean))
    .map((row) => row.join(' | ').trim())
    .join('\n');
}

function renderList(list: DomElement, sink: Sink, context: Context): void {
  const ordered = list.name === 'ol';
  const type = list.attribs.type ?? '1';
  let n = Number.parseInt(list.attribs.start ?? '1', 10);
  if (!Number.isFinite(n)) n = 1;
  sink.paragraphBreak();
  for (const item of childElements(list, LIST_ITEMS)) {
    sink.paragraphBreak();
    sink.prefix(
      NOTE_ITEM.test(item.attribs.id ?? '')
        ? `<sup>${n}</sup> `
        : ordered
          ? `${listMarker(type, n)}. `
          : BULLET_MARKER,
    );
    for (const child of item.children) walk(child, sink, context);
    sink.clearPrefix();
    n++;
  }
  sink.paragraphBreak();
}

function walk(node: DomNode, sink: Sink, context: Context): void {
  if (node.type === ElementType.Text) {
    if (!context.pre) sink.text(node.data, context.bold);
    else
      node.data.split('\n').forEach((line, i) => {
        if (i > 0) sink.lineBreak();
        sink.text(line, context.bold);
      });
    return;
  }
  if (!isElement(node)) return; // comments, processing instructions
  const name = node.name;
  if (SKIPPED.has(name) || isChrome(node)) return;
  if (name === 'a' && NOTE_BACKLINK.test(node.attribs.href ?? '')) return;
  // LibreOffice writes a note as <div id="sdfootnote1"><p><a class="sdfootnotesym" …>1</a>Text</p></div>: the
  // note's number as a note line opens with it ("<sup>1</sup> Text"), as mammoth's notes read.
  if (name === 'a' && OFFICE_NOTE_SYMBOL.test(node.attribs.class ?? '')) {
    const text = DomUtils.textContent(node).trim();
    if (text) sink.text(`<sup>${text}</sup> `, false);
    return;
  }
  if (name === 'br') return sink.lineBreak();
  if (name === 'table') return sink.block(renderTable(node, context));
  if (name === 'ul' || name === 'ol') return renderList(node, sink, context);
  if (name === 'sup') {
    // mammoth writes a note reference as <sup><a href="#footnote-1">[1]</a></sup>; print it as <sup>1</sup>.
    const text = DomUtils.textContent(node).trim();
    const noteLink = node.children.some((c) => isElement(c) && NOTE_REFERENCE.test(c.attribs.href ?? ''));
    if (text) sink.text(`<sup>${noteLink ? text.replace(/^\[(.*)\]$/, '$1') : text}</sup>`, false);
    return;
  }
  const heading = HEADING.exec(name);
  const block = heading !== null || BLOCKS.has(name);
  if (block) sink.paragraphBreak();
  if (heading) sink.prefix(`${'#'.repeat(Number(heading[1]))} `);
  const inner: Context = {
    bold: context.bold || name === 'b' || name === 'strong',
    pre: context.pre || name === 'pre',
  };
  for (const child of node.children) walk(child, sink, inner);
  if (heading) sink.clearPrefix();
  if (block) sink.paragraphBreak();
}

/** Renders parsed HTML markup (already a string) to plain text; not normalized yet. */
export function htmlToText(html: string): string {
  checkHtmlLimits(html);
  const dom = parseDocument(html, { decodeEntities: true });
  return renderNodes(dom.children, { bold: false, pre: false });
}

const META_CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;

// Browsers prescan 1024 bytes; saved portal pages often put scripts first, so look a little further.
const CHARSET_PRESCAN_BYTES = 4096;

/** The charset an HTML file declares in a <meta> near its top. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, CHARSET_PRESCAN_BYTES));
  return META_CHARSET.exec(head)?.[1]?.toLowerCase();
}

export function readHtml(source: string, bytes: Uint8Array): string {
  return htmlToText(decodeText(source, bytes, declaredCharset(bytes)));
}
