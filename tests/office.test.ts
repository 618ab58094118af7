/**
 * Word 97–2003 (.doc), RTF and OpenDocument text (.odt) through LibreOffice headless: files made at test time
 * from a development document (HTML → .doc / .rtf / .odt with soffice) extract like its text; bad files get a
 * clear error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContext } from '../ingest/extract/context.js';
import { extractLoaded } from '../ingest/pipeline.js';
import { readBuffer } from '../ingest/readers/index.js';
import { normalizeText } from '../ingest/text/normalize.js';
import { extractionSummary, readFailureOf } from './support/read-helpers.js';
import { CORPUS } from './eval/ocr-eval.js';
import { plainBlocks } from './support/scans.js';

const SLOW = { timeout: 110_000 };
let dir: string;
let text: string;
const FORMATS = ['doc', 'rtf', 'odt'] as const;
const FILTERS = { doc: 'doc:MS Word 97', rtf: 'rtf:Rich Text Format', odt: 'odt:writer8' } as const;
const made: Record<(typeof FORMATS)[number], Uint8Array> = {
  doc: new Uint8Array(),
  rtf: new Uint8Array(),
  odt: new Uint8Array(),
};

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dutygraph-office-test-'));
  const markdown = await readFile(join(CORPUS, '002_b37f15c7e1a4fe51.txt'), 'utf8');
  const blocks = plainBlocks(markdown);
  text = normalizeText(blocks.join('\n\n'));
  const html = `<html><head><meta charset="utf-8"></head><body>${blocks
    .map((b) => `<p>${b.split('\n').map(escape).join('<br>')}</p>`)
    .join('\n')}</body></html>`;
  await writeFile(join(dir, 'source.html'), html);
  for (const format of FORMATS) {
    const filter = FILTERS[format];
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, `profile-${format}`)).href}`,
        '--headless',
        '--writer',
        '--convert-to',
        filter,
        '--outdir',
        dir,
        join(dir, 'source.html'),
      ],
      { stdio: 'ignore', timeout: 100_000 },
    );
    made[format] = new Uint8Array(await readFile(join(dir, `source.${format}`)));
  }
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('.doc, .rtf and .odt', () => {
  it('extract like the text they were made from', SLOW, async () => {
    const context = defaultContext();
    const expected = extractionSummary(
      extractLoaded({ source: 't', format: 'txt', text, bytes: 0 }, context).document,
    );
    expect(expected.duties.length).toBeGreaterThan(0);
    for (const format of FORMATS) {
      expect(made[format].length).toBeGreaterThan(1000);
      const loaded = await readBuffer(`ke-hoach.${format}`, made[format]);
      expect(loaded.format).toBe(format);
      expect(extractionSummary(extractLoaded(loaded, context).document), format).toEqual(expected);
    }
  });

  it('bad files get a clear error naming the file', SLOW, async () => {
    const notWord = await readFailureOf(
      readBuffer('x.doc', new TextEncoder().encode('Kế hoạch, không phải Word')),
    );
    expect(notWord.message).toBe('x.doc: not a Word document (no Word 97–2003 signature)');
    const notRtf = await readFailureOf(readBuffer('x.rtf', new TextEncoder().encode('Kế hoạch')));
    expect(notRtf.message).toBe('x.rtf: not an RTF file (no {\\rtf header)');
    const cut = await readFailureOf(readBuffer('cut.doc', made.doc.subarray(0, 1536)));
    expect(cut.code).toBe('corrupt');
    expect(cut.message).toMatch(/^cut\.doc: /);
    const notOdt = await readFailureOf(readBuffer('x.odt', new TextEncoder().encode('Kế hoạch')));
    expect(notOdt.message).toBe('x.odt: not an OpenDocument file (not a zip archive)');
    // A spreadsheet saved under a text's name: its package says what it is.
    const sheet = Uint8Array.from([
      ...made.odt.subarray(0, 30),
      ...new TextEncoder().encode('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
    ]);
    const notText = await readFailureOf(readBuffer('bang.odt', sheet));
    expect(notText.message).toBe('bang.odt: an OpenDocument spreadsheet, not a text document (.odt)');
    const cutOdt = await readFailureOf(readBuffer('cut.odt', made.odt.subarray(0, made.odt.length >> 1)));
    expect(cutOdt.code).toBe('corrupt');
    expect(cutOdt.message).toMatch(/^cut\.odt: /);
  });
});
