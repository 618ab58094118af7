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

// The three corpus-extra summaries whose text never names its province (lang-son-463, dak-lak-4235, kon-tum) are
// no longer corrected to a null province: the province comes from the file's name (findProvinceInSource), as
// the annotation has it.
export const GOLD_CORRECTIONS: GoldCorrection[] = [];

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
