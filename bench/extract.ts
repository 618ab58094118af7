/**
 * npm run bench:extract — extraction throughput on one core.
 *
 * The development corpus (../shared/corpus) is replicated to N documents (numbers in each copy are
 * shifted so every copy has its own symbols and keys) and run through the extractor and the
 * cross-document resolver (documents added as they are extracted), in this process (one core). Prints docs/s, MB/s and peak RSS for 1k and 5k
 * documents (`--sizes=1000,10000` for the figures), the largest/smallest time ratio (linear = the size
 * ratio), and the time to extract one ~2 MB document. CPU seconds (process.cpuUsage) are reported beside wall
 * seconds: on a shared machine the CPU figure is the one-core throughput.
 */
import { defaultContext } from '../ingest/extract/context.js';
import { extractDocument } from '../ingest/extract/document.js';
import { BundleResolver } from '../ingest/resolve.js';
import { loadCorpus, replicated, variant } from './replicated-corpus.js';

const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '1000,5000')
  .split(',')
  .map(Number);

const originals = loadCorpus('bench:extract');

function run(n: number): {
  seconds: number;
  cpuSeconds: number;
  bytes: number;
  peakMb: number;
  duties: number;
  citations: number;
} {
  const context = defaultContext();
  const texts = Array.from({ length: n }, (_, i) => replicated(originals, i));
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const resolver = new BundleResolver();
  texts.forEach((text, i) => {
    resolver.add(extractDocument({ source: `copy-${i}.txt`, format: 'txt', text }, context));
    if (i % 250 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  });
  const bundle = resolver.finish();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    seconds,
    cpuSeconds,
    bytes,
    peakMb: peak / 2 ** 20,
    duties: bundle.documents.reduce((s, d) => s + d.duties.length, 0),
    citations: bundle.documents.reduce((s, d) => s + d.citations.length, 0),
  };
}

run(50); // warm-up: JIT and data-file loading are not part of the measurement
const rows = sizes.map((n) => ({ n, ...run(n) }));
const fmt = (x: number, d = 1) => x.toFixed(d);
console.log('\nbench:extract — one core, in-process (extractor + resolver), corpus replicated');
console.log(
  '| documents | MB in | seconds | CPU seconds | docs/s | docs/CPU-s | MB/s | duties | citations | peak RSS MB |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.n} | ${fmt(r.bytes / 2 ** 20)} | ${fmt(r.seconds, 2)} | ${fmt(r.cpuSeconds, 2)} | ${fmt(r.n / r.seconds, 0)} | ${fmt(r.n / r.cpuSeconds, 0)} | ${fmt(r.bytes / 2 ** 20 / r.seconds, 2)} | ${r.duties} | ${r.citations} | ${fmt(r.peakMb, 0)} |`,
  );
}
if (rows.length >= 2) {
  const [a, b] = [rows[0]!, rows[rows.length - 1]!];
  console.log(
    `\nlinearity: ${b.n}/${a.n} documents = ${fmt(b.n / a.n)}× input, ${fmt(b.seconds / a.seconds, 2)}× time, ${fmt(b.cpuSeconds / a.cpuSeconds, 2)}× CPU time`,
  );
}

// One large document: the corpus concatenated (numbers shifted per copy) to ~2 MB, as one text.
const parts: string[] = [];
for (let i = 0, size = 0; size < 2 * 2 ** 20; i++) {
  const part = variant(originals[i % originals.length]!, i);
  parts.push(part);
  size += Buffer.byteLength(part);
}
const big = parts.join('\n\n');
const bigStart = process.hrtime.bigint();
const bigCpu = process.cpuUsage();
const bigResult = extractDocument({ source: 'big.txt', format: 'txt', text: big }, defaultContext());
const bigCpuUsed = process.cpuUsage(bigCpu);
console.log(
  `\none ${fmt(Buffer.byteLength(big) / 2 ** 20, 2)} MB document: ${fmt(Number(process.hrtime.bigint() - bigStart) / 1e9, 2)} s (${fmt((bigCpuUsed.user + bigCpuUsed.system) / 1e6, 2)} CPU s), ${bigResult.document.duties.length} duties, ${bigResult.document.citations.length} citations`,
);
