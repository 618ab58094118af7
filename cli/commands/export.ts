/** `dutygraph export --format json|graphml|cypher [--out FILE]`: the whole graph, streamed. */
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { EXPORT_FORMATS, type ExportFormat, exportGraph } from '../../graph/export.js';
import { UserError } from '../errors.js';
import { addStoreOptions, type StoreFlags, withStore } from '../store-options.js';

/** Writes to FILE.partial and renames at the end, so a failed export never leaves a truncated FILE. */
async function toFile(file: string, produce: (write: (chunk: string) => Promise<void>) => Promise<void>) {
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  const stream = createWriteStream(partial, { encoding: 'utf8' });
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new UserError(`cannot write ${file}: ${(error as Error).message}`);
  }
  try {
    await produce(async (chunk) => {
      if (!stream.write(chunk)) await once(stream, 'drain');
    });
    stream.end();
    await once(stream, 'finish');
    renameSync(partial, target);
  } catch (error) {
    stream.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}

export function registerExport(program: Command): void {
  addStoreOptions(
    program
      .command('export')
      .description('Export the whole graph (nodes and edges with their properties)')
      .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).default('json'))
      .option('--out <file>', 'write to this file instead of standard output'),
  ).action(async (flags: StoreFlags & { format: ExportFormat; out?: string }) => {
    await withStore(flags, async (store) => {
      if (flags.out) {
        await toFile(flags.out, (write) => exportGraph(store, flags.format, write));
        process.stderr.write(`exported the ${store.kind} graph to ${flags.out} (${flags.format})\n`);
        return;
      }
      // A closed pipe (`… | head`) just ends the export.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(0);
      });
      await exportGraph(store, flags.format, async (chunk) => {
        if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
      });
    });
  });
}
