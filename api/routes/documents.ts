/** Documents: list, detail, citation chains, upload and delete. */
import { extname } from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { GraphStore } from '../../graph/port.js';
import { CitationChain, MAX_RESULT_LIMIT, RemoveOutcome } from '../../graph/schema.js';
import { requireApiKey, WRITE_SECURITY } from '../auth.js';
import type { ApiConfig } from '../config.js';
import type { Library } from '../library.js';
import { documentedBody } from '../openapi.js';
import { ApiProblem, blameField, invalidRequest, parseOrThrow } from '../problem.js';
import {
  AsOfQuery,
  CitationQuery,
  DocumentDetail,
  DocumentIdParams,
  DocumentListPage,
  DocumentPath,
  DocumentListQuery,
  FileUpload,
  IngestResult,
  Lineage,
  PathQuery,
  TextUpload,
} from '../schemas.js';
import { MEDIA_TYPES } from '../../ingest/readers/formats.js';
import { fileResponse, problems } from './common.js';

const TEXT_FORMATS = new Set(['.txt', '.md', '.markdown', '.html', '.htm']);
/** Uploads are recorded under this prefix: re-uploading a name replaces what that name held. */
const UPLOAD_SOURCE = 'upload/';

/** Metadata, duties and citations both ways; throws NotFoundError, InvalidArgumentError (ambiguous symbol). */
export async function documentDetail(
  store: GraphStore,
  keyOrSymbol: string,
  today?: string,
): Promise<DocumentDetail> {
  // One depth-1 "in" walk resolves key or symbol and yields the citing documents with their edges.
  const chain = await store.citationChain(keyOrSymbol, {
    direction: 'in',
    depth: 1,
    limit: MAX_RESULT_LIMIT,
  });
  const nodes = new Map(chain.nodes.map(({ node }) => [node.id, node]));
  const root = nodes.get(chain.root)!;
  const summary = { id: root.id, ...root.properties };
  const extracted = root.properties.stub ? null : await store.getDocument(root.properties.key);
  const lineage = await store.lineage(root.properties.key, { today });
  return {
    document: summary,
    lifecycle: lineage.lifecycle,
    related: lineage.related,
    duties: extracted?.duties ?? [],
    citations: {
      out: extracted?.citations ?? [],
      in: chain.edges
        .filter((edge) => edge.target === chain.root && nodes.has(edge.source))
        .map((edge) => {
          const citing = nodes.get(edge.source)!;
          return { document: { id: citing.id, ...citing.properties }, citation: edge };
        }),
    },
    content: extracted && {
      number: extracted.number,
      place: extracted.place,
      provinceInferred: extracted.provinceInferred,
      recipients: extracted.recipients,
      signer: extracted.signer,
      distribution: extracted.distribution,
      targets: extracted.targets,
      text: extracted.text,
      ...(extracted.provenance ? { provenance: extracted.provenance } : {}),
      ...(extracted.conversion ? { conversion: extracted.conversion } : {}),
      ...(extracted.original ? { original: extracted.original } : {}),
      ...(extracted.proposers ? { proposers: extracted.proposers } : {}),
    },
  };
}

/** RFC 5987 ext-value characters: encodeURIComponent leaves a few that must be escaped too. */
const encodeRFC5987 = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

interface Upload {
  name: string;
  bytes: Uint8Array;
  /** A file (kept as the document's original), not text sent as a JSON string. */
  isFile: boolean;
}

/** Strips directories (browsers may send "C:\fakepath\…") and control characters from an upload name. */
function cleanFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return (raw.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

/** The one file part of a multipart upload; a malformed form is the client's error, not ours. */
async function readFilePart(request: FastifyRequest): Promise<Upload> {
  let part: MultipartFile | undefined;
  let bytes: Buffer;
  try {
    part = await request.file();
    if (!part || part.fieldname !== 'file') {
      throw invalidRequest([{ path: 'body.file', message: 'send the document as a file part named "file"' }]);
    }
    bytes = await part.toBuffer();
  } catch (error) {
    // The multipart plugin flags its own refusals (too large, too many parts) with a status;
    // the parser underneath throws plain errors ("Boundary not found", "Unexpected end of form").
    if (error instanceof ApiProblem || (error as { statusCode?: number }).statusCode) throw error;
    throw new ApiProblem(
      400,
      'invalid-multipart',
      `the multipart body cannot be read: ${(error as Error).message}`,
    );
  }
  const name = cleanFileName(part.filename);
  if (!name) throw invalidRequest([{ path: 'body.file', message: 'the file part has no file name' }]);
  return { name, bytes, isFile: true };
}

/** The upload's file name and bytes, from a multipart form or a JSON `{name, text}` body. */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (request.isMultipart()) return readFilePart(request);
  const body = parseOrThrow(TextUpload, request.body, 'body');
  const name = cleanFileName(body.name);
  const extension = extname(name).toLowerCase();
  if (extension && !TEXT_FORMATS.has(extension)) {
    throw invalidRequest([
      {
        path: 'body.name',
        message: `a text upload must be .txt, .md or .html, not "${extension}"; send .docx and .pdf files as multipart/form-data`,
      },
    ]);
  }
  return { name: extension ? name : `${name}.txt`, bytes: Buffer.from(body.text, 'utf8'), isFile: false };
}

export const documentRoutes: FastifyPluginAsyncZod<{ library: Library; config: ApiConfig }> = async (
  app,
  { library, config },
) => {
  const { store } = library;
  const writeGuard = requireApiKey(config.apiKeys);
  const location = (key: string) => `/api/documents/${encodeURIComponent(key)}`;

  app.get(
    '/documents',
    {
      schema: {
        summary: 'List ingested documents, each with its derived status',
        tags: ['documents'],
        querystring: DocumentListQuery,
        response: { 200: DocumentListPage, ...problems(400, 503) },
      },
    },
    async ({ query: { asOf, ...query } }) => {
      const page = await blameField('query.cursor', () => store.listDocuments({ ...query, today: asOf }));
      const statuses = await store.lifecycles(
        page.items.map((d) => d.key),
        { today: asOf },
      );
      return {
        ...page,
        items: page.items.map((d) => ({ ...d, status: statuses.get(d.key)?.status ?? 'unknown' })),
      };
    },
  );

  app.get(
    '/documents/:id',
    {
      schema: {
        summary: 'A document: metadata, status, related documents, duties, citations out and in',
        tags: ['documents'],
        params: DocumentIdParams,
        querystring: AsOfQuery,
        response: { 200: DocumentDetail, ...problems(400, 404, 503) },
      },
    },
    async ({ params, query }) => blameField('params.id', () => documentDetail(store, params.id, query.asOf)),
  );

  app.get(
    '/documents/:id/original',
    {
      schema: {
        summary: 'The original file the document was read from (a scan, a .docx …), as uploaded',
        description:
          'Served inline under its file name. 404 when the document has no stored original: text ' +
          'sent as a JSON string, or ingested before originals were kept (ingest the file again).',
        tags: ['documents'],
        params: DocumentIdParams,
        response: {
          200: fileResponse('The file, with its media type', ...new Set(Object.values(MEDIA_TYPES))),
          ...problems(400, 404, 503),
        },
      },
    },
    async ({ params }, reply) => {
      const { key } = await blameField('params.id', () => store.resolveDocument(params.id));
      const original = (await store.getDocument(key))?.original;
      const file = original && (await library.originals.read(original.sha256));
      if (!original || !file) {
        throw new ApiProblem(
          404,
          'no-original',
          `document "${key}" has no stored original file` +
            (original ? ' (it is missing from the data directory)' : ''),
        );
      }
      reply
        .type(original.mediaType)
        .header('content-length', file.size)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeRFC5987(original.name)}`);
      // Uploaded HTML runs no script and reaches nothing when opened from the API's origin.
      if (original.mediaType === 'text/html') reply.header('content-security-policy', 'sandbox');
      // The declared 200 body is a binary string; a stream is how it goes out.
      return (reply as FastifyReply).send(file.stream);
    },
  );

  app.get(
    '/documents/:id/lineage',
    {
      schema: {
        summary: 'Status with its evidence, and related documents by relation (Lược đồ)',
        description:
          'Status (in_force, expired, replaced, amended, unknown) is derived from the documents held: ' +
          'relations their texts state (replaces, repeals, amends, guides, implements, basis), the ' +
          'period and effective date, and the day `asOf`. Conflicting data (a cycle of replacements, ' +
          'a document replacing itself, dates in the future or impossible) gives "unknown" with the ' +
          'conflicting evidence.',
        tags: ['documents'],
        params: DocumentIdParams,
        querystring: AsOfQuery,
        response: { 200: Lineage, ...problems(400, 404, 503) },
      },
    },
    async ({ params, query }) =>
      blameField('params.id', () => store.lineage(params.id, { today: query.asOf })),
  );

  app.get(
    '/documents/:id/path',
    {
      schema: {
        summary: 'Shortest citation path from this document to another, along citations either way',
        tags: ['documents'],
        params: DocumentIdParams,
        querystring: PathQuery,
        response: { 200: DocumentPath, ...problems(400, 404, 503) },
      },
    },
    async ({ params, query }) =>
      blameField('query.to', () => store.documentPath(params.id, query.to, { maxSteps: query.maxSteps })),
  );

  app.get(
    '/documents/:id/citations',
    {
      schema: {
        summary: 'Citation chain from a document: nodes, edges and the path to each',
        tags: ['documents'],
        params: DocumentIdParams,
        querystring: CitationQuery,
        response: { 200: CitationChain, ...problems(400, 404, 503) },
      },
    },
    async ({ params, query }) => blameField('params.id', () => store.citationChain(params.id, query)),
  );

  app.post(
    '/documents',
    {
      onRequest: writeGuard,
      config: documentedBody({ 'application/json': TextUpload, 'multipart/form-data': FileUpload }),
      schema: {
        summary: 'Ingest a document into the graph and the search index',
        description:
          'Upload a file as multipart/form-data (part "file": .txt, .md, .html, .docx, .odt, .doc, .rtf, .xlsx or .pdf) or JSON ' +
          '`{name, text}`. Uploading under a name used before replaces what that name held; an unchanged ' +
          'text is a no-op (200, status "unchanged").',
        tags: ['documents'],
        security: WRITE_SECURITY,
        response: { 200: IngestResult, 201: IngestResult, ...problems(400, 401, 403, 413, 415, 422, 503) },
      },
    },
    async (request, reply) => {
      const { name, bytes, isFile } = await readUpload(request);
      const { outcome, key } = await library.ingestUpload(
        `${UPLOAD_SOURCE}${name}`,
        bytes,
        config.maxUploadBytes,
        { keepOriginal: isFile },
      );
      const document = await documentDetail(store, key);
      reply.code(outcome.status === 'added' ? 201 : 200).header('location', location(key));
      return { outcome, document };
    },
  );

  app.delete(
    '/documents/:id',
    {
      onRequest: writeGuard,
      schema: {
        summary: 'Delete an ingested document from the graph and the search index',
        description: 'A document other documents still cite stays as a stub.',
        tags: ['documents'],
        security: WRITE_SECURITY,
        params: DocumentIdParams,
        response: { 200: RemoveOutcome, ...problems(400, 401, 403, 404, 503) },
      },
    },
    async ({ params }) => blameField('params.id', () => library.remove(params.id)),
  );
};
