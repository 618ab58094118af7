/**
 * The web explorer's hook: when its build (index.html) exists, it is served at / with an SPA fallback
 * for every GET outside the API; otherwise / stays a plain 404 that points to the API docs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblem, sendProblem } from './problem.js';

/** Paths the API owns: a miss there is a problem+json 404, never the explorer's page. */
const API_PATHS = /^\/(api|docs|openapi\.json|healthz|readyz)(\/|$|\?)/;

const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.\w+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The package root (the directory of dutygraph's package.json), from source or from dist/. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'dutygraph'
    ) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the dutygraph package root');
    dir = parent;
  }
}

export const defaultWebDir = () => path.join(packageRoot(), 'web', 'dist');

/** Serves `dir` at / when it holds index.html, and answers every miss (SPA page or problem+json 404). */
export async function installWeb(app: FastifyInstance, dir: string): Promise<void> {
  const enabled = existsSync(path.join(dir, 'index.html'));
  if (enabled) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix: '/',
      wildcard: true,
      index: 'index.html',
      // Vite names every asset by its content hash: a browser may keep it for good. The page itself is
      // revalidated, so a new build is seen at once.
      cacheControl: false,
      setHeaders: (res, file) =>
        res.header('cache-control', HASHED_ASSET.test(file) ? IMMUTABLE : 'no-cache'),
    });
  }
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const get = request.method === 'GET' || request.method === 'HEAD';
    if (enabled && get && !API_PATHS.test(request.url))
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    const hint =
      request.url === '/' ? '; the web explorer is not built (web/dist), the API is documented at /docs' : '';
    return sendProblem(
      request,
      reply,
      new ApiProblem(404, 'no-route', `no route ${request.method} ${request.url.split('?')[0]}${hint}`),
    );
  });
}
