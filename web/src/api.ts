/** The explorer's only door to the server: GET JSON under /api, problem+json turned into readable errors. */
import type {
  AgencyProfile,
  CitationChain,
  CorpusStats,
  Direction,
  DocumentPage,
  Subgraph,
} from '../../graph/schema.js';
import type { Coverage } from '../../graph/coverage.js';
import type { ProvinceDetail, ProvinceOverview } from '../../graph/provinces.js';
import type { Cascade } from '../../search/cascade.js';
import type { z } from 'zod';
import type { SuggestResponse } from '../../api/routes/suggest.js';
import type { DocumentPath } from '../../graph/lifecycle-schema.js';
import type { SearchResponse } from '../../search/schema.js';
import type { CategoryDetail, CategoryItem, DocumentDetail } from './types.js';

/** A failed request; `message` is fit to show (the server's detail, or what went wrong on the way). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    /** The problem+json `code` ("not-found", "store-unavailable" …), which the interface translates. */
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

type Suggestion = z.infer<typeof SuggestResponse>['items'][number];

type Params = Record<string, string | number | undefined>;

async function get<T>(path: string, params: Params = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const url = `/api${path}${query.size ? `?${query}` : ''}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError('network', 0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const { detail, code } = (body ?? {}) as { detail?: unknown; code?: unknown };
    throw new ApiError(
      typeof detail === 'string' ? detail : `HTTP ${response.status}`,
      response.status,
      typeof code === 'string' ? code : null,
    );
  }
  return body as T;
}

const id = (value: string) => encodeURIComponent(value);

export interface SearchFilters {
  province?: string;
  category?: string;
  type?: string;
  from?: string;
  to?: string;
  /** "true": only duties of documents in force (or amended) today. */
  inForce?: string;
}

export const api = {
  search: (q: string, filters: SearchFilters) => get<SearchResponse>('/search', { q, k: 20, ...filters }),
  document: (key: string) => get<DocumentDetail>(`/documents/${id(key)}`),
  citations: (key: string, direction: Direction, depth: number) =>
    get<CitationChain>(`/documents/${id(key)}/citations`, { direction, depth }),
  agency: (key: string) => get<AgencyProfile>(`/agencies/${id(key)}`),
  category: (key: string) => get<CategoryDetail>(`/categories/${id(key)}`),
  categories: () => get<{ items: CategoryItem[] }>('/categories', { limit: 500 }),
  neighborhood: (node: string, limit: number, direction: Direction = 'both') =>
    get<Subgraph>('/graph/neighborhood', { node, direction, depth: 1, limit }),
  stats: () => get<{ graph: CorpusStats }>('/stats'),
  documents: (limit: number) => get<DocumentPage>('/documents', { limit }),
  coverage: (key: string) => get<Coverage>(`/documents/${id(key)}/coverage`),
  coverageCsvUrl: (key: string) => `/api/documents/${id(key)}/coverage.csv`,
  originalUrl: (key: string) => `/api/documents/${id(key)}/original`,
  cascade: (key: string) => get<Cascade>(`/documents/${id(key)}/cascade`),
  provinces: (category?: string) => get<ProvinceOverview>('/provinces', { category }),
  province: (slug: string) => get<ProvinceDetail>(`/provinces/${id(slug)}`),
  suggest: (q: string) => get<{ items: Suggestion[] }>('/suggest', { q, limit: 6 }),
  path: (key: string, to: string) => get<DocumentPath>(`/documents/${id(key)}/path`, { to }),
};
