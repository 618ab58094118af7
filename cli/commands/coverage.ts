/**
 * `dutygraph coverage <doc>`: which provinces carry out or cite a document (the API's coverage), and with
 * --cascade how its duties reach provincial agencies.
 */
import type { Command } from 'commander';
import { coverageCsv } from '../../api/exports/coverage-csv.js';
import { documentCoverage, type Coverage } from '../../graph/coverage.js';
import { VietnameseAnalyzer } from '../../search/analyzer.js';
import { documentCascade, type Cascade } from '../../search/cascade.js';
import { ConceptLexicon } from '../../search/concepts.js';
import { embedderConfigFromEnv } from '../../search/embedding/config.js';
import { loadEmbedder } from '../../search/embedding/transformers.js';
import { addStoreOptions, printJson, type StoreFlags, withStore } from '../store-options.js';

interface CoverageFlags extends StoreFlags {
  json?: boolean;
  csv?: boolean;
  cascade?: boolean;
}

/** A document as a person names it: its symbol, else its title cut at a word (never its internal key). */
function docName(d: { symbol: string | null; title: string | null; type: string | null }): string {
  if (d.symbol) return d.symbol;
  const title = d.title ?? '';
  const cut = title.length > 70 ? `${title.slice(0, title.lastIndexOf(' ', 70))}…` : title;
  return cut ? `“${cut}”` : '(no number)';
}

const LEVEL_WORD = { implemented: 'implemented', cited: 'cited only', none: 'none' } as const;

function coverageText(c: Coverage): string[] {
  const d = c.document;
  const lines = [
    `${d.type ?? 'Document'} ${docName(d)}${d.issuedAt ? ` (${d.issuedAt})` : ''}${d.stub ? ' [cited only]' : ''}`,
    `${c.totals.implemented} provinces implement it, ${c.totals.cited} only cite it, ${c.totals.none} of ${c.totals.provinces} have neither`,
  ];
  if (c.explanation) lines.push(c.explanation);
  for (const p of c.provinces.filter((x) => x.level !== 'none')) {
    const former = p.formerNames.length > 0 ? ` (incl. former ${p.formerNames.join(', ')})` : '';
    lines.push('', `${p.name}${former}: ${LEVEL_WORD[p.level]}`);
    for (const doc of p.documents) {
      const lag = doc.lagDays !== null ? `, ${doc.lagDays} days later` : '';
      const via = doc.via.length > 0 ? ` via ${doc.via.map((v) => v.symbol ?? v.key).join(' → ')}` : '';
      lines.push(
        `  ${docName(doc)} ${doc.type ?? ''} ${doc.issuedAt ?? ''}${lag}${via} [${doc.status.replace('_', ' ')}]`,
      );
      if (doc.leadAgencies.length > 0)
        lines.push(`    lead: ${doc.leadAgencies.map((a) => a.name).join('; ')}`);
    }
  }
  if (c.national.length > 0) {
    lines.push('', 'National documents:');
    for (const doc of c.national)
      lines.push(`  ${doc.symbol ?? doc.key} ${doc.type ?? ''} ${doc.issuedAt ?? ''}`);
  }
  const none = c.provinces.filter((p) => p.level === 'none').map((p) => p.name);
  if (none.length > 0 && none.length < c.provinces.length) lines.push('', `No document: ${none.join(', ')}`);
  return lines;
}

function cascadeText(c: Cascade): string[] {
  const lines = [
    `Cascade of ${c.document.symbol ?? c.document.key}${c.semantic ? '' : ' (lexical; no model)'}`,
  ];
  if (c.explanation) lines.push(c.explanation);
  for (const d of c.duties) {
    const who = d.duty.agencies.map((a) => `${a.name} (${a.role})`).join(', ');
    lines.push('', `${d.duty.path}: ${who}`, `  ${d.duty.text.slice(0, 160)}`);
    for (const p of d.provinces) {
      for (const t of p.agencyTypes) {
        for (const m of t.matches) {
          lines.push(
            `  → ${p.name}: ${m.agency.name} (${m.agency.role}) ${m.document.symbol ?? ''} ${m.duty.path}  score ${m.score.toFixed(2)}; ${m.evidence.terms.join(', ')}`,
          );
        }
      }
    }
  }
  if (c.unmatched > 0) lines.push('', `${c.unmatched} provincial duties match no duty of the document`);
  return lines;
}

export function registerCoverage(program: Command): void {
  const command = program
    .command('coverage')
    .description(
      'Which provinces implement or cite a document (on the 34 provinces), with --cascade its duties',
    )
    .argument('<key-or-symbol>')
    .option('--cascade', 'match the document’s duties to the provincial duties that carry them out')
    .option('--csv', 'print the coverage table as CSV (UTF-8 with BOM)')
    .option('--json', 'print the result as JSON (the API’s shape)');
  addStoreOptions(command).action(async (wanted: string, flags: CoverageFlags) => {
    await withStore(flags, async (store) => {
      if (flags.cascade) {
        const loaded = await loadEmbedder(embedderConfigFromEnv());
        const analyzer = new VietnameseAnalyzer(ConceptLexicon.load().analyzerLexicon);
        const cascade = await documentCascade(store, wanted, { analyzer, embedder: loaded.embedder });
        if (flags.json) printJson(cascade);
        else process.stdout.write(`${cascadeText(cascade).join('\n')}\n`);
        return;
      }
      const coverage = await documentCoverage(store, wanted);
      if (flags.csv) process.stdout.write(coverageCsv(coverage));
      else if (flags.json) printJson(coverage);
      else process.stdout.write(`${coverageText(coverage).join('\n')}\n`);
    });
  });
}
