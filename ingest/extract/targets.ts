/**
 * Targets/KPIs: "giảm 5% …", "đạt từ 75% trở lên", "giảm … xuống từ 3-5%", "100% tố giác, tin báo".
 * Figures that report past results ("giảm 6,9% so với cùng kỳ") are not targets.
 */
import type { PartialDate, Target } from '../schema.js';
import { fold, squash } from '../text/normalize.js';
import { partialDate } from './dates.js';

const PERCENT = /(\d{1,3}(?:[.,]\d+)?)(?:\s*[-–]\s*(\d{1,3}(?:[.,]\d+)?))?\s*%/g;
const GOAL =
  /\b(?:phan dau|chi tieu|muc tieu|dat|bao dam|dam bao|it nhat|toi thieu|tro len|nang ty le|giam|tang|xu ly|tiep nhan)\b/;
/** Words that make a figure a goal even when it is compared with the past ("phấn đấu giảm 5% so với cùng kỳ"). */
const STRONG_GOAL = /\b(?:phan dau|chi tieu|muc tieu)\b/;
const PAST = /\b(?:so voi cung ky|da dat|dat duoc|da giam|giam duoc|tang duoc|ket qua)\b/;

const num = (s: string) => Number(s.replace(',', '.'));

export function extractTargets(text: string, path: string | null): Target[] {
  const out: Target[] = [];
  if (!text.includes('%')) return out; // every figure ends in "%": most texts hold none
  for (const m of text.matchAll(PERCENT)) {
    const at = m.index;
    const clauseStart =
      Math.max(text.lastIndexOf(';', at), text.lastIndexOf('. ', at), text.lastIndexOf(':', at)) + 1;
    const before = fold(text.slice(Math.max(clauseStart, at - 120), at));
    const after = fold(text.slice(at + m[0].length, at + m[0].length + 60));
    const around = `${before} ${after}`;
    if (!GOAL.test(around) || (PAST.test(around) && !STRONG_GOAL.test(before))) continue;
    const kind: Target['kind'] = /\bgiam\b/.test(before)
      ? 'reduce'
      : /\btang\b/.test(before)
        ? 'increase'
        : /\b(?:tro len|tren|tu|it nhat|toi thieu)\b/.test(`${before.slice(-20)} ${after.slice(0, 12)}`)
          ? 'atLeast'
          : 'exact';
    const phraseStart = Math.max(clauseStart, text.lastIndexOf(',', at) + 1, at - 80);
    const phraseEnd = /^\s*trở lên/u.test(text.slice(at + m[0].length))
      ? at + m[0].length + text.slice(at + m[0].length).indexOf('lên') + 3
      : at + m[0].length;
    const tail = text.slice(phraseEnd).match(/^(?:\s*[^\s;,.]+){0,6}/u)?.[0] ?? '';
    out.push({
      text: squash(`${text.slice(phraseStart, phraseEnd)}${tail}`).replace(/^[,;:\s]+/, ''),
      value: num(m[1]!),
      valueMax: m[2] ? num(m[2]) : null,
      unit: '%',
      kind,
      path,
    });
  }
  return out;
}

const DAY = String.raw`(\d{1,2})(?:\s*[/.-]\s*|\s+tháng\s+)(\d{1,2})(?:\s*[/.-]\s*|\s+năm\s+)(\d{4})`;
/**
 * The words that set a limit before a date: "chậm nhất", "muộn nhất", "không muộn hơn", "hạn chót", "trước", "không
 * quá", each maybe followed by "là" or "vào" ("chậm nhất là ngày …", "hạn chót vào ngày …").
 */
const BY = String.raw`(?:chậm nhất|muộn nhất|không (?:muộn|chậm) hơn|hạn chót|trước|không quá)(?:\s+(?:là|vào))?`;
/** "chậm nhất ngày 22/5/2026", "hoàn thành trước 25/5/2026", a table cell "Trước ngày 31/10/2026". */
const BY_DAY = new RegExp(
  String.raw`(?:hoàn thành trước|hạn(?:\s+(?:là|vào))?|${BY})\s+(?:ngày\s+)?${DAY}`,
  'iu',
);
/**
 * A deadline labelled in running text the way a table's column holds it ("Thời hạn: trong tháng 10 năm 2024",
 * "thời gian hoàn thành: trước ngày 15/12/2025"): the words after the label are read like that column's cell.
 */
const LABELLED =
  /(?:thời hạn|thời gian(?:\s+(?:thực hiện|hoàn thành))?)\s*:\s*([^;\n]{1,60}?)(?=[;\n]|\.(?:\s|$)|$)/iu;
/**
 * "trước ngày 15/12 hằng năm": a day of every year, kept as written; "trước 30/9" or "trước ngày 15 tháng 7"
 * alone: of the document's year.
 */
const YEARLY_DAY = new RegExp(
  String.raw`${BY}\s+(?:ngày\s+)?(?:\d{1,2}\s*\/\s*\d{1,2}(?:\s*(?:và|,)\s*\d{1,2}\s*\/\s*\d{1,2})*(?!\s*\/\s*\d)|\d{1,2}\s+tháng\s+\d{1,2}(?!\s*(?:năm|\/)\s*\d))(?:\s+(?:hằng|hàng) năm)?`,
  'iu',
);
const ONLY_DAY = new RegExp(String.raw`^(?:ngày\s+)?${DAY}$`, 'iu');
/** "Quý II/2026", "quý 3 năm 2026". */
const QUARTER = /quý\s+(I{1,3}|IV|[1-4])\s*(?:\/|năm\s+)(\d{4})/iu;
/** "trong tháng 7/2026", "tháng 6 năm 2026", a table cell "Tháng 9/2026". */
const MONTH =
  /(?:^|trong |trước |hoàn thành |xong |đến |vào |cuối )tháng\s+(\d{1,2})\s*(?:\/|năm\s+)(\d{4})/iu;
/** "thực hiện trong tháng 5", "báo cáo trong tháng 12": a month with no year (read as of the issue year). */
const MONTH_ALONE =
  /(?:trong |trước |hoàn thành |xong |đến |vào |cuối )tháng\s+(\d{1,2})(?!\d|\s*(?:năm|[/.-])\s*\d|\s+(?:hằng|hàng) năm)/iu;
/** "trong năm 2026", a table cell "Năm 2026". */
const YEAR = /(?:^|trong |hoàn thành (?:trong )?)năm\s+(\d{4})(?!\s*[-–])/iu;
/** "đến hết năm 2024", "trước cuối năm 2024": by the year's end. */
const YEAR_END = /(?:(?:đến|trước|trong)\s+)?(?:hết|cuối)\s+năm\s+(\d{4})(?!\s*[-–])/iu;
/** In running text a year is a deadline only when something is to be finished in it ("hoàn thành trong năm 2026"). */
const FINISH_YEAR = /hoàn thành (?:trong |ngay trong )?năm\s+(\d{4})(?!\s*[-–])/iu;
/** "trong 6 tháng đầu năm 2026" → June, "6 tháng cuối năm 2026" → December. */
const HALF_YEAR = /6 tháng (đầu|cuối) năm\s+(\d{4})/iu;
/** A day and month with no year ("trước 30/9", "ngày 15 tháng 7"). */
const DAY_MONTH = /(\d{1,2})(?:\s*\/\s*|\s+tháng\s+)(\d{1,2})(?!\s*\/\s*\d)/u;
/**
 * "chậm nhất ngày 15 hằng tháng", "trước ngày 20 của tháng cuối quý", "trước ngày 10 tháng đầu quý sau": a day of
 * every month or quarter, kept as written.
 */
const PERIODIC_DAY =
  /(?:chậm nhất|trước|không quá)\s+(?:ngày\s+)?\d{1,2}\s+(?:(?:hằng|hàng)\s+(?:tháng|quý)|(?:của\s+)?tháng\s+(?:đầu|cuối)\s+(?:mỗi\s+)?quý(?:\s+sau)?)/iu;
/** "(xong|hoàn thành) trước Tết Nguyên đán [Bính Ngọ] [năm 2026]": a deadline at a lunar holiday. */
const HOLIDAY =
  /(?:(?:xong|hoàn thành)\s+)?trước\s+Tết(?:\s+Nguyên\s+đán)?(?:\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+)?(?:\s+năm\s+\d{4})?/u;
/**
 * Recurrences and open-ended terms, as written. "chi thường xuyên" (the budget's recurrent spending, "từ nguồn chi
 * thường xuyên") names money, not when the work is done.
 */
const RECURRING =
  /(?:định kỳ (?:hằng|hàng) (?:năm|quý|tháng)|định kỳ \d{1,2} tháng|định kỳ (?:hằng|hàng) tuần|(?:hằng|hàng) năm|(?:hằng|hàng) quý|(?:hằng|hàng) tháng|(?<!chi )thường xuyên|liên tục)/iu;

const HAS_DIGIT = /\d/;
const MONTH_WORD = /tháng/iu;
const YEAR_WORD = /năm/iu;
const QUARTER_WORD = /quý/iu;
const TIME_WORD = /thời/iu;

const QUARTER_END: Record<string, string> = {
  I: '03',
  II: '06',
  III: '09',
  IV: '12',
  1: '03',
  2: '06',
  3: '09',
  4: '12',
};

/**
 * The deadline of a duty, from its text or a table's deadline cell: a date ("chậm nhất ngày …", "trước …"), the
 * end of a quarter ("Quý II/2026" → 2026-06), a month ("trong tháng 7/2026"), a year; or a recurrence
 * ("hằng năm", "định kỳ 6 tháng", "thường xuyên") kept as written with no date. Periods ("từ ngày … đến ngày …")
 * are not deadlines.
 */
export function extractDeadline(
  input: string,
  issuedAt: PartialDate | null = null,
): { date: PartialDate | null; text: string | null } {
  const text = input.replace(/\*+/g, '');
  // Every pattern before the recurrences needs a digit (a date, a quarter, a year): a text without one has none.
  if (!HAS_DIGIT.test(text)) {
    const recurring = RECURRING.exec(text);
    return { date: null, text: recurring ? recurring[0] : null };
  }
  // Words the patterns below need (as case-insensitive as they are): a text without one skips those patterns.
  const month = MONTH_WORD.test(text);
  const year = YEAR_WORD.test(text);
  const labelled = TIME_WORD.test(text) ? LABELLED.exec(text) : null;
  if (labelled && labelled[1]!.trim().length < 40) {
    const found = extractDeadline(labelled[1]!, issuedAt);
    if (found.date || found.text) return found;
  }
  const cell = text.trim().length < 40;
  const day = BY_DAY.exec(text) ?? (cell ? ONLY_DAY.exec(text.trim()) : null);
  if (day) return { date: partialDate(day[3], day[2], day[1]), text: squash(day[0]) };
  const quarter = QUARTER_WORD.test(text) ? QUARTER.exec(text) : null;
  if (quarter)
    return { date: `${quarter[2]}-${QUARTER_END[quarter[1]!.toUpperCase()]}`, text: squash(quarter[0]) };
  const inMonth = month ? MONTH.exec(text) : null;
  if (inMonth && Number(inMonth[1]) >= 1 && Number(inMonth[1]) <= 12)
    return { date: partialDate(inMonth[2], inMonth[1]), text: squash(inMonth[0]) };
  const half = month && year ? HALF_YEAR.exec(text) : null;
  if (half) return { date: `${half[2]}-${fold(half[1]!) === 'dau' ? '06' : '12'}`, text: squash(half[0]) };
  const inYear = year
    ? ((cell ? YEAR.exec(text) : null) ?? YEAR_END.exec(text) ?? FINISH_YEAR.exec(text))
    : null;
  if (inYear) return { date: partialDate(inYear[1]), text: squash(inYear[0]) };
  const monthAlone = month ? MONTH_ALONE.exec(text) : null;
  if (monthAlone && Number(monthAlone[1]) >= 1 && Number(monthAlone[1]) <= 12)
    return { date: monthOfIssueYear(Number(monthAlone[1]), issuedAt), text: squash(monthAlone[0]) };
  // "xong trước Tết Nguyên đán Bính Ngọ năm 2026": by a lunar holiday, kept as written with no date (its day moves).
  const holiday = HOLIDAY.exec(text);
  if (holiday) return { date: null, text: squash(holiday[0]) };
  const yearly = YEARLY_DAY.exec(text);
  if (yearly) {
    // "định kỳ hằng năm … báo cáo trước ngày 15/12": a day of every year, whichever side says so.
    const clause = text.slice(text.lastIndexOf(';', yearly.index) + 1).split(/[;.]/, 1)[0]!;
    const every = /(?:hằng|hàng) năm/iu.test(clause);
    return { date: every ? null : dayOfIssueYear(yearly[0], issuedAt), text: squash(yearly[0]) };
  }
  const periodic = PERIODIC_DAY.exec(text);
  if (periodic) return { date: null, text: squash(periodic[0]) };
  const recurring = RECURRING.exec(text);
  return { date: null, text: recurring ? recurring[0] : null };
}

/**
 * "trước 30/9" in a document issued on 2026-06-16 is 2026-09-30; a day already past at issue is next year's.
 * Null when the document's date is unknown.
 */
function dayOfIssueYear(written: string, issuedAt: PartialDate | null): PartialDate | null {
  const m = DAY_MONTH.exec(written);
  if (!m || !issuedAt) return null;
  const year = Number(issuedAt.slice(0, 4));
  const date = partialDate(String(year), m[2], m[1]);
  if (!date || issuedAt.length < 10) return date;
  return date < issuedAt ? partialDate(String(year + 1), m[2], m[1]) : date;
}

/** "trong tháng 5" in a document issued in March 2024 is 2024-05; a month already past at issue is next year's. */
function monthOfIssueYear(month: number, issuedAt: PartialDate | null): PartialDate | null {
  if (!issuedAt || issuedAt.length < 7) return null;
  const year = Number(issuedAt.slice(0, 4));
  const past = month < Number(issuedAt.slice(5, 7));
  return partialDate(String(past ? year + 1 : year), String(month));
}
