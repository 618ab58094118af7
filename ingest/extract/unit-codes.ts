/**
 * Units named by their codes: a ministry's plan names its departments once with the code after the name ("Cục Cảnh
 * sát hình sự (C02)", "Phòng Cảnh sát kinh tế (PC03)") and by the code alone afterwards ("Phối hợp với C02 …"). The
 * codes a document defines are read from the mentions its duties make, so a second reading can take "C02" for
 * the unit it stands for.
 */
import type { AgencyMention } from './agencies.js';
import type { RawDuty } from './duties.js';

/** A unit code as the Ministry of Public Security writes them: letters, then two or three digits ("C02", "PA05"). */
export const UNIT_CODE = /^[A-Z]{1,3}\d{2,3}(?![\p{L}\d])/u;
const CODE_AFTER = /^\s*\(([A-Z]{1,3}\d{2,3})\)/u;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '\\s+');

/** The codes `text` gives right after a named body its duties mention, each to the first body it follows. */
export function unitCodes(duties: RawDuty[], text: string): Map<string, AgencyMention> {
  const codes = new Map<string, AgencyMention>();
  if (!/\([A-Z]{1,3}\d{2,3}\)/u.test(text)) return codes;
  const seen = new Set<string>();
  for (const { mention } of duties.flatMap((d) => d.agencies)) {
    if (seen.has(mention.text) || mention.means || UNIT_CODE.test(mention.text)) continue;
    seen.add(mention.text);
    const written = new RegExp(`(?<![\\p{L}\\d])${escape(mention.text)}(?=\\s*\\()`, 'gu');
    for (const m of text.matchAll(written)) {
      const code = CODE_AFTER.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 12))?.[1];
      if (code && !codes.has(code)) codes.set(code, mention);
    }
  }
  return codes;
}
