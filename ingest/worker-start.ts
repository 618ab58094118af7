/**
 * Starts a worker thread from a module next to the caller, from the built JavaScript or, when running
 * from TypeScript sources (tsx, vitest), with tsx's loader registered inside the worker first.
 */
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `moduleUrl` is the .ts file; its .js twin is used when the caller runs from dist/. */
export function startWorker(moduleUrl: URL, options: WorkerOptions): Worker {
  const fromSource = fileURLToPath(import.meta.url).endsWith('.ts');
  const url = fromSource ? moduleUrl : new URL(moduleUrl.href.replace(/\.ts$/, '.js'));
  // execArgv: [] — the parent's flags (e.g. --input-type) are not meant for the worker and can break it.
  const settings = { execArgv: [], ...options };
  if (!fromSource) return new Worker(url, settings);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(url.href)}))`;
  return new Worker(bootstrap, { ...settings, eval: true });
}
