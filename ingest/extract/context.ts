/** The extraction context built from the project's data files (agency types, provinces, crime taxonomy). */
import { tagCategories } from '../taxonomy/crime-categories.js';
import {
  allProvinces,
  findProvinceInSource,
  findProvinceInText,
  mayNameProvince,
  provinceBySlug,
} from '../taxonomy/provinces.js';
import { AgencyResolver, loadAgencyTypes } from './agencies.js';
import type { ExtractionContext } from './document.js';

let cached: ExtractionContext | null = null;

const withKind = (p: { slug: string; name: string } | null) =>
  p ? { slug: p.slug, name: p.name, kind: provinceBySlug(p.slug)?.kind } : null;

export function defaultContext(): ExtractionContext {
  cached ??= {
    agencies: new AgencyResolver(
      loadAgencyTypes(),
      allProvinces().map((p) => ({ slug: p.slug, name: p.name, kind: p.kind })),
    ),
    findProvince: (text) => withKind(findProvinceInText(text)),
    mayNameProvince,
    findProvinceInSource: (source) => withKind(findProvinceInSource(source)),
    tagCategories,
  };
  return cached;
}
