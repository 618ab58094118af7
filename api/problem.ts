/**
 * Every error leaves as `application/problem+json` (RFC 9457). Known failures (bad input, missing
 * things, unreadable uploads, a store that is down) map to their status here, in one place; anything
 * else is a 500 whose detail gives the request id and nothing of the internals.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InvalidArgumentError, NotFoundError, StoreUnavailableError } from '../graph/port.js';
import { ExtractError } from '../ingest/pipeline.js';
import { PoolBusyError } from '../ingest/pool.js';
import { ReadError } from '../ingest/readers/errors.js';
import { SearchInputError } from '../search/schema.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const FieldError = z.object({
  /** Where the bad value was: "query.k", "params.id", "body.text". */
  path: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z.object({
  /** "about:blank": the status says what kind of problem it is; `code` refines it. */
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  /** The request path the problem occurred on. */
  instance: z.string(),
  /** Machine-readable reason, e.g. "invalid-request", "unsupported-type", "store-unavailable". */
  code: z.string(),
  requestId: z.string(),
  /** For 400: each offending field and why. */
  errors: z.array(FieldError).optional(),
});
export type Problem = z.infer<typeof Problem>;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error the API means to send: status, machine code, a detail for people, optional field errors. */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/** 400 naming the fields: the message lists them so the detail alone is enough to act on. */
export function invalidRequest(errors: FieldError[]): ApiProblem {
  return new ApiProblem(
    400,
    'invalid-request',
    errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    errors,
  );
}

/** Validates `value` with `schema`; failures become a 400 whose paths start with `where` ("body"). */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidRequest(
    result.error.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message })),
  );
}

/**
 * Runs a store call whose InvalidArgumentError can only come from one input (a cursor, a node id),
 * so the 400 can name that field.
 */
export async function blameField<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw invalidRequest([{ path, message: error.message }]);
    throw error;
  }
}

const READ_STATUS: Record<ReadError['code'], number> = {
  'too-large': 413,
  unsupported: 415,
  empty: 422,
  binary: 422,
  encoding: 422,
  corrupt: 422,
  unreadable: 422,
  'not-found': 422,
};

const LOCATIONS: Record<string, string> = {
  querystring: 'query',
  params: 'params',
  body: 'body',
  headers: 'headers',
};

function fromValidation(error: FastifyError): ApiProblem {
  const where = LOCATIONS[error.validationContext ?? ''] ?? error.validationContext ?? 'request';
  return invalidRequest(
    (error.validation ?? []).map((v) => ({
      path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid value',
    })),
  );
}

const slug = (code: string) =>
  code
    .replace(/^FST_(ERR_)?/, '')
    .toLowerCase()
    .replace(/_/g, '-');

/** Maps any thrown value to the problem to send; null means "unexpected" (a 500). */
export function toProblem(error: unknown): ApiProblem | null {
  if (error instanceof ApiProblem) return error;
  if (error instanceof SearchInputError) {
    return invalidRequest(
      error.issues.map((i) => ({
        path: `query.${i.field === 'query' || i.field === '' ? 'q' : i.field}`,
        message: i.message,
      })),
    );
  }
  if (error instanceof NotFoundError) return new ApiProblem(404, 'not-found', error.message);
  if (error instanceof InvalidArgumentError) return new ApiProblem(400, 'invalid-argument', error.message);
  if (error instanceof StoreUnavailableError) {
    return new ApiProblem(503, 'store-unavailable', error.message, undefined, {
      'retry-after': String(error.retryAfterSeconds ?? 5),
    });
  }
  if (error instanceof PoolBusyError) {
    return new ApiProblem(503, 'busy', error.message, undefined, {
      'retry-after': String(error.retryAfterSeconds),
    });
  }
  if (error instanceof ReadError) return new ApiProblem(READ_STATUS[error.code], error.code, error.message);
  if (error instanceof ExtractError) return new ApiProblem(422, error.code, error.message);
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError) || Array.isArray(fastifyError.validation)) {
    return fromValidation(fastifyError);
  }
  // Fastify and its plugins flag client errors (bad JSON, body too large, wrong media type) with a 4xx.
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiProblem(
      status,
      fastifyError.code ? slug(fastifyError.code) : 'client-error',
      fastifyError.message,
    );
  }
  return null;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ApiProblem) {
  const body: Problem = {
    type: 'about:blank',
    title: TITLES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.message,
    instance: request.url.split('?')[0] ?? request.url,
    code: problem.code,
    requestId: String(request.id),
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .type(PROBLEM_CONTENT_TYPE)
    .serializer(JSON.stringify)
    .send(body);
}

/** Installs the error handler on the root instance, so every route and plugin shares it. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem) {
      request.log.info({ status: problem.status, code: problem.code }, 'request refused');
      return sendProblem(request, reply, problem);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(
      request,
      reply,
      new ApiProblem(
        500,
        'internal-error',
        `unexpected server error; quote request id ${String(request.id)} when reporting it`,
      ),
    );
  });
}
