/**
 * The MCP server (official TypeScript SDK) over the library: six read-only tools whose input schemas
 * are the capability schemas the HTTP API uses, and the documents as resources
 * (dutygraph://documents/{key}). The same server runs over stdio (`dutygraph mcp`) and streamable
 * HTTP (`/mcp`). Nothing here writes: there are no write tools, so no API key is needed to use it.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { AgencyProfile, CitationChain } from '../../graph/schema.js';
import { SearchInputError, SearchResponse } from '../../search/schema.js';
import {
  agencyProfile,
  AgencyProfileInput,
  allPages,
  citationChain,
  CitationChainInput,
  getDocument,
  GetDocumentInput,
  listCategories,
  ListCategoriesInput,
  searchDuties,
  SearchDutiesInput,
  whoIsResponsible,
  WhoIsResponsibleInput,
} from '../capabilities.js';
import type { Library } from '../library.js';
import { toProblem } from '../problem.js';
import { CategoryList, DocumentDetail, MAX_PAGE } from '../schemas.js';
import {
  renderAgency,
  renderCategories,
  renderChain,
  renderDocument,
  renderSearchDuties,
  renderWhoIsResponsible,
  UNTRUSTED_NOTE,
} from './render.js';

export const DOCUMENT_URI_PREFIX = 'dutygraph://documents/';

const INSTRUCTIONS =
  'dutygraph answers who is responsible for what in Vietnamese administrative documents on crime prevention ' +
  '(directives, plans, công văn of provinces, ministries and the national government): agencies, their roles ' +
  '(chủ trì = lead, phối hợp = support), the duty text and the document, and the citation chains between ' +
  'documents. Start with who_is_responsible or search_duties; cite documents by symbol and date. ' +
  UNTRUSTED_NOTE;

/**
 * A tool's output schema must be an object schema at the top; the API's named components would come out
 * as a bare $ref (their OpenAPI ids live in zod's global registry), so each tool gets an unnamed copy.
 */
const output = <T extends z.ZodObject>(schema: T) => schema.extend({});

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

export interface McpServerOptions {
  /** Receives unexpected errors (the client only sees "internal error"). */
  onError?: (error: unknown) => void;
  version?: string;
}

/** A tool error the assistant can act on: the reason, naming the argument. */
function toolError(error: unknown, onError?: (error: unknown) => void): CallToolResult {
  let message: string;
  if (error instanceof SearchInputError) message = `Invalid arguments: ${error.message}`;
  else {
    const problem = toProblem(error);
    if (problem && problem.status < 500) message = problem.message;
    else if (problem && problem.status === 503) message = `The store is unavailable: ${problem.message}`;
    else {
      onError?.(error);
      message = 'Internal error: the server could not answer; try again or report it.';
    }
  }
  return { isError: true, content: [{ type: 'text', text: message }] };
}

export function createMcpServer(library: Library, options: McpServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: 'dutygraph', title: 'dutygraph', version: options.version ?? '0.1.0' },
    { instructions: INSTRUCTIONS },
  );

  /** Runs a capability; the result goes out as structured content plus its readable rendering. */
  const answer =
    <I, T extends object>(work: (input: I) => Promise<T>, render: (result: T) => string) =>
    async (input: I): Promise<CallToolResult> => {
      try {
        const result = await work(input);
        return {
          content: [{ type: 'text', text: render(result) }],
          structuredContent: result as Record<string, unknown>,
        };
      } catch (error) {
        return toolError(error, options.onError);
      }
    };

  server.registerTool(
    'who_is_responsible',
    {
      title: 'Who is responsible?',
      description:
        'Ranks the agencies responsible for a task or crime category ("Ai chịu trách nhiệm phòng, chống rửa tiền?", ' +
        '"who handles smuggling at the border?"), each with its roles and the duties that show it (document symbol, ' +
        `date, section). Filters: province, crime category, agency. ${UNTRUSTED_NOTE}`,
      inputSchema: WhoIsResponsibleInput,
      outputSchema: output(SearchResponse),
      annotations: READ_ONLY,
    },
    answer((input) => whoIsResponsible(library, input), renderWhoIsResponsible),
  );

  server.registerTool(
    'search_duties',
    {
      title: 'Search duties',
      description:
        'Finds the duty passages (assignments to agencies) that best match a query, with their document, section, ' +
        `deadline and agencies. Filters: province, agency, category, document type, issue dates. ${UNTRUSTED_NOTE}`,
      inputSchema: SearchDutiesInput,
      outputSchema: output(SearchResponse),
      annotations: READ_ONLY,
    },
    answer((input) => searchDuties(library, input), renderSearchDuties),
  );

  server.registerTool(
    'get_document',
    {
      title: 'Get a document',
      description:
        'A document by key ("lang-son:9903-kh-ubnd:2026") or symbol ("9903/KH-UBND"): metadata, duties, citations ' +
        'out and in, and lifecycle where the graph has it; the full text is in content.text and in the resource ' +
        `${DOCUMENT_URI_PREFIX}{key}. ${UNTRUSTED_NOTE}`,
      inputSchema: GetDocumentInput,
      outputSchema: output(DocumentDetail),
      annotations: READ_ONLY,
    },
    answer(
      (input) => getDocument(library, input),
      (detail) => renderDocument(detail),
    ),
  );

  server.registerTool(
    'citation_chain',
    {
      title: 'Citation chain',
      description:
        'Walks citations from a document: "out" to the legal bases it cites (a provincial plan to the national ' +
        'decision it implements), "in" to the documents citing it, or both; depth 1–6 steps.',
      inputSchema: CitationChainInput,
      outputSchema: output(CitationChain),
      annotations: READ_ONLY,
    },
    answer((input) => citationChain(library, input), renderChain),
  );

  server.registerTool(
    'agency_profile',
    {
      title: 'Agency profile',
      description:
        'An agency by id ("lang-son:cong-an-tinh", "vn:bo-cong-an"; ids appear in who_is_responsible results): its ' +
        `duties grouped by document (newest first), roles, crime categories and provinces. ${UNTRUSTED_NOTE}`,
      inputSchema: AgencyProfileInput,
      outputSchema: output(AgencyProfile),
      annotations: READ_ONLY,
    },
    answer((input) => agencyProfile(library, input), renderAgency),
  );

  server.registerTool(
    'list_categories',
    {
      title: 'List crime categories',
      description:
        'The crime categories present in the graph (ids such as "money-laundering", labels in Vietnamese and ' +
        'English) with duty and document counts; use the ids as the category filter of the other tools.',
      inputSchema: ListCategoriesInput,
      outputSchema: output(CategoryList),
      annotations: READ_ONLY,
    },
    answer((input) => listCategories(library, input), renderCategories),
  );

  server.registerResource(
    'document',
    new ResourceTemplate(`${DOCUMENT_URI_PREFIX}{key}`, {
      list: async () => {
        const documents = await allPages((cursor) =>
          library.store.listDocuments({ limit: MAX_PAGE, cursor }),
        );
        return {
          resources: documents.map((d) => ({
            uri: `${DOCUMENT_URI_PREFIX}${encodeURIComponent(d.key)}`,
            name: [d.type, d.symbol ?? d.key].filter(Boolean).join(' '),
            title: d.title ?? undefined,
            description: `${d.symbol ?? d.key} of ${d.issuedAt ?? 'unknown date'}${d.provinceName ? `, ${d.provinceName}` : ''}`,
            mimeType: 'text/markdown',
          })),
        };
      },
    }),
    {
      title: 'Documents',
      description: `An ingested document: metadata, duties, citations and the full text. ${UNTRUSTED_NOTE}`,
      mimeType: 'text/markdown',
    },
    async (uri, { key }) => {
      const id = decodeURIComponent(String(Array.isArray(key) ? key[0] : key));
      // A thrown error becomes a JSON-RPC error naming the document ("no document … ").
      const detail = await getDocument(library, GetDocumentInput.parse({ id }));
      return {
        contents: [
          { uri: uri.href, mimeType: 'text/markdown', text: renderDocument(detail, { fullText: true }) },
        ],
      };
    },
  );

  return server;
}
