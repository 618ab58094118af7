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

const DEADLINE =
  /(?:chậm nhất|hạn chót|hoàn thành trước|trước|không quá)\s+(?:ngày\s+)?(\d{1,2})(?:\s*[/.-]\s*|\s+tháng\s+)(\d{1,2})(?:\s*[/.-]\s*|\s+năm\s+)(\d{4})/iu;

/** "chậm nhất ngày 22/5/2026", "trước 25/5/2026" → ISO date; periods ("từ ngày … đến ngày …") are not deadlines. */
export function extractDeadline(text: string): PartialDate | null {
  const m = DEADLINE.exec(text.replace(/\*+/g, ''));
  if (!m) return null;
  return partialDate(m[3], m[2], m[1]);
}
