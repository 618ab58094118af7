/** Crime categories: list (with bilingual labels from the taxonomy) and detail (agencies and duties). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_RESULT_LIMIT } from '../../graph/schema.js';
import { categoryTaxonomy, listCategories } from '../capabilities.js';
import type { Library } from '../library.js';
import { blameField } from '../problem.js';
import {
  CategoryDetail,
  CategoryDetailQuery,
  CategoryList,
  CategoryListQuery,
  IdParams,
} from '../schemas.js';
import { problems } from './common.js';

export const categoryRoutes: FastifyPluginAsyncZod<{ library: Library }> = async (app, { library }) => {
  const { store } = library;

  app.get(
    '/categories',
    {
      schema: {
        summary: 'List crime categories present in the graph, with duty and document counts',
        tags: ['categories'],
        querystring: CategoryListQuery,
        response: { 200: CategoryList, ...problems(400, 503) },
      },
    },
    async ({ query }) => blameField('query.cursor', () => listCategories(library, query)),
  );

  app.get(
    '/categories/:id',
    {
      schema: {
        summary: 'A crime category: the agencies assigned its duties, and the duties',
        tags: ['categories'],
        params: IdParams.describe('Category id ("money-laundering", optionally prefixed "category:")'),
        querystring: CategoryDetailQuery,
        response: { 200: CategoryDetail, ...problems(400, 404, 503) },
      },
    },
    async ({ params, query: { limit } }) => {
      const assigned = await store.categoryAgencies(params.id, { limit });
      // Documents concern categories too, so ask for room for them besides `limit` duties.
      const around = await store.neighborhood(`category:${assigned.category}`, {
        depth: 1,
        limit: Math.min(MAX_RESULT_LIMIT, limit + assigned.documentCount + 1),
      });
      const duties = around.nodes.flatMap((n) => (n.label === 'Duty' ? [{ id: n.id, ...n.properties }] : []));
      return {
        ...assigned,
        ...categoryTaxonomy(assigned.category),
        duties: duties.slice(0, limit),
        dutiesTruncated: around.truncated || duties.length > limit,
      };
    },
  );
};
