/**
 * Documented corrections to reference annotations we disagree with after reading the text. Each names the set,
 * the file, the field and the value the annotation has (so a fixed annotation makes its correction fail a test
 * instead of silently overriding it), the value we score against, the phrase in the text that shows it, and why.
 * tests/extract-quality.test.ts checks every entry against the annotation and the text.
 */
import type { SetDoc } from './extract-sets.js';

export interface GoldCorrection {
  set: string;
  file: string;
  field: 'symbol' | 'type' | 'province' | 'issuedAt' | 'citations' | 'citations_optional';
  from: unknown;
  to: unknown;
  /** Phrases of the document's text (exact) that show the corrected value. */
  evidence?: string[];
  /** Phrases (folded) that the text would hold if the annotation were right, and does not. */
  absent?: string[];
  reason: string;
}

const NO_PROVINCE = (file: string, from: string, absent: string[]): GoldCorrection => ({
  set: 'corpus-extra',
  file,
  field: 'province',
  from,
  to: null,
  absent,
  reason:
    'the page text never names the province (only its web address does): "UBND tỉnh", "Công an tỉnh" without a ' +
    'name; read from the text, the province is unknown',
});

export const GOLD_CORRECTIONS: GoldCorrection[] = [
  NO_PROVINCE('lang-son-463-ubnd-nc-2019.txt', 'lang-son', ['lang son', 'lạng sơn']),
  NO_PROVINCE('dak-lak-4235-ubnd-kgvx-2018.txt', 'dak-lak', ['dak lak', 'dac lac']),
  NO_PROVINCE('kon-tum-vpubnd-thang-hanh-dong-ma-tuy-2012.txt', 'kon-tum', ['kon tum', 'kontum']),
];

/** The gold with this set's corrections applied (a copy). */
export function applyCorrections(
  set: string,
  gold: Record<string, SetDoc>,
  corrections: GoldCorrection[] = GOLD_CORRECTIONS,
): Record<string, SetDoc> {
  const out: Record<string, SetDoc> = structuredClone(gold);
  for (const c of corrections) {
    if (c.set !== set) continue;
    const doc = out[c.file];
    if (doc) (doc as Record<string, unknown>)[c.field] = structuredClone(c.to);
  }
  return out;
}
