/**
 * The original files documents were read from, kept under the data directory as
 * `originals/<sha256>`: content-addressed, so re-ingesting the same bytes stores nothing new and two
 * documents read from one file share it. A file is written to a temporary name and renamed into
 * place, so a reader never sees half a file. The document records which original it has
 * (ExtractedDocument.original); a file no document names any more is deleted.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Agency, ExtractedDocument, OriginalFile } from '../ingest/schema.js';
import type { GraphStore } from './port.js';
import type { IngestOutcome } from './schema.js';

const SHA256 = /^[0-9a-f]{64}$/;

export class OriginalFiles {
  private constructor(readonly dir: string) {}

  static in(dataDir: string): OriginalFiles {
    return new OriginalFiles(path.join(dataDir, 'originals'));
  }

  private pathOf(sha256: string): string {
    // The hash comes from stored documents; a malformed one must never reach the file system.
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 hex digest: "${sha256}"`);
    return path.join(this.dir, sha256);
  }

  /** Stores the bytes under their hash (nothing is written when that file is already there). */
  async put(original: OriginalFile, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(original.sha256);
    if (await exists(target)) return;
    await mkdir(this.dir, { recursive: true });
    const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** A stream of the stored file, or null when it is not there. */
  async read(sha256: string): Promise<{ stream: ReadStream; size: number } | null> {
    const file = this.pathOf(sha256);
    try {
      const { size } = await stat(file);
      return { stream: createReadStream(file), size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Collects the originals one ingest run keeps, so those that end up with no document can go. */
  batch(): OriginalBatch {
    return new OriginalBatch(this);
  }

  /**
   * Deletes those of the given originals that no document in the store names any more. This is
   * housekeeping after a write or removal that already happened: if it fails (the store went away
   * mid-scan) the file stays, a leftover the next release of that hash picks up, and the caller's
   * outcome stands.
   */
  async release(store: GraphStore, hashes: Iterable<string | undefined>): Promise<void> {
    const candidates = new Set([...hashes].filter((h): h is string => h !== undefined));
    if (candidates.size === 0) return;
    try {
      for await (const doc of store.allDocuments()) {
        if (doc.original) candidates.delete(doc.original.sha256);
        if (candidates.size === 0) return;
      }
      for (const sha256 of candidates) await rm(this.pathOf(sha256), { force: true });
    } catch {
      // See above: a file left behind is harmless, a write reported as failed when it succeeded is not.
    }
  }
}

/**
 * The originals kept while one run extracts its files. They are stored before their documents are
 * written; when a write fails, or a file's document is dropped, `settle` deletes the ones no
 * document names.
 */
export class OriginalBatch {
  private readonly kept = new Set<string>();

  constructor(private readonly files: OriginalFiles) {}

  readonly keep = async (original: OriginalFile, bytes: Uint8Array): Promise<void> => {
    await this.files.put(original, bytes);
    this.kept.add(original.sha256);
  };

  /** `written`: the documents now in the store (the store is asked about the others). */
  async settle(store: GraphStore, written: readonly ExtractedDocument[]): Promise<void> {
    const held = new Set(written.flatMap((d) => (d.original ? [d.original.sha256] : [])));
    await this.files.release(
      store,
      [...this.kept].filter((h) => !held.has(h)),
    );
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Writes one document whose original file (if any) is already stored, then deletes the original the
 * document had before when this write replaced it and nothing else uses it. Every ingest path (CLI,
 * server, upload) writes through here.
 */
export async function ingestWithOriginal(
  store: GraphStore,
  originals: OriginalFiles,
  doc: ExtractedDocument,
  agencies: readonly Agency[],
): Promise<IngestOutcome> {
  const before = await store.getDocument(doc.id);
  const previous = before?.original?.sha256;
  // Same text from the same place, but the file is new (or was not kept before): record it.
  const rewrite = doc.original !== undefined && previous !== doc.original.sha256;
  // Documents this file read as before under another key are replaced by this write: their originals too.
  const others = (await store.documentsFromSource(doc.source)).filter((key) => key !== doc.id);
  const replaced = await Promise.all(others.map((key) => store.getDocument(key)));
  const outcome = await store.ingest(doc, agencies, { rewrite });
  if (outcome.status === 'unchanged') return outcome;
  const dropped = [previous, ...replaced.map((d) => d?.original?.sha256)];
  await originals.release(
    store,
    dropped.filter((h) => h !== doc.original?.sha256),
  );
  return outcome;
}

/** Removes a document and then its original, when no other document uses that file. */
export async function removeWithOriginal(
  store: GraphStore,
  originals: OriginalFiles,
  keyOrSymbol: string,
): Promise<Awaited<ReturnType<GraphStore['remove']>>> {
  const { key } = await store.resolveDocument(keyOrSymbol);
  const removed = await store.getDocument(key);
  const outcome = await store.remove(key);
  await originals.release(store, [removed?.original?.sha256]);
  return outcome;
}
