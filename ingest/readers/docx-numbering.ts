/**
 * Word's automatic numbering, as Word shows it. In a .docx the labels "1.", "a)", "I." are not in the text but
 * in word/numbering.xml, and mammoth keeps only whether a list is ordered: every level came out "1.", so the
 * "a)" items under "1. Công an tỉnh:" read as new top-level items. Here the labels are computed as Word computes
 * them (per list, lower levels restarting under a higher one, each level's format and text) and typed at the
 * start of their paragraphs, so the extractor reads a Word list as it reads the same list typed.
 */
import { Parser } from 'htmlparser2';
import { romanNumeral } from './numerals.js';

interface Level {
  start: number;
  format: string;
  text: string;
}

/** What a paragraph's properties say about its numbering (either part may come from its style). */
interface NumberingRef {
  numId: string | null;
  level: string | null;
}

interface Sources {
  document: string;
  numbering: string;
  styles: string | null;
}

const attr = (attribs: Record<string, string>, name: string) => attribs[`w:${name}`] ?? attribs[name];

/** numId → its levels, from the abstract definition with the instance's start overrides applied. */
function readNumbering(xml: string): Map<string, Map<string, Level>> {
  const abstracts = new Map<string, Map<string, Level>>();
  const nums = new Map<string, { abstractId: string; starts: Map<string, number> }>();
  let abstract: Map<string, Level> | null = null;
  let level: Level | null = null;
  let num: { abstractId: string; starts: Map<string, number> } | null = null;
  let override: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const val = attr(attribs, 'val');
        if (name === 'w:abstractNum')
          abstracts.set(attr(attribs, 'abstractNumId') ?? '', (abstract = new Map()));
        else if (name === 'w:lvl' && abstract && !num) {
          level = { start: 1, format: 'decimal', text: '' };
          abstract.set(attr(attribs, 'ilvl') ?? '0', level);
        } else if (name === 'w:num') {
          num = { abstractId: '', starts: new Map() };
          nums.set(attr(attribs, 'numId') ?? '', num);
        } else if (name === 'w:abstractNumId' && num) num.abstractId = val ?? '';
        else if (name === 'w:lvlOverride' && num) override = attr(attribs, 'ilvl') ?? '0';
        else if (name === 'w:startOverride' && num && override !== null)
          num.starts.set(override, Number(val) || 1);
        else if (level && name === 'w:start') level.start = Number(val) || 0;
        else if (level && name === 'w:numFmt') level.format = val ?? 'decimal';
        else if (level && name === 'w:lvlText') level.text = val ?? '';
      },
      onclosetag(name) {
        if (name === 'w:lvl') level = null;
        else if (name === 'w:abstractNum') abstract = null;
        else if (name === 'w:num') num = null;
        else if (name === 'w:lvlOverride') override = null;
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  const out = new Map<string, Map<string, Level>>();
  for (const [numId, { abstractId, starts }] of nums) {
    const levels = abstracts.get(abstractId);
    if (!levels) continue;
    out.set(
      numId,
      new Map(
        [...levels].map(([ilvl, l]) => [ilvl, starts.has(ilvl) ? { ...l, start: starts.get(ilvl)! } : l]),
      ),
    );
  }
  return out;
}

/**
 * The numbering each paragraph's properties give, in document order: `paragraph` for every paragraph (body and
 * tables, as mammoth walks them), with the numPr written on it and its style id.
 */
function readParagraphs(xml: string, paragraph: (ref: NumberingRef, styleId: string | null) => void): void {
  let depth = 0;
  let ref: NumberingRef = { numId: null, level: null };
  let styleId: string | null = null;
  let inNumPr = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'w:p') {
          if (depth++ === 0) {
            ref = { numId: null, level: null };
            styleId = null;
          }
        } else if (depth === 0) return;
        else if (name === 'w:numPr') inNumPr = true;
        else if (inNumPr && name === 'w:numId') ref.numId = attr(attribs, 'val') ?? null;
        else if (inNumPr && name === 'w:ilvl') ref.level = attr(attribs, 'val') ?? null;
        else if (name === 'w:pStyle') styleId = attr(attribs, 'val') ?? null;
      },
      onclosetag(name) {
        if (name === 'w:numPr') inNumPr = false;
        else if (name === 'w:p' && --depth === 0) paragraph(ref, styleId);
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
}

/** Paragraph styles that number their paragraphs (w:style … <w:numPr>), by style id. */
function readStyles(xml: string): Map<string, NumberingRef> {
  const styles = new Map<string, NumberingRef>();
  let id: string | null = null;
  let inNumPr = false;
  let ref: NumberingRef = { numId: null, level: null };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'w:style') {
          id = attr(attribs, 'styleId') ?? null;
          ref = { numId: null, level: null };
        } else if (name === 'w:numPr') inNumPr = true;
        else if (inNumPr && name === 'w:numId') ref.numId = attr(attribs, 'val') ?? null;
        else if (inNumPr && name === 'w:ilvl') ref.level = attr(attribs, 'val') ?? null;
      },
      onclosetag(name) {
        if (name === 'w:numPr') inNumPr = false;
        else if (name === 'w:style' && id && ref.numId) styles.set(id, ref);
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  return styles;
}

/** Word's letters: a … z, then aa … zz (the letter repeated). */
const letter = (n: number) => String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);

function formatted(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letter(n);
    case 'upperLetter':
      return letter(n).toUpperCase();
    case 'lowerRoman':
      return romanNumeral(n);
    case 'upperRoman':
      return romanNumeral(n).toUpperCase();
    case 'decimalZero':
      return String(n).padStart(2, '0');
    default:
      return String(n);
  }
}

/**
 * The label Word shows before each numbered paragraph, in document order ("1.", "a)", "-" for a bullet); null
 * for a paragraph without numbering.
 */
export function numberingLabels({ document, numbering, styles }: Sources): (string | null)[] {
  const lists = readNumbering(numbering);
  const styleRefs = styles ? readStyles(styles) : new Map<string, NumberingRef>();
  const counters = new Map<string, number[]>();
  const labels: (string | null)[] = [];
  readParagraphs(document, (own, styleId) => {
    const style = styleId ? styleRefs.get(styleId) : undefined;
    const numId = own.numId ?? style?.numId ?? null;
    const ilvl = own.level ?? style?.level ?? '0';
    const levels = numId ? lists.get(numId) : undefined;
    const level = levels?.get(ilvl);
    if (!numId || !levels || !level) return void labels.push(null);
    if (level.format === 'bullet') return void labels.push('-');
    const depth = Number(ilvl);
    const count = counters.get(numId) ?? [];
    counters.set(numId, count);
    count[depth] = (count[depth] ?? (level.start || 1) - 1) + 1;
    count.length = depth + 1; // the levels below restart
    const text = level.text.replace(/%([1-9])/g, (_, k: string) => {
      const i = Number(k) - 1;
      const of = levels.get(String(i));
      return formatted(count[i] ?? of?.start ?? 1, of?.format ?? 'decimal');
    });
    labels.push(level.format === 'none' ? null : text.trim() || null);
  });
  return labels;
}
