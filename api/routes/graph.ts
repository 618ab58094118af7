/** GET /api/graph/neighborhood: a node and what surrounds it, for the explorer. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Subgraph } from '../../graph/schema.js';
import type { Library } from '../library.js';
import { blameField } from '../problem.js';
import { NeighborhoodQuery } from '../schemas.js';
import { problems } from './common.js';

export const graphRoutes: FastifyPluginAsyncZod<{ library: Library }> = async (app, { library }) => {
  app.get(
    '/graph/neighborhood',
    {
      schema: {
        summary:
          'Nodes and edges within `depth` steps of a node along `direction` (`truncated` when capped by `limit`)',
        tags: ['graph'],
        querystring: NeighborhoodQuery,
        response: { 200: Subgraph, ...problems(400, 404, 503) },
      },
    },
    async ({ query: { node, ...options } }) =>
      blameField('query.node', () => library.store.neighborhood(node, options)),
  );
};
