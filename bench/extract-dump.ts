/**
 * node --import tsx bench/extract-dump.ts <out-dir> — writes the extraction bundle of every document set
 * (seeds ../shared/corpus, ../shared/corpus-extra, samples/, every tests/fixtures/<set>) and of a replicated
 * corpus run like bench:extract's (the resolver across many copies), one JSON file per set. Speed work is
 * checked by dumping before and after and comparing the two folders (`diff -r`): outputs must not change.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultContext } from '../ingest/extract/context.js';
import { extractDocument } from '../ingest/extract/document.js';
import { extractFiles } from '../ingest/pipeline.js';
import { resolveBundle } from '../ingest/resolve.js';
import { loadCorpus, replicated } from './replicated-corpus.js';

const out = process.argv[2];
if (!out) {
  console.error('usage: node --import tsx bench/extract-dump.ts <out-dir>');
  process.exit(2);
}
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repoRoot, '../shared');
const fixtures = path.join(repoRoot, 'tests/fixtures');
const sets: Array<[string, string]> = [
  ['seeds', path.join(shared, 'corpus')],
  ['corpus-extra', path.join(shared, 'corpus-extra')],
  ['samples', path.join(repoRoot, 'samples')],
  ...readdirSync(fixtures, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e): [string, string] => [`fixtures-${e.name}`, path.join(fixtures, e.name)]),
];

mkdirSync(out, { recursive: true });
for (const [name, dir] of sets) {
  const { bundle } = await extractFiles([dir]);
  writeFileSync(path.join(out, `${name}.json`), JSON.stringify(bundle, null, 1));
  console.log(`${name}: ${bundle.documents.length} documents, ${bundle.errors.length} errors`);
}

// The benchmark's input: 200 copies of the corpus with shifted numbers, resolved together.
const originals = loadCorpus('extract-dump');
const results = Array.from({ length: 200 }, (_, i) =>
  extractDocument(
    {
      source: `copy-${i}.txt`,
      format: 'txt',
      text: replicated(originals, i),
    },
    defaultContext(),
  ),
);
writeFileSync(path.join(out, 'replicated.json'), JSON.stringify(resolveBundle(results), null, 1));
console.log('replicated: 200 documents');
