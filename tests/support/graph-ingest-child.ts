/**
 * Child process for the crash tests: ingests synthetic documents into the embedded store and prints the
 * number of committed documents after each commit, until killed or done.
 * Usage: node --import tsx tests/support/graph-ingest-child.ts <data-dir> <documents>
 */
import { generateCorpus, syntheticAgencies } from '../../bench/synthetic.js';
import { openEmbedded } from '../../graph/open.js';

const [dataDir, documents] = process.argv.slice(2);
const store = openEmbedded(dataDir);
const agencies = syntheticAgencies();
let committed = 0;
for (const doc of generateCorpus({ documents: Number(documents) })) {
  await store.ingest(doc, agencies);
  process.stdout.write(`${++committed}\n`);
}
await store.close();
