/** GET /api/search: who is responsible for what, over the duty passages. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SearchResponse } from '../../search/schema.js';
import { keepInForce } from '../in-force.js';
import type { Library } from '../library.js';
import { SearchQuery } from '../schemas.js';
import { problems } from './common.js';

export const searchRoutes: FastifyPluginAsyncZod<{ library: Library }> = async (app, { library }) => {
  app.get(
    '/search',
    {
      schema: {
        summary: 'Search duties and rank the agencies responsible',
        tags: ['search'],
        querystring: SearchQuery,
        response: { 200: SearchResponse, ...problems(400, 503) },
      },
    },
    async (request) => {
      const { q, inForce, ...filters } = request.query;
      if (!inForce) return library.search.search({ query: q, ...filters });
      // Ask for more than k: the documents not in force are dropped afterwards.
      const k = filters.k ?? 10;
      const wide = await library.search.search({ query: q, ...filters, k: Math.min(100, k * 3) });
      return keepInForce(library.store, wide, k);
    },
  );
};
