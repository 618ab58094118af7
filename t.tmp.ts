import { readFileSync } from 'node:fs';
import { readBuffer } from './ingest/readers/index.ts';
console.time('ocr');
const r = await readBuffer('scan.pdf', readFileSync('/tmp/ocr/scan.pdf'), { onOcrPage: (s, d, t) => console.error(s, d, t) });
console.timeEnd('ocr');
console.log(JSON.stringify(r.provenance?.ocr && { ...r.provenance.ocr, rawText: r.provenance.ocr.rawText?.length }));
console.log(r.text.slice(0, 1500));
