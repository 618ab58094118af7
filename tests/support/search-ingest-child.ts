/**
 * Child process for the search crash test: ingests synthetic documents the way the API does (graph
 * write, then the search index), printing the number of documents done after each, until killed.
 * Usage: node --import tsx tests/support/search-ingest-child.ts <data-dir> <documents>
 */
import { generateCorpus, syntheticAgencies } from '../../bench/synthetic.js';
import { openEmbedded } from '../../graph/open.js';
import { ConceptLexicon } from '../../search/concepts.js';
import { SearchService } from '../../search/service.js';

const [dataDir, documents] = process.argv.slice(2);
const store = openEmbedded(dataDir);
const search = await SearchService.open(store, {
  dataDir: dataDir!,
  lexicon: ConceptLexicon.load(),
  embedder: null,
});
const agencies = syntheticAgencies();
let done = 0;
for (const doc of generateCorpus({ documents: Number(documents) })) {
  await store.ingest(doc, agencies);
  await search.indexDocuments([doc]);
  process.stdout.write(`${++done}\n`);
}
await search.close();
await store.close();
