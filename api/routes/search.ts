/** GET /api/search: who is responsible for what, over the duty passages. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { keepInForce } from '../in-force.js';
import type { Library } from '../library.js';
import { SearchAnswer, SearchQuery } from '../schemas.js';
import { problems } from './common.js';

export const searchRoutes: FastifyPluginAsyncZod<{ library: Library }> = async (app, { library }) => {
  app.get(
    '/search',
    {
      schema: {
        summary: 'Search duties and rank the agencies responsible',
        tags: ['search'],
        querystring: SearchQuery,
        response: { 200: SearchAnswer, ...problems(400, 503) },
      },
    },
    async (request) => {
      const { q, inForce, ...filters } = request.query;
      // "In force only" asks for more than k: the documents not in force are dropped afterwards.
      const k = filters.k ?? 10;
      const result = inForce
        ? await keepInForce(
            library.store,
            await library.search.search({ query: q, ...filters, k: Math.min(100, k * 3) }),
            k,
          )
        : await library.search.search({ query: q, ...filters });
      const store = library.store.availability();
      if (store.available) return result;
      return {
        ...result,
        store: {
          available: false as const,
          note: `answered from the search index; the graph store (${store.dependency}) is unavailable, so document and agency links may not open until it is back`,
        },
      };
    },
  );
};
