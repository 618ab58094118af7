/** Liveness, readiness and corpus statistics. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { StoreUnavailableError } from '../../graph/port.js';
import type { Library } from '../library.js';
import { ApiProblem } from '../problem.js';
import { Health, Readiness, StatsResponse } from '../schemas.js';
import { problems } from './common.js';

/** How long /readyz waits for the store. */
export const READY_TIMEOUT_MS = 3000;

export const healthRoutes: FastifyPluginAsyncZod<{ library: Library }> = async (app, { library }) => {
  // Probes come often and from the platform, not from clients: never rate-limited.
  const probe = { rateLimit: false } as const;

  app.get(
    '/healthz',
    {
      config: probe,
      schema: { summary: 'The process is up', tags: ['health'], response: { 200: Health, ...problems() } },
    },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );

  app.get(
    '/readyz',
    {
      config: probe,
      schema: {
        summary: 'The graph store and the search index answer',
        tags: ['health'],
        response: { 200: Readiness, ...problems(503) },
      },
    },
    async () => {
      // The cheapest query both stores answer from storage: proves the connection, not just the process.
      // A probe must answer promptly even while a driver keeps retrying a lost server.
      const dependency = library.store.availability().dependency;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new ApiProblem(
                503,
                'store-unavailable',
                `dependency down: ${dependency} did not answer within ${READY_TIMEOUT_MS} ms`,
                undefined,
                { 'retry-after': '5' },
              ),
            ),
          READY_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([library.store.listCategories({ limit: 1 }), timeout]);
      } catch (error) {
        if (error instanceof StoreUnavailableError) {
          throw new ApiProblem(503, 'store-unavailable', `dependency down: ${error.message}`, undefined, {
            'retry-after': String(error.retryAfterSeconds ?? 5),
          });
        }
        throw error;
      } finally {
        clearTimeout(timer);
      }
      // The index lives in this process and is loaded before the server listens.
      return {
        status: 'ready' as const,
        store: { kind: library.store.kind },
        index: { passages: library.search.size.passages, semantic: library.search.semantic },
      };
    },
  );

  app.get(
    '/api/stats',
    {
      schema: {
        summary: 'Corpus statistics: counts by province, type and year, most cited documents',
        tags: ['graph'],
        response: { 200: StatsResponse, ...problems(503) },
      },
    },
    async () => ({
      graph: await library.store.stats(),
      search: { ...library.search.size, semantic: library.search.semantic },
    }),
  );
};
