/**
 * Command-line inputs → the document files to read. Directories are searched recursively; hidden
 * entries and README.md (a corpus's own description, not a document) are skipped there, while a file
 * named explicitly is always taken if its type is supported.
 */
import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type ReadError, fileSystemFailure, readFailure } from './errors.js';
import { SUPPORTED_EXTENSIONS, formatOf, unsupportedFailure } from './formats.js';

export interface InputError {
  source: string;
  code: string;
  message: string;
}

const SKIPPED_IN_DIRECTORIES = /^readme\.md$/i;

function entry(error: ReadError): InputError {
  return { source: error.source, code: error.code, message: error.message };
}

async function statOrError(path: string, errors: InputError[]): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (error) {
    errors.push(entry(fileSystemFailure(path, error)));
    return null;
  }
}

/** Supported files under `dir`; `visited` holds real paths so symlink loops end. */
async function walk(dir: string, visited: Set<string>, errors: InputError[]): Promise<string[]> {
  let real: string;
  let entries: Dirent[];
  try {
    real = await realpath(dir);
    if (visited.has(real)) return [];
    visited.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    errors.push(entry(fileSystemFailure(dir, error)));
    return [];
  }
  const found: string[] = [];
  for (const dirent of entries) {
    if (dirent.name.startsWith('.')) continue;
    const path = join(dir, dirent.name);
    const stats = dirent.isSymbolicLink() ? await statOrError(path, errors) : dirent;
    if (!stats) continue;
    if (stats.isDirectory()) found.push(...(await walk(path, visited, errors)));
    else if (stats.isFile() && formatOf(dirent.name) && !SKIPPED_IN_DIRECTORIES.test(dirent.name))
      found.push(path);
  }
  return found;
}

/**
 * Expands paths into files: directories → their supported documents (recursive, sorted), files kept in
 * the order given; missing paths, unsupported files and directories without documents become errors.
 */
export async function expandInputs(paths: string[]): Promise<{ files: string[]; errors: InputError[] }> {
  const files: string[] = [];
  const errors: InputError[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  for (const path of paths) {
    const stats = await statOrError(path, errors);
    if (!stats) continue;
    if (stats.isDirectory()) {
      const found = await walk(path, new Set(), errors);
      if (found.length === 0) {
        errors.push(
          entry(
            readFailure(path, 'empty', `no documents found (looked for ${SUPPORTED_EXTENSIONS.join(', ')})`),
          ),
        );
      }
      found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).forEach(add);
    } else if (!stats.isFile()) {
      errors.push(entry(readFailure(path, 'unreadable', 'is not a regular file')));
    } else if (!formatOf(path)) {
      errors.push(entry(unsupportedFailure(path)));
    } else {
      add(path);
    }
  }
  return { files, errors };
}
