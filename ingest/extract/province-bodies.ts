/**
 * A national document names the provinces' own bodies together: "Ủy ban nhân dân các tỉnh, thành phố trực thuộc
 * trung ương", "Công an các tỉnh, thành phố". No agency type names them (each province's body is another agency),
 * so the names listed in data/agency-counterparts.json ("provinceBodies", which search maps to the provincial
 * types) are read here as one mention each, the words for "and the cities under the centre" with them.
 */
import { z } from 'zod';
import counterpartsData from '../../data/agency-counterparts.json' with { type: 'json' };
import { fold } from '../text/normalize.js';

const Counterparts = z.object({
  provinceBodies: z
    .array(z.object({ name: z.string().min(1), types: z.array(z.string().min(1)).min(1) }))
    .min(1),
});
const bodies = Counterparts.parse(counterpartsData).provinceBodies;
const names = bodies
  .map((b) =>
    fold(b.name)
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/ +/g, '\\s+'),
  )
  .sort((a, b) => b.length - a.length);

/** Folded: a listed name, then ", thành phố" / "và thành phố", then "trực thuộc trung ương", each optional. */
const PROVINCE_BODY = new RegExp(
  `^(?:${names.join('|')})(?:\\s*(?:,|\\bva\\b)\\s*thanh pho)?(?:\\s+truc thuoc\\s+trung uong)?(?![a-z0-9])`,
);
/** The first letters any listed name can open with (folded), so most positions are rejected at once. */
const OPENERS = new Set(names.map((n) => n[0]));

/** End of a mention of the provinces' bodies starting at `pos` of the folded string `f`, or `pos`. */
export function provinceBodyEnd(f: string, pos: number): number {
  if (!OPENERS.has(f[pos])) return pos;
  const m = PROVINCE_BODY.exec(f.slice(pos, pos + 120));
  return m ? pos + m[0].length : pos;
}

/**
 * The agency type of each of the provinces' bodies a mention names together ("Công an các tỉnh, thành phố …" →
 * the provincial police), or null when they are of several types ("Ủy ban nhân dân các tỉnh" stands for all).
 */
export function provinceBodyType(mention: string): string | null {
  const f = fold(mention).replace(/\s+/g, ' ');
  const body = bodies
    .filter((b) => f.startsWith(fold(b.name)))
    .sort((a, b) => b.name.length - a.name.length)[0];
  const [type, ...more] = body?.types ?? [];
  return type && type !== 'all' && more.length === 0 ? type : null;
}
