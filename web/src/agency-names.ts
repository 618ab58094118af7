/**
 * Agencies in the interface language. Answers, duties and coverage rows carry an agency's id and its
 * Vietnamese name; in English the name comes from its type (as ingestion names it), with the Vietnamese
 * on hover. The type table is loaded only once English is chosen (or a graph shows agency types), so
 * the Vietnamese pages do not download it.
 */
import provinces from '../../data/provinces.json';
import { englishAgencyName, type EnglishType } from '../../ingest/taxonomy/agency-english.js';
import { currentLang, pick } from './i18n.js';

interface TypeEntry extends EnglishType {
  id: string;
  name: string;
}

const PROVINCES = new Map(provinces.map((p) => [p.slug, p]));
let types: Map<string, TypeEntry> | undefined;
let loading: Promise<void> | undefined;

/** Loads the English names of agency types (once); the views wait for it before drawing in English. */
export function loadAgencyNames(): Promise<void> {
  loading ??= import('../../data/agency-types.json').then(({ default: data }) => {
    types = new Map(
      data.types.map((t) => [t.id, { id: t.id, scope: t.scope, name: t.name, nameEn: t.nameEn }]),
    );
  });
  return loading;
}

/** Regional branches are keyed "vn:<type>-<n>": the region as printed (roman numerals upper case). */
function regional(rest: string): { type: TypeEntry; region: string } | null {
  for (const type of types?.values() ?? []) {
    if (type.scope !== 'regional' || !rest.startsWith(`${type.id}-`)) continue;
    const region = rest.slice(type.id.length + 1);
    return { type, region: /^[ivxlc]+$/.test(region) ? region.toUpperCase() : region };
  }
  return null;
}

/** The English name of an agency id ("lang-son:cong-an-tinh"), null when its type has none. */
export function agencyNameEn(id: string): string | null {
  const colon = id.indexOf(':');
  if (colon < 0 || !types) return null;
  const scope = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  const type = types.get(rest);
  if (type) return englishAgencyName(type, PROVINCES.get(scope) ?? null, null);
  const branch = regional(rest);
  return branch ? englishAgencyName(branch.type, null, branch.region) : null;
}

/** The English name of an agency type ("Provincial Police"), null before the table is loaded. */
export const agencyTypeNameEn = (typeId: string | null): string | null =>
  (typeId && types?.get(typeId)?.nameEn) ?? null;

/** An agency type ("Công an tỉnh" / "Provincial Police") once the table is loaded, else null. */
export function agencyTypeName(typeId: string): string | null {
  const type = types?.get(typeId);
  return type ? pick({ vi: type.name, en: type.nameEn }) : null;
}

/** What a person reads for an agency, and the other language's name for a hover title (or null). */
export function agencyName(agency: { id: string; name: string; nameEn?: string | null }): {
  shown: string;
  other: string | null;
} {
  if (currentLang() !== 'en') return { shown: agency.name, other: null };
  const en = agency.nameEn ?? agencyNameEn(agency.id);
  return en ? { shown: en, other: agency.name } : { shown: agency.name, other: null };
}
