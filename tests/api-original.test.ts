/**
 * Original files (issue 12): what a document was read from is kept in the data directory under its
 * SHA-256 and served back byte for byte by GET /api/documents/{id}/original. A PDF typeset at test time
 * is uploaded, read back, re-uploaded (nothing new stored) and deleted (its file goes with it); text
 * sent as a JSON string has no original (404 naming the document).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../api/problem.js';
import { extractFiles } from '../ingest/pipeline.js';
import { authorized, json, SAMPLES_DIR, startTestApi, type TestApi, uploadFile } from './support/api-app.js';
import { UPLOAD_SYMBOL, UPLOAD_TEXT } from './support/api-documents.js';
import { typeset } from './support/scans.js';

const PDF_NAME = 'Kế hoạch (bản ký) 9907.pdf';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = Problem.parse(json(response));
  expect(problem.code).toBe(code);
  return problem;
}

describe('original files', () => {
  let api: TestApi;
  let pdf: Uint8Array;
  const originalsDir = () => path.join(api.dataDir, 'originals');
  const stored = async () => (await readdir(originalsDir())).sort();
  const getOriginal = (id: string) =>
    api.app.inject({ method: 'GET', url: `/api/documents/${encodeURIComponent(id)}/original` });
  const uploadPdf = () => uploadFile(api.app, 'file', pdf, PDF_NAME);

  beforeAll(async () => {
    api = await startTestApi();
    pdf = (await typeset(UPLOAD_TEXT)).pdf;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('keeps each ingested file under its hash and serves it back with its media type', async () => {
    const { items } = await api.library.store.listDocuments();
    const sample = items.find((d) => d.source?.endsWith('.md') || d.source?.endsWith('.txt'));
    expect(sample).toBeDefined();
    const onDisk = await readFile(sample!.source!);
    expect(await stored()).toContain(sha256(onDisk));
    const response = await getOriginal(sample!.key);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.rawPayload.equals(onDisk)).toBe(true);
    expect(response.headers['content-type']).toMatch(/^text\/(plain|markdown)/);
    expect(response.headers['content-disposition']).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent(path.basename(sample!.source!))}`,
    );
    expect(sample!.source!.startsWith(SAMPLES_DIR)).toBe(true);
  });

  it('an uploaded PDF comes back byte for byte; the same bytes again store nothing new; delete removes it', async () => {
    const before = await stored();
    const first = await uploadPdf();
    expect(first.statusCode, first.body).toBe(201);
    const { outcome, document } = json<{
      outcome: { key: string };
      document: { content: { original?: { sha256: string; mediaType: string; name: string; size: number } } };
    }>(first);
    const hash = sha256(pdf);
    expect(document.content.original).toEqual({
      sha256: hash,
      mediaType: 'application/pdf',
      name: PDF_NAME,
      size: pdf.byteLength,
    });
    expect(await stored()).toEqual([...before, hash].sort());

    // By key and by symbol, as the other document routes.
    for (const id of [outcome.key, UPLOAD_SYMBOL]) {
      const response = await getOriginal(id);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(Number(response.headers['content-length'])).toBe(pdf.byteLength);
      expect(response.headers['content-disposition']).toBe(
        "inline; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20%28b%E1%BA%A3n%20k%C3%BD%29%209907.pdf",
      );
      expect(new Uint8Array(response.rawPayload)).toEqual(pdf);
    }

    const again = await uploadPdf();
    expect(again.statusCode, again.body).toBe(200);
    expect(json<{ outcome: { status: string } }>(again).outcome.status).toBe('unchanged');
    expect(await stored()).toEqual([...before, hash].sort());
    // Written whole, then renamed: no temporary file is left behind.
    expect((await stored()).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const removed = await api.app.inject({
      method: 'DELETE',
      url: `/api/documents/${encodeURIComponent(outcome.key)}`,
      headers: authorized,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(existsSync(path.join(originalsDir(), hash))).toBe(false);
    expect(await stored()).toEqual(before);
    expectProblem(await getOriginal(outcome.key), 404, 'not-found');
  });

  it('an upload under the same name that reads as another document replaces its original too', async () => {
    const before = await stored();
    const send = async (bytes: Uint8Array) => {
      const response = await uploadFile(api.app, 'file', bytes, 'ke-hoach.pdf');
      expect(response.statusCode, response.body).toBeLessThan(300);
      return json<{ outcome: { key: string; replaced: string[] } }>(response).outcome;
    };
    const first = await send(pdf);
    const renumbered = (await typeset(UPLOAD_TEXT.replaceAll('9907/UBND-NC', '9927/UBND-NC'))).pdf;
    const second = await send(renumbered);
    expect(second.replaced).toEqual([first.key]);
    expect(await stored()).toEqual([...before, sha256(renumbered)].sort());
    await api.library.remove(second.key);
    expect(await stored()).toEqual(before);
  });

  it('404 naming the document when it has no stored original (text sent as a string)', async () => {
    const upload = await api.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: authorized,
      payload: { name: 'plan-9907.txt', text: UPLOAD_TEXT },
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const { key } = json<{ outcome: { key: string } }>(upload).outcome;
    const problem = expectProblem(await getOriginal(key), 404, 'no-original');
    expect(problem.detail).toContain(key);
    expectProblem(await getOriginal('no-such-document'), 404, 'not-found');
  });

  it('a document stored before originals were kept gets its original when its file is ingested again', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dutygraph-original-'));
    try {
      const file = path.join(dir, 'cong-van-9907.txt');
      await writeFile(file, UPLOAD_TEXT.replace('9907/UBND-NC', '9917/UBND-NC'));
      // As an older version wrote it: the document without an original.
      const { bundle } = await extractFiles([file]);
      const [doc] = bundle.documents;
      expect(doc!.original).toBeUndefined();
      await api.library.store.ingest(doc!, bundle.agencies);
      expectProblem(await getOriginal(doc!.id), 404, 'no-original');

      const first = await api.library.ingestPaths([file]);
      expect(first.outcomes.map((o) => o.status)).toEqual(['updated']);
      const response = await getOriginal(doc!.id);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.rawPayload.equals(await readFile(file))).toBe(true);
      const again = await api.library.ingestPaths([file]);
      expect(again.outcomes.map((o) => o.status)).toEqual(['unchanged']);

      // The file edited: its new bytes replace the old original, which no document uses any more.
      const oldHash = sha256(await readFile(file));
      await writeFile(file, `${await readFile(file, 'utf8')}\n`);
      const edited = await api.library.ingestPaths([file]);
      expect(edited.outcomes.map((o) => o.status)).toEqual(['updated']);
      const files = await stored();
      expect(files).toContain(sha256(await readFile(file)));
      expect(files).not.toContain(oldHash);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is in the OpenAPI document as a GET of the documents tag, with its media types', async () => {
    const doc = json<{
      paths: Record<string, { get?: { tags: string[]; responses: Record<string, { content: object }> } }>;
    }>(await api.app.inject({ url: '/openapi.json' }));
    const get = doc.paths['/api/documents/{id}/original']!.get!;
    expect(get.tags).toEqual(['documents']);
    expect(Object.keys(get.responses['200']!.content)).toEqual(
      expect.arrayContaining(['application/pdf', 'image/png', 'image/tiff', 'text/plain']),
    );
    expect(Object.keys(get.responses['404']!.content)).toEqual(['application/problem+json']);
  });
});
