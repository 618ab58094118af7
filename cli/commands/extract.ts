/** `dutygraph extract <files or dirs…> [--json]`: one JSON bundle, or a readable summary. */
import type { Command } from 'commander';
import { extractFiles } from '../../ingest/pipeline.js';
import type { Bundle } from '../../ingest/schema.js';
import { addOcrOption, type OcrFlags, ocrProgress } from '../ocr-options.js';

function summary(bundle: Bundle): string {
  const lines = bundle.documents.map((d) => {
    const agencies = new Set(d.duties.flatMap((u) => u.agencies.map((a) => a.id)));
    const head = [d.type, d.symbol ?? '(no number)', d.issuedAt, d.provinceName].filter(Boolean).join(' · ');
    return `${d.source}\n  ${head}\n  ${d.subject ?? ''}\n  ${d.citations.length} citations, ${d.duties.length ? `${d.duties.length} duties` : 'no duties found'}, ${agencies.size} agencies, ${d.targets.length} targets`;
  });
  const errors = bundle.errors.map((e) => `✗ ${e.message}`);
  return [
    ...lines,
    ...errors,
    `${bundle.documents.length} documents extracted, ${bundle.errors.length} failed`,
    ...bundle.documents.filter((d) => !d.duties.length).map((d) => `no duties found in ${d.source}`),
  ].join('\n');
}

export function registerExtract(program: Command): void {
  addOcrOption(
    program
      .command('extract')
      .description('Extract documents, citations, agencies and duties from files or directories')
      .argument(
        '<paths...>',
        'documents (.txt .md .html .docx .doc .rtf .pdf, scans as .png .jpg .tif), or directories',
      )
      .option('--json', 'print the bundle as JSON'),
  ).action(async (paths: string[], opts: { json?: boolean } & OcrFlags) => {
    const { bundle } = await extractFiles(paths, { ocr: opts.ocr, onOcrPage: ocrProgress() });
    if (opts.json) process.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
    else process.stdout.write(`${summary(bundle)}\n`);
    if (bundle.errors.length) {
      if (opts.json) for (const e of bundle.errors) process.stderr.write(`dutygraph: ${e.message}\n`);
      process.stderr.write(
        `dutygraph: ${bundle.errors.length} of ${bundle.errors.length + bundle.documents.length} files failed\n`,
      );
      process.exitCode = 1;
    }
  });
}
