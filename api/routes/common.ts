/** Response declarations shared by the route plugins. */
import { z } from 'zod';
import { Problem, PROBLEM_CONTENT_TYPE } from '../problem.js';

/** A file response, in any of the given content types (parameters such as charset dropped). */
export function fileResponse(description: string, ...contentTypes: string[]) {
  const binary = { schema: z.string().meta({ format: 'binary' }) };
  return {
    description,
    content: Object.fromEntries(contentTypes.map((type) => [type.split(';')[0]!, binary])),
  };
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each offending field',
  401: 'Missing or invalid API key',
  403: 'Writes are disabled (no API key configured on the server)',
  404: 'Not found',
  413: 'Upload too large',
  415: 'Unsupported file or content type',
  422: 'The upload could not be read as a Vietnamese administrative document',
  429: 'Rate limit exceeded; see the Retry-After header',
  500: 'Unexpected server error',
  503: 'The graph store or the search index is unavailable',
};

/** Problem responses for the given statuses, plus the ones any route can give (429, 500). */
export function problems(...statuses: number[]) {
  const all = [...new Set([...statuses, 429, 500])].sort((a, b) => a - b);
  return Object.fromEntries(
    all.map((status) => [
      status,
      {
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } },
      },
    ]),
  );
}
