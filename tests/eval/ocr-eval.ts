/**
 * OCR quality on scanned-like renderings of the development documents (tests/support/scans.ts): character
 * error rate against the drawn text, and extraction from the scan against extraction from the text
 * (citation recall, duty agency + role recall).
 *
 *   npm run eval:ocr [-- --docs 5 --pages 99 --json]
 *
 * Settings: 300 dpi image-only PDF (slight rotation, light noise, red stamp) and 200 dpi PNG pages with
 * heavier noise and the opposite rotation.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultContext } from '../../ingest/extract/context.js';
import { extractLoaded } from '../../ingest/pipeline.js';
import { readBuffer } from '../../ingest/readers/index.js';
import type { ExtractedDocument } from '../../ingest/schema.js';
import { normalizeText } from '../../ingest/text/normalize.js';
import { imagePdf, scanPages, type ScanOptions, typeset } from '../support/scans.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS = path.resolve(root, '../shared/corpus');

/** Text for comparison: NFC, column separators and whitespace runs as one space. */
export function comparable(text: string): string {
  return normalizeText(text)
    .replace(/\s*\|\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Levenshtein distance over code points, two rows of memory. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = new Uint32Array(y.length + 1).map((_, j) => j);
  let cur = new Uint32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const cost = xi === y[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length]!;
}

export function characterErrorRate(reference: string, hypothesis: string): number {
  const ref = comparable(reference);
  return editDistance(ref, comparable(hypothesis)) / Math.max(1, [...ref].length);
}

const citationKeys = (d: ExtractedDocument) => new Set(d.citations.map((c) => c.key));
const dutyRoles = (d: ExtractedDocument) =>
  new Set(d.duties.flatMap((u) => u.agencies.map((a) => `${a.id}|${a.role}`)));

function recall(expected: Set<string>, found: Set<string>): { hit: number; total: number } {
  let hit = 0;
  for (const e of expected) if (found.has(e)) hit++;
  return { hit, total: expected.size };
}

export interface Setting {
  name: string;
  scan: ScanOptions;
  as: 'pdf' | 'png';
}

export const SETTINGS: Setting[] = [
  { name: '300 dpi PDF', scan: { dpi: 300, rotate: 0.7, noise: 0.002, stamp: true }, as: 'pdf' },
  { name: '200 dpi PNG + noise', scan: { dpi: 200, rotate: -1.1, noise: 0.01, stamp: true }, as: 'png' },
];

/** OCR text of one rendered document in one setting. */
export async function scanAndRead(markdown: string, setting: Setting, maxPages = Infinity) {
  const typeset_ = await typeset(markdown, maxPages);
  const pages = await scanPages(typeset_.pdf, setting.scan);
  const started = performance.now();
  let text: string;
  let confidence: number | null;
  if (setting.as === 'pdf') {
    const loaded = await readBuffer('scan.pdf', await imagePdf(pages));
    text = loaded.text;
    confidence = loaded.conversion?.ocr?.confidence ?? null;
  } else {
    const parts = await Promise.all(pages.map((png, i) => readBuffer(`page-${i + 1}.png`, png)));
    text = parts.map((p) => p.text).join('\n\n');
    const known = parts.flatMap((p) => p.conversion?.ocr?.confidence ?? []);
    confidence = known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
  }
  return {
    text,
    drawn: typeset_.drawnText,
    pages: pages.length,
    seconds: (performance.now() - started) / 1000,
    confidence,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { docs: { type: 'string', default: '5' }, pages: { type: 'string' }, json: { type: 'boolean' } },
  });
  const files = (await readdir(CORPUS))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, Number(values.docs));
  const maxPages = values.pages ? Number(values.pages) : Infinity;
  const context = defaultContext();
  const rows = [];
  for (const setting of SETTINGS) {
    let errors = 0;
    let chars = 0;
    let pages = 0;
    let seconds = 0;
    const citations = { hit: 0, total: 0 };
    const duties = { hit: 0, total: 0 };
    const confidences: number[] = [];
    for (const file of files) {
      const markdown = await readFile(path.join(CORPUS, file), 'utf8');
      const scan = await scanAndRead(markdown, setting, maxPages);
      const ref = comparable(scan.drawn);
      errors += editDistance(ref, comparable(scan.text));
      chars += [...ref].length;
      pages += scan.pages;
      seconds += scan.seconds;
      if (scan.confidence !== null) confidences.push(scan.confidence);
      // Extraction from the scan against extraction from the text that was drawn.
      const fromText = extractLoaded(
        { source: file, format: 'txt', text: normalizeText(scan.drawn), bytes: 0 },
        context,
      ).document;
      const fromScan = extractLoaded(
        { source: file, format: 'pdf', text: scan.text, bytes: 0 },
        context,
      ).document;
      const c = recall(citationKeys(fromText), citationKeys(fromScan));
      const d = recall(dutyRoles(fromText), dutyRoles(fromScan));
      citations.hit += c.hit;
      citations.total += c.total;
      duties.hit += d.hit;
      duties.total += d.total;
      process.stderr.write(
        `${setting.name} ${file}: CER ${((editDistance(ref, comparable(scan.text)) / ref.length) * 100).toFixed(2)}%, citations ${c.hit}/${c.total}, duty roles ${d.hit}/${d.total}, ${scan.pages} pages in ${scan.seconds.toFixed(0)} s\n`,
      );
    }
    rows.push({
      setting: setting.name,
      documents: files.length,
      pages,
      cer: errors / Math.max(1, chars),
      citationRecall: citations.total ? citations.hit / citations.total : 1,
      citations,
      dutyRoleRecall: duties.total ? duties.hit / duties.total : 1,
      duties,
      meanConfidence: confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : null,
      pagesPerMinute: (pages / seconds) * 60,
    });
  }
  if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else {
    process.stdout.write(
      '| setting | docs | pages | CER | citation recall | duty agency+role recall | mean confidence |\n|---|---|---|---|---|---|---|\n',
    );
    for (const r of rows)
      process.stdout.write(
        `| ${r.setting} | ${r.documents} | ${r.pages} | ${(r.cer * 100).toFixed(2)}% | ${r.citationRecall.toFixed(3)} (${r.citations.hit}/${r.citations.total}) | ${r.dutyRoleRecall.toFixed(3)} (${r.duties.hit}/${r.duties.total}) | ${r.meanConfidence?.toFixed(3) ?? '–'} |\n`,
      );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
