/**
 * Legal-basis citations: "<Type> số <number/symbol> ngày <date> của <issuer> <về|phê duyệt …> <title>",
 * named laws ("Luật Phòng, chống mua bán người năm 2024") and documents cited by name only
 * ("Chiến lược quốc gia phòng, chống tội phạm giai đoạn 2016 - 2025"). Pure functions of text.
 */
import type { Citation, CitationRelation } from '../schema.js';
import { fold, squash } from '../text/normalize.js';
import type { AgencyResolver, ProvinceName } from './agencies.js';
import { partialDate } from './dates.js';
import { docTypes, documentKey, parseSymbol, symbolKey, type ParsedSymbol } from './keys.js';
import { SpanLocator } from './span-locator.js';

/** A citation before cross-document resolution; `name` is set for references without a symbol. */
export interface RawCitation extends Citation {
  /** For name-only references: the normalized name used to match known documents. */
  name: string | null;
}

export interface CitationContext {
  province: ProvinceName | null;
  agencies: AgencyResolver;
  /** The document's normalized text, to give every citation its span; units are in text order. */
  source?: string;
}

export interface TextUnit {
  text: string;
  /** Section path, or "footnote n". */
  path: string | null;
  footnote: boolean;
}

const TYPE_WORDS = [
  ...new Set([...docTypes().types.map((t) => t.name), 'Công văn', 'Văn bản', 'Quyết định phê duyệt']),
]
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ /g, '\\s+'));
const TYPE_ALT = TYPE_WORDS.join('|');
// Code parts are joined by "-", printed with spaces on portals ("23/2012/TT - BCA", "1848/LĐTBXH- TE"): a
// spaced part must be a whole capitalised code, so "12/KH-UBND - Kế hoạch" does not swallow a word.
// "&" joins the fields of one ministry's code ("BNN&PTNT", "LĐTB&XH").
const AMP = String.raw`(?:&[A-Za-zĐđ0-9]+)*`;
const PART = String.raw`(?:-[A-Za-zĐđ0-9]+${AMP}|\s*-\s+[A-ZĐ][A-ZĐ0-9]{1,9}(?![\p{L}\d])|\s+-\s*[A-ZĐ][A-ZĐ0-9]{1,9}(?![\p{L}\d]))`;
export const SYMBOL = String.raw`\d{1,5}[a-z]?(?:\s*\/\s*\d{4})?\s*\/\s*[A-Za-zĐđ][A-Za-zĐđ0-9]*${AMP}${PART}*|\d{1,5}-[A-Za-zĐđ]+\/[A-Za-zĐđ][A-Za-zĐđ0-9]*${AMP}${PART}*`;
const DATE = String.raw`(?:\s*,?\s*ngày\s+(\d{1,2})\s*[\/.-]\s*(\d{1,2})\s*[\/.-]\s*(\d{4})|\s*,?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))?`;
// "Chương trình hành động số 95-CTr/TU", "Thông tư liên tịch số …": the type word may carry a qualifier.
const NUMBERED = new RegExp(
  `(${TYPE_ALT})(?:\\s+(?:hành động|phối hợp|liên tịch|liên ngành))?\\s+(?:số\\s*:?\\s*)?(${SYMBOL})${DATE}`,
  'giu',
);
const LAW = new RegExp(
  String.raw`(Bộ luật|Luật|Pháp lệnh)\s+(\p{Lu}[^;:.()“”"\n]{2,140}?)\s+(?:năm\s+(\d{4})|ngày\s+(\d{1,2})(?:\s+tháng\s+|\s*\/\s*)(\d{1,2})(?:\s+năm\s+|\s*\/\s*)(\d{4}))`,
  'gu',
);
// Strategies/programmes/projects cited by name: quoted, or ending in "giai đoạn YYYY - YYYY" (a name that
// holds another type word — "Đề án 2 thuộc Chiến lược …" — is that other document's context, not a name).
const NAMED = new RegExp(
  String.raw`(Chiến lược|Chương trình|Đề án|Dự án|Kế hoạch|Quy chế|Công ước)\s+(?!số\s|\d)(?:[“"]([^”"\n]{5,220})[”"]|((?:(?!Chiến lược|Chương trình|Đề án|Dự án|Kế hoạch)(?:\([A-ZĐ]{2,8}\)|[^;:.()/\n])){3,160}?giai đoạn\s+\d{4}\s*-\s*\d{4}))`,
  'gu',
);

/**
 * The matches of NUMBERED, LAW or NAMED in `text` that no letter precedes: what the pattern with a leading
 * `(?<![\p{L}])` finds (a match the letter rules out is retried one character on, so the leftmost allowed match
 * is taken, as the lookbehind would). Without the lookbehind in front, V8 scans for the type words' first
 * characters instead of testing a lookbehind at every position: 3–4× faster.
 */
function matchesAfterNonLetter(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > 0 && LETTER_BEFORE.test(text.slice(Math.max(0, m.index - 2), m.index))) {
      re.lastIndex = m.index + 1;
      continue;
    }
    out.push(m);
  }
  return out;
}
/** The code point that ends the string is a letter (an astral one is its surrogate pair). */
const LETTER_BEFORE = /\p{L}$/u;

// What any match of NUMBERED, LAW and NAMED must contain (their SYMBOL, type word, quote or period).
const MAY_HOLD_SYMBOL = /\d[a-z]?\s*[/-]/i;
const mayHoldLaw = (text: string) =>
  text.includes('Luật') || text.includes('Bộ luật') || text.includes('Pháp lệnh');
const NAMED_WORDS = ['Chiến lược', 'Chương trình', 'Đề án', 'Dự án', 'Kế hoạch', 'Quy chế', 'Công ước'];
// One scan for the period or a quote (twice as fast as three includes(), "“" being a slow one).
const NAMED_MARK = /giai đoạn|[“"]/;
const mayHoldNamed = (text: string) => NAMED_MARK.test(text) && NAMED_WORDS.some((w) => text.includes(w));

const ABBREVIATIONS: Record<string, string> = {
  PCTP: 'phòng, chống tội phạm',
  TPCTC: 'tội phạm có tổ chức',
  TPXQG: 'tội phạm xuyên quốc gia',
};

/** Name as compared across documents: abbreviations expanded, "(PCTP)" asides and dash spacing removed. */
export function normalizeName(name: string): string {
  let s = name.replace(/\s*\((?:[A-ZĐ]{2,10})\)/g, '');
  for (const [abbr, full] of Object.entries(ABBREVIATIONS))
    s = s.replace(new RegExp(`\\b${abbr}\\b`, 'g'), full);
  return fold(s)
    .replace(/\s*-\s*/g, '-')
    .replace(/[“”"]/g, '')
    .replace(/,?\s*dinh huong den nam \d{4}.*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const RELATION_TRIGGERS: [RegExp, CitationRelation][] = [
  [/\bcan cu\b/g, 'basis'],
  [/\b(?:thuc hien|trien khai|quan triet)\b/g, 'implements'],
  [/(?<!kem )\btheo\b/g, 'according_to'],
  // "Xét Tờ trình số …", "Xét đề nghị của …": a proposal considered, like "Theo đề nghị …" (not "xét xử", a trial).
  [/(?<!xem )\bxet\b(?! xu)/g, 'according_to'],
  [/\bsua doi(?:, bo sung)?\b/g, 'amends'],
  [/\bthay the\b/g, 'replaces'],
];

/** Verbs of asking, advising or preparing an amendment: whoever does them, this document amends nothing. */
const ASKS_FOR_CHANGE =
  /\b(?:tham muu|de xuat|kien nghi|de nghi|nghien cuu|ra soat|xay dung|trinh|huong dan|du thao)\b.*\b(?:sua doi|thay the)\b/;

/**
 * The relation of this document to the cited one. Only the document's own preamble says that ("Căn cứ …",
 * "Thực hiện …, UBND tỉnh ban hành …"); inside a numbered item the text tells an agency what to do, so a
 * reference there is a mention.
 */
function relationFor(prefix: string, unit: TextUnit): CitationRelation {
  if (unit.footnote) return 'footnote';
  const f = fold(prefix);
  // Inside an item, only a legal effect of this document itself (amends/replaces) is a relation of its own; work
  // towards one is not ("Kiến nghị … tham mưu Chính phủ sửa đổi …", "nghiên cứu, đề xuất sửa đổi …").
  if (unit.path !== null)
    return /\b(?:sua doi|thay the)\b/.test(f) && !ASKS_FOR_CHANGE.test(f)
      ? /\bthay the\b/.test(f)
        ? 'replaces'
        : 'amends'
      : 'mention';
  let best: { at: number; relation: CitationRelation } | null = null;
  for (const [re, relation] of RELATION_TRIGGERS) {
    for (const m of f.matchAll(re)) if (!best || m.index > best.at) best = { at: m.index, relation };
  }
  return best?.relation ?? 'mention';
}

/**
 * Start of the text that governs a reference: the sentence it is in. A list "Thực hiện A; B; C" shares its
 * verb across the semicolons, so they do not start a new clause here — but "Căn cứ A; Căn cứ B" still
 * works, since the last trigger before the reference wins.
 */
function clauseStart(text: string, pos: number): number {
  // Backwards from the reference to the nearest boundary: a scan, not a greedy regex over the whole prefix
  // (that one was quadratic over a unit with many references).
  for (let i = pos - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === ':' && i + 1 < pos && /\s/.test(text[i + 1]!)) return i + 1;
    if (ch === '.' || ch === '!' || ch === '?') {
      let j = i + 1;
      while (j < pos && /\s/.test(text[j]!)) j++;
      if (j > i + 1 && j < pos && UPPER.test(text[j]!)) return i + 1;
    }
  }
  return 0;
}
const UPPER = /\p{Lu}/u;

function clauseEnd(text: string, from: number): number {
  const m = /;|[.!?](?=\s+\p{Lu}|\s*$)|\.\/\./u.exec(text.slice(from));
  return m ? from + m.index : text.length;
}

const TITLE_START =
  /\s(?:về việc|về|phê duyệt|ban hành|triển khai|thực hiện|tiếp tục|hướng dẫn|quy định|sửa đổi|giữa|với)\s/u;

/** Splits "của UBND tỉnh về thực hiện …" into issuer and title. */
function issuerAndTitle(tail: string): { issuer: string | null; title: string | null } {
  let rest = tail.replace(/^\s*,\s*/, ' ');
  let issuer: string | null = null;
  const of = /^\s+(?:của|do)\s+/u.exec(rest);
  if (of) {
    rest = rest.slice(of[0].length);
    const t = TITLE_START.exec(` ${rest} `);
    let cut = t ? Math.max(0, t.index - 1) : rest.length;
    // An issuer never runs past a comma or colon ("… tỉnh Quảng Ninh như sau:", "…, Chủ tịch … chỉ thị:").
    const stop = /[,:;]|\s+(?:như sau|chỉ thị|quyết định|yêu cầu|đề nghị)(?![\p{L}])/u.exec(rest);
    if (
      stop &&
      stop.index < cut &&
      // Names with commas: "Sở Văn hóa, Thể thao …", "Ban Chỉ đạo quốc gia chống buôn lậu, gian lận thương mại …".
      !/^,\s*(?:Thể thao|Thương binh|Truyền hình|gian lận thương mại)/u.test(rest.slice(stop.index))
    )
      cut = stop.index;
    issuer = squash(rest.slice(0, cut)) || null;
    rest = rest.slice(cut);
  }
  const title = squash(rest.replace(/^[\s,]+/, '').replace(/[\s,]*(?:và|;|,)?\s*$/u, '')) || null;
  return { issuer, title: title && title.length > 3 ? title : null };
}

function scopeFor(symbol: ParsedSymbol, issuer: string | null, ctx: CitationContext): string {
  if (symbol.nationalIssuer) return 'vn';
  if (issuer) {
    const [first] = ctx.agencies.scanPrefix(
      // The head who signed stands for the body: "của Trưởng Ban Chỉ đạo 389 quốc gia", "của Trưởng Công an huyện".
      issuer.replace(/^(?:Chủ tịch|Thường trực|Ban Thường vụ|(?:Phó\s+)?Trưởng)\s+/u, ''),
    );
    if (first?.type?.scope === 'national' || first?.type?.scope === 'regional') return 'vn';
    if (first?.province) return first.province.slug;
  }
  return ctx.province?.slug ?? 'unscoped';
}

interface Span {
  start: number;
  end: number;
  titleStart: number;
}

/** `at` is inside the title of a numbered citation of the unit. */
function insideTitle(spans: Span[], at: number): boolean {
  return spans.some((s) => at >= s.titleStart && at < s.end);
}

/** The thing a decision approves ("phê duyệt Đề án …") is that decision, not another document. */
function insideApproval(spans: Span[], text: string, at: number): boolean {
  return spans.some(
    (s) =>
      at >= s.titleStart && at < s.end && /(?:phê duyệt|ban hành)\s*$/u.test(text.slice(s.titleStart, at)),
  );
}

export function extractCitations(units: TextUnit[], ctx: CitationContext): RawCitation[] {
  const out: RawCitation[] = [];
  const locator = ctx.source !== undefined ? new SpanLocator(ctx.source) : null;
  const spanOf = (shown: string, unit: TextUnit) => locator?.locate(shown, unit.footnote);
  for (const unit of units) {
    locator?.nextUnit();
    const { text } = unit;
    // Cheap necessary conditions first: most units hold no symbol, law or named programme.
    const numbered = MAY_HOLD_SYMBOL.test(text) ? matchesAfterNonLetter(NUMBERED, text) : [];
    const spans: Span[] = [];
    numbered.forEach((m, i) => {
      const start = m.index;
      const end = start + m[0].length;
      const symbol = parseSymbol(m[2]!);
      if (!symbol || !/\p{Lu}/u.test(symbol.display)) return;
      const next = numbered[i + 1]?.index ?? text.length;
      const stop = Math.min(next, clauseEnd(text, end));
      const { issuer, title } = issuerAndTitle(text.slice(end, stop).replace(/\s+và\s*$/u, ''));
      const issuedAt = partialDate(m[5] ?? m[8], m[4] ?? m[7], m[3] ?? m[6]);
      const declared = squash(m[1]!);
      // The word written in the text wins over the symbol's code (folded codes collide: ĐA/DA).
      const type = /^(?:Công văn|Văn bản)$/iu.test(declared)
        ? (symbol.typeName ?? 'Công văn')
        : declared.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
      spans.push({ start, end: stop, titleStart: end });
      out.push({
        key: symbolKey(symbol, scopeFor(symbol, issuer, ctx), issuedAt),
        symbol: symbol.display,
        type,
        issuedAt,
        issuer: issuer ?? symbol.nationalIssuer,
        title,
        relation: relationFor(text.slice(clauseStart(text, start), start), unit),
        path: unit.path,
        ...optionalSpan(spanOf(m[0], unit)),
        resolved: issuedAt !== null || symbol.year !== null,
        candidates: [],
        name: null,
      });
    });

    for (const m of mayHoldLaw(text) ? matchesAfterNonLetter(LAW, text) : []) {
      if (insideApproval(spans, text, m.index)) continue;
      const name = squash(`${m[1]} ${m[2]}`);
      const date = m[3] ?? partialDate(m[6], m[5], m[4]);
      out.push({
        ...named(name, m[1]!, date, text, m.index, unit, insideTitle(spans, m.index)),
        ...optionalSpan(spanOf(m[0], unit)),
      });
    }
    for (const m of mayHoldNamed(text) ? matchesAfterNonLetter(NAMED, text) : []) {
      if (insideApproval(spans, text, m.index)) continue;
      const body = squash(m[2] ?? m[3] ?? '');
      const name = squash(`${m[1]} ${body}`);
      out.push({
        ...named(name, m[1]!, null, text, m.index, unit, insideTitle(spans, m.index)),
        ...optionalSpan(spanOf(m[0], unit)),
      });
    }
  }
  return out;
}

const optionalSpan = (span: [number, number] | undefined) => (span ? { span } : {});

function named(
  name: string,
  type: string,
  date: string | null,
  text: string,
  at: number,
  unit: TextUnit,
  inTitle: boolean,
): RawCitation {
  return {
    key: documentKey('vn', normalizeName(name), date),
    symbol: null,
    type: type.replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
    issuedAt: date,
    issuer: null,
    title: name,
    // Named inside another citation's title, it is that document's subject matter, not this one's basis.
    relation: unit.footnote
      ? 'footnote'
      : inTitle
        ? 'mention'
        : relationFor(text.slice(clauseStart(text, at), at), unit),
    path: unit.path,
    resolved: date !== null,
    candidates: [],
    name: normalizeName(name),
  };
}
