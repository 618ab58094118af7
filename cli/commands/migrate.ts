/**
 * `dutygraph migrate --to neo4j`: copies the embedded graph into Neo4j, then compares node counts per
 * label and edge counts per type; any difference is a non-zero exit.
 */
import { type Command, Option } from 'commander';
import { openEmbedded, openNeo4j } from '../../graph/open.js';
import type { GraphStore } from '../../graph/port.js';
import type { Counts } from '../../graph/schema.js';
import { UserError } from '../errors.js';
import { addStoreOptions, asUserError, printJson, type StoreFlags, storeOptions } from '../store-options.js';

function compare(source: Counts, target: Counts) {
  const rows = [
    ...Object.keys(source.nodes).map((k) => ({
      kind: 'node',
      name: k,
      source: source.nodes[k as keyof Counts['nodes']],
      target: target.nodes[k as keyof Counts['nodes']],
    })),
    ...Object.keys(source.edges).map((k) => ({
      kind: 'edge',
      name: k,
      source: source.edges[k as keyof Counts['edges']],
      target: target.edges[k as keyof Counts['edges']],
    })),
  ];
  return rows.map((r) => ({ ...r, equal: r.source === r.target }));
}

export function registerMigrate(program: Command): void {
  addStoreOptions(
    program
      .command('migrate')
      .description(
        'Copy the embedded graph (--data-dir) into Neo4j (--neo4j-uri / NEO4J_*) and compare counts',
      )
      .addOption(new Option('--to <store>', 'target store').choices(['neo4j']).makeOptionMandatory())
      .option('--json', 'print the comparison as JSON'),
  ).action(async (flags: StoreFlags & { to: 'neo4j'; json?: boolean }) => {
    let source: GraphStore | undefined;
    let target: GraphStore | undefined;
    try {
      source = openEmbedded(flags.dataDir);
      target = await openNeo4j(storeOptions(flags));
      const tty = process.stderr.isTTY;
      await target.importFrom(source, (done, total) => {
        if (tty) process.stderr.write(`\rcopying ${done}/${total}`);
      });
      if (tty) process.stderr.write('\n');
      const rows = compare(await source.counts(), await target.counts());
      const equal = rows.every((r) => r.equal);
      if (flags.json) printJson({ from: source.location, to: target.location, equal, counts: rows });
      else {
        process.stdout.write(`${source.location} → ${target.location}\n`);
        process.stdout.write(
          `${'kind'.padEnd(6)}${'name'.padEnd(16)}${'embedded'.padStart(10)}${'neo4j'.padStart(10)}\n`,
        );
        for (const r of rows) {
          process.stdout.write(
            `${r.kind.padEnd(6)}${r.name.padEnd(16)}${String(r.source).padStart(10)}${String(r.target).padStart(10)}${r.equal ? '' : '  ✗ differs'}\n`,
          );
        }
      }
      if (!equal) {
        throw new UserError(
          'counts differ after migration (was the Neo4j database empty before? see the rows marked ✗)',
        );
      }
    } catch (error) {
      throw asUserError(error);
    } finally {
      await source?.close().catch(() => undefined);
      await target?.close().catch(() => undefined);
    }
  });
}
