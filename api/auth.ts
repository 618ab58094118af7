/**
 * API keys for write routes: `Authorization: Bearer <key>` or `X-API-Key: <key>`. With no key
 * configured, writes are refused (403), never open.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { onRequestAsyncHookHandler } from 'fastify';
import { ApiProblem } from './problem.js';

/** OpenAPI security requirement for write routes: either scheme. */
export const WRITE_SECURITY: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { apiKeyHeader: [] }];

export const SECURITY_SCHEMES = {
  bearerAuth: { type: 'http', scheme: 'bearer', description: 'One of the keys in DUTYGRAPH_API_KEYS' },
  apiKeyHeader: {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'One of the keys in DUTYGRAPH_API_KEYS',
  },
} as const;

// Equal-length digests make the comparison constant-time whatever the key lengths.
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function presentedKey(headers: Record<string, string | string[] | undefined>): string | null {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1]!;
  }
  return null;
}

const challenge = { 'www-authenticate': 'Bearer realm="dutygraph"' };

/** An onRequest hook that lets a request through only with one of `keys`. */
export function requireApiKey(keys: readonly string[]): onRequestAsyncHookHandler {
  const digests = keys.map(digest);
  return async (request) => {
    if (digests.length === 0) {
      throw new ApiProblem(
        403,
        'writes-disabled',
        'write routes are disabled because no API key is configured; set DUTYGRAPH_API_KEYS on the server',
      );
    }
    const key = presentedKey(request.headers);
    if (key === null) {
      throw new ApiProblem(
        401,
        'missing-api-key',
        'this route changes data and needs an API key: send "Authorization: Bearer <key>" or "X-API-Key: <key>"',
        undefined,
        challenge,
      );
    }
    const presented = digest(key);
    // Compare with every key, no early exit, so timing does not tell which (or whether one) matched.
    let valid = false;
    for (const known of digests) valid = timingSafeEqual(presented, known) || valid;
    if (!valid)
      throw new ApiProblem(401, 'invalid-api-key', 'the API key is not valid', undefined, challenge);
  };
}
