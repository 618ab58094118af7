/**
 * Portal and press summaries of one document. A page that has no header of its own but opens by naming the
 * document it reports on — "UBND tỉnh vừa ban hành Văn bản số 2349/UBND-TH …", "… (Công văn số 463/UBND-NC
 * ngày 24/5/2019)", "Ngày 15/6/2022, UBND tỉnh X ban hành Chỉ thị số 09/CT-UBND …" — takes that document's
 * identity, so the signed text ingested later lands on the same key and replaces it.
 */
import { partialDate } from './dates.js';
import { SYMBOL } from './citations.js';
import { docTypes, parseSymbol, type ParsedSymbol } from './keys.js';

export interface Summarized {
  symbol: ParsedSymbol;
  /** The type as the summary names it ("Chỉ thị"); "Văn bản"/"Công văn" → the symbol's type or Công văn. */
  type: string;
  issuedAt: string | null;
  /** The sentence that names the document (to find its issuer and province). */
  sentence: string;
  /** Where in `sentence` the naming phrase ("vừa ban hành Kế hoạch số …") starts: its issuer is named before it. */
  namedAt: number;
  /** Where the naming phrase ends: "… ngày 5/8/2024 của UBND tỉnh" names the issuer after it. */
  namedEnd: number;
}

const TYPE_ALT = [...new Set([...docTypes().types.map((t) => t.name), 'Công văn', 'Văn bản'])]
  .sort((a, b) => b.length - a.length)
  .join('|');
const DMY = String.raw`(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`;
// "vừa ban hành Văn bản số …", "đã ký ban hành Chỉ thị số …", "vừa ký Văn bản số …", "ban hành Kế hoạch số …" (the
// verb of issuing); "tổ chức hội nghị triển khai Kế hoạch số …" (a meeting held to carry one out, as the press reports).
const ISSUED = new RegExp(
  String.raw`(?:(?:vừa|đã|mới)\s+(?:ký(?:\s+ban hành)?|ban hành|phát hành|có|gửi)|(?:ký\s+)?ban hành|hội nghị (?:triển khai|quán triệt))\s+(${TYPE_ALT})\s+số\s*:?\s*(${SYMBOL})(?:\s*,?\s*ngày\s+(?:${DMY}))?`,
  'iu',
);
// "(Công văn số 463/UBND-NC ngày 24/5/2019)": the summary cites its document in parentheses.
// "… nội dung chỉ đạo của Ủy ban nhân dân tỉnh tại văn bản số 4235/UBND-KGVX …".
const DIRECTED = new RegExp(
  String.raw`(?:chỉ đạo|nội dung)[^.]{0,40}?\scủa\s[^.]{3,80}?\stại\s+(${TYPE_ALT})\s+số\s*:?\s*(${SYMBOL})(?:\s*,?\s*ngày\s+(?:${DMY}))?`,
  'iu',
);
const CITED = new RegExp(
  String.raw`\((${TYPE_ALT})\s+số\s*:?\s*(${SYMBOL})(?:\s*,?\s*ngày\s+(?:${DMY}))?\s*\)`,
  'iu',
);
const LEADING_DATE = new RegExp(String.raw`(?:^|[\s(])ngày\s+(?:${DMY})`, 'iu');

function sentenceAround(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf('. ', at) + 1, 0);
  const end = text.indexOf('. ', at);
  return text.slice(start, end < 0 ? text.length : end + 1).trim();
}

function dateOf(m: RegExpExecArray, from: number): string | null {
  return partialDate(m[from + 2] ?? m[from + 5], m[from + 1] ?? m[from + 4], m[from] ?? m[from + 3]);
}

/** The one document a headerless page summarizes, from its first paragraphs; null if it names none. */
export function findSummarized(paragraphs: string[]): Summarized | null {
  for (const text of paragraphs.slice(0, 6)) {
    const m = ISSUED.exec(text) ?? DIRECTED.exec(text) ?? CITED.exec(text);
    if (!m) continue;
    const symbol = parseSymbol(m[2]!.replace(/\s+/g, ''));
    if (!symbol?.number || !/\p{Lu}/u.test(symbol.display)) continue;
    const sentence = sentenceAround(text, m.index);
    let issuedAt = dateOf(m, 3);
    if (!issuedAt) {
      // "Ngày 15/6/2022, UBND tỉnh … vừa ban hành …": the date opens the sentence.
      const before = LEADING_DATE.exec(sentence.slice(0, Math.max(0, sentence.indexOf(m[0]))));
      if (before) issuedAt = dateOf(before, 1);
    }
    const said = m[1]!.replace(/\s+/g, ' ');
    const type = /^(?:công văn|văn bản)$/iu.test(said)
      ? (symbol.typeName ?? 'Công văn')
      : said.charAt(0).toUpperCase() + said.slice(1);
    const namedAt = Math.max(0, sentence.indexOf(m[0]));
    return { symbol, type, issuedAt, sentence, namedAt, namedEnd: namedAt + m[0].length };
  }
  return null;
}

/**
 * What the summarized document is about, as the naming sentence words it after the document and its issuer ("…
 * Kế hoạch số 245/KH-UBND ngày 5/8/2024 của UBND tỉnh về cao điểm tấn công …"); null when no "về" follows. `at`: the
 * end of the naming phrase, or of its issuer named after it.
 */
export function subjectAfter(sentence: string, at: number): string | null {
  return /^\s*về\s+([^.;]+?)\s*(?:[.;]|$)/u.exec(sentence.slice(at))?.[1] ?? null;
}

/** An appendix published on its own: the document it is attached to, and that document's issuer as written. */
export interface AttachedTo {
  symbol: ParsedSymbol;
  type: string;
  issuedAt: string | null;
  /** The issuer as the line names it ("Ủy ban nhân dân tỉnh Long An"), or null. */
  issuer: string | null;
  /** The title lines above the line, "PHỤ LỤC" left out: what the appendix is about. */
  title: string | null;
}

// "(Kèm theo Kế hoạch số 143/KH-UBND ngày 12 tháng 4 năm 2024 của Ủy ban nhân dân tỉnh Long An)".
const ATTACHED = new RegExp(
  String.raw`^\((?:ban hành\s+)?kèm theo\s+(${TYPE_ALT})\s+số\s*:?\s*(${SYMBOL})(?:\s*,?\s*ngày\s+(?:${DMY}))?(?:\s+của\s+([^()]{3,160}?))?\s*\)\s*$`,
  'iu',
);
/** "PHỤ LỤC", "PHỤ LỤC I", "Phụ lục số 02:", alone or before the title ("PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ"). */
const APPENDIX_WORD = /^phụ lục(?:\s+(?:số\s+)?(?:[IVX]{1,4}|\d{1,2}))?\s*[:.–-]?\s*/iu;

/**
 * The document a page with no header of its own is attached to, when one of its first lines says so — an appendix
 * a province publishes beside its plan (a workbook "PHỤ LỤC … (Kèm theo Kế hoạch số … của …)"); null otherwise.
 */
export function findAttachedTo(paragraphs: string[]): AttachedTo | null {
  for (const paragraph of paragraphs.slice(0, 4)) {
    const lines = paragraph.split('\n');
    const at = lines.findIndex((line) => ATTACHED.test(line.trim()));
    if (at < 0) continue;
    const m = ATTACHED.exec(lines[at]!.trim())!;
    const symbol = parseSymbol(m[2]!.replace(/\s+/g, ''));
    if (!symbol?.number) return null;
    const said = m[1]!.replace(/\s+/g, ' ');
    const title = lines
      .slice(0, at)
      .map((line) => line.trim().replace(APPENDIX_WORD, ''))
      .filter((line) => line && !/\p{Ll}/u.test(line))
      .join(' ');
    return {
      symbol,
      type: /^(?:công văn|văn bản)$/iu.test(said)
        ? (symbol.typeName ?? 'Công văn')
        : said.charAt(0).toUpperCase() + said.slice(1),
      issuedAt: dateOf(m, 3),
      issuer: m[9]?.trim() ?? null,
      title: title || null,
    };
  }
  return null;
}
