/**
 * The Fastify application: cross-cutting plugins (errors, security headers, CORS, rate limits,
 * uploads, OpenAPI), then one small plugin per resource. Building it does no I/O beyond what the
 * plugins need; the caller owns the library and closes it (see server.ts).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiConfig } from './config.js';
import type { Library } from './library.js';
import { registerOpenApi } from './openapi.js';
import { SearchCache } from './search-cache.js';
import { compiledSerializer } from './serializer.js';
import { outletRoutes } from './outlets.js';
import { ApiProblem, installErrorHandler } from './problem.js';
import { agencyRoutes } from './routes/agencies.js';
import { categoryRoutes } from './routes/categories.js';
import { coverageRoutes } from './routes/coverage.js';
import { documentRoutes } from './routes/documents.js';
import { graphRoutes } from './routes/graph.js';
import { healthRoutes } from './routes/health.js';
import { searchRoutes } from './routes/search.js';
import { suggestRoutes } from './routes/suggest.js';
import { defaultWebDir, installWeb } from './web.js';

export interface AppOptions {
  library: Library;
  config: ApiConfig;
  /** A pino logger (serve), or false for none (tests). Default: pino at `config.logLevel`. */
  logger?: FastifyBaseLogger | false;
}

/** Room for JSON syntax around an upload's text, on top of the upload limit itself. */
const JSON_OVERHEAD_BYTES = 64 * 1024;
/** Client-supplied request ids are kept only when they are short and plain (they end up in logs). */
const CLIENT_REQUEST_ID = /^[\w.:-]{1,64}$/;

function requestId(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * CSP for the explorer and Swagger UI: scripts and styles only from this origin (style attributes are
 * allowed because graph and docs widgets set them), no plugins, no framing.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Served over plain HTTP on a LAN too: do not force https subrequests.
  upgradeInsecureRequests: null,
};

export async function buildApp({ library, config, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(logger === undefined
      ? { logger: { level: config.logLevel } }
      : logger === false
        ? { logger: false }
        : { loggerInstance: logger }),
    genReqId: requestId,
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      // Probes would drown the request log.
      disableRequestLogging: (request) => request.url === '/healthz' || request.url === '/readyz',
    }),
    bodyLimit: config.maxUploadBytes + JSON_OVERHEAD_BYTES,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 1000 },
    // server.ts answers requests that arrive during a shutdown itself (problem+json, Retry-After).
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(compiledSerializer);
  // JSON and multipart only: a text/plain body is a 415, not a string to guess about.
  app.removeContentTypeParser('text/plain');
  installErrorHandler(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // br or gzip for every response over 1 KB (the explorer's assets, document texts, search answers).
  await app.register(compress, { threshold: 1024 });
  await app.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES } });
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'DELETE'],
      allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'Location', 'X-Search-Cache'],
      maxAge: 600,
    });
  }
  if (config.rateLimit) {
    await app.register(rateLimit, {
      max: config.rateLimit.max,
      timeWindow: config.rateLimit.windowMs,
      errorResponseBuilder: (_request, context) =>
        new ApiProblem(
          429,
          'rate-limited',
          `too many requests: at most ${context.max} per ${context.after}; retry later`,
        ),
    });
  }
  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10, parts: 11, fieldSize: 64 * 1024 },
  });
  await registerOpenApi(app);

  await app.register(healthRoutes, { library });
  await app.register(
    async (api) => {
      await api.register(searchRoutes, { library, cache: new SearchCache(config.searchCacheBytes) });
      await api.register(documentRoutes, { library, config });
      await api.register(agencyRoutes, { library });
      await api.register(categoryRoutes, { library });
      await api.register(graphRoutes, { library });
      await api.register(coverageRoutes, { library });
      await api.register(suggestRoutes, { library });
    },
    { prefix: '/api' },
  );
  await app.register(outletRoutes, { library, config });
  await installWeb(app, config.webDir ?? defaultWebDir());
  return app;
}
