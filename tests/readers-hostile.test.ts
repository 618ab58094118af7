/**
 * Hostile files: archives that expand far beyond their size (or lie about it), markup nested deeper
 * than a renderer can recurse, and a heavy upload that must not stop the server from answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadError, readBuffer } from '../ingest/readers/index.js';
import { LimitError, READ_LIMITS, checkZipLimits } from '../ingest/readers/limits.js';
import { ExtractionPool } from '../ingest/pool.js';
import { API_KEY, type TestApi, startTestApi } from './support/api-app.js';
import { UPLOAD_TEXT } from './support/api-documents.js';
import { docxWith, documentXml } from './support/zip.js';

const MB = 1024 * 1024;
const paragraphs = UPLOAD_TEXT.split(/\n+/).filter(Boolean);

async function refusal(name: string, bytes: Uint8Array): Promise<ReadError> {
  const error = await readBuffer(name, bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadError);
  return error as ReadError;
}

describe('hostile files', () => {
  it('reads a well-formed .docx built by the test zip writer (the baseline)', async () => {
    const loaded = await readBuffer('ok.docx', docxWith(documentXml(paragraphs)));
    expect(loaded.text).toContain('TỈNH QUẢNG TRỊ');
  });

  it('refuses a .docx that expands a thousandfold, before unpacking it', async () => {
    const bomb = docxWith(documentXml(paragraphs, ' '.repeat(40 * MB)));
    expect(bomb.length).toBeLessThan(MB);
    const error = await refusal('bomb.docx', bomb);
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(
      /^bomb\.docx: too large when unpacked: word\/document\.xml expands \d+-fold/,
    );
  });

  it('refuses a .docx whose entry holds more than it declares', async () => {
    const liar = docxWith(documentXml(paragraphs, ' '.repeat(3 * MB)), 4096);
    const error = await refusal('liar.docx', liar);
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('holds more than the 4 KB it declares');
  });

  it('refuses archives declaring more content in total than the limit', () => {
    const docx = docxWith(documentXml(paragraphs));
    expect(() => checkZipLimits(docx, { ...READ_LIMITS, maxUnpackedBytes: 1024 })).toThrow(LimitError);
    expect(() => checkZipLimits(docx)).not.toThrow();
  });

  it('refuses HTML nested deeper than the renderer may go, without overflowing the stack', async () => {
    const deep = Buffer.from(`<html><body>${'<div>'.repeat(200_000)}${UPLOAD_TEXT}</body></html>`);
    const error = await refusal('deep.html', deep);
    expect(error.code).toBe('too-large');
    expect(error.message).toContain(`nested more than ${READ_LIMITS.maxHtmlDepth} deep`);
  });
});

describe('heavy uploads off the event loop', () => {
  let api: TestApi;
  let url: string;
  const pool = new ExtractionPool({ size: 1, queueLimit: 0 });

  beforeAll(async () => {
    api = await startTestApi({ ingest: [], pool });
    url = await api.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers /healthz while a large .docx is being read, and refuses a bomb with 413', async () => {
    // 1.2 MB of XML, 7,000 paragraphs: mammoth and the extractor take seconds over it.
    const big = docxWith(documentXml(Array.from({ length: 600 }, () => paragraphs).flat()));
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(big)]), 'big.docx');
    let uploadDone = false;
    const upload = fetch(`${url}/api/documents`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY },
      body: form,
    }).then(async (response) => {
      uploadDone = true;
      return { status: response.status, body: await response.text() };
    });
    // Synchronization point: the pool has the file.
    while (pool.load().running === 0) await new Promise((resolve) => setImmediate(resolve));
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    // The probe was answered while the file was still being read.
    expect(uploadDone).toBe(false);
    expect(pool.load().running).toBe(1);
    const result = await upload;
    expect([201, 422]).toContain(result.status);

    const bombForm = new FormData();
    bombForm.append(
      'file',
      new Blob([new Uint8Array(docxWith(documentXml(paragraphs, ' '.repeat(40 * MB))))]),
      'bomb.docx',
    );
    const bomb = await fetch(`${url}/api/documents`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY },
      body: bombForm,
    });
    expect(bomb.status).toBe(413);
    expect(((await bomb.json()) as { detail: string }).detail).toMatch(/too large when unpacked/);
  }, 120_000);
});
