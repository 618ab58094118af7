/**
 * npm run eval:extract [-- --json] — extraction quality, each set on its own: the seeds (../shared/corpus with
 * tests/gold/), corpus-extra (../shared/corpus-extra/gold.json) and every tests/fixtures/<set>/gold.json.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EvalInputError, evaluateCorpus, formatReport } from './extract-eval.js';
import { discoverSets, evaluateSpec, formatSetReport, type SetReport } from './extract-sets.js';

async function main(args: string[]): Promise<number> {
  const unknown = args.find((a) => a !== '--json');
  if (unknown !== undefined) {
    console.error(`eval:extract: unknown argument "${unknown}"; usage: npm run eval:extract [-- --json]`);
    return 2;
  }
  try {
    const report = await evaluateCorpus();
    const sets: SetReport[] = [];
    for (const spec of discoverSets()) sets.push(await evaluateSpec(spec));
    if (args.includes('--json')) console.log(JSON.stringify({ seeds: report, sets }, null, 2));
    else
      console.log(
        [
          `Set seeds (${report.documents.length} documents)`,
          formatReport(report),
          ...sets.map(formatSetReport),
        ].join('\n\n'),
      );
    return 0;
  } catch (err) {
    if (err instanceof EvalInputError) {
      console.error(`eval:extract: ${err.message}`);
      return 1;
    }
    console.error(`eval:extract: extraction failed: ${(err as Error).message}`);
    return 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
