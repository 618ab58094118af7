/**
 * Bodies written in capitals: a plan may open each body's paragraph with its name in capitals ("- BỆNH VIỆN TÂM THẦN
 * TỈNH: …") and write the same body normally elsewhere ("phối hợp với Bệnh viện Tâm thần tỉnh"). The canonical name
 * (and so the id) is read from the normal spelling: the document's own where it has one, else the name in sentence
 * case. The mention keeps the capitals it was written in.
 */
import type { AgencyMention } from './agencies.js';

/** Written in capitals: two words or more, every letter a capital. */
function inCapitals(text: string): boolean {
  return /\p{Lu}.*\s.*\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}

/** The first place in `text` where `name` is written other than in capitals (compared case-insensitively), or null. */
function normalSpelling(name: string, text: string, lowered: string): string | null {
  const wanted = name.toLowerCase();
  if (wanted.length !== name.length) return null;
  for (let at = lowered.indexOf(wanted); at >= 0; at = lowered.indexOf(wanted, at + 1)) {
    const found = text.slice(at, at + name.length);
    const after = text.charAt(at + name.length);
    if (/\p{Ll}/u.test(found) && !/[\p{L}\p{M}\d]/u.test(after)) return found;
  }
  return null;
}

/** "PHÒNG NGHIỆP VỤ Y" → "Phòng nghiệp vụ y": the first letter a capital, the rest not. */
const sentenceCase = (name: string): string => name.charAt(0) + name.slice(1).toLowerCase();

/**
 * A reader of one document's mentions in capitals: the mention as the document writes it normally, for resolving;
 * any other mention unchanged.
 */
export function normalCasing(text: string): (mention: AgencyMention) => AgencyMention {
  const lowered = text.toLowerCase();
  const aligned = lowered.length === text.length;
  return (mention) => {
    if (!inCapitals(mention.text)) return mention;
    const normal = (aligned && normalSpelling(mention.text, text, lowered)) || sentenceCase(mention.text);
    return normal.length === mention.text.length ? { ...mention, text: normal } : mention;
  };
}
