/**
 * Tesseract 5 CLI adapter (Debian tesseract-ocr + tesseract-ocr-vie). One single-threaded process per page
 * (OMP_THREAD_LIMIT=1: parallelism comes from running pages side by side), under a wall-clock timeout and an
 * address-space cap (ulimit -v), reading TSV output: one row per word with its box and confidence.
 */
import { spawn } from 'node:child_process';
import { type OcrEngine, type OcrLimits, OcrPageError, OcrUnavailableError, type OcrWord } from './engine.js';

const LANGUAGE = 'vie';
const MAX_OUTPUT = 16 * 1024 * 1024;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** DUTYGRAPH_TESSERACT names another binary (read per call, so a test can point it elsewhere). */
function tesseractCommand(): string {
  return process.env.DUTYGRAPH_TESSERACT ?? 'tesseract';
}

function run(args: string[], limits: OcrLimits): Promise<Run> {
  return new Promise((resolve, reject) => {
    // sh applies the memory cap to the engine alone; "$@" keeps the arguments unquoted-safe.
    const child = spawn(
      'sh',
      ['-c', `ulimit -v ${Math.round(limits.memoryMb * 1024)}; exec "$0" "$@"`, tesseractCommand(), ...args],
      { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      if (stderr.length < 64 * 1024) stderr += c;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limits.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

const memoryError = (limits: OcrLimits) =>
  new OcrPageError(
    'memory',
    `OCR needs more than ${limits.memoryMb} MB of memory for this page (DUTYGRAPH_OCR_MEMORY_MB raises it)`,
  );

function checkRun(result: Run, limits: OcrLimits): void {
  if (result.timedOut)
    throw new OcrPageError('timeout', `OCR did not finish within ${limits.timeoutMs / 1000} s`);
  // Under the address-space cap the engine fails to map its libraries (exit 127, like a missing binary), to read
  // the page ("pix not read") or to allocate its buffers: that is the memory cap, not a broken install or page.
  if (
    (result.code !== 0 || result.signal) &&
    /failed to map segment|std::bad_alloc|Cannot allocate|out of memory|malloc fail|pix not read|not made/i.test(
      result.stderr,
    )
  )
    throw memoryError(limits);
  // exit 127: the shell found no tesseract executable.
  if (result.code === 127)
    throw new OcrUnavailableError(
      'tesseract-ocr',
      'OCR needs Tesseract, which is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)',
    );
  if (/Failed loading language '(vie|osd)'/.test(result.stderr)) {
    const model = /'osd'/.test(result.stderr) ? 'osd' : 'vie';
    throw new OcrUnavailableError(
      model === 'vie' ? 'tesseract-ocr-vie' : 'tesseract-ocr',
      `OCR needs Tesseract's "${model}" model, which is not installed (apt-get install ${model === 'vie' ? 'tesseract-ocr-vie' : 'tesseract-ocr'})`,
    );
  }
  if (result.code !== 0) {
    if (result.signal === 'SIGSEGV') throw memoryError(limits);
    const reason = result.stderr.trim().split('\n').pop() ?? `exit code ${result.code}`;
    throw new OcrPageError('failed', `OCR failed (${reason || `signal ${result.signal}`})`);
  }
}

/** Parses tesseract's TSV: level 5 rows are words. */
export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells[0] !== '5' || cells.length < 12) continue;
    const text = cells.slice(11).join('\t').trim();
    const confidence = Number(cells[10]);
    if (!text || !Number.isFinite(confidence) || confidence < 0) continue;
    const [block, paragraph, line, , left, top, width, height] = cells.slice(2, 10).map(Number) as number[];
    words.push({
      text,
      confidence: confidence / 100,
      left: left!,
      top: top!,
      width: width!,
      height: height!,
      block: block!,
      paragraph: paragraph!,
      line: line!,
    });
  }
  return words;
}

export class TesseractEngine implements OcrEngine {
  readonly name = 'tesseract';

  async orientation(imagePath: string, dpi: number, limits: OcrLimits): Promise<number> {
    const result = await this.spawn([imagePath, '-', '--dpi', String(dpi), '--psm', '0'], limits);
    // Too little text to tell ("Too few characters") is not an error: the page stays as it is.
    if (result.code !== 0 && /Too few characters|Image too small|OSD failed/i.test(result.stderr)) return 0;
    checkRun(result, limits);
    const rotate = Number(/Rotate:\s*(\d+)/.exec(result.stdout)?.[1] ?? 0);
    const confidence = Number(/Orientation confidence:\s*([\d.]+)/.exec(result.stdout)?.[1] ?? 0);
    // Low-confidence OSD flips upright pages with little text; a sideways scan scores well above this.
    return confidence >= 2 ? rotate : 0;
  }

  async recognize(imagePath: string, dpi: number, limits: OcrLimits): Promise<OcrWord[]> {
    const args = [imagePath, '-', '-l', LANGUAGE, '--dpi', String(dpi), '--psm', '3', 'tsv'];
    const result = await this.spawn(args, limits);
    checkRun(result, limits);
    return parseTsv(result.stdout);
  }

  private async spawn(args: string[], limits: OcrLimits): Promise<Run> {
    try {
      return await run(args, limits);
    } catch (error) {
      throw new OcrPageError('failed', `OCR could not start (${(error as Error).message})`);
    }
  }
}
