/**
 * Server settings, read from the environment once and validated; a bad value is an error naming the
 * variable, never a silent default. Everything else in api/ receives the parsed object.
 */
import { z } from 'zod';

export const DEFAULT_MAX_UPLOAD_MB = 20;
/** Requests per client per minute: generous for people and the explorer, a brake on scripts. */
export const DEFAULT_RATE_LIMIT = 600;
/** Room for a few thousand typical answers (10 passages with their agencies' evidence: 10–60 KB each). */
export const DEFAULT_SEARCH_CACHE_MB = 64;
/** Shorter keys are guessable; refuse them rather than run with weak credentials. */
export const MIN_API_KEY_LENGTH = 16;

const MB = 1024 * 1024;

export interface ApiConfig {
  /** Keys accepted on write routes; empty means writes are refused. */
  apiKeys: string[];
  /** Origins allowed by CORS; empty turns CORS off. */
  corsOrigins: string[];
  /** Largest upload (file or JSON text) in bytes. */
  maxUploadBytes: number;
  /** Requests per client per window; null disables rate limiting (benchmarks). */
  rateLimit: { max: number; windowMs: number } | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Trust X-Forwarded-* from a reverse proxy (client address for rate limiting and logs). */
  trustProxy: boolean;
  /** Directory of the built web explorer; served at / when it holds index.html. */
  webDir: string | null;
  /** Memory for cached search answers (api/search-cache.ts), in bytes; 0 turns the cache off. */
  searchCacheBytes: number;
}

/** A bad setting; the message names the variable. */
export class ApiConfigError extends Error {
  override name = 'ApiConfigError';
}

const list = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** "http(s)://host[:port]" (a trailing slash is tolerated), or null. */
function parseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && value.replace(/\/$/, '') === url.origin ? url.origin : null;
  } catch {
    return null;
  }
}

const fields = {
  DUTYGRAPH_MAX_UPLOAD_MB: z.coerce
    .number({ error: 'expected a number of megabytes' })
    .positive('must be more than 0')
    .max(1024, 'must be at most 1024'),
  DUTYGRAPH_RATE_LIMIT: z.union([
    z.enum(['off', '0']).transform(() => null),
    z.coerce
      .number({ error: 'expected requests per minute, or "off"' })
      .int('expected a whole number of requests per minute, or "off"')
      .positive('expected requests per minute, or "off"'),
  ]),
  DUTYGRAPH_SEARCH_CACHE_MB: z.coerce
    .number({ error: 'expected a number of megabytes (0 turns the cache off)' })
    .min(0, 'must be 0 (off) or more')
    .max(16384, 'must be at most 16384'),
  DUTYGRAPH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  DUTYGRAPH_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true'),
} as const;

function field<K extends keyof typeof fields>(
  env: NodeJS.ProcessEnv,
  name: K,
): z.output<(typeof fields)[K]> | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const parsed = fields[name].safeParse(raw.trim());
  if (!parsed.success) {
    throw new ApiConfigError(`${name}: ${parsed.error.issues[0]?.message ?? 'invalid value'} (got "${raw}")`);
  }
  return parsed.data as z.output<(typeof fields)[K]>;
}

export function apiConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ApiConfig> = {},
): ApiConfig {
  const apiKeys = list(env.DUTYGRAPH_API_KEYS);
  apiKeys.forEach((key, i) => {
    if (key.length < MIN_API_KEY_LENGTH) {
      throw new ApiConfigError(
        `DUTYGRAPH_API_KEYS: key ${i + 1} is too short (${key.length} characters; at least ${MIN_API_KEY_LENGTH})`,
      );
    }
  });
  const corsOrigins = list(env.DUTYGRAPH_CORS_ORIGINS).map((value) => {
    const origin = parseOrigin(value);
    if (origin === null) {
      throw new ApiConfigError(
        `DUTYGRAPH_CORS_ORIGINS: "${value}" is not an origin (http or https, host and port, no path), e.g. https://example.org`,
      );
    }
    return origin;
  });
  const rateLimit = field(env, 'DUTYGRAPH_RATE_LIMIT');
  return {
    apiKeys,
    corsOrigins,
    maxUploadBytes: Math.round((field(env, 'DUTYGRAPH_MAX_UPLOAD_MB') ?? DEFAULT_MAX_UPLOAD_MB) * MB),
    rateLimit: rateLimit === null ? null : { max: rateLimit ?? DEFAULT_RATE_LIMIT, windowMs: 60_000 },
    logLevel: field(env, 'DUTYGRAPH_LOG_LEVEL') ?? 'info',
    trustProxy: field(env, 'DUTYGRAPH_TRUST_PROXY') ?? false,
    webDir: env.DUTYGRAPH_WEB_DIR?.trim() || null,
    searchCacheBytes: Math.round((field(env, 'DUTYGRAPH_SEARCH_CACHE_MB') ?? DEFAULT_SEARCH_CACHE_MB) * MB),
    ...overrides,
  };
}
