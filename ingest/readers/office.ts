/**
 * Word 97–2003 (.doc), RTF and OpenDocument text (.odt, the national standard format many provinces publish in)
 * → HTML with LibreOffice headless (Debian libreoffice-writer-nogui), then the shared HTML renderer, so tables,
 * list numbering and the two-column header come out as they do for .docx. Each conversion
 * runs in its own LibreOffice profile (conversions can run side by side) in the shared heavy-reader pool,
 * under a time limit.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFailure } from './errors.js';
import { checkZipLimits } from './limits.js';
import { isOle2, isZip } from './signatures.js';
import { heavySlots } from './slots.js';

const SOFFICE = process.env.DUTYGRAPH_SOFFICE ?? 'soffice';

export function convertTimeoutMs(): number {
  const raw = process.env.DUTYGRAPH_CONVERT_TIMEOUT_S;
  const seconds = raw === undefined || raw.trim() === '' ? 120 : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`DUTYGRAPH_CONVERT_TIMEOUT_S must be a positive number of seconds, got "${raw}"`);
  return seconds * 1000;
}

export type OfficeFormat = 'doc' | 'rtf' | 'odt';

const ODF_TEXT = 'application/vnd.oasis.opendocument.text';

function checkSignature(source: string, format: OfficeFormat, bytes: Uint8Array): void {
  if (format === 'odt') {
    if (!isZip(bytes)) throw readFailure(source, 'corrupt', 'not an OpenDocument file (not a zip archive)');
    // The package's first entry, stored uncompressed, names its kind: a spreadsheet is not a text.
    const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
    const kind = /mimetypeapplication\/vnd\.oasis\.opendocument\.([a-z-]+)/.exec(head)?.[1];
    if (kind && `application/vnd.oasis.opendocument.${kind}` !== ODF_TEXT)
      throw readFailure(source, 'corrupt', `an OpenDocument ${kind}, not a text document (.odt)`);
    checkZipLimits(bytes);
    return;
  }
  if (format === 'rtf') {
    if (!Buffer.from(bytes.subarray(0, 16)).toString('latin1').trimStart().startsWith('{\\rtf'))
      throw readFailure(source, 'corrupt', 'not an RTF file (no {\\rtf header)');
    return;
  }
  // Portals often serve .docx or RTF under a .doc name; LibreOffice reads all three.
  const rtf = Buffer.from(bytes.subarray(0, 16)).toString('latin1').startsWith('{\\rtf');
  if (!isOle2(bytes) && !isZip(bytes) && !rtf)
    throw readFailure(source, 'corrupt', 'not a Word document (no Word 97–2003 signature)');
}

function run(
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(SOFFICE, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-4096)));
    // LibreOffice starts helper processes: kill the whole group on timeout.
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

/** The document as LibreOffice's HTML export (UTF-8). */
export async function convertToHtml(
  source: string,
  format: OfficeFormat,
  bytes: Uint8Array,
): Promise<Uint8Array> {
  checkSignature(source, format, bytes);
  const timeoutMs = convertTimeoutMs();
  return heavySlots.run(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dutygraph-office-'));
    try {
      const input = join(dir, `input.${format}`);
      await writeFile(input, bytes);
      const args = [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        'html:HTML (StarWriter):UTF8',
        '--outdir',
        join(dir, 'out'),
        input,
      ];
      let result;
      try {
        result = await run(args, timeoutMs);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          throw readFailure(
            source,
            'unreadable',
            `reading .${format} files needs LibreOffice, which is not installed (apt-get install libreoffice-writer-nogui)`,
          );
        throw error;
      }
      if (result.timedOut)
        throw readFailure(
          source,
          'corrupt',
          `converting the .${format} file did not finish within ${timeoutMs / 1000} s`,
        );
      const produced = await readdir(join(dir, 'out')).catch(() => [] as string[]);
      const html = produced.find((f) => f.endsWith('.html'));
      if (result.code !== 0 || !html) {
        const password = /password/i.test(result.stderr);
        throw readFailure(
          source,
          password ? 'unreadable' : 'corrupt',
          password
            ? `the .${format} file is password-protected; remove the password first`
            : `damaged .${format} file (LibreOffice could not convert it)`,
        );
      }
      return new Uint8Array(await readFile(join(dir, 'out', html)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
