/**
 * Backup while uploads keep arriving, restore into a fresh directory, and the refusals: a damaged
 * archive, one whose files do not match their checksums, a non-empty target without --force.
 */
import { mkdtemp, readFile, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, backupDataDir, restoreDataDir } from '../graph/backup.js';
import { openEmbedded } from '../graph/open.js';
import type { GraphStore } from '../graph/port.js';
import { ConceptLexicon } from '../search/concepts.js';
import { SearchService } from '../search/service.js';
import { type TestApi, startTestApi } from './support/api-app.js';
import { UPLOAD_TEXT } from './support/api-documents.js';

let api: TestApi;
let work: string;

async function allKeys(store: GraphStore): Promise<string[]> {
  const keys: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listDocuments({ limit: 100, cursor: after ?? null });
    keys.push(...page.items.map((d) => d.key));
    if (!page.nextCursor) return keys;
    after = page.nextCursor;
  }
}

beforeAll(async () => {
  api = await startTestApi();
  work = await mkdtemp(path.join(tmpdir(), 'dutygraph-backup-'));
});
afterAll(async () => {
  await api.close();
  await rm(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  const archive = () => path.join(work, 'backup.tar.gz');
  let acknowledged: string[] = [];

  it('backs up while uploads continue, and the restore holds every write acknowledged before it', async () => {
    let writing = true;
    const uploaded: string[] = [];
    const writer = (async () => {
      for (let n = 1000; writing && n < 1200; n++) {
        const { key } = await api.library.ingestUpload(
          `cv-${n}.txt`,
          Buffer.from(UPLOAD_TEXT.replace(/9907/g, String(n))),
          1 << 20,
        );
        uploaded.push(key);
      }
    })();
    // Let a few writes land first, so the backup runs between writes, not before them.
    while (uploaded.length < 3) await new Promise((resolve) => setImmediate(resolve));
    acknowledged = [...uploaded];
    const manifest = await backupDataDir(api.dataDir, archive());
    writing = false;
    await writer;
    expect(manifest.files.map((f) => f.path)).toContain('graph.sqlite');
    expect(manifest.files.find((f) => f.path === 'graph.sqlite')!.kind).toBe('sqlite');
    expect(manifest.files.length).toBeGreaterThan(1); // the search index went in too

    const target = path.join(work, 'restored');
    await restoreDataDir(archive(), target);
    const store = openEmbedded(target);
    try {
      const keys = await allKeys(store);
      for (const key of acknowledged) expect(keys).toContain(key);
      expect(new Set(keys).size).toBe(keys.length);
      const search = await SearchService.open(store, {
        dataDir: target,
        lexicon: ConceptLexicon.load(),
        embedder: null,
        embedderReason: 'test',
      });
      // The index agrees with the graph it was restored with (or was rebuilt from it).
      expect(search.size.documents).toBe(keys.length);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('refuses a damaged archive and leaves the target untouched', async () => {
    const bytes = await readFile(archive());
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    const damaged = path.join(work, 'damaged.tar.gz');
    await writeFile(damaged, bytes);
    const target = path.join(work, 'untouched');
    await expect(restoreDataDir(damaged, target)).rejects.toThrow(BackupError);
    expect(await stat(target).catch(() => null)).toBeNull();
    // No temporary directory left beside it either.
    expect((await readdir(work)).filter((name) => name.includes('.restore-'))).toEqual([]);
  });

  it('refuses an archive whose files do not match their checksums', async () => {
    const unpacked = path.join(work, 'unpacked');
    await rm(unpacked, { recursive: true, force: true });
    await (await import('node:fs/promises')).mkdir(unpacked);
    await tar.x({ file: archive(), cwd: unpacked });
    const manifest = JSON.parse(await readFile(path.join(unpacked, 'MANIFEST.json'), 'utf8')) as {
      files: { path: string; kind: string }[];
    };
    // Any file will do: a SQLite file's pages are checked like any other file's bytes.
    const victim = manifest.files[0]!;
    await writeFile(path.join(unpacked, victim.path), 'tampered');
    const tampered = path.join(work, 'tampered.tar.gz');
    await tar.c({ gzip: true, file: tampered, cwd: unpacked }, await readdir(unpacked));
    await expect(restoreDataDir(tampered, path.join(work, 'never'))).rejects.toThrow(
      `${victim.path} does not match its checksum`,
    );
  });

  it('refuses to restore over a data directory that holds files unless forced', async () => {
    await expect(restoreDataDir(archive(), api.dataDir)).rejects.toThrow(/is not empty; pass --force/);
    const target = path.join(work, 'restored');
    await restoreDataDir(archive(), target, { force: true });
    expect((await readdir(work)).filter((name) => name.includes('before-restore'))).toEqual([]);
  });
});
