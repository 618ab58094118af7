/** `dutygraph remove <doc>`: delete one ingested document (stubs still cited by others stay). */
import type { Command } from 'commander';
import { resolveDataDir } from '../../graph/open.js';
import { OriginalFiles, removeWithOriginal } from '../../graph/originals.js';
import { addStoreOptions, printJson, type StoreFlags, storeOptions, withStore } from '../store-options.js';

export function registerRemove(program: Command): void {
  addStoreOptions(
    program
      .command('remove')
      .description('Delete one ingested document from the graph; documents it alone cited go with it')
      .argument('<doc>', 'document key (e.g. thai-nguyen:1482-ubnd-nc:2025) or symbol (1482/UBND-NC)')
      .option('--json', 'print the outcome as JSON'),
  ).action(async (doc: string, flags: StoreFlags & { json?: boolean }) => {
    await withStore(flags, async (store) => {
      const originals = OriginalFiles.in(resolveDataDir(storeOptions(flags).dataDir));
      const outcome = await removeWithOriginal(store, originals, doc);
      if (flags.json) return printJson(outcome);
      process.stdout.write(
        `removed ${outcome.key}${outcome.keptAsStub ? ' (kept as a stub: other documents cite it)' : ''}\n` +
          (outcome.removedStubs.length
            ? `  no longer cited, removed: ${outcome.removedStubs.join(', ')}\n`
            : ''),
      );
    });
  });
}
