/**
 * GET /api/exports/…: what policy staff forward and file. Formatters over the capability functions'
 * results: the responsibility matrix as XLSX, deadlines as iCalendar, and CSV for every list.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_PAGE } from '../schemas.js';
import {
  allPages,
  DutySelection,
  listCategories,
  type SelectedDuties,
  SelectionError,
  selectDuties,
} from '../capabilities.js';
import {
  agenciesCsv,
  categoriesCsv,
  CSV_CONTENT_TYPE,
  documentsCsv,
  dutiesCsv,
  searchCsv,
} from '../exports/csv.js';
import { deadlineCalendar, ICS_CONTENT_TYPE } from '../exports/ics.js';
import { responsibilityWorkbook, XLSX_CONTENT_TYPE } from '../exports/xlsx.js';
import type { Library } from '../library.js';
import { invalidRequest } from '../problem.js';
import { AgencyListQuery, DocumentListQuery, SearchQuery } from '../schemas.js';
import { fileResponse as file, problems } from './common.js';

/** The server's origin as the client reached it, for links back to the explorer. */
const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** "responsibility-lang-son-money-laundering.xlsx": the selection in the file name. */
function fileName(stem: string, extension: string, selected?: SelectedDuties): string {
  const { province, category, agency } = selected?.selection ?? {};
  const parts = [stem, province?.slug, category?.id, agency?.id.replace(/:/g, '-')].filter(Boolean);
  return `${parts.join('-')}.${extension}`;
}

function send(reply: FastifyReply, contentType: string, name: string, body: string | Buffer) {
  return reply.type(contentType).header('content-disposition', `attachment; filename="${name}"`).send(body);
}

/** Selection errors name the query parameter ("query.province: unknown province …"). */
async function select(library: Library, query: DutySelection): Promise<SelectedDuties> {
  try {
    return await selectDuties(library, query);
  } catch (error) {
    if (error instanceof SelectionError) {
      throw invalidRequest([{ path: `query.${error.field}`, message: error.message }]);
    }
    throw error;
  }
}

const CsvAgencyQuery = AgencyListQuery.omit({ limit: true, cursor: true });
const CsvDocumentQuery = DocumentListQuery.omit({ limit: true, cursor: true });
const SELECTION_NOTE =
  'Filters combine; each is optional. An unknown province or category is a 400, an unknown agency a 404; ' +
  'a selection that matches nothing gives a valid file with its headers only.';

export const exportRoutes: FastifyPluginAsyncZod<{ library: Library }> = async (app, { library }) => {
  app.get(
    '/responsibility.xlsx',
    {
      schema: {
        summary: 'Responsibility matrix (Excel): agencies × crime categories, and the duties',
        description:
          'Sheet 1: one row per agency, per crime category the number of duties and the roles (chủ trì, phối hợp …). ' +
          'Sheet 2: one row per duty and agency: document, role, deadline, duty text, link to the explorer. ' +
          `Sheet 3: the selection. ${SELECTION_NOTE}`,
        tags: ['exports'],
        querystring: DutySelection,
        response: { 200: file('An .xlsx workbook', XLSX_CONTENT_TYPE), ...problems(400, 404, 503) },
      },
    },
    async (request, reply) => {
      const selected = await select(library, request.query);
      const body = await responsibilityWorkbook(selected, origin(request));
      return send(reply, XLSX_CONTENT_TYPE, fileName('responsibility', 'xlsx', selected), body);
    },
  );

  app.get(
    '/deadlines.ics',
    {
      schema: {
        summary: 'Duty deadlines as a calendar (iCalendar)',
        description:
          'One all-day event per duty with a deadline; the description holds the duty text, the agencies and ' +
          'their roles, and the document. Documents often give only a month or a year: such a deadline is ' +
          `placed on the last day of that month or on 31 December, and the event says so. ${SELECTION_NOTE}`,
        tags: ['exports'],
        querystring: DutySelection,
        response: { 200: file('An iCalendar file', ICS_CONTENT_TYPE), ...problems(400, 404, 503) },
      },
    },
    async (request, reply) => {
      const selected = await select(library, request.query);
      const name = fileName('deadlines', 'ics', selected);
      return send(reply, ICS_CONTENT_TYPE, name, deadlineCalendar(selected, origin(request)));
    },
  );

  const csv = (what: string) =>
    file(
      `CSV (UTF-8 with byte-order mark, comma-separated, CRLF), one header row, ${what}`,
      CSV_CONTENT_TYPE,
    );

  app.get(
    '/duties.csv',
    {
      schema: {
        summary: 'Duties as CSV: one row per duty and agency',
        description: SELECTION_NOTE,
        tags: ['exports'],
        querystring: DutySelection,
        response: { 200: csv('one row per duty and agency'), ...problems(400, 404, 503) },
      },
    },
    async (request, reply) => {
      const selected = await select(library, request.query);
      return send(
        reply,
        CSV_CONTENT_TYPE,
        fileName('duties', 'csv', selected),
        dutiesCsv(selected, origin(request)),
      );
    },
  );

  app.get(
    '/agencies.csv',
    {
      schema: {
        summary: 'Agencies as CSV (the /api/agencies list, every page)',
        tags: ['exports'],
        querystring: CsvAgencyQuery,
        response: { 200: csv('one row per agency'), ...problems(400, 503) },
      },
    },
    async ({ query: { type, ...rest } }, reply) => {
      const items = await allPages((cursor) =>
        library.store.listAgencies({ ...rest, typeId: type, limit: MAX_PAGE, cursor }),
      );
      return send(reply, CSV_CONTENT_TYPE, 'agencies.csv', agenciesCsv(items));
    },
  );

  app.get(
    '/documents.csv',
    {
      schema: {
        summary: 'Documents as CSV (the /api/documents list, every page)',
        tags: ['exports'],
        querystring: CsvDocumentQuery,
        response: { 200: csv('one row per ingested document'), ...problems(400, 503) },
      },
    },
    async (request, reply) => {
      const items = await allPages((cursor) =>
        library.store.listDocuments({ ...request.query, limit: MAX_PAGE, cursor }),
      );
      return send(reply, CSV_CONTENT_TYPE, 'documents.csv', documentsCsv(items, origin(request)));
    },
  );

  app.get(
    '/categories.csv',
    {
      schema: {
        summary: 'Crime categories present in the graph as CSV, with duty and document counts',
        tags: ['exports'],
        response: { 200: csv('one row per category'), ...problems(503) },
      },
    },
    async (_request, reply) => {
      const items = await allPages((cursor) =>
        listCategories(library, { limit: MAX_PAGE, cursor: cursor ?? undefined }),
      );
      return send(reply, CSV_CONTENT_TYPE, 'categories.csv', categoriesCsv(items));
    },
  );

  app.get(
    '/search.csv',
    {
      schema: {
        summary: 'Search results as CSV: the duty passages of GET /api/search, ranked',
        tags: ['exports'],
        querystring: SearchQuery,
        response: { 200: csv('one row per passage'), ...problems(400, 503) },
      },
    },
    async (request, reply) => {
      const { q, ...filters } = request.query;
      const response = await library.search.search({ query: q, ...filters });
      return send(reply, CSV_CONTENT_TYPE, 'search.csv', searchCsv(response, origin(request)));
    },
  );
};
