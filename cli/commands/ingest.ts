/**
 * `dutygraph ingest <paths…>`: extract files and write them to the graph, one transaction per document.
 * Idempotent: unchanged files are skipped, changed ones replace their previous reading. Then the
 * search index is brought up to date, embedding the new passages.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { extractFiles } from '../../ingest/pipeline.js';
import { resolveDataDir } from '../../graph/open.js';
import { ingestWithOriginal, OriginalFiles } from '../../graph/originals.js';
import type { IngestOutcome } from '../../graph/schema.js';
import { UserError } from '../errors.js';
import { addOcrOption, type OcrFlags, ocrProgress } from '../ocr-options.js';
import { openLibrary } from '../../api/library.js';
import {
  addStoreOptions,
  asUserError,
  printJson,
  type StoreFlags,
  storeOptions,
  withStore,
} from '../store-options.js';

interface IngestFlags extends StoreFlags, OcrFlags {
  json?: boolean;
}

/** A progress bar on an interactive terminal, nothing otherwise (logs and pipes stay clean). */
function progress(label: string) {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {item}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number, item: string) {
      if (!started) bar.start(total, 0, { item: '' });
      started = true;
      bar.update(done, { item: item.length > 50 ? `…${item.slice(-49)}` : item });
    },
    stop: () => started && bar.stop(),
  };
}

export function registerIngest(program: Command): void {
  addOcrOption(
    addStoreOptions(
      program
        .command('ingest')
        .description(
          'Extract documents and write them to the knowledge graph (re-ingesting unchanged files is a no-op)',
        )
        .argument(
          '<paths...>',
          'documents (.txt .md .html .docx .doc .rtf .pdf, scans as .png .jpg .tif), or directories',
        )
        .option('--json', 'print the outcome as JSON'),
    ),
  ).action(async (paths: string[], flags: IngestFlags) => {
    await withStore(flags, async (store) => {
      const originals = OriginalFiles.in(resolveDataDir(storeOptions(flags).dataDir));
      const batch = originals.batch();
      const extracting = progress('extracting');
      const { bundle } = await extractFiles(paths, {
        known: await store.knownDocuments(),
        keepOriginal: batch.keep,
        onProgress: (done, total, source) => extracting.update(done, total, source),
        ocr: flags.ocr,
        onOcrPage: ocrProgress(),
      });
      extracting.stop();

      const writing = progress('writing   ');
      const outcomes: IngestOutcome[] = [];
      try {
        for (const [i, doc] of bundle.documents.entries()) {
          outcomes.push(await ingestWithOriginal(store, originals, doc, bundle.agencies));
          writing.update(i + 1, bundle.documents.length, doc.source);
        }
      } finally {
        writing.stop();
        // Originals of documents that were not written (a failed write) go again.
        await batch.settle(store, bundle.documents.slice(0, outcomes.length));
      }

      const count = (status: IngestOutcome['status']) => outcomes.filter((o) => o.status === status).length;
      const replaced = outcomes.flatMap((o) => o.replaced);
      const result = {
        store: { kind: store.kind, location: store.location },
        added: count('added'),
        updated: count('updated'),
        unchanged: count('unchanged'),
        replaced,
        failed: bundle.errors,
        // Read and stored (header, citations), but no assignment was recognised: worth a look, not a failure.
        noDutiesFound: bundle.documents.filter((d) => d.duties.length === 0).map((d) => d.source),
        documents: outcomes,
      };
      if (outcomes.length === 0 && bundle.errors.length > 0) {
        for (const e of bundle.errors) process.stderr.write(`skipped ${e.message}\n`);
        throw new UserError(`none of the ${bundle.errors.length} input files could be ingested`);
      }
      const changedPassages = bundle.documents
        .filter((_, i) => outcomes[i]!.status !== 'unchanged')
        .reduce((sum, doc) => sum + doc.duties.length, 0);
      const search = await updateSearchIndex(flags, changedPassages);
      if (flags.json) printJson({ ...result, search });
      else {
        for (const e of bundle.errors) process.stderr.write(`skipped ${e.message}\n`);
        process.stdout.write(
          `${store.kind} store ${store.location}: ${result.added} added, ${result.updated} updated, ` +
            `${result.unchanged} unchanged, ${replaced.length} replaced, ${bundle.errors.length} failed\n`,
        );
        for (const source of result.noDutiesFound) process.stdout.write(`  no duties found in ${source}\n`);
        for (const key of replaced)
          process.stdout.write(`  replaced ${key} (its file now reads as another document)\n`);
        for (const warning of search.warnings) process.stderr.write(`${warning}\n`);
      }
    });
  });
}

/**
 * Brings the search index up to date with what was just written: passages are embedded in batches on
 * the embedding thread, with a bar; vectors cached by text hash make unchanged duties free. The index
 * would otherwise catch up (embedding everything new) on the next search or server start.
 */
async function updateSearchIndex(
  flags: IngestFlags,
  passages: number,
): Promise<{ semantic: boolean; passages: number; warnings: string[] }> {
  const embedding = progress('embedding ');
  const warnings: string[] = [];
  let done = 0;
  // The store is open for writing; the index opens its own connection, as `serve` would.
  const library = await openLibrary({
    ...storeOptions(flags),
    onWarning: (message) => warnings.push(message),
    onEmbedded: (count) => {
      done += count;
      // The index may also catch up on documents written before (a rebuild): the total grows with it.
      embedding.update(done, Math.max(passages, done), 'passages');
    },
  }).catch((error: unknown) => {
    throw asUserError(error);
  });
  embedding.stop();
  const result = { semantic: library.search.semantic, passages: library.search.size.passages, warnings };
  await library.close();
  return result;
}
