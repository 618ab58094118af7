/**
 * Backup and restore of a data directory (the embedded graph and the search index beside it, or a
 * Neo4j graph's index directory). Every file of the directory goes in, so stores and indexes added
 * later are covered without a list to keep: SQLite databases through SQLite's online backup API (a
 * consistent copy while the server keeps writing), other files as they are (the index writes each
 * file under a new name and renames it into place, so a file is never caught half-written).
 * The archive (tar.gz) carries MANIFEST.json with each file's size and SHA-256. Restore unpacks
 * into a temporary directory beside the target, checks everything, and only then swaps it in with a
 * rename, so a restore either happens whole or not at all.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
  copyFile,
} from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as tar from 'tar';
import { z } from 'zod';

export const BACKUP_FORMAT = 'dutygraph-backup';
export const BACKUP_VERSION = 1;
const MANIFEST = 'MANIFEST.json';
const SQLITE_HEADER = 'SQLite format 3\0';
// Journals belong to their database, whose backup already includes what they hold; temporaries are
// files being written right now.
const SKIPPED = /(-wal|-shm|-journal)$|(^|\/)\.tmp-/;

const Manifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  files: z.array(
    z.object({
      path: z.string(),
      bytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      kind: z.enum(['sqlite', 'file']),
    }),
  ),
});
type Manifest = z.infer<typeof Manifest>;

/** A backup or restore that cannot be done; the message names the file and the reason. */
export class BackupError extends Error {
  override name = 'BackupError';
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function isSqlite(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, 16, 0);
    return bytesRead === 16 && head.toString('latin1') === SQLITE_HEADER;
  } finally {
    await handle.close();
  }
}

/** Every regular file under `dir`, as paths relative to it with forward slashes. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, relative)));
    else if (entry.isFile() && !SKIPPED.test(relative)) out.push(relative);
  }
  return out.sort();
}

/** Copies the data directory into `staging`: databases via the backup API, the rest as files. */
async function snapshot(dataDir: string, staging: string): Promise<Manifest['files']> {
  const files: Manifest['files'] = [];
  for (const relative of await listFiles(dataDir)) {
    const from = path.join(dataDir, relative);
    const to = path.join(staging, relative);
    await mkdir(path.dirname(to), { recursive: true });
    let kind: 'sqlite' | 'file';
    try {
      kind = (await isSqlite(from)) ? 'sqlite' : 'file';
      if (kind === 'sqlite') {
        const db = new Database(from, { readonly: true, fileMustExist: true });
        try {
          await db.backup(to);
        } finally {
          db.close();
        }
      } else {
        await copyFile(from, to);
      }
    } catch (error) {
      // An index file replaced between listing and copying: it is no longer part of the index.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    files.push({ path: relative, bytes: (await stat(to)).size, sha256: await sha256(to), kind });
  }
  return files;
}

/**
 * Writes a consistent archive of `dataDir` to `file` (written beside it, then renamed into place).
 * Returns what went in.
 */
export async function backupDataDir(dataDir: string, file: string): Promise<Manifest> {
  const dir = path.resolve(dataDir);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new BackupError(`${dir}: no such data directory`);
  const staging = await mkdtemp(path.join(path.dirname(path.resolve(file)), '.dutygraph-backup-'));
  const partial = `${path.resolve(file)}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    let files = await snapshot(dir, staging);
    // The index lists its files in index.json: if one vanished mid-copy, take the whole set again.
    for (let attempt = 0; attempt < 3 && !(await indexComplete(staging)); attempt++) {
      await rm(staging, { recursive: true, force: true });
      await mkdir(staging);
      files = await snapshot(dir, staging);
    }
    if (files.length === 0) throw new BackupError(`${dir}: the data directory is empty; nothing to back up`);
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      files,
    };
    await writeFile(path.join(staging, MANIFEST), JSON.stringify(manifest, null, 2));
    await tar.c({ gzip: true, file: partial, cwd: staging, portable: true }, [
      MANIFEST,
      ...files.map((f) => f.path),
    ]);
    await rename(partial, path.resolve(file));
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}

/** Every data file an index manifest (index.json) names is present in the copy. */
async function indexComplete(staging: string): Promise<boolean> {
  for (const relative of await listFiles(staging)) {
    if (path.basename(relative) !== 'index.json') continue;
    let named: unknown;
    try {
      named = (JSON.parse(await readFile(path.join(staging, relative), 'utf8')) as { dataFile?: unknown })
        .dataFile;
    } catch {
      continue;
    }
    if (typeof named !== 'string') continue;
    const exists = await stat(path.join(staging, path.dirname(relative), named)).catch(() => null);
    if (!exists) return false;
  }
  return true;
}

/** Reads and checks an unpacked archive: manifest, every file's size and checksum, databases intact. */
async function verify(unpacked: string, file: string): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = Manifest.parse(JSON.parse(await readFile(path.join(unpacked, MANIFEST), 'utf8')));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'it has no MANIFEST.json'
        : 'its MANIFEST.json is not a dutygraph backup manifest';
    throw new BackupError(`${file}: not a dutygraph backup (${reason})`);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const relative of await listFiles(unpacked)) {
    if (relative !== MANIFEST && !listed.has(relative))
      throw new BackupError(`${file}: holds ${relative}, which its manifest does not list`);
  }
  for (const entry of manifest.files) {
    const at = path.join(unpacked, entry.path);
    const info = await stat(at).catch(() => null);
    if (!info) throw new BackupError(`${file}: ${entry.path} is missing from the archive`);
    if (info.size !== entry.bytes || (await sha256(at)) !== entry.sha256)
      throw new BackupError(`${file}: ${entry.path} does not match its checksum (the archive is damaged)`);
    if (entry.kind === 'sqlite') {
      const db = new Database(at, { readonly: true, fileMustExist: true });
      try {
        const result = db.pragma('integrity_check', { simple: true });
        if (result !== 'ok')
          throw new BackupError(`${file}: ${entry.path} fails SQLite's integrity check (${String(result)})`);
      } finally {
        db.close();
      }
    }
  }
  return manifest;
}

export interface RestoreOptions {
  /** Replace a data directory that already holds files (it is kept beside, renamed, until the swap is done). */
  force?: boolean;
}

/**
 * Restores `file` into `dataDir`. The server must be stopped. Refuses a damaged or foreign archive,
 * and a non-empty target unless `force`; the old contents are moved aside and deleted only once the
 * new ones are in place.
 */
export async function restoreDataDir(
  file: string,
  dataDir: string,
  options: RestoreOptions = {},
): Promise<Manifest> {
  const archive = path.resolve(file);
  if (!(await stat(archive).catch(() => null))?.isFile())
    throw new BackupError(`${archive}: no such backup file`);
  const target = path.resolve(dataDir);
  const existing = await readdir(target).catch(() => null);
  if (existing && existing.length > 0 && !options.force)
    throw new BackupError(`${target} is not empty; pass --force to replace its contents with the backup`);
  await mkdir(path.dirname(target), { recursive: true });
  const unpacked = await mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}.restore-`));
  try {
    try {
      // strict: any damaged header or bad checksum in the tar stream is an error, not a warning.
      await tar.x({ file: archive, cwd: unpacked, strict: true, preservePaths: false });
    } catch (error) {
      throw new BackupError(
        `${archive}: cannot be unpacked (${(error as Error).message.split('\n')[0]}); the archive is damaged or not a backup`,
      );
    }
    const manifest = await verify(unpacked, archive);
    await rm(path.join(unpacked, MANIFEST));
    const aside = `${target}.before-restore-${randomBytes(4).toString('hex')}`;
    if (existing) await rename(target, aside);
    try {
      await rename(unpacked, target);
    } catch (error) {
      if (existing) await rename(aside, target);
      throw error;
    }
    if (existing) await rm(aside, { recursive: true, force: true });
    return manifest;
  } finally {
    await rm(unpacked, { recursive: true, force: true });
  }
}
