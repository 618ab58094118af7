/**
 * Units named by their codes: a ministry's or a provincial police plan names its departments once with the code
 * after the name ("Cục Cảnh sát hình sự (C02)", "chỉ đạo Phòng Cảnh sát kinh tế (PC03) …") and by the code alone
 * afterwards ("Phối hợp với C02 …"). The codes a document defines are read from its text, each to the body named
 * right before it, so a second reading can take "C02" for the unit it stands for.
 */
import type { AgencyMention, AgencyResolver } from './agencies.js';
import { fold } from '../text/normalize.js';

/** A unit code as the Ministry of Public Security writes them: letters, then two or three digits ("C02", "PA05"). */
export const UNIT_CODE = /^[A-Z]{1,3}\d{2,3}(?![\p{L}\d])/u;
const CODE_IN_BRACKETS = /\s\(([A-Z]{1,3}\d{2,3})\)/gu;
/** How far before its code a unit's name may start. */
const NAME_REACH = 160;

/** The body whose name ends `before`: the first word start from which the names read reach its end. */
function nameEnding(before: string, agencies: AgencyResolver): AgencyMention | null {
  for (const word of before.matchAll(/(?<![\p{L}\d])\p{Lu}/gu)) {
    const at = word.index;
    const found = agencies.scanPrefix(before.slice(at), true);
    const last = found[found.length - 1];
    if (last && at + last.end === before.length)
      return { ...last, start: at + last.start, end: at + last.end };
  }
  return null;
}

/** The codes `text` gives right after a named body, each to the first body it follows. */
export function unitCodes(text: string, agencies: AgencyResolver): Map<string, AgencyMention> {
  const codes = new Map<string, AgencyMention>();
  for (const m of text.matchAll(CODE_IN_BRACKETS)) {
    const code = m[1]!;
    if (codes.has(code)) continue;
    const means = nameEnding(text.slice(Math.max(0, m.index - NAME_REACH), m.index), agencies);
    if (means && !means.means) codes.set(code, means);
  }
  return codes;
}

/** What forms a committee, before its name ("thành lập Ban Chỉ đạo …", "kiện toàn Ban Chỉ đạo …"). */
const FORMS = /(?:^|\s)(?:thành lập|kiện toàn|củng cố)(?:\s+lại)?\s+(?=Ban\s)/giu;

/**
 * The committee ("Ban …") a decision forms, named in its subject: its head's title alone ("Trưởng ban", "Phó
 * Trưởng ban") stands for it in the decision's articles. Null when the subject forms none.
 */
export function formedBody(subject: string | null, agencies: AgencyResolver): AgencyMention | null {
  if (!subject) return null;
  for (const m of subject.matchAll(FORMS)) {
    const at = m.index + m[0].length;
    const [body] = agencies.scanPrefix(subject.slice(at));
    if (body?.type && body.start === 0) return { ...body, start: 0, end: body.end - body.start };
  }
  return null;
}

/**
 * The committee the decision forms, when `mention` is its name's first words alone ("Ban Chỉ đạo" for "Ban Chỉ đạo
 * phòng, chống tội phạm … tỉnh" in "Điều 2. Nhiệm vụ của Ban Chỉ đạo"); else null.
 */
export function shortFormOf(mention: AgencyMention, formed: AgencyMention | null): AgencyMention | null {
  if (!formed || mention.type || mention.provinces || mention.means) return null;
  const short = fold(mention.text).toLowerCase().trim();
  const full = fold(formed.text).toLowerCase();
  return short.includes(' ') && full.startsWith(`${short} `) ? formed : null;
}
