/**
 * Hostile uploads against a real `dutygraph serve` process: each file is posted while a probe loop
 * hits /healthz; reports the answer (status, first words of the detail), the server's peak RSS
 * (VmHWM from /proc) and the /healthz latency (p50 / max) while the file was being handled.
 * `npm run bench:hostile`
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UPLOAD_TEXT } from '../tests/support/api-documents.js';
import { spawnServe } from '../tests/support/serve.js';
import { docxWith, documentXml } from '../tests/support/zip.js';

const KEY = 'bench-key-5a1f0c9e7d3b2468';
const MB = 1024 * 1024;
const paragraphs = UPLOAD_TEXT.split(/\n+/).filter(Boolean);

const files: Array<[string, () => Buffer]> = [
  ['docx expanding 1000-fold (40 MB of XML)', () => docxWith(documentXml(paragraphs, ' '.repeat(40 * MB)))],
  [
    'docx expanding 300 MB, sizes declared honestly',
    () => docxWith(documentXml(paragraphs, ' '.repeat(300 * MB))),
  ],
  [
    'docx lying about its size (4 KB declared, 50 MB real)',
    () => docxWith(documentXml(paragraphs, ' '.repeat(50 * MB)), 4096),
  ],
  [
    'HTML nested 200,000 deep',
    () => Buffer.from(`<html><body>${'<div>'.repeat(200_000)}${UPLOAD_TEXT}</body></html>`),
  ],
  [
    'legitimate docx, 1.2 MB of XML (150-fold, under the 200-fold cap)',
    () => docxWith(documentXml(Array.from({ length: 600 }, () => paragraphs).flat())),
  ],
];
const names = ['bomb.docx', 'bomb300.docx', 'liar.docx', 'deep.html', 'big.docx'];

async function vmHwm(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) * 1024;
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dutygraph-hostile-'));
  const server = spawnServe({ dataDir, env: { DUTYGRAPH_API_KEYS: KEY } });
  const { child } = server;
  const url = await server.url;
  console.log('| file | upload size | answer | server peak RSS | /healthz p50 / max during it |');
  console.log('|---|---|---|---|---|');
  try {
    for (const [i, [label, build]] of files.entries()) {
      const bytes = build();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), names[i]!);
      let done = false;
      const latencies: number[] = [];
      const probes = (async () => {
        while (!done) {
          const started = performance.now();
          await (await fetch(`${url}/healthz`)).arrayBuffer();
          latencies.push(performance.now() - started);
        }
      })();
      const response = await fetch(`${url}/api/documents`, {
        method: 'POST',
        headers: { 'x-api-key': KEY },
        body: form,
      });
      const body = (await response.json()) as { detail?: string };
      done = true;
      await probes;
      latencies.sort((a, b) => a - b);
      const p50 = latencies[Math.floor(latencies.length / 2)] ?? 0;
      const max = latencies.at(-1) ?? 0;
      const detail = body.detail
        ? `: ${body.detail.split(':').slice(1, 3).join(':').trim().slice(0, 60)}`
        : '';
      console.log(
        `| ${label} | ${(bytes.length / 1024).toFixed(0)} KB | ${response.status}${detail} | ${(
          (await vmHwm(child.pid!)) / MB
        ).toFixed(0)} MB | ${p50.toFixed(1)} / ${max.toFixed(1)} ms (${latencies.length} probes) |`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    await server.exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
