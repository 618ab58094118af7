/**
 * The OpenAPI 3.1 document, generated from the routes' zod schemas (@fastify/swagger with the zod
 * type provider's transform), served at /openapi.json, with Swagger UI at /docs from bundled assets
 * (works offline).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SECURITY_SCHEMES } from './auth.js';
import { COMPONENTS } from './schemas.js';
import { packageRoot } from './web.js';

// Named schemas become components referenced with $ref. The global registry also holds every
// `.describe()` text, which is how descriptions reach the document.
for (const [id, schema] of Object.entries(COMPONENTS)) z.globalRegistry.add(schema, { id });

const transform = createJsonSchemaTransform({ skipList: [] });
const baseTransformObject = createJsonSchemaTransformObject({});

/** Every `#/components/schemas/…` name referenced from `value`. */
function references(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) references(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) {
        found.add(child.slice('#/components/schemas/'.length));
      } else references(child, found);
    }
  }
  return found;
}

type Paths = Record<string, Record<string, { responses?: Record<string, { links?: unknown }> }>>;

/**
 * OpenAPI links from an upload to reading and deleting what it created, so clients (and Schemathesis'
 * stateful runs) can follow POST → GET → DELETE → GET with the key the upload returned.
 */
function addDocumentLinks(paths: Paths | undefined): void {
  const upload = paths?.['/api/documents']?.post?.responses;
  if (!upload || !paths?.['/api/documents/{id}']) return;
  const id = { id: '$response.body#/outcome/key' };
  const links = {
    GetDocument: { operationRef: '#/paths/~1api~1documents~1{id}/get', parameters: id },
    GetCitations: { operationRef: '#/paths/~1api~1documents~1{id}~1citations/get', parameters: id },
    DeleteDocument: { operationRef: '#/paths/~1api~1documents~1{id}/delete', parameters: id },
  };
  for (const status of ['200', '201']) if (upload[status]) upload[status].links = links;
}

/** The zod transform emits an input and an output variant of every component; keep the ones in use. */
const transformObject: typeof baseTransformObject = (input) => {
  const document = baseTransformObject(input) as {
    paths?: Paths;
    components?: { schemas?: Record<string, unknown> };
  };
  addDocumentLinks(document.paths);
  const schemas = document.components?.schemas ?? {};
  const used = references(document.paths);
  for (let pending = [...used]; pending.length > 0;) {
    const next = [...references(pending.map((name) => schemas[name]))].filter((name) => !used.has(name));
    for (const name of next) used.add(name);
    pending = next;
  }
  return {
    ...document,
    components: {
      ...document.components,
      schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))),
    },
  } as ReturnType<typeof baseTransformObject>;
};

type TransformArgs = Parameters<typeof transform>[0];

/**
 * Route config documenting a body the handler parses itself (a multipart stream cannot go through
 * schema validation): one zod schema per content type.
 */
export function documentedBody(contents: Record<string, z.ZodType>) {
  const content = Object.fromEntries(
    Object.entries(contents).map(([type, schema]) => {
      const { $schema: _, ...json } = z.toJSONSchema(schema, {
        target: 'draft-2020-12',
        io: 'input',
        unrepresentable: 'any',
      });
      return [type, { schema: json }];
    }),
  );
  return {
    swaggerTransform: (args: TransformArgs) => {
      const result = transform(args);
      return { ...result, schema: { ...result.schema, body: { content } } };
    },
  };
}

function version(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'dutygraph API',
        description:
          'Knowledge graph and semantic search over Vietnamese administrative documents on crime prevention: ' +
          'who is responsible for what, on which legal basis. Errors are application/problem+json (RFC 9457).',
        version: version(),
      },
      tags: [
        { name: 'search', description: 'Semantic and lexical search over duties' },
        { name: 'documents', description: 'Documents, their duties and citations' },
        { name: 'agencies', description: 'Agencies and their duties' },
        { name: 'categories', description: 'Crime categories' },
        { name: 'graph', description: 'Graph exploration and statistics' },
        {
          name: 'exports',
          description: 'Files for Excel, calendars and spreadsheets (XLSX, iCalendar, CSV)',
        },
        { name: 'health', description: 'Liveness and readiness' },
      ],
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform,
    transformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
