/**
 * "In force only" over search results: a post-filter on the documents the passages and the agencies'
 * evidence come from, so it works whatever the search service ranks. An amended document is in force.
 */
import type { GraphStore } from '../graph/port.js';
import type { SearchResponse } from '../search/schema.js';

const IN_FORCE = new Set(['in_force', 'amended']);

/** Why an "in force only" search came back empty (`reasonCode` "not-in-force" for clients to translate). */
export const NOT_IN_FORCE_REASON = 'no duty of a document in force matches the query';

export async function keepInForce(
  store: GraphStore,
  response: SearchResponse,
  k: number,
  today?: string,
): Promise<SearchResponse> {
  const keys = [
    ...new Set([
      ...response.passages.map((p) => p.document.id),
      ...response.agencies.flatMap((a) => a.evidence.map((e) => e.document.id)),
    ]),
  ];
  if (keys.length === 0) return response;
  const statuses = await store.lifecycles(keys, { today });
  const inForce = (key: string) => IN_FORCE.has(statuses.get(key)?.status ?? 'unknown');
  const passages = response.passages.filter((p) => inForce(p.document.id)).slice(0, k);
  const agencies = response.agencies
    .map((a) => ({ ...a, evidence: a.evidence.filter((e) => inForce(e.document.id)) }))
    .filter((a) => a.evidence.length > 0);
  const filtered = { ...response, passages, agencies };
  return passages.length === 0 && agencies.length === 0
    ? { ...filtered, reason: NOT_IN_FORCE_REASON, reasonCode: 'not-in-force' }
    : filtered;
}
