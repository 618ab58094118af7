/**
 * Header lines as portals publish them, made whole again before the header is read: rules ("-------", "*")
 * and bare "|" cells dropped, and a header element broken over lines ("Hải Dương, ngày" / "19 tháng 01 năm
 * 2021", "Số:" / "25/2014/NQ-HĐND", "CỘNG" / "HÒA XÃ HỘI …", "ỦY" / "BAN NHÂN DÂN") joined. Only the top of
 * the document is touched; every rule is about the layout, not about particular documents.
 */
import { fold, isSpaceCode } from '../text/normalize.js';
import { isUpperCaseText } from '../text/char-class.js';

export interface HeaderLines {
  lines: string[];
  /** The copy shows a portal's flattening (rules as text, "|" cells, broken header lines). */
  flattened: boolean;
}

const RULE = /^\s*(?:[-–—_=*.·]\s*){1,}$/u;
const BARE_CELL = /^\s*\|?\s*$/;
// A header element that is complete on one line.
const DATE_DONE = /ngày\s*(?:\d{1,2}|\.{2,}|…)?\s*tháng\s*(?:\d{1,2}|\.{2,}|…)?\s*năm\s*\d{4}/iu;
const DATE_OPEN = /(?:^|,\s*)ngày(?:\s+\d{1,2})?(?:\s+tháng(?:\s+\d{1,2})?)?(?:\s+năm)?\s*$/iu;
const DAY_WORD = /ngày/iu;
const PLACE_OPEN = /^\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?$/u;
const NUMBER_OPEN = /^Số\s*[:.]?\s*$/u;
const MOTTO_PARTS = ['cong hoa xa hoi chu nghia viet nam', 'doc lap - tu do - hanh phuc'];

function mottoStart(line: string, next: string): boolean {
  // Cheap guard first: the motto opens with "CỘNG…" or "Độc…", and a broken part is short.
  if (line.length > 40 || !/^[CcĐđDd]/u.test(line)) return false;
  const one = fold(line).trim();
  const two = fold(`${line} ${next}`).replace(/\s+/g, ' ').trim();
  return MOTTO_PARTS.some(
    (m) => !one.startsWith(m) && m.startsWith(one) && two.startsWith(m.slice(0, two.length)),
  );
}

// Where a header flattened onto one line breaks apart: the motto, "Số:", the place-and-date.
const ONE_LINE_BREAKS =
  /\s+(?=CỘNG HÒA XÃ HỘI|Độc lập\s*-|Số\s*:|\p{Lu}[\p{L}.]*(?:\s+(?:-\s+)?\p{Lu}[\p{L}.]*){0,3},\s*ngày\s)/u;

/** A header line that holds the motto and other header elements is split into them. */
function splitFlattened(line: string): string[] {
  if (line.length < 60 || !/CỘNG HÒA XÃ HỘI|Độc lập\s*-\s*Tự do/u.test(line)) return [line];
  const parts: string[] = [];
  let rest = line;
  for (let m = ONE_LINE_BREAKS.exec(rest); m && parts.length < 8; m = ONE_LINE_BREAKS.exec(rest)) {
    if (m.index > 0) parts.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
    // The anchor itself starts the next part; look for the next one after its first word.
    const next = ONE_LINE_BREAKS.exec(rest.slice(1));
    if (!next) break;
    parts.push(rest.slice(0, next.index + 1));
    rest = rest.slice(next.index + 1 + next[0].length);
  }
  parts.push(rest);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * A table row's outer bars and the spaces next to them ("| Số: 12/KH-UBND |"), what
 * `replace(/^\|\s*|\s*\|$/g, '')` does, without rescanning each run of spaces (that pattern is quadratic in them).
 */
function stripCellBars(line: string): string {
  let start = 0;
  let end = line.length;
  if (line.startsWith('|')) {
    start = 1;
    while (start < end && isSpaceCode(line.charCodeAt(start))) start++;
  }
  if (end > start && line.charAt(end - 1) === '|') {
    end--;
    while (end > start && isSpaceCode(line.charCodeAt(end - 1))) end--;
  }
  return line.slice(start, end);
}

/** Line `k` of a header's lines, trimmed and without cell bars ('' past the end). */
function cellAt(head: string[], k: number): string {
  return stripCellBars((head[k] ?? '').trim());
}

/** Joins broken header lines in the first `window` lines; the rest is returned as is. */
export function unwrapHeader(input: string[], window = 40): HeaderLines {
  const head = input.slice(0, window).flatMap(splitFlattened);
  const out: string[] = [];
  let flattened = false;
  for (let i = 0; i < head.length; i++) {
    let line = head[i]!.trim();
    if (RULE.test(line) || BARE_CELL.test(line)) {
      if (line !== '') flattened = true;
      continue;
    }
    line = stripCellBars(line).trim();
    // Date: "Hải Dương, ngày" + "19 tháng 01 năm 2021"; "Khánh" + "Hòa, ngày 17 tháng 08" + "năm 2017".
    // Both date patterns need the word "ngày": most header lines, without it, are passed by one quick search.
    const day = DAY_WORD.test(line);
    const opensDate =
      !(day && DATE_DONE.test(line)) &&
      ((day && DATE_OPEN.test(line)) || (PLACE_OPEN.test(line) && /,\s*ngày/iu.test(cellAt(head, i + 1))));
    if (opensDate) {
      let joined = line;
      let k = i + 1;
      while (k < head.length && k <= i + 3 && !DATE_DONE.test(joined))
        joined = `${joined} ${cellAt(head, k++)}`;
      if (DATE_DONE.test(joined)) {
        out.push(joined.replace(/\s+/g, ' '));
        flattened = true;
        i = k - 1;
        continue;
      }
    }
    const next = cellAt(head, i + 1);
    if ((NUMBER_OPEN.test(line) && /^\d/.test(next)) || (next && mottoStart(line, next))) {
      out.push(`${line} ${next}`);
      flattened = true;
      i++;
      continue;
    }
    // A lone capitalised syllable of a name broken after it ("ỦY" / "BAN NHÂN DÂN").
    if (
      isUpperCaseText(line) &&
      !/\s/.test(line) &&
      line.length <= 4 &&
      isUpperCaseText(next) &&
      next.length <= 60
    ) {
      out.push(`${line} ${next}`);
      flattened = true;
      i++;
      continue;
    }
    out.push(line);
  }
  return { lines: out.concat(input.slice(window)), flattened };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A subject whose middle a stamp or scan covered ('Thực hiện Đề án xuyên quốc gia" thuộc …': a closing quote
 * with no opening one) is restored from the body when the body quotes the name it ends with ('… Đề án "Phòng,
 * chống …, tội phạm xuyên quốc gia" …'); otherwise the stray quote is dropped (where the gap was is not known).
 */
export function repairSubject(subject: string, body: string[]): string {
  const close = /[”"]/u.exec(subject);
  if (
    !close ||
    /[“"]/u.test(subject.slice(0, close.index)) ||
    (close[0] === '"' && /"/.test(subject.slice(close.index + 1)))
  )
    return subject;
  const before = subject.slice(0, close.index).trimEnd();
  const tail = before.split(/\s+/).slice(-3);
  if (tail.length < 2) return subject;
  const tailText = tail.join(' ');
  const quoted = new RegExp(`[“"]([^”"\\n]{3,240}?${escapeRe(tailText).replace(/ /g, '\\s+')})[”"]`, 'u');
  for (const text of body.slice(0, 6)) {
    const m = quoted.exec(text);
    if (!m) continue;
    // The subject keeps the end of the name after the gap: drop every word it shares with the name's end.
    const name = m[1]!.replace(/\s+/g, ' ');
    const kept = before.split(/\s+/);
    const nameWords = name.split(' ');
    let k = 0;
    while (
      k < kept.length &&
      k < nameWords.length &&
      kept[kept.length - 1 - k] === nameWords[nameWords.length - 1 - k]
    )
      k++;
    return `${kept.slice(0, kept.length - k).join(' ')} “${name}”${subject.slice(close.index + 1)}`;
  }
  return `${before}${subject.slice(close.index + 1)}`;
}
