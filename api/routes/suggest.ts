/** GET /api/suggest: what a search box offers as you type — documents, agencies and crime categories. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fold } from '../../ingest/text/normalize.js';
import { allCategories } from '../../ingest/taxonomy/crime-categories.js';
import type { Library } from '../library.js';
import { problems } from './common.js';

export const SuggestQuery = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(200, 'q is too long (at most 200 characters)'),
  limit: z.coerce.number().int().min(1).max(50).default(8).describe('Suggestions per kind'),
});

export const Suggestion = z.object({
  /** Graph node id to open ("doc:…", "agency:…", "category:…"). */
  node: z.string(),
  kind: z.enum(['Document', 'Agency', 'CrimeCategory']),
  /** What a person reads: symbol and type, agency name, category label (both languages where known). */
  label: z.string(),
  labelEn: z.string().nullable(),
  /** A second line: the document's subject, the agency's province, … */
  detail: z.string().nullable(),
});
export const SuggestResponse = z.object({ items: z.array(Suggestion) });

export const suggestRoutes: FastifyPluginAsyncZod<{ library: Library }> = async (app, { library }) => {
  app.get(
    '/suggest',
    {
      schema: {
        summary: 'Suggestions over documents, agencies and crime categories for a search box',
        tags: ['search'],
        querystring: SuggestQuery,
        response: { 200: SuggestResponse, ...problems(400, 503) },
      },
    },
    async ({ query: { q, limit } }) => {
      const wanted = fold(q);
      // The list holds ingested documents; a symbol typed whole also finds documents known only as cited.
      const [listed, exact, agencies] = await Promise.all([
        library.store.listDocuments({ q, limit }),
        library.store.findDocuments(q),
        library.store.listAgencies({ q, limit }),
      ]);
      const documents = {
        items: [...exact, ...listed.items.filter((d) => !exact.some((e) => e.key === d.key))].slice(0, limit),
      };
      const categories = allCategories()
        .filter((c) => fold(c.label.vi).includes(wanted) || fold(c.label.en).includes(wanted))
        .slice(0, limit);
      return {
        items: [
          ...documents.items.map((d) => ({
            node: d.id,
            kind: 'Document' as const,
            label: [d.type, d.symbol].filter(Boolean).join(' ') || (d.title ?? ''),
            labelEn: null,
            detail: d.title,
          })),
          ...agencies.items.map((a) => ({
            node: a.id,
            kind: 'Agency' as const,
            label: a.name,
            labelEn: a.nameEn,
            detail: null,
          })),
          ...categories.map((c) => ({
            node: `category:${c.id}`,
            kind: 'CrimeCategory' as const,
            label: c.label.vi,
            labelEn: c.label.en,
            detail: null,
          })),
        ],
      };
    },
  );
};
