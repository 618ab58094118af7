/**
 * Document header and signature block (Nghị định 30/2020/NĐ-CP layout): issuing body, "Số: …",
 * place and date, type word or "V/v", subject, "Kính gửi", signer, "Nơi nhận". Works on clean lines,
 * because the layout is line-based; two-column headers arrive as separate lines or " | " cells.
 */
import type { PartialDate, Signer } from '../schema.js';
import { fold, foldCodeUnit, squash } from '../text/normalize.js';
import { isUpperCaseText } from '../text/char-class.js';
import { partialDate } from './dates.js';
import { unwrapHeader } from './header-lines.js';
import { docTypes, parseSymbol, type ParsedSymbol } from './keys.js';

export interface Header {
  issuerLines: string[];
  symbol: ParsedSymbol | null;
  place: string | null;
  issuedAt: PartialDate | null;
  /** Title word in title case ("Kế hoạch"), or "Công văn" when a V/v line is present. */
  type: string | null;
  subject: string | null;
  recipients: string[];
  /** The copy shows a portal's flattening of the two-column header (see header-lines.ts). */
  flattened: boolean;
  /** Text of the first body line (a line, or a cell of a two-column line), null if the header runs to the end. */
  bodyStartText: string | null;
}

export interface Closing {
  signer: Signer | null;
  distribution: string[];
  /** Index (in lines) where the closing part (Nơi nhận or signature) starts. */
  start: number;
}

const MOTTO =
  /^(?:cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc|dang cong san viet nam)/;
/**
 * MOTTO.test(fold(line)), folding only lines whose first character can open the motto: MOTTO starts with "c" or
 * "d", and the fold of a line starts with the fold of its first character when that is one code unit.
 */
function isMotto(line: string): boolean {
  if (!line) return false;
  const first = foldCodeUnit(line.charCodeAt(0));
  return (first < 0 || first === 0x63 || first === 0x64) && MOTTO.test(fold(line));
}
const STAMP = /^(?:den\b|so\s*:?\s*\d+\s+ngay\s*:|chuyen\s*:|chuyen\b|luu ho so so|ngay\s*:\s*\d)/;
// "Số: 1482/UBND-NC", "Số 61-CTr/TU", "Số: 23/2012/TT - BCA", "Số: /UBND-NC" (number left blank).
const NUMBER_LINE =
  /^Số\s*[:.]?\s*((?:\d{1,5}[a-z]?\s*-\s*\p{L}+\s*)?(?:\d{1,5}[a-z]?)?\s*\/\s*[\p{L}\d/\-. ()]+?)\s*$/u;
// "Hà Nội, ngày 05 tháng 3 năm 2024"; portal copies also print "Quảng Bình, ngày 08/11/2023".
const DATE_LINE =
  /^(?:([\p{Lu}][\p{L}.\- ]{1,40}?),\s*)?ngày\s*(?:(\d{1,2}|\.{2,}|…)?\s*tháng\s*(\d{1,2}|\.{2,}|…)?\s*năm\s*(\d{4})|(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$)/iu;

let titleWords: { folded: string; name: string }[] | null = null;
function titleWord(line: string): string | null {
  titleWords ??= docTypes()
    .types.map((t) => ({ folded: fold(t.name), name: t.name }))
    .sort((a, b) => b.folded.length - a.folded.length);
  if (line.length > 40 || line !== line.toUpperCase()) return null;
  const f = fold(line).trim().replace(/\s+/g, ' ');
  return (
    titleWords.find(
      (t) => f === t.folded || (TITLE_TAIL.test(f.slice(t.folded.length)) && f.startsWith(`${t.folded} `)),
    )?.name ?? null
  );
}

// "KẾ HOẠCH HÀNH ĐỘNG", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "THÔNG TƯ LIÊN TỊCH": the type with a qualifier.
const TITLE_TAIL = /^ (?:hanh dong|lien tich|phoi hop|lien nganh|trien khai)$/;
// Lines that open the enacting part under a subject: "ỦY BAN NHÂN DÂN TỈNH …", "CHỦ TỊCH …", "BỘ TRƯỞNG …".
const ENACTING =
  /^(?:uy ban|hoi dong|chu tich|thu tuong|bo truong|ban thuong vu|ban chap hanh|giam doc|truong ban|cuc truong|tong cuc truong|ban chi dao|khoa [xivl]+|bo chinh tri)\b/;
// Sentence-case lines that begin the body after a subject.
/** The line before the addressees: "Kính gửi:", or a Công điện's "THỦ TƯỚNG CHÍNH PHỦ điện:". */
const ADDRESSEES = /^(?:(?:[Kk]ính gửi|KÍNH GỬI)\s*:?|[\p{Lu}\s]{4,80}\s(?:điện|ĐIỆN)\s*:)\s*/u;
const BODY_START =
  /^(?:Kính gửi|Căn cứ|Thực hiện|Triển khai|Để|Nhằm|Trong|Thời gian|Qua|Sau|Theo|Ngày|Hiện nay|Những năm|Xét(?=\s+(?:đề nghị|đề xuất|[Tt]ờ trình)))(?![\p{L}])/u;

let headerMark: RegExp | null = null;
/** A mark above the header ("HỎA TỐC", "MẪU / SAMPLE"), alone or glossed: no word of a name follows it. */
function isHeaderMark(line: string): boolean {
  headerMark ??= new RegExp(
    `^(?:${docTypes().headerMarks.join('|')})(?![\\p{L}\\d])(?!\\s+[\\p{L}\\d])`,
    'u',
  );
  return headerMark.test(line);
}

/**
 * A two-column header arrives as " | " cells per line (HTML tables): read the left column first, then the
 * right one, as a person would.
 */
function columns(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    if (!lines[i]!.includes('|')) {
      out.push(lines[i++]!);
      continue;
    }
    const run: string[][] = [];
    while (i < lines.length && lines[i]!.includes('|') && run.length < 12) run.push(cells(lines[i++]!));
    const width = Math.max(...run.map((r) => r.length));
    for (let c = 0; c < width; c++) for (const r of run) if (r[c]) out.push(r[c]!);
  }
  return out;
}
// Module-level helpers, not closures in the loops that use them: a named closure costs a defineProperty per
// creation where names are kept (tsx).
function cells(line: string): string[] {
  return line.split(/\s*\|\s*/).map((c) => c.trim());
}

/** Lines of the received-stamp block: "ĐẾN Số … Ngày …", "Chuyển …", and the receiving office above it. */
function stampLines(lines: string[]): Set<number> {
  const out = new Set<number>();
  lines.forEach((line, i) => {
    if (!/^(?:ĐẾN|Đến)(?![\p{L}]).*Số/u.test(line)) return;
    out.add(i);
    for (let j = i - 3; j <= i + 4; j++) {
      const l = lines[j];
      if (l === undefined || j === i) continue;
      const f = fold(l);
      if (STAMP.test(f) || /^\.{3,}$/.test(l) || /^ngày\s*:/iu.test(l)) out.add(j);
      else if (j < i && isUpperCaseText(l) && !titleWord(l) && !MOTTO.test(f)) out.add(j);
    }
  });
  return out;
}

export function parseHeader(rawLines: string[]): Header {
  const unwrapped = unwrapHeader(columns(rawLines.slice(0, 80)));
  const lines = unwrapped.lines.concat(rawLines.slice(80));
  const stamps = stampLines(lines);
  const limit = Math.min(lines.length, 60);
  const issuerLines: string[] = [];
  let symbol: ParsedSymbol | null = null;
  let place: string | null = null;
  let issuedAt: PartialDate | null = null;
  let type: string | null = null;
  let vv: string[] | null = null;
  let subject: string[] = [];
  let titleAt = -1;
  let recipients: string[] = [];
  let bodyStart = 0;
  let issuerOpen = true;
  let proseSinceIssuer = false;
  let dateAt = -1;

  for (let i = 0; i < limit; i++) {
    const line = lines[i]!;
    if (stamps.has(i)) continue;
    if (isMotto(line)) {
      // Two columns set side by side come in turn ("HỘI ĐỒNG NHÂN DÂN", "CỘNG HÒA …", "THÀNH PHỐ HUẾ", "Độc lập …"):
      // the issuer's next line is still the issuer's.
      const next = lines[i + 1];
      if (
        issuerOpen &&
        issuerLines.length > 0 &&
        next !== undefined &&
        isUpperCaseText(next) &&
        next.length <= 80 &&
        !isMotto(next) &&
        !titleWord(next) &&
        !NUMBER_LINE.test(next)
      ) {
        issuerLines.push(next);
        i++;
      }
      issuerOpen = false;
      continue;
    }
    const num = NUMBER_LINE.exec(line);
    const parsed: ParsedSymbol | null = num && !symbol ? parseSymbol(num[1]!.replace(/\s+/g, '')) : null;
    if (parsed) {
      symbol = parsed;
      issuerOpen = false;
      bodyStart = i + 1;
      continue;
    }
    // The header ends where the body begins ("Căn cứ …", "Điều 1."): a type word further down belongs to an
    // attached document (the Kế hoạch a Quyết định issues), not to this one.
    if (
      issuedAt &&
      !issuerOpen &&
      (/^(?:Căn cứ|Điều\s+\d)/u.test(line) || /^QUYẾT (?:ĐỊNH|NGHỊ)\s*:/u.test(line))
    )
      break;
    const date = DATE_LINE.exec(line);
    if (date && !issuedAt && i < 40) {
      place = date[1] ? squash(date[1]) : null;
      // Blank day or month ("ngày    tháng 6 năm 2026") gives a partial date.
      issuedAt = date[7] ? partialDate(date[7], date[6], date[5]) : partialDate(date[4], date[3], date[2]);
      issuerOpen = false;
      bodyStart = i + 1;
      dateAt = i;
      continue;
    }
    if (/^V\/v(?![\p{L}])/iu.test(line)) {
      vv = [line.replace(/^V\/v\s*/iu, '')];
      // The V/v subject runs on over the following lines until a blank-line-level break we no longer see:
      // stop at a line that starts another header element.
      for (let j = i + 1; j < limit; j++) {
        const next = lines[j]!;
        if (isMotto(next) || NUMBER_LINE.test(next) || DATE_LINE.test(next) || ADDRESSEES.test(next)) break;
        if (isUpperCaseText(next) || /^[-–•]/.test(next) || next.length > 90) break;
        vv.push(next);
        i = j;
      }
      issuerOpen = false;
      bodyStart = i + 1;
      continue;
    }
    const word = titleWord(line);
    if (word && !type) {
      type = word;
      titleAt = i;
      issuerOpen = false;
      subject = [];
      for (let j = i + 1; j < limit; j++) {
        const next = lines[j]!;
        if (stamps.has(j)) continue;
        // "CHỈ THỊ / CỦA BAN THƯỜNG VỤ TỈNH ỦY / về …" (party and older forms): the line names the issuing
        // collective, the subject is under it.
        if (!subject.length && /^CỦA\s+\p{Lu}/u.test(next) && isUpperCaseText(next)) continue;
        if ((BODY_START.test(next) || ADDRESSEES.test(next)) && subject.length) break;
        // A title in capitals ends at the first sentence-case line (portal copies run on into the body).
        if (subject.length && subject.every(isUpperCaseText) && !isUpperCaseText(next)) break;
        if (/^(?:[IVX]+|\d+|Điều\s+\d+)[.:]\s/u.test(next) || next.length > (subject.length ? 160 : 400))
          break;
        // An all-capitals line after the subject is the enacting body of a Quyết định ("ỦY BAN NHÂN DÂN TỈNH").
        if (
          subject.length &&
          isUpperCaseText(next) &&
          (!subject.every(isUpperCaseText) || ENACTING.test(fold(next)))
        )
          break;
        subject.push(next);
        bodyStart = j + 1;
        if (/[.;:]$/.test(next)) break;
      }
      bodyStart = Math.max(bodyStart, i + 1);
      continue;
    }
    const address = ADDRESSEES.exec(line);
    if (address) {
      const inline = line.slice(address[0].length).trim();
      recipients = inline ? [inline.replace(/[;.,]$/, '')] : [];
      for (let j = i + 1; j < lines.length; j++) {
        const next = lines[j]!;
        if (!/^[-–+•]\s+/.test(next)) break;
        recipients.push(
          next
            .replace(/^[-–+•]\s+/, '')
            .replace(/[;.,]$/, '')
            .trim(),
        );
        i = j;
      }
      bodyStart = i + 1;
      break;
    }
    if (issuerOpen && !issuerLines.length && isHeaderMark(line)) continue;
    if (issuerOpen && isUpperCaseText(line) && line.length <= 80 && titleAt < 0) {
      // Lines in capitals above running text ("Ngày đăng: …", a page title) are the page's banner: the issuer's
      // lines are the ones that go on to the number, the motto or the date.
      if (proseSinceIssuer) issuerLines.length = 0;
      proseSinceIssuer = false;
      issuerLines.push(line);
      bodyStart = i + 1;
    } else if (issuerOpen && issuerLines.length > 0 && /\p{Ll}/u.test(line)) proseSinceIssuer = true;
  }

  // No type word (dropped by the portal): the subject is the line(s) right under the date, up to the enacting body.
  if (!type && !vv && dateAt >= 0) {
    for (let j = dateAt + 1; j < Math.min(limit, dateAt + 5); j++) {
      const next = lines[j]!;
      if (stamps.has(j) || isMotto(next) || NUMBER_LINE.test(next)) continue;
      if (
        BODY_START.test(next) ||
        /^Điều\s+\d/u.test(next) ||
        (isUpperCaseText(next) && ENACTING.test(fold(next)))
      )
        break;
      subject.push(next);
      bodyStart = j + 1;
      if (/[.;:]$/.test(next)) break;
    }
  }
  const subjectText = vv ? squash(vv.join(' ')) : squash(subject.join(' '));
  // A symbol's type code names the document ("…/QĐ-TTg" that approves a Kế hoạch is a Quyết định).
  const typed = symbol?.typeName ?? null;
  return {
    flattened: unwrapped.flattened || rawLines.slice(0, 12).some((l) => l.includes('|')),
    issuerLines,
    bodyStartText: lines[bodyStart] ?? null,
    symbol,
    place,
    issuedAt,
    type: typed ?? type ?? (vv ? 'Công văn' : null),
    subject: subjectText ? subjectText.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : null,
    recipients,
  };
}

// Party documents write the slashed forms without a dot ("T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ").
const AUTHORITY = /^(?:(?:TM|KT|Q|TL|TUQ|T\/M|K\/T|T\/L)\.\s*|(?:T\/M|K\/T|T\/L)\s+)\S/u;
// Officers sign with their rank first ("Thượng tướng Trần Văn A"): the rank is not part of the name.
const RANK = /^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý))\s+/u;
const NAME = /^(?:\p{Lu}[\p{Ll}]*)(?:\s+\p{Lu}[\p{Ll}]*){1,4}$/u;

/** A block that is a signature: title and authority lines in capitals over a personal name. */
export function isSignatureBlock(lines: readonly string[]): boolean {
  if (lines.length < 2 || lines.length > 6) return false;
  const name = lines[lines.length - 1]!.trim().replace(RANK, '');
  return NAME.test(name) && lines.slice(0, -1).every((l) => l.length <= 60 && isUpperCaseText(l.trim()));
}

/**
 * The heading of a text issued with the document and printed after its signature ("QUY CHẾ", "KẾ HOẠCH"
 * over "(Ban hành kèm theo Quyết định số …)"): a document type's name, alone on its line, in capitals.
 */
export const ATTACHMENT_HEAD = new RegExp(
  `^(?:${docTypes()
    .types.map((t) => t.name.toUpperCase())
    .join('|')})$`,
  'u',
);

/** Signature block and "Nơi nhận" list, searched from the end of the document. */
export function parseClosing(lines: string[]): Closing {
  let start = lines.length;
  const distribution: string[] = [];
  const receivedAt = lines.findIndex((l) => /^n[oơ]i nh[aậ]n\s*:?/iu.test(l.trim()));
  if (receivedAt >= 0) {
    start = receivedAt;
    for (let j = receivedAt + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (!/^[-–+•]\s*/.test(line)) break;
      distribution.push(
        line
          .replace(/^[-–+•]\s*/, '')
          .replace(/[;.,]$/, '')
          .trim(),
      );
    }
  }

  // Signer: the last line shaped like a personal name, below its title and authority lines.
  let signer: Signer | null = null;
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 40); i--) {
    const line = lines[i]!.trim().replace(RANK, '');
    if (!NAME.test(line) || /^(?:Nơi|Như|Lưu)(?![\p{L}])/u.test(line)) continue;
    const above: string[] = [];
    for (let j = i - 1; j >= Math.max(0, i - 5); j--) {
      const l = lines[j]!.trim();
      if (isUpperCaseText(l) && l.length <= 60) above.unshift(l);
      else if (above.length) break;
    }
    if (!above.length) continue;
    const authority = above.filter((l) => AUTHORITY.test(l));
    const titles = above.filter((l) => !AUTHORITY.test(l));
    signer = { name: line, title: titles[titles.length - 1] ?? null, authority };
    start = Math.min(start, i - above.length);
    break;
  }
  return { signer, distribution, start };
}
