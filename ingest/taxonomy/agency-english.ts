/**
 * An agency's English name from its type: what ingestion stores and what the explorer shows for an
 * agency it knows only by id (search answers, duties, coverage). Pure, with no data of its own, so the
 * explorer can use it with the type table it loads.
 */
export interface EnglishType {
  scope: string;
  nameEn: string;
}

/** "Public Security (Lạng Sơn)", "State Bank Region 5", "Ministry of Public Security". */
export function englishAgencyName(
  type: EnglishType,
  province: { name: string } | null,
  region: string | null,
): string {
  if (type.scope === 'national') return type.nameEn;
  if (type.scope === 'regional') return type.nameEn.replace('{n}', region ?? '?');
  return province ? `${type.nameEn} (${province.name})` : type.nameEn;
}
