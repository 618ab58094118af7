/**
 * OCR words → the page text the extractor expects, the way the PDF text layer gives it: the engine's lines
 * become positioned fragments for pdf-layout.ts, so lines side by side (issuer | national motto, number |
 * place and date, table cells) come out as one line with " | " between the blocks, and paragraphs are told
 * apart by line pitch. Marks that are not text (specks, signature strokes) are dropped by confidence.
 */
import { layoutPages, type PdfTextItem } from '../pdf-layout.js';
import type { OcrWord } from './engine.js';

// A word the engine is this unsure of, with no letter or digit, is a speck or a stroke, not text.
const MIN_SYMBOL_CONFIDENCE = 0.5;
// Below this even letters are mostly signature strokes or stamp remains.
const MIN_WORD_CONFIDENCE = 0.2;

export interface OcrLine {
  words: OcrWord[];
  top: number;
  bottom: number;
  height: number;
}

function keep(word: OcrWord): boolean {
  if (word.confidence < MIN_WORD_CONFIDENCE) return false;
  return word.confidence >= MIN_SYMBOL_CONFIDENCE || /[\p{L}\p{N}]/u.test(word.text);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The engine's lines with the words it is sure enough of, top to bottom. */
export function ocrLines(words: readonly OcrWord[]): OcrLine[] {
  const byLine = new Map<string, OcrWord[]>();
  for (const word of words) {
    if (!keep(word)) continue;
    const key = `${word.block}.${word.paragraph}.${word.line}`;
    const list = byLine.get(key) ?? byLine.set(key, []).get(key)!;
    list.push(word);
  }
  const lines = [...byLine.values()].map((ws) => {
    const sorted = ws.sort((a, b) => a.left - b.left);
    const top = median(sorted.map((w) => w.top));
    const bottom = median(sorted.map((w) => w.top + w.height));
    return { words: sorted, top, bottom, height: Math.max(1, bottom - top) };
  });
  return lines.sort((a, b) => a.bottom - b.bottom);
}

/** Lines into rows: lines of different blocks on one baseline (the two header columns) share a row. */
function rows(lines: OcrLine[]): OcrLine[][] {
  const out: OcrLine[][] = [];
  for (const line of lines) {
    const row = out.at(-1);
    const last = row?.at(-1);
    if (row && last && Math.abs(line.bottom - last.bottom) <= 0.5 * Math.min(line.height, last.height))
      row.push(line);
    else out.push([line]);
  }
  return out.map((r) => r.sort((a, b) => a.words[0]!.left - b.words[0]!.left));
}

/** Page text from OCR words, laid out like a PDF text layer. */
export function ocrPageText(words: readonly OcrWord[], pageHeight: number): string {
  const items: PdfTextItem[] = [];
  for (const row of rows(ocrLines(words))) {
    const y = pageHeight - median(row.map((l) => l.bottom));
    for (const line of row) {
      // Capital height is ~0.7 em; word boxes include accents, so the median box height is about one em.
      const fontSize = median(line.words.map((w) => w.height));
      for (const word of line.words)
        items.push({ str: word.text, x: word.left, y, width: word.width, fontSize });
    }
  }
  return layoutPages([items]);
}

/** The page's confidence: the mean of the kept words' confidences, weighted by their length. */
export function pageConfidence(words: readonly OcrWord[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const word of words) {
    if (!keep(word)) continue;
    const n = [...word.text].length;
    sum += word.confidence * n;
    weight += n;
  }
  return weight ? sum / weight : null;
}

/**
 * Item labels whose dot was misread ("2: Sở Văn hóa …", "5, Việc …"): a line that opens with the number after the
 * last item label of the page ("1. …"), then a colon, comma or semicolon and a capital, is that next item. A number
 * out of sequence is left as read (a wrapped "…, 2, Điều 5" is not an item).
 */
export function repairItemLabels(text: string): { text: string; corrections: number } {
  let previous: number | null = null;
  let corrections = 0;
  const out = text.replace(/^(\d{1,2})([.:,;])(?= +\p{Lu})/gmu, (whole, digits: string, mark: string) => {
    const n = Number(digits);
    if (mark === '.') {
      previous = n;
      return whole;
    }
    if (previous === null || n !== previous + 1) return whole;
    previous = n;
    corrections++;
    return `${digits}.`;
  });
  return { text: out, corrections };
}

/**
 * Specks the engine reads as punctuation where they cannot be: inverted marks glued to a word ("với¡ Công an"),
 * which Vietnamese never writes, and a mark between "số" (number) and the number ("Kế hoạch số. 74/KH-UBND",
 * "Công văn số-40/BCĐ"), where the text has a space. "Số:" before a header number is kept. And the eth, read for Đ.
 */
export function dropSpecks(text: string): { text: string; corrections: number } {
  let corrections = 0;
  const out = text
    .replace(/[¡¿¦¬¤]+/gu, () => {
      corrections++;
      return '';
    })
    .replace(/(?<![\p{L}\d])số[-–.,']\s*(?=\d)/gu, () => {
      corrections++;
      return 'số ';
    })
    // Ð/ð (eth) look like Đ/đ and are no Vietnamese letter; "ĐÐ" is one Đ read twice ("QĐÐ-CAT" for "QĐ-CAT").
    .replace(/Đ?Ð|đ?ð/gu, (eth) => {
      corrections++;
      return eth.endsWith('Ð') ? 'Đ' : 'đ';
    });
  return { text: out, corrections };
}
