/**
 * The library by province, on today's 34 (a merged province's documents and agencies counted for its
 * successor): how many documents each holds and how many duty assignments, optionally on one crime category,
 * for the map; and one province's documents and agencies for its panel. Built on the GraphStore port alone.
 */
import { z } from 'zod';
import { allProvinces, predecessorsOf, provinceBySlug, successorOf } from '../ingest/taxonomy/provinces.js';
import { NotFoundError, type GraphStore } from './port.js';
import { AgencySummary, DocumentSummary } from './schema.js';

export const ProvinceTotals = z.object({
  slug: z.string(),
  name: z.string(),
  nameEn: z.string(),
  formerNames: z.array(z.string()),
  documents: z.number().int(),
  /** Agency–duty assignments of the province's agencies (on `category` when one is given). */
  assignments: z.number().int(),
  agencies: z.number().int(),
});
export type ProvinceTotals = z.infer<typeof ProvinceTotals>;

export const ProvinceOverview = z.object({
  category: z.string().nullable(),
  provinces: z.array(ProvinceTotals),
});
export type ProvinceOverview = z.infer<typeof ProvinceOverview>;

export const ProvinceDetail = z.object({
  province: ProvinceTotals.omit({ documents: true, assignments: true, agencies: true }),
  documents: z.array(DocumentSummary),
  agencies: z.array(AgencySummary),
  /** True when more documents or agencies exist than `limit` shows. */
  truncated: z.boolean(),
});
export type ProvinceDetail = z.infer<typeof ProvinceDetail>;

const PAGE = 500;

const formerNamesOf = (slug: string): string[] =>
  predecessorsOf(slug)
    .map((s) => provinceBySlug(s)?.name ?? s)
    .sort();

/** Per current province: documents, assignments and agencies. Throws NotFoundError for an unknown category. */
export async function provinceOverview(
  store: GraphStore,
  options: { category?: string } = {},
): Promise<ProvinceOverview> {
  const totals = new Map(
    allProvinces()
      .filter((p) => p.current)
      .map((p) => [
        p.slug,
        {
          slug: p.slug,
          name: p.name,
          nameEn: p.nameEn,
          formerNames: formerNamesOf(p.slug),
          documents: 0,
          assignments: 0,
          agencies: 0,
        },
      ]),
  );
  const at = (province: string | null) => (province ? totals.get(successorOf(province) ?? '') : undefined);
  for (const { value, count } of (await store.stats()).byProvince) {
    const t = at(value);
    if (t) t.documents += count;
  }
  if (options.category) {
    const { agencies } = await store.categoryAgencies(options.category, { limit: 5000 });
    for (const a of agencies) {
      const t = at(a.agency.province);
      if (t) {
        t.assignments += a.duties;
        t.agencies += 1;
      }
    }
  } else {
    let cursor: string | null = null;
    do {
      const page = await store.listAgencies({ limit: PAGE, cursor });
      for (const a of page.items) {
        const t = at(a.province);
        if (t) {
          t.assignments += a.dutyCount;
          t.agencies += 1;
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  return { category: options.category ?? null, provinces: [...totals.values()] };
}

/** One current province (or a former one, shown as its successor): its documents and agencies. */
export async function provinceDetail(
  store: GraphStore,
  slugArg: string,
  options: { limit?: number } = {},
): Promise<ProvinceDetail> {
  const limit = options.limit ?? 200;
  const current = successorOf(slugArg);
  const province = current ? provinceBySlug(current) : undefined;
  if (!province) throw new NotFoundError(`no province "${slugArg}"`);
  const slugs = [province.slug, ...predecessorsOf(province.slug)];
  const documents: DocumentSummary[] = [];
  const agencies: AgencySummary[] = [];
  let truncated = false;
  for (const slug of slugs) {
    const docs = await store.listDocuments({ province: slug, limit: Math.min(limit, 500) });
    const ags = await store.listAgencies({ province: slug, limit: Math.min(limit, 500) });
    documents.push(...docs.items);
    agencies.push(...ags.items);
    truncated ||= docs.nextCursor !== null || ags.nextCursor !== null;
  }
  documents.sort((a, b) => (b.issuedAt ?? '').localeCompare(a.issuedAt ?? '') || a.key.localeCompare(b.key));
  agencies.sort((a, b) => b.dutyCount - a.dutyCount || a.name.localeCompare(b.name, 'vi'));
  return {
    province: {
      slug: province.slug,
      name: province.name,
      nameEn: province.nameEn,
      formerNames: formerNamesOf(province.slug),
    },
    documents: documents.slice(0, limit),
    agencies: agencies.slice(0, limit),
    truncated: truncated || documents.length > limit || agencies.length > limit,
  };
}
