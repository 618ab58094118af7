/**
 * A search service over short documents of a test's own (marked samples), read by the real pipeline: written to a
 * temporary folder before the file's tests and removed after them. Answers are the ids of the agencies that answer
 * (related mentions left out).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { extractFiles } from '../../ingest/pipeline.js';
import { ConceptLexicon } from '../../search/concepts.js';
import { SearchService } from '../../search/service.js';

export function sampleSearch(documents: Record<string, string>): (query: string) => Promise<string[]> {
  let dir: string;
  let service: SearchService;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dutygraph-samples-'));
    const files = await Promise.all(
      Object.entries(documents).map(async ([name, text]) => {
        await writeFile(join(dir, name), text);
        return join(dir, name);
      }),
    );
    const { bundle } = await extractFiles(files);
    expect(bundle.errors).toEqual([]);
    const extracted = bundle.documents;
    service = await SearchService.open(
      {
        async *allDocuments() {
          yield* extracted;
        },
      },
      { dataDir: null, lexicon: ConceptLexicon.load(), embedder: null },
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return async (query) => {
    const response = await service.search({ query, k: 10 });
    return response.agencies.filter((a) => !a.related).map((a) => a.id);
  };
}
