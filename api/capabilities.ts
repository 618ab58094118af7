/**
 * What dutygraph can be asked, once: each capability is a zod input schema and one function over the
 * library. The HTTP routes, the MCP tools, the exports and the CLI call these, so none of them holds
 * query logic of its own and a rule (a bound, a filter, an error) means the same everywhere.
 */
import { z } from 'zod';
import { InvalidArgumentError } from '../graph/port.js';
import type { Duty, ExtractedDocument } from '../ingest/schema.js';
import { allCategories, categoryById, expandCategory } from '../ingest/taxonomy/crime-categories.js';
import { allProvinces, predecessorsOf, provinceBySlug } from '../ingest/taxonomy/provinces.js';
import { fold, slugify } from '../ingest/text/normalize.js';
import { SearchRequest, type SearchResponse } from '../search/schema.js';
import type { Library } from './library.js';
import { documentDetail } from './routes/documents.js';
import {
  CategoryListQuery,
  CitationQuery,
  DocumentIdParams,
  type DocumentDetail,
  IdParams,
  ProfileQuery,
} from './schemas.js';

const search = SearchRequest.shape;

export const WhoIsResponsibleInput = z.object({
  question: search.query.describe('The question, in Vietnamese (with or without diacritics) or English'),
  province: search.province.describe('Province slug or name ("lang-son", "Lạng Sơn")'),
  category: search.category.describe('Crime-category id or label ("money-laundering", "rửa tiền")'),
  agency: search.agency.describe('Only duties of this agency (id, agency type id or name)'),
  k: search.k.describe('Duty passages to weigh (1–100)'),
  group: z.boolean().default(false).describe('Merge provincial agencies of one type into one answer'),
});

export const SearchDutiesInput = z.object({
  query: search.query.describe('What the duty is about, in Vietnamese or English'),
  province: search.province.describe('Province slug or name'),
  agency: search.agency.describe('Agency id, agency type id or name'),
  category: search.category.describe('Crime-category id or label'),
  type: search.type.describe('Document type ("Kế hoạch", "plan")'),
  from: search.from.describe('Issued on or after (YYYY, YYYY-MM or YYYY-MM-DD)'),
  to: search.to.describe('Issued on or before (YYYY, YYYY-MM or YYYY-MM-DD)'),
  k: search.k.describe('Passages to return (1–100)'),
});

export const GetDocumentInput = DocumentIdParams;
export const CitationChainInput = DocumentIdParams.extend(CitationQuery.shape);
export const AgencyProfileInput = IdParams.extend({
  id: IdParams.shape.id.describe('Agency id ("lang-son:cong-an-tinh", optionally prefixed "agency:")'),
  ...ProfileQuery.shape,
});
export const ListCategoriesInput = CategoryListQuery;

type Input<S extends z.ZodType> = z.output<S>;

/** Ranks the agencies responsible for what the question names, with the duties as evidence. */
export function whoIsResponsible(library: Library, input: Input<typeof WhoIsResponsibleInput>) {
  const { question, ...filters } = input;
  return library.search.search({ query: question, ...filters });
}

/** The duty passages that best match a query, with their documents and agencies. */
export function searchDuties(
  library: Library,
  input: Input<typeof SearchDutiesInput>,
): Promise<SearchResponse> {
  return library.search.search(input);
}

export function getDocument(
  library: Library,
  input: Input<typeof GetDocumentInput>,
): Promise<DocumentDetail> {
  return documentDetail(library.store, input.id);
}

export function citationChain(library: Library, input: Input<typeof CitationChainInput>) {
  const { id, ...options } = input;
  return library.store.citationChain(id, options);
}

export function agencyProfile(library: Library, input: Input<typeof AgencyProfileInput>) {
  return library.store.agencyProfile(input.id, { limit: input.limit });
}

/** Categories present in the graph with their bilingual taxonomy labels. */
export async function listCategories(library: Library, input: Input<typeof ListCategoriesInput>) {
  const page = await library.store.listCategories(input);
  return { ...page, items: page.items.map((item) => ({ ...item, ...categoryTaxonomy(item.key) })) };
}

export function categoryTaxonomy(key: string) {
  const category = categoryById(key);
  return { label: category ? category.label : null, parent: category?.parent ?? null };
}

// ---------------------------------------------------------------------------------------------------------
// Duty selections: the rows behind the exports.

const filter = (name: string) =>
  z
    .string()
    .trim()
    .max(200, `${name} is too long (at most 200 characters)`)
    .optional()
    // An empty parameter (`?province=`) means "no filter", as an empty form field does.
    .transform((v) => (v ? v : undefined));

export const DutySelection = z.object({
  province: filter('province').describe(
    'Province slug or name; a province merged in 2025 includes its predecessors',
  ),
  category: filter('category').describe(
    'Crime-category id or label; a parent category includes its children',
  ),
  agency: filter('agency').describe('Agency id ("lang-son:cong-an-tinh"); only duties assigned to it'),
});
export type DutySelection = z.output<typeof DutySelection>;

/** One duty with the document it comes from. */
export interface DutyRow {
  duty: Duty;
  document: Pick<
    ExtractedDocument,
    'id' | 'symbol' | 'type' | 'issuedAt' | 'province' | 'provinceName' | 'subject'
  >;
}

export interface SelectedDuties {
  /** The selection as resolved: canonical ids and display names. */
  selection: {
    province: { slug: string; name: string } | null;
    category: { id: string; label: { vi: string; en: string } } | null;
    agency: { id: string; name: string } | null;
  };
  /** Newest document first, then in document order. */
  rows: DutyRow[];
}

/** A selection filter names nothing known; `field` is the filter ("province", "category"). */
export class SelectionError extends InvalidArgumentError {
  constructor(
    readonly field: keyof DutySelection,
    message: string,
  ) {
    super(message);
    this.name = 'SelectionError';
  }
}

function resolveProvince(value: string): { slug: string; name: string } {
  const wanted = fold(value);
  const province =
    provinceBySlug(slugify(value)) ??
    allProvinces().find((p) => [p.name, p.nameEn, ...p.aliases].some((n) => fold(n) === wanted));
  if (!province) throw new SelectionError('province', `unknown province "${value}"`);
  return { slug: province.slug, name: province.name };
}

function resolveCategory(value: string): { id: string; label: { vi: string; en: string } } {
  const wanted = fold(value.replace(/^category:/, ''));
  // The id, a label or a taxonomy term, accents and case ignored: a name, not a sentence mentioning one.
  const category = allCategories().find(
    (c) =>
      c.id === wanted ||
      [c.label.vi, c.label.en, ...c.terms.vi, ...c.terms.en, ...c.abbreviations].some(
        (n) => fold(n) === wanted,
      ),
  );
  if (!category) throw new SelectionError('category', `unknown crime category "${value}"`);
  return { id: category.id, label: category.label };
}

/** Duties matching the selection; throws InvalidArgumentError (bad filter) or NotFoundError (unknown agency). */
export async function selectDuties(
  library: Pick<Library, 'store'>,
  selection: DutySelection,
): Promise<SelectedDuties> {
  const province = selection.province ? resolveProvince(selection.province) : null;
  const category = selection.category ? resolveCategory(selection.category) : null;
  let agency: { id: string; name: string } | null = null;
  if (selection.agency) {
    const profile = await library.store.agencyProfile(selection.agency, { limit: 1 });
    agency = { id: profile.agency.properties.key, name: profile.agency.properties.name };
  }
  const provinces = province ? new Set([province.slug, ...predecessorsOf(province.slug)]) : null;
  const categories = category ? new Set(expandCategory(category.id)) : null;
  const rows: DutyRow[] = [];
  for await (const doc of library.store.allDocuments()) {
    if (provinces && !(doc.province && provinces.has(doc.province))) continue;
    const { id, symbol, type, issuedAt, province: docProvince, provinceName, subject } = doc;
    for (const duty of doc.duties) {
      if (categories && !duty.categories.some((c) => categories.has(c))) continue;
      if (agency && !duty.agencies.some((a) => a.id === agency.id)) continue;
      rows.push({
        duty,
        document: { id, symbol, type, issuedAt, province: docProvince, provinceName, subject },
      });
    }
  }
  // Newest first; the sort is stable, so duties keep their order within a document.
  rows.sort((a, b) => (b.document.issuedAt ?? '').localeCompare(a.document.issuedAt ?? ''));
  return { selection: { province, category, agency }, rows };
}

/** Every page of a paged list, for CSV exports of whole lists. */
export async function allPages<T>(
  fetchPage: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}
