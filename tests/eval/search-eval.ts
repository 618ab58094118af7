/**
 * Search quality: "who is responsible for X" queries (search-queries.ts; tests/eval/search-queries.json and
 * the corpus-extra set, or a file given as the first argument) against the extracted corpus, with every
 * system side by side in one run: lexical only, dense only and hybrid (with a model), and a plain BM25
 * baseline (search-baseline.ts).
 *
 * Metrics (search-metrics.ts) per language group and overall: agency hit@1 and hit@3, duty recall@5,
 * agency MRR, and the graded ones from search-judgements.json: precision@5 of answers, answer recall and
 * nDCG@10. The table and the listing of agencies left to judge are search-report.ts.
 *
 * `npm run eval:search [-- queries.json [--corpus=dir]] [--json] [--judge] [--neo4j]`; `--judge` lists every agency of any
 * system's top 10 that has no judgement, with the full text of its duties. With DUTYGRAPH_MODEL_DIR holding a
 * real model, the dense and hybrid systems are scored with it. `--neo4j`: every system runs on the Neo4j
 * search index (the server at NEO4J_URI with NEO4J_USER / NEO4J_PASSWORD, or a private test server from
 * tools/neo4j) instead of the embedded one; the figures are to be the same.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractFiles } from '../../ingest/pipeline.js';
import type { ExtractedDocument } from '../../ingest/schema.js';
import { ConceptLexicon } from '../../search/concepts.js';
import { embedderConfigFromEnv } from '../../search/embedding/config.js';
import type { Embedder } from '../../search/embedding/port.js';
import { Neo4jSearchIndex } from '../../search/index/neo4j.js';
import type { SearchIndex } from '../../search/index/port.js';
import { CachingEmbedder } from '../../search/embedding/cache.js';
import { loadEmbedder } from '../../search/embedding/transformers.js';
import type { SearchResponse } from '../../search/schema.js';
import { type Retriever, SearchService, type Tuning } from '../../search/service.js';
import { scoreBaseline } from './search-baseline.js';
import { loadJudgements } from './search-judgements.js';
import { scoreService, type SystemResult } from './search-metrics.js';
import { dutyMatches, type EvalQuery, loadQueries, QUERIES_FILE } from './search-queries.js';
import { type EvalReport, type EvalRun, formatReport, unjudgedListing } from './search-report.js';

export type { Metrics } from './search-metrics.js';
export { type EvalQuery, loadQueries, QUERIES_FILE } from './search-queries.js';
export type { EvalReport, EvalRun } from './search-report.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_DIR = path.resolve(repoRoot, '../shared/corpus');

export async function loadCorpus(
  dir = CORPUS_DIR,
): Promise<{ documents: ExtractedDocument[]; raw: Map<string, string> }> {
  const files = (await readdir(dir))
    .filter((f) => /\.(txt|md|html|docx|pdf)$/i.test(f) && f !== 'README.md')
    .sort();
  const paths = files.map((f) => path.join(dir, f));
  const { bundle } = await extractFiles(paths);
  const raw = new Map<string, string>();
  for (const file of files) raw.set(file, await readFile(path.join(dir, file), 'utf8'));
  return { documents: bundle.documents, raw };
}

export interface EvalOptions {
  queriesFile?: string;
  corpusDir?: string;
  /** Also score dense-only and hybrid systems with this model. */
  embedder?: Embedder | null;
  judgementsFile?: string;
  /** Ranking settings to try instead of the tuned ones (search-tune.ts). */
  tuning?: Partial<Tuning>;
  /** Only these queries (a tuning split). */
  only?: (query: EvalQuery) => boolean;
  /** Skip the single-retriever systems and the baseline (tuning runs). */
  hybridOnly?: boolean;
  /** An already extracted corpus (tuning runs reuse one). */
  corpus?: Awaited<ReturnType<typeof loadCorpus>>;
  /** Opens the search index each system runs on (the Neo4j adapter); the embedded one in memory by default. */
  openIndex?: () => Promise<SearchIndex>;
}

export async function runSearchEval(options: EvalOptions = {}): Promise<EvalReport> {
  return (await runSearchEvalWithResponses(options)).report;
}

export async function runSearchEvalWithResponses(options: EvalOptions = {}): Promise<EvalRun> {
  const queries = (await loadQueries(options.queriesFile)).filter(options.only ?? (() => true));
  const judgements = await loadJudgements(options.judgementsFile);
  const { documents, raw } = options.corpus ?? (await loadCorpus(options.corpusDir));
  const lexicon = ConceptLexicon.load();
  const source = {
    async *allDocuments() {
      yield* documents;
    },
  };
  const unresolved = queries.flatMap((q) =>
    q.duties
      .filter((spec) => !documents.some((doc) => doc.duties.some((d) => dutyMatches(d, doc.source, spec))))
      .map((spec) => `${q.id}: ${spec.source} ${spec.typeId} ${spec.path ?? ''}`.trim()),
  );
  const responses = new Map<string, SearchResponse[]>();
  // One cache for every system: the corpus is embedded once per run.
  const embedder =
    options.embedder instanceof CachingEmbedder || !options.embedder
      ? (options.embedder ?? null)
      : new CachingEmbedder(options.embedder);
  const run = async (
    name: string,
    model: Embedder | null,
    retrievers: Retriever[],
    tuning: Partial<Tuning> = {},
  ): Promise<SystemResult> => {
    const service = await SearchService.open(source, {
      dataDir: null,
      index: options.openIndex ? await options.openIndex() : undefined,
      lexicon,
      embedder: model,
      retrievers,
      tuning: { ...options.tuning, ...tuning },
    });
    const list: SearchResponse[] = [];
    for (const q of queries) list.push(await service.search({ query: q.query, k: 10 }));
    await (service as { close?: () => Promise<void> }).close?.();
    responses.set(name, list);
    return scoreService(queries, list, name, judgements);
  };
  const systems: SystemResult[] = [];
  if (!options.hybridOnly || !embedder) systems.push(await run('lexical (no model)', null, LEXICAL));
  if (embedder) {
    if (!options.hybridOnly)
      // The model's own ranking: every neighbour counts, however far.
      systems.push(await run('dense only', embedder, ['dense'], { denseFloor: -1, denseMargin: 2 }));
    systems.push(await run(`hybrid + ${embedder.modelId}`, embedder, [...LEXICAL, 'dense']));
  }
  if (!options.hybridOnly) systems.push(scoreBaseline(queries, raw, documents));
  const report = {
    queries: queries.length,
    documents: documents.length,
    duties: documents.reduce((n, d) => n + d.duties.length, 0),
    systems,
    unresolved,
  };
  const duties = new Map(documents.flatMap((doc) => doc.duties.map((d) => [d.id, d] as const)));
  return { report, queries, responses, judgements, duties };
}

const LEXICAL: Retriever[] = ['lexical', 'concept'];

/** The query sets eval:search runs by default: the development corpus, and questions over corpus-extra. */
export const QUERY_SETS = [
  { title: 'development corpus', queriesFile: QUERIES_FILE, corpusDir: CORPUS_DIR },
  {
    title: 'corpus-extra',
    queriesFile: path.join(repoRoot, 'tests/eval/search-queries-extra.json'),
    corpusDir: path.resolve(repoRoot, '../shared/corpus-extra'),
  },
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const queriesFile = args.find((a) => !a.startsWith('--'));
  const corpusArg = args.find((a) => a.startsWith('--corpus='))?.slice('--corpus='.length);
  const config = embedderConfigFromEnv(process.env);
  let embedder: Embedder | null = null;
  if (process.env.DUTYGRAPH_MODEL_DIR) {
    const loaded = await loadEmbedder(config);
    embedder = loaded.embedder;
    if (!embedder) process.stderr.write(`eval: no model run (${loaded.reason})\n`);
  }
  const sets = queriesFile
    ? [
        {
          title: 'search eval',
          queriesFile: path.resolve(queriesFile),
          corpusDir: corpusArg ? path.resolve(corpusArg) : CORPUS_DIR,
        },
      ]
    : QUERY_SETS;
  const neo4jServer = args.includes('--neo4j') ? await neo4jConnection() : null;
  const reports: Record<string, EvalReport> = {};
  try {
    for (const set of sets) {
      const openIndex = neo4jServer ? () => Neo4jSearchIndex.connect(neo4jServer) : undefined;
      const title = neo4jServer ? `${set.title} (Neo4j search index)` : set.title;
      const run = await runSearchEvalWithResponses({ ...set, embedder, openIndex });
      reports[title] = run.report;
      if (args.includes('--judge')) process.stdout.write(`${unjudgedListing(run).join('\n')}\n`);
      else if (!args.includes('--json')) process.stdout.write(`${formatReport(run.report, title)}\n\n`);
    }
  } finally {
    await neo4jServer?.stop();
  }
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
}

/** The Neo4j server named by NEO4J_URI (NEO4J_USER, NEO4J_PASSWORD), or a private test server. */
async function neo4jConnection(): Promise<{
  uri: string;
  user: string;
  password: string;
  stop: () => Promise<void>;
}> {
  const { NEO4J_URI: uri, NEO4J_USER: user = 'neo4j', NEO4J_PASSWORD: password = '' } = process.env;
  if (uri) return { uri, user, password, stop: async () => undefined };
  const { startNeo4j } = await import('../support/neo4j.js');
  return startNeo4j();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`eval:search: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
