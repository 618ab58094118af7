/**
 * Document symbols and canonical keys.
 *
 * Numbers restart every year and every issuer uses them, so a symbol alone is ambiguous: the key is
 * `<scope>:<symbol-slug>:<year>` where scope is "vn" for national issuers (TTg, CP, BCA, TW …) and the
 * province otherwise. "13/CT-TTg" and "13-CT/TU" differ (slugs "13-ct-ttg" vs "13-ct-tu", and scope);
 * "38/CD-TTg" and "38/CĐ-TTg" are equal (Đ folds to d).
 */
import { z } from 'zod';
// A JSON import, so the compiled CLI (dist/) carries the data too.
import docTypesData from '../../data/doc-types.json' with { type: 'json' };
import { fold, slugify } from '../text/normalize.js';

const DocTypesFile = z.object({
  types: z.array(z.object({ code: z.string().nullable(), name: z.string(), nameEn: z.string() })),
  nationalIssuerCodes: z.record(z.string(), z.string()),
  partyIssuerCodes: z.record(z.string(), z.string()),
  headerMarks: z.array(z.string()),
});
type DocTypes = z.infer<typeof DocTypesFile>;

let cached: DocTypes | null = null;
export function docTypes(): DocTypes {
  cached ??= DocTypesFile.parse(docTypesData);
  return cached;
}

const codeKey = (code: string) => fold(code).toUpperCase();

let exactCodes: Map<string, string> | null = null;
let foldedCodes: Map<string, string> | null = null;
/** "QĐ" → "Quyết định"; OCR'd "QD" too, though an exact code wins ("DA" is Dự án, "ĐA" Đề án). */
export function typeNameForCode(code: string): string | null {
  const coded = docTypes().types.filter((t) => t.code);
  exactCodes ??= new Map(coded.map((t) => [t.code!.toUpperCase(), t.name]));
  foldedCodes ??= new Map(coded.map((t) => [codeKey(t.code!), t.name]));
  return exactCodes.get(code.toUpperCase()) ?? foldedCodes.get(codeKey(code)) ?? null;
}

export function typeNameEn(name: string): string | null {
  return docTypes().types.find((t) => fold(t.name) === fold(name))?.nameEn ?? null;
}

let national: Map<string, string> | null = null;
function nationalIssuer(code: string): string | null {
  national ??= new Map(
    Object.entries(docTypes().nationalIssuerCodes)
      .filter(([k]) => !k.startsWith('$'))
      .map(([k, v]) => [codeKey(k), v]),
  );
  return national.get(codeKey(code)) ?? null;
}

export interface ParsedSymbol {
  /** Normalized display form: "623/QĐ-TTg", "13-CT/TU", "/UBND-NC". */
  display: string;
  number: string | null;
  /** Year embedded in normative symbols ("23/2018/QĐ-UBND"). */
  year: string | null;
  typeCode: string | null;
  typeName: string | null;
  issuerCodes: string[];
  party: boolean;
  /** Name of the national issuer when a code says so (TTg → Thủ tướng Chính phủ). */
  nationalIssuer: string | null;
}

// A code's fields may be joined by "&" ("BNN&PTNT", "LĐTB&XH").
const ADMIN =
  /^(\d{1,5}[a-z]?)?\s*\/\s*(?:(\d{4})\s*\/\s*)?([A-Za-zĐđ][A-Za-zĐđ0-9]*(?:&[A-Za-zĐđ0-9]+)*(?:-[A-Za-zĐđ0-9]+(?:&[A-Za-zĐđ0-9]+)*)*)$/u;
const PARTY = /^(\d{1,5})-([A-Za-zĐđ]+)\s*\/\s*([A-Za-zĐđ][A-Za-zĐđ0-9]*(?:-[A-Za-zĐđ0-9]+)*)$/u;

export function parseSymbol(raw: string): ParsedSymbol | null {
  const s = raw
    .replace(/\s+/g, ' ')
    .replace(/\s*([-/])\s*/g, '$1')
    .trim()
    .replace(/[.,;:]+$/, '');
  const party = PARTY.exec(s);
  if (party) {
    const [, number, type, issuer] = party as unknown as [string, string, string, string];
    const codes = issuer.split('-');
    const scope = docTypes().partyIssuerCodes[codes[0]!] ?? docTypes().partyIssuerCodes[codeKey(codes[0]!)];
    return {
      display: `${number}-${type}/${issuer}`,
      number,
      year: null,
      typeCode: type,
      typeName: typeNameForCode(type),
      issuerCodes: codes,
      party: true,
      nationalIssuer: scope === 'national' ? 'Ban Chấp hành Trung ương Đảng' : null,
    };
  }
  const admin = ADMIN.exec(s);
  if (!admin) return null;
  const [, number, year, tail] = admin as unknown as [string, string | undefined, string | undefined, string];
  const parts = tail.split('-');
  const typeName = parts.length > 1 ? typeNameForCode(parts[0]!) : null;
  const issuerCodes = typeName ? parts.slice(1) : parts;
  return {
    display: `${number ?? ''}/${year ? `${year}/` : ''}${tail}`,
    number: number ?? null,
    year: year ?? null,
    typeCode: typeName ? parts[0]! : null,
    typeName,
    issuerCodes,
    party: false,
    nationalIssuer: issuerCodes.map(nationalIssuer).find((n) => n) ?? null,
  };
}

/** URL-safe canonical key. `year` may be a partial date or null (then the key has no year part). */
export function documentKey(scope: string, name: string, year: string | null): string {
  return [scope, slugify(name), year?.slice(0, 4)].filter(Boolean).join(':');
}

export function symbolKey(symbol: ParsedSymbol, scope: string, year: string | null): string {
  return documentKey(scope, symbol.display, year ?? symbol.year);
}
