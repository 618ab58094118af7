import { mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LoadedText,
  ReadError,
  SUPPORTED_EXTENSIONS,
  expandInputs,
  readBuffer,
  readDocument,
} from '../ingest/readers/index.js';
import { normalizeText } from '../ingest/text/normalize.js';
import {
  type SampleFiles,
  passwordPdf,
  sampleDocx,
  sampleHtml,
  sampleMarkdown,
  samplePdf,
  scannedPdf,
  writeSampleFiles,
} from './support/fixtures.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = resolve(repoRoot, '../shared/corpus');
// Every bad input must be refused quickly, PDFs included (they are parsed in a worker thread).
const FAST = { timeout: 5_000 };

let dir: string;
let files: SampleFiles;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dutygraph-readers-'));
  files = await writeSampleFiles(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The ReadError a read fails with (fails the test if it succeeds or throws something else). */
async function failure(read: Promise<LoadedText>): Promise<ReadError> {
  const outcome = await read.then(
    (loaded) => loaded,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ReadError);
  return outcome as ReadError;
}

async function expectFailure(
  source: string,
  read: Promise<LoadedText>,
  code: ReadError['code'],
  reason: string | RegExp,
) {
  const error = await failure(read);
  expect(error.code).toBe(code);
  expect(error.source).toBe(source);
  expect(error.message.startsWith(`${source}: `)).toBe(true);
  expect(error.message).toMatch(reason);
  expect(error.message).not.toMatch(/\n\s+at /); // no stack trace in what users see
}

function expectNormalized(text: string) {
  expect(text).toBe(text.normalize('NFC'));
  expect(text).toContain('hóa chất');
  expect(text).not.toContain('hoá');
  expect(text).not.toContain('hoá'.normalize('NFD'));
}

describe('readers: the sample document round-trips through every format', () => {
  const expected = () => normalizeText(sampleMarkdown());

  it.each([
    ['txt', 'txt'],
    ['md', 'md'],
    ['utf16', 'txt'],
    ['html', 'html'],
    ['html1258', 'html'],
    ['docx', 'docx'],
  ] as const)('%s keeps header lines, bold items, table rows and footnotes exactly', async (key, format) => {
    const loaded = await readDocument(files[key]);
    expect(loaded.format).toBe(format);
    expect(loaded.source).toBe(files[key]);
    expect(loaded.bytes).toBe((await readFile(files[key])).length);
    expect(loaded.text).toBe(expected());
    expectNormalized(loaded.text);
    const lines = loaded.text.split('\n');
    expect(lines).toContain('Số: 12/KH-UBND');
    expect(lines.indexOf('**TỈNH CAO BẰNG**')).toBe(lines.indexOf('**ỦY BAN NHÂN DÂN**') + 1);
    expect(lines.some((l) => l.startsWith('**2. Công an tỉnh:** chủ trì, phối hợp'))).toBe(true);
    expect(lines).toContain('1 | Tuyên truyền pháp luật | Công an tỉnh | Quý II/2026');
    expect(lines).toContain('<sup>1</sup> Kế hoạch số 89/KH-BCA về phòng, chống tội phạm năm 2026.');
  });

  it('pdf rebuilds lines, paragraphs, table rows and both pages from the text layer', async () => {
    const loaded = await readDocument(files.pdf);
    expect(loaded.format).toBe('pdf');
    expectNormalized(loaded.text);
    const paragraphs = loaded.text.split('\n\n');
    const lines = loaded.text.split('\n');
    // The two header columns come out as two blocks of lines, not interleaved.
    expect(paragraphs).toContain('ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\nSố: 12/KH-UBND');
    expect(paragraphs).toContain(
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nCao Bằng, ngày 05 tháng 3 năm 2026',
    );
    // A wrapped paragraph keeps its line breaks but stays one paragraph.
    const item2 = paragraphs.find((p) => p.startsWith('2. Công an tỉnh: chủ trì, phối hợp'));
    expect(item2).toBeDefined();
    expect(item2!.replace(/\n/g, ' ')).toBe(
      '2. Công an tỉnh: chủ trì, phối hợp với các sở, ngành liên quan đấu tranh, xử lý nghiêm các hành vi vi phạm; báo cáo kết quả trước ngày 15/12/2026.',
    );
    expect(paragraphs).toContain(
      'STT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn\n1 | Tuyên truyền pháp luật | Công an tỉnh | Quý II/2026\n2 | Kiểm tra cơ sở hóa chất | Sở Công Thương | Quý III/2026',
    );
    expect(paragraphs.at(-1)).toBe('Nơi nhận:\n- Bộ Công an;\n- Lưu: VT, NC.');
    expect(lines).toContain('KẾ HOẠCH');
  });

  it('readBuffer reads uploads by name, or by an explicit format', async () => {
    const docx = await readBuffer('upload.docx', await sampleDocx());
    expect(docx).toMatchObject({ source: 'upload.docx', format: 'docx', text: expected() });
    const html = new TextEncoder().encode(sampleHtml());
    const forced = await readBuffer('upload.bin', html, { format: 'html' });
    expect(forced.text).toBe(expected());
    expect(forced.bytes).toBe(html.length);
    const pdf = await readBuffer('scan-upload.PDF', await samplePdf());
    expect(pdf.format).toBe('pdf');
  });

  it('reads a real corpus document unchanged apart from normalization', async () => {
    const path = join(corpusDir, '002_b37f15c7e1a4fe51.txt');
    const loaded = await readDocument(path);
    expect(loaded.text).toBe(normalizeText(await readFile(path, 'utf8')));
    expect(loaded.text).toContain('Số: 1482 /UBND-NC');
  });
});

describe('readers: bad input gets a clear ReadError naming the file', () => {
  const path = (name: string) => join(dir, name);
  const put = async (name: string, data: string | Uint8Array) => {
    await writeFile(path(name), data);
    return path(name);
  };
  /** Writes `data` as `name` and expects reading it to fail with `code` and `reason`. */
  const refuses = async (
    name: string,
    data: string | Uint8Array,
    code: ReadError['code'],
    reason: string | RegExp,
  ) => expectFailure(await put(name, data), readDocument(path(name)), code, reason);

  it('empty and whitespace-only files are "empty"', FAST, async () => {
    await refuses('empty.txt', '', 'empty', 'the file is empty (0 bytes)');
    await refuses('blank.md', ' \n\t\r\n  \n', 'empty', 'contains only whitespace');
    const chrome =
      '<html><head><title>Văn bản</title></head><body><nav>Trang chủ</nav><script>x()</script></body></html>';
    await refuses('chrome.html', chrome, 'empty', 'contains no text');
  });

  it('binary data is "binary", whether or not it has NUL bytes', FAST, async () => {
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0,
    ]);
    await refuses('image.txt', png, 'binary', 'contains NUL bytes');
    await refuses('tiny.txt', 'x\0y', 'binary', 'contains NUL bytes');
    const controls = Uint8Array.from({ length: 400 }, (_, i) =>
      i % 3 === 0 ? 0x01 + (i % 7) : 0x41 + (i % 26),
    );
    await refuses('controls.md', controls, 'binary', /\d+% control characters/);
  });

  it('text that is not UTF-8 is an "encoding" error with the byte and line', FAST, async () => {
    const firstLine = 'Dòng một hợp lệ\n';
    const bytes = Buffer.concat([Buffer.from(firstLine, 'utf8'), Buffer.from('Thông báo', 'latin1')]);
    const offset = Buffer.byteLength(firstLine) + 2; // "ô" as a lone Latin-1 byte
    await refuses('latin1.txt', bytes, 'encoding', `not valid UTF-8 at byte ${offset} (line 2)`);
    const utf16 = Buffer.from('Kế hoạch số 12/KH-UBND về phòng, chống tội phạm', 'utf16le');
    await refuses('nobom.txt', utf16, 'encoding', 'UTF-16 without a byte-order mark');
    const tcvn = '<html><head><meta charset="tcvn3"></head><body><p>Kế hoạch</p></body></html>';
    await refuses('tcvn.html', tcvn, 'encoding', 'declares charset "tcvn3"');
  });

  it('files over the limit are "too-large" before being read', FAST, async () => {
    const big = path('big.pdf');
    await writeFile(big, '');
    await truncate(big, 51 * 1024 * 1024); // sparse: no 51 MB in memory or on disk
    const before = process.memoryUsage().rss;
    await expectFailure(big, readDocument(big), 'too-large', '51 MB, over the limit of 50 MB');
    expect(process.memoryUsage().rss - before).toBeLessThan(20 * 1024 * 1024);
    await expectFailure(
      files.txt,
      readDocument(files.txt, { maxBytes: 100 }),
      'too-large',
      'over the limit of 100 bytes',
    );
    await expectFailure(
      'upload.txt',
      readBuffer('upload.txt', new Uint8Array(101), { maxBytes: 100 }),
      'too-large',
      'limit',
    );
  });

  it('DUTYGRAPH_MAX_FILE_MB sets the limit; a malformed value is refused, not ignored', FAST, async () => {
    const saved = process.env.DUTYGRAPH_MAX_FILE_MB;
    try {
      process.env.DUTYGRAPH_MAX_FILE_MB = '0.001';
      await expectFailure(files.txt, readDocument(files.txt), 'too-large', '1.1 KB, over the limit of 1 KB');
      process.env.DUTYGRAPH_MAX_FILE_MB = 'fifty';
      await expect(readDocument(files.txt)).rejects.toThrow(
        'DUTYGRAPH_MAX_FILE_MB must be a positive number of megabytes, got "fifty"',
      );
    } finally {
      if (saved === undefined) delete process.env.DUTYGRAPH_MAX_FILE_MB;
      else process.env.DUTYGRAPH_MAX_FILE_MB = saved;
    }
  });

  it('truncated and corrupt .docx are "corrupt" with the reason', FAST, async () => {
    const docx = await readFile(files.docx);
    await refuses(
      'half.docx',
      docx.subarray(0, docx.length / 2),
      'corrupt',
      /damaged or truncated \.docx \(.+\)/,
    );
    const garbled = Buffer.from(docx);
    for (let i = 200; i < garbled.length; i++) garbled[i] = (i * 31) & 0xff;
    await refuses('garbled.docx', garbled, 'corrupt', 'damaged or truncated .docx');
    const ole2 = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await refuses('old-word.docx', ole2, 'corrupt', 'old binary Word .doc file');
    await refuses('renamed.docx', 'Kế hoạch', 'corrupt', 'not a zip archive');
  });

  it('truncated, damaged and non-PDF .pdf files are "corrupt"', FAST, async () => {
    const pdf = await readFile(files.pdf);
    await refuses('half.pdf', pdf.subarray(0, pdf.length / 2), 'corrupt', 'truncated PDF');
    // Header and trailer intact, the body (fonts, content streams, xref) overwritten.
    const garbled = Buffer.from(pdf);
    for (let i = 2000; i < garbled.length - 2000; i++) garbled[i] = (i * 7919) & 0xff;
    await refuses('garbled.pdf', garbled, 'corrupt', /damaged PDF/);
    await refuses('page.pdf', sampleHtml(), 'corrupt', 'no %PDF- header');
  });

  it('a PDF without a text layer is "empty" and says to OCR it', FAST, async () => {
    await refuses('scan.pdf', await scannedPdf(), 'empty', 'no text layer (scanned PDF?) — OCR it first');
  });

  it('a password-protected PDF is "unreadable"', FAST, async () => {
    await refuses('locked.pdf', await passwordPdf(), 'unreadable', 'password-protected');
  });

  it('PDF parsing that overruns its time limit is stopped', FAST, async () => {
    await expectFailure(
      files.pdf,
      readDocument(files.pdf, { timeoutMs: 1 }),
      'corrupt',
      'did not finish within 0.001 s',
    );
  });

  it('unsupported extensions are refused with the supported list', FAST, async () => {
    const supported = SUPPORTED_EXTENSIONS.join(', ');
    await refuses(
      'ke-hoach.pages',
      'Kế hoạch',
      'unsupported',
      `unsupported file type ".pages"; supported: ${supported}`,
    );
    await refuses('KEHOACH', 'Kế hoạch', 'unsupported', 'no file extension');
    await expectFailure(
      'upload.xls',
      readBuffer('upload.xls', new TextEncoder().encode('{\\rtf1}')),
      'unsupported',
      '.xls',
    );
  });

  it('missing paths are "not-found", directories and devices "unreadable"', FAST, async () => {
    const missing = path('khong-co.txt');
    await expectFailure(missing, readDocument(missing), 'not-found', 'no such file or directory');
    await expectFailure(dir, readDocument(dir), 'unreadable', 'is a directory');
    await expectFailure('/dev/zero', readDocument('/dev/zero'), 'unreadable', 'not a regular file');
  });
});

describe('expandInputs', () => {
  it(
    'turns directories into their supported files, sorted, skipping README.md and hidden entries',
    FAST,
    async () => {
      const root = join(dir, 'inputs');
      await mkdir(join(root, 'sub', 'deeper'), { recursive: true });
      await mkdir(join(root, '.git'), { recursive: true });
      await mkdir(join(root, 'empty'), { recursive: true });
      for (const name of [
        'b.txt',
        'a.md',
        'README.md',
        '.hidden.txt',
        '.git/x.txt',
        'notes.xyz',
        'sub/c.PDF',
        'sub/readme.md',
        'sub/deeper/d.html',
        'sub/deeper/e.docx',
      ]) {
        await writeFile(join(root, name), 'x');
      }
      await symlink(root, join(root, 'sub', 'loop')); // a cycle must not be followed forever
      const explicit = join(root, 'README.md');
      const missing = join(dir, 'missing-dir');
      const { files: found, errors } = await expandInputs([
        root,
        explicit,
        join(root, 'b.txt'),
        missing,
        join(root, 'notes.xyz'),
        join(root, 'empty'),
      ]);
      expect(found).toEqual([
        join(root, 'a.md'),
        join(root, 'b.txt'),
        join(root, 'sub', 'c.PDF'),
        join(root, 'sub', 'deeper', 'd.html'),
        join(root, 'sub', 'deeper', 'e.docx'),
        explicit, // named explicitly, so taken even though directory walks skip it
      ]);
      expect(errors.map((e) => [e.source, e.code])).toEqual([
        [missing, 'not-found'],
        [join(root, 'notes.xyz'), 'unsupported'],
        [join(root, 'empty'), 'empty'],
      ]);
      for (const error of errors) expect(error.message.startsWith(`${error.source}: `)).toBe(true);
    },
  );

  it('finds the five corpus documents and not its README', FAST, async () => {
    const { files: found, errors } = await expandInputs([corpusDir]);
    expect(errors).toEqual([]);
    expect(found).toHaveLength(5);
    expect(found.every((f) => f.endsWith('.txt'))).toBe(true);
    expect(found).toEqual([...found].sort());
  });
});
