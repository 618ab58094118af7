/**
 * `dutygraph export --format json|graphml|cypher [--out FILE]`: the whole graph, streamed.
 * `dutygraph export duties --format xlsx|csv|ics [--province] [--category] [--agency] [--out FILE]`: the
 * duties a selection names, as the API's /api/exports files.
 */
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { DutySelection, SelectionError, selectDuties } from '../../api/capabilities.js';
import { dutiesCsv } from '../../api/exports/csv.js';
import { deadlineCalendar } from '../../api/exports/ics.js';
import { responsibilityWorkbook } from '../../api/exports/xlsx.js';
import { EXPORT_FORMATS, type ExportFormat, exportGraph } from '../../graph/export.js';
import { UserError } from '../errors.js';
import { addStoreOptions, type StoreFlags, withStore } from '../store-options.js';

/** Writes to FILE.partial and renames at the end, so a failed export never leaves a truncated FILE. */
async function toFile(
  file: string,
  produce: (write: (chunk: string | Buffer) => Promise<void>) => Promise<void>,
) {
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  const stream = createWriteStream(partial);
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
  const command = program.command('export').enablePositionalOptions();
  addStoreOptions(
    command
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
  registerDutyExport(command);
}

const DUTY_FORMATS = ['xlsx', 'csv', 'ics'] as const;
type DutyFormat = (typeof DUTY_FORMATS)[number];

interface DutyExportFlags extends StoreFlags {
  format: DutyFormat;
  out?: string;
  province?: string;
  category?: string;
  agency?: string;
  baseUrl: string;
}

function registerDutyExport(parent: Command): void {
  addStoreOptions(
    parent
      .command('duties')
      .description(
        'Export duties: xlsx (agency × category matrix and duty list), csv (one row per duty and agency), ics (deadlines)',
      )
      .addOption(new Option('--format <format>', 'output format').choices(DUTY_FORMATS).default('xlsx'))
      .option('--province <province>', 'only documents of this province (slug or name)')
      .option('--category <category>', 'only duties of this crime category (id or label)')
      .option('--agency <id>', 'only duties assigned to this agency ("lang-son:cong-an-tinh")')
      .option('--base-url <url>', 'explorer address for the links in the file', 'http://localhost:8080')
      .option('--out <file>', 'write to this file (default: duties.<format>; "-" for standard output)'),
  ).action(async (flags: DutyExportFlags) => {
    const selection = DutySelection.safeParse(flags);
    if (!selection.success) {
      const issue = selection.error.issues[0]!;
      throw new UserError(`--${String(issue.path[0])}: ${issue.message}`);
    }
    await withStore(flags, async (store) => {
      // Exports need the graph only; the search index is not opened.
      const selected = await selectDuties({ store }, selection.data).catch((error: unknown) => {
        if (error instanceof SelectionError) throw new UserError(`--${error.field}: ${error.message}`);
        throw error;
      });
      const body =
        flags.format === 'xlsx'
          ? await responsibilityWorkbook(selected, flags.baseUrl)
          : flags.format === 'csv'
            ? dutiesCsv(selected, flags.baseUrl)
            : deadlineCalendar(selected, flags.baseUrl);
      const out = flags.out ?? `duties.${flags.format}`;
      if (out === '-') {
        process.stdout.write(body);
        return;
      }
      await toFile(out, (write) => write(body));
      process.stderr.write(`exported ${selected.rows.length} duties to ${out} (${flags.format})\n`);
    });
  });
}
