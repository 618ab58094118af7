/** GET /api/search: who is responsible for what, over the duty passages. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { todayIso } from '../../graph/lifecycle-query.js';
import { answeredInFull, type SearchResponse } from '../../search/schema.js';
import { keepInForce } from '../in-force.js';
import type { Library } from '../library.js';
import { SearchAnswer, SearchQuery } from '../schemas.js';
import { SearchCache } from '../search-cache.js';
import { problems } from './common.js';

/** Says whether the answer came from the search cache: "hit" or "miss" (absent when it was not asked). */
export const CACHE_HEADER = 'x-search-cache';
const JSON_TYPE = 'application/json; charset=utf-8';

export const searchRoutes: FastifyPluginAsyncZod<{ library: Library; cache: SearchCache }> = async (
  app,
  { library, cache },
) => {
  async function answer(query: z.output<typeof SearchQuery>, today: string): Promise<SearchResponse> {
    const { q, inForce, ...filters } = query;
    // "In force only" asks for more than k: the documents not in force are dropped afterwards.
    const k = filters.k ?? 10;
    return inForce
      ? await keepInForce(
          library.store,
          await library.search.search({ query: q, ...filters, k: Math.min(100, k * 3) }),
          k,
          today,
        )
      : await library.search.search({ query: q, ...filters });
  }

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
    async (request, reply) => {
      const today = todayIso();
      const store = library.store.availability();
      if (!store.available) {
        // Not cached: the note is about this moment, and the answer may lack what the store adds.
        return {
          ...(await answer(request.query, today)),
          store: {
            available: false as const,
            note: `answered from the search index; the graph store (${store.dependency}) is unavailable, so document and agency links may not open until it is back`,
          },
        };
      }
      if (!cache.enabled) return answer(request.query, today);
      const { q, k, province, agency, category, type, from, to, group, inForce } = request.query;
      // The generation is read before answering: a write landing meanwhile makes this key a dead one.
      const key = SearchCache.key(await library.search.generation(), [
        library.search.semantic,
        q,
        k,
        province,
        agency,
        category,
        type,
        from,
        to,
        group,
        inForce,
        inForce ? today : null,
      ]);
      let body = cache.get(key);
      reply.header(CACHE_HEADER, body === undefined ? 'miss' : 'hit');
      if (body === undefined) {
        const result = await answer(request.query, today);
        body = Buffer.from(reply.serializeInput(result, '200') as string);
        if (answeredInFull(result)) cache.set(key, body);
      }
      // Already serialized: bytes are sent as they are, under the JSON content type set here.
      return reply.type(JSON_TYPE).send(body as unknown as SearchResponse);
    },
  );
};
