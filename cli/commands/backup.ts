/**
 * `dutygraph backup <file>` and `dutygraph restore <file>`: the whole data directory (graph and
 * search index) in one checked archive. Backup runs while the server keeps serving; restore wants
 * it stopped. A Neo4j graph itself is dumped with `neo4j-admin database dump` (see the README).
 */
import type { Command } from 'commander';
import { BackupError, backupDataDir, restoreDataDir } from '../../graph/backup.js';
import { resolveDataDir } from '../../graph/open.js';
import { UserError } from '../errors.js';

const size = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function asUser<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) throw new UserError(error.message);
    const e = error as NodeJS.ErrnoException;
    if (e.code && e.path) throw new UserError(`${e.path}: ${e.code}`);
    throw error;
  }
}

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description(
      'Write the data directory (graph and search index) to a checked .tar.gz, while the server runs',
    )
    .argument('<file>', 'archive to write (replaced atomically when it exists)')
    .option('--data-dir <dir>', 'data directory (default: $DUTYGRAPH_DATA_DIR or .data)')
    .action(async (file: string, flags: { dataDir?: string }) => {
      const dataDir = resolveDataDir(flags.dataDir);
      const manifest = await asUser(() => backupDataDir(dataDir, file));
      const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
      process.stdout.write(
        `backed up ${dataDir} to ${file}: ${manifest.files.length} files, ${size(bytes)}\n`,
      );
    });
  program
    .command('restore')
    .description(
      'Replace the data directory with a backup (stop the server first); refuses a damaged archive',
    )
    .argument('<file>', 'archive written by `dutygraph backup`')
    .option('--data-dir <dir>', 'data directory (default: $DUTYGRAPH_DATA_DIR or .data)')
    .option('--force', 'replace a data directory that already holds files')
    .action(async (file: string, flags: { dataDir?: string; force?: boolean }) => {
      const dataDir = resolveDataDir(flags.dataDir);
      const manifest = await asUser(() => restoreDataDir(file, dataDir, { force: flags.force }));
      process.stdout.write(
        `restored ${file} into ${dataDir}: ${manifest.files.length} files (backup of ${manifest.createdAt})\n`,
      );
    });
}
