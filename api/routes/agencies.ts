/** Agencies: list and profile. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AgencyPage, AgencyProfile } from '../../graph/schema.js';
import type { Library } from '../library.js';
import { blameField } from '../problem.js';
import { AgencyListQuery, IdParams, ProfileQuery } from '../schemas.js';
import { problems } from './common.js';

export const agencyRoutes: FastifyPluginAsyncZod<{ library: Library }> = async (app, { library }) => {
  const { store } = library;

  app.get(
    '/agencies',
    {
      schema: {
        summary: 'List agencies that issue, receive or carry out duties',
        tags: ['agencies'],
        querystring: AgencyListQuery,
        response: { 200: AgencyPage, ...problems(400, 503) },
      },
    },
    async ({ query: { type, ...rest } }) =>
      blameField('query.cursor', () => store.listAgencies({ ...rest, typeId: type })),
  );

  app.get(
    '/agencies/:id',
    {
      schema: {
        summary: 'An agency profile: duties grouped by document, roles, categories, provinces',
        tags: ['agencies'],
        params: IdParams.describe('Agency id ("lang-son:cong-an-tinh", optionally prefixed "agency:")'),
        querystring: ProfileQuery,
        response: { 200: AgencyProfile, ...problems(400, 404, 503) },
      },
    },
    async ({ params, query }) => store.agencyProfile(params.id, query),
  );
};
