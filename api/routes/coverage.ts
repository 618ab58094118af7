/**
 * Implementation across provinces: a document's coverage (which provinces carry it out or cite it), the
 * cascade of its duties to provincial duties, and the library by province for the map.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Coverage, documentCoverage } from '../../graph/coverage.js';
import { ProvinceDetail, ProvinceOverview, provinceDetail, provinceOverview } from '../../graph/provinces.js';
import { VietnameseAnalyzer } from '../../search/analyzer.js';
import { Cascade, documentCascade } from '../../search/cascade.js';
import { ConceptLexicon } from '../../search/concepts.js';
import { coverageCsv } from '../exports/coverage-csv.js';
import { CSV_CONTENT_TYPE } from '../exports/csv.js';
import type { Library } from '../library.js';
import { blameField } from '../problem.js';
import { DocumentIdParams } from '../schemas.js';
import { problems } from './common.js';

const ProvinceParams = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug must be a province slug such as "lang-son"')
    .max(60, 'slug is too long'),
});
const OverviewQuery = z.object({
  category: z
    .string()
    .trim()
    .min(1, 'category must not be empty')
    .max(100, 'category is too long')
    .optional()
    .describe('Count only duty assignments of this crime category ("drugs")'),
});

const CSV_RESPONSE = {
  description: 'The coverage table as CSV (UTF-8 with BOM, one row per province and document)',
  content: { 'text/csv': { schema: z.string().meta({ format: 'binary' }) } },
};

export const coverageRoutes: FastifyPluginAsyncZod<{ library: Library }> = async (app, { library }) => {
  const { store } = library;
  const analyzer = new VietnameseAnalyzer(ConceptLexicon.load().analyzerLexicon);

  app.get(
    '/documents/:id/coverage',
    {
      schema: {
        summary: 'Which provinces carry out or cite a document, with their documents, lead agencies and lag',
        description:
          'On the 34 provinces since the 2025 merger (a merged province is counted for its successor, with ' +
          'its old name). "implemented": a document of the province implements it (Thực hiện / Triển khai / ' +
          'Căn cứ), directly or through an implementing chain (`via`); "cited": only cited; "none".',
        tags: ['coverage'],
        params: DocumentIdParams,
        response: { 200: Coverage, ...problems(400, 404, 503) },
      },
    },
    async ({ params }) => blameField('params.id', () => documentCoverage(store, params.id)),
  );

  app.get(
    '/documents/:id/coverage.csv',
    {
      schema: {
        summary: 'The coverage table of a document as CSV',
        tags: ['coverage'],
        params: DocumentIdParams,
        produces: ['text/csv'],
        response: { 200: CSV_RESPONSE, ...problems(400, 404, 503) },
      },
    },
    async ({ params }, reply) => {
      const coverage = await blameField('params.id', () => documentCoverage(store, params.id));
      const name = (coverage.document.symbol ?? coverage.document.key).replace(/[^\w.-]+/g, '-');
      return reply
        .type(CSV_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="coverage-${name}.csv"`)
        .send(coverageCsv(coverage));
    },
  );

  app.get(
    '/documents/:id/cascade',
    {
      schema: {
        summary:
          "A document's duties and the provincial duties that carry each out, by province and agency type",
        description:
          'Each provincial duty of an implementing or citing document is matched to the national duty it most ' +
          'plausibly implements, with a score and the evidence: shared words, crime categories, whether the ' +
          "agency is the national body's local counterpart, and the embedding similarity when a model is loaded.",
        tags: ['coverage'],
        params: DocumentIdParams,
        response: { 200: Cascade, ...problems(400, 404, 503) },
      },
    },
    async ({ params }) =>
      blameField('params.id', () =>
        documentCascade(store, params.id, { analyzer, embedder: library.search.embedder }),
      ),
  );

  app.get(
    '/provinces',
    {
      schema: {
        summary: 'The 34 provinces with their documents, agencies and duty assignments (for the map)',
        tags: ['coverage'],
        querystring: OverviewQuery,
        response: { 200: ProvinceOverview, ...problems(400, 404, 503) },
      },
    },
    async ({ query }) => blameField('query.category', () => provinceOverview(store, query)),
  );

  app.get(
    '/provinces/:slug',
    {
      schema: {
        summary: "One province's documents and agencies (a former province answers as its successor)",
        tags: ['coverage'],
        params: ProvinceParams,
        response: { 200: ProvinceDetail, ...problems(400, 404, 503) },
      },
    },
    async ({ params }) => blameField('params.slug', () => provinceDetail(store, params.slug)),
  );
};
