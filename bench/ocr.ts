/**
 * OCR throughput: pages per minute on this machine, scanned-like 300 dpi pages of a development document
 * read as an image-only PDF, with 1 engine worker and with as many as there are cores (DUTYGRAPH_OCR_WORKERS).
 *
 *   npm run bench:ocr [-- --pages 6]
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readBuffer } from '../ingest/readers/index.js';
import { CORPUS } from '../tests/eval/ocr-eval.js';
import { imagePdf, scanPages, typeset } from '../tests/support/scans.js';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '6' } } });
const wanted = Number(values.pages);
const markdown = (await readFile(path.join(CORPUS, '001_22ce14a0b08347b1.txt'), 'utf8')).repeat(3);
const { pdf } = await typeset(markdown, wanted);
const pages = (await scanPages(pdf, { dpi: 300, rotate: 0.6, noise: 0.003, stamp: true })).slice(0, wanted);
const scan = await imagePdf(pages);

/**
 * CPU seconds of this process and of its finished children (the engine, pdftoppm): on a machine shared with other
 * work, wall time says more about the load than about the OCR.
 */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  // /proc/self/stat fields 16 and 17 (after the command's closing parenthesis): children's user and system ticks.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const children = (Number(fields[13]) + Number(fields[14])) / 100;
  return (own.user + own.system) / 1e6 + children;
}

const cores = availableParallelism();
process.stdout.write(
  `| workers | pages | seconds | pages/minute | CPU seconds | pages per CPU-minute |\n|---|---|---|---|---|---|\n`,
);
for (const workers of [...new Set([1, cores])]) {
  process.env.DUTYGRAPH_OCR_WORKERS = String(workers);
  const started = performance.now();
  const cpuStarted = cpuSeconds();
  const loaded = await readBuffer('bench.pdf', scan);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds() - cpuStarted;
  const read = loaded.conversion?.ocr?.pages.length ?? 0;
  process.stdout.write(
    `| ${workers} | ${read} | ${seconds.toFixed(1)} | ${((read / seconds) * 60).toFixed(1)} | ${cpu.toFixed(1)} | ${((read / cpu) * 60).toFixed(1)} |\n`,
  );
}
