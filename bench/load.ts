/**
 * Load and fault run (tests/support/load.ts) for 60 s on the embedded store and on the Neo4j test
 * server: concurrent clients, seeded kill -9 restarts of `dutygraph serve`, then the checks.
 * `npm run bench:load [-- --seconds 60 --clients 8 --kills 4 --seed 16]`
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type LoadReport, runLoad } from '../tests/support/load.js';
import { startNeo4j } from '../tests/support/neo4j.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '8' },
    kills: { type: 'string', default: '4' },
    seed: { type: 'string', default: '16' },
    store: { type: 'string', default: 'both' },
  },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const kills = Number(values.kills);
const seed = Number(values.seed);

function row(store: string, r: LoadReport): string {
  const verdict = (list: unknown[]) => String(list.length);
  return (
    `| ${store} | ${clients} | ${r.requests} in ${r.seconds.toFixed(0)} s (${r.throughput.toFixed(1)} req/s) | ` +
    `${r.p50Ms.toFixed(0)} / ${r.p99Ms.toFixed(0)} ms | ${r.kills} | ${r.refusedWhileDown} refused, ${r.status503} × 503 | ` +
    `${r.acknowledgedUploads} / ${r.acknowledgedDeletes} | ${verdict(r.lost)} | ${verdict(r.resurrected)} | ${verdict(r.duplicates)} | ` +
    `${r.graphDocuments} = ${r.indexDocuments}, ${verdict(r.ghosts)} ghosts of ${r.indexSample} | ${verdict(r.otherServerErrors)} |`
  );
}

async function run(store: string, storeArgs: string[], env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dutygraph-load-'));
  try {
    // Operations are capped high enough that the duration ends the run.
    const report = await runLoad({
      dataDir,
      storeArgs,
      env,
      clients,
      operations: 1_000_000,
      durationMs: seconds * 1000,
      kills,
      seed,
    });
    return report;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log(
  '| store | clients | requests (throughput) | p50 / p99 | kills | while down | acknowledged uploads / deletes | lost | deletes undone | duplicates | graph = index docs, sample | other 5xx |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
if (values.store !== 'neo4j') console.log(row('embedded', await run('embedded', ['--store', 'embedded'])));
if (values.store !== 'embedded') {
  const neo4j = await startNeo4j();
  try {
    console.log(
      row(
        'neo4j',
        await run('neo4j', ['--store', 'neo4j', '--neo4j-uri', neo4j.uri], {
          NEO4J_USER: neo4j.user,
          NEO4J_PASSWORD: neo4j.password,
        }),
      ),
    );
  } finally {
    await neo4j.stop();
  }
}
