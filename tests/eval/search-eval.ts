/**
 * Search quality on the development corpus: "who is responsible for X" queries (tests/eval/search-queries.json,
 * or a file given as the first argument) against the extracted corpus, scored for the hybrid service and for
 * a plain BM25 baseline in the same run.
 *
 * Metrics per language group and overall: agency hit@1 and hit@3 (an expected agency among the first
 * answers), duty recall@5 (share of expected duties among the first five passages) and agency MRR.
 * The baseline is MiniSearch with its default analyzer over the paragraphs of the raw text; it "finds" an
 * agency when a retrieved paragraph of an expected document contains the agency's name as written, and a
 * duty when a retrieved paragraph overlaps the duty's text.
 *
 * `npm run eval:search [-- queries.json] [--json]`. With DUTYGRAPH_MODEL_DIR holding a real model, the
 * service is also scored with it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { loadAgencyTypes } from '../../ingest/extract/agencies.js';
import { extractFiles } from '../../ingest/pipeline.js';
import { shownText, type ExtractedDocument } from '../../ingest/schema.js';
import { fold, normalizeText } from '../../ingest/text/normalize.js';
import { ConceptLexicon } from '../../search/concepts.js';
import { embedderConfigFromEnv } from '../../search/embedding/config.js';
import type { Embedder } from '../../search/embedding/port.js';
import { CachingEmbedder } from '../../search/embedding/cache.js';
import { loadEmbedder } from '../../search/embedding/transformers.js';
import type { AgencyHit, SearchResponse } from '../../search/schema.js';
import { type Retriever, SearchService, type Tuning } from '../../search/service.js';
import { type GradedScore, gradeResponse, type Judgements, loadJudgements } from './search-judgements.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_DIR = path.resolve(repoRoot, '../shared/corpus');
export const QUERIES_FILE = path.join(repoRoot, 'tests/eval/search-queries.json');

export const LANGUAGES = ['vi', 'vi-nodiacritics', 'abbreviation', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * An expected agency: by type (and province; omit it to accept any), or by name as written, or both.
 * Names are also what the baseline looks for; without them it looks for the type's Vietnamese forms.
 */
const ExpectedAgency = z
  .strictObject({
    typeId: z.string().optional(),
    /** Province slug; null for national or regional bodies; omitted: any. */
    province: z.string().nullable().optional(),
    names: z.array(z.string().min(1)).optional(),
    name: z.string().min(1).optional(),
  })
  .refine((a) => a.typeId || a.name || a.names?.length, 'an expected agency needs a typeId or a name');
type ExpectedAgency = z.infer<typeof ExpectedAgency>;

/** An expected duty: its document file, and an agency given it (type or name as written), optionally its path. */
const ExpectedDuty = z
  .strictObject({
    /** File name in the corpus. */
    source: z.string(),
    typeId: z.string().optional(),
    agency: z.string().min(1).optional(),
    /** Section path; a path without "#" also matches its bullets. */
    path: z.string().optional(),
  })
  .refine((d) => d.typeId || d.agency || d.path, 'an expected duty needs a typeId, an agency name or a path');
type ExpectedDuty = z.infer<typeof ExpectedDuty>;

/** Group names other query sets may use for the four languages. */
const LANGUAGE_ALIASES: Record<string, Language> = {
  vi: 'vi',
  vietnamese: 'vi',
  'vi-nodiacritics': 'vi-nodiacritics',
  'vi-no-diacritics': 'vi-nodiacritics',
  nodiacritics: 'vi-nodiacritics',
  'no-diacritics': 'vi-nodiacritics',
  abbreviation: 'abbreviation',
  abbreviations: 'abbreviation',
  abbr: 'abbreviation',
  en: 'en',
  english: 'en',
};

const EvalQuery = z.strictObject({
  id: z.string(),
  lang: z
    .string()
    .transform((l) => LANGUAGE_ALIASES[l.toLowerCase().replace(/[_ ]/g, '-')])
    .pipe(z.enum(LANGUAGES, { error: `lang must be one of ${LANGUAGES.join(', ')}` })),
  query: z.string().min(1),
  agencies: z.array(ExpectedAgency).min(1),
  duties: z.array(ExpectedDuty).default([]),
});
export type EvalQuery = z.infer<typeof EvalQuery>;
const QueriesFile = z.object({ queries: z.array(EvalQuery).min(1) });

export interface Metrics {
  queries: number;
  agencyHit1: number;
  agencyHit3: number;
  dutyRecall5: number;
  mrr: number;
  /** Graded (search-judgements.json): NaN for systems that return no agency list (the baseline). */
  precision5: number;
  ndcg10: number;
}

interface QueryScore {
  id: string;
  lang: Language;
  /** 1-based rank of the first expected agency, or null. */
  agencyRank: number | null;
  /** Null when the query lists no expected duties. */
  dutyRecall: number | null;
  graded?: GradedScore;
}

export interface SystemResult {
  name: string;
  byLanguage: Record<Language | 'overall', Metrics>;
  scores: QueryScore[];
}

export interface EvalReport {
  queries: number;
  documents: number;
  duties: number;
  systems: SystemResult[];
  /** Expected duties that match no extracted duty (a query-file or extraction problem). */
  unresolved: string[];
}

export async function loadQueries(file = QUERIES_FILE): Promise<EvalQuery[]> {
  const parsed = QueriesFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: invalid at ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data.queries;
}

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

const baseName = (source: string): string => path.basename(source);

const contains = (haystack: string, needle: string): boolean =>
  fold(haystack).replace(/\s+/g, ' ').includes(fold(needle).replace(/\s+/g, ' '));

const namesOf = (e: ExpectedAgency): string[] => [...(e.names ?? []), ...(e.name ? [e.name] : [])];

/** An answer agency (with the words its documents used for it) against an expected one. */
function agencyMatches(
  agency: { typeId: string | null; province: string | null; name: string },
  mentions: string[],
  e: ExpectedAgency,
): boolean {
  if (e.province !== undefined && agency.province !== e.province) return false;
  if (e.typeId) return agency.typeId === e.typeId;
  return namesOf(e).some((n) => [agency.name, ...mentions].some((m) => contains(m, n)));
}

function dutyMatches(
  duty: { path: string; agencies: Array<{ typeId: string | null; name: string; mention?: string }> },
  source: string,
  spec: ExpectedDuty,
): boolean {
  if (baseName(source) !== spec.source) return false;
  if (spec.typeId && !duty.agencies.some((a) => a.typeId === spec.typeId)) return false;
  if (
    spec.agency &&
    !duty.agencies.some((a) => [a.name, a.mention ?? ''].some((m) => contains(m, spec.agency!)))
  ) {
    return false;
  }
  return (
    !spec.path ||
    duty.path === spec.path ||
    (!spec.path.includes('#') && duty.path.startsWith(`${spec.path}#`))
  );
}

/** NaN for no values (printed as a dash): a group without expected duties has no recall. */
const mean = (values: number[]): number =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;

/** The names the baseline looks for: as given, else the agency type's Vietnamese forms. */
function baselineNames(e: ExpectedAgency): string[] {
  const given = namesOf(e);
  if (given.length > 0 || !e.typeId) return given;
  const type = loadAgencyTypes().find((t) => t.id === e.typeId);
  return type ? [type.name, ...type.patterns.filter((p) => !p.includes('{'))] : [];
}

function summarize(scores: QueryScore[]): Record<Language | 'overall', Metrics> {
  const of = (list: QueryScore[]): Metrics => {
    const n = list.length || 1;
    return {
      queries: list.length,
      agencyHit1: list.filter((s) => s.agencyRank === 1).length / n,
      agencyHit3: list.filter((s) => s.agencyRank !== null && s.agencyRank <= 3).length / n,
      dutyRecall5: mean(list.flatMap((s) => (s.dutyRecall === null ? [] : [s.dutyRecall]))),
      mrr: list.reduce((sum, s) => sum + (s.agencyRank ? 1 / s.agencyRank : 0), 0) / n,
      precision5: mean(list.flatMap((s) => (s.graded ? [s.graded.precision5 ?? 0] : []))),
      ndcg10: mean(list.flatMap((s) => (s.graded ? [s.graded.ndcg10] : []))),
    };
  };
  const out = { overall: of(scores) } as Record<Language | 'overall', Metrics>;
  for (const lang of LANGUAGES) out[lang] = of(scores.filter((s) => s.lang === lang));
  return out;
}

/** Scores the hybrid service's answers. */
export function scoreService(
  queries: EvalQuery[],
  responses: SearchResponse[],
  name: string,
  judgements: Judgements = new Map(),
): SystemResult {
  const scores = queries.map((q, i): QueryScore => {
    const response = responses[i]!;
    const expected = (a: AgencyHit): boolean =>
      q.agencies.some((e) =>
        agencyMatches(
          a,
          a.evidence.map((ev) => ev.mention),
          e,
        ),
      );
    const index = response.agencies.findIndex(expected);
    const top = response.passages.slice(0, 5);
    const found = q.duties.filter((spec) => top.some((p) => dutyMatches(p, p.document.source, spec))).length;
    return {
      id: q.id,
      lang: q.lang,
      agencyRank: index >= 0 ? index + 1 : null,
      dutyRecall: q.duties.length ? found / q.duties.length : null,
      graded: gradeResponse(response.agencies, judgements.get(q.id), expected, 1),
    };
  });
  return { name, byLanguage: summarize(scores), scores };
}

interface Paragraph {
  id: number;
  source: string;
  text: string;
}

/** Plain BM25: MiniSearch's default analyzer over the raw paragraphs. */
export function scoreBaseline(
  queries: EvalQuery[],
  raw: Map<string, string>,
  documents: ExtractedDocument[],
): SystemResult {
  const paragraphs: Paragraph[] = [];
  for (const [source, text] of raw) {
    for (const para of text.split(/\n\s*\n/))
      if (para.trim()) paragraphs.push({ id: paragraphs.length, source, text: para });
  }
  const index = new MiniSearch<Paragraph>({ fields: ['text'] });
  index.addAll(paragraphs);
  // A duty and a paragraph overlap when one holds a 40-character stretch of the other.
  const overlaps = (para: string, duty: string): boolean => {
    const p = fold(normalizeText(para)).replace(/[^a-z0-9]+/g, ' ');
    const d = fold(duty).replace(/[^a-z0-9]+/g, ' ');
    for (let at = 0; at + 40 <= d.length; at += 20) if (p.includes(d.slice(at, at + 40))) return true;
    return d.length < 40 && p.includes(d);
  };
  const scores = queries.map((q): QueryScore => {
    const hits = index.search(q.query).map((r) => paragraphs[r.id as number]!);
    // Without expected duties any document will do; with them, the name must be found in one of theirs.
    const expectedSources = new Set(q.duties.map((d) => d.source));
    const rank = hits.findIndex(
      (p) =>
        (expectedSources.size === 0 || expectedSources.has(p.source)) &&
        q.agencies.some((a) => baselineNames(a).some((n) => contains(p.text, n))),
    );
    const top = hits.slice(0, 5);
    const found = q.duties.filter((spec) => {
      const duties = documents
        .filter((doc) => baseName(doc.source) === spec.source)
        .flatMap((doc) => doc.duties.filter((d) => dutyMatches(d, doc.source, spec)));
      return top.some((p) => p.source === spec.source && duties.some((d) => overlaps(p.text, shownText(d))));
    }).length;
    return {
      id: q.id,
      lang: q.lang,
      agencyRank: rank >= 0 ? rank + 1 : null,
      dutyRecall: q.duties.length ? found / q.duties.length : null,
    };
  });
  return { name: BASELINE, byLanguage: summarize(scores), scores };
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
}

/** Responses of every system, kept for `--judge`. */
export interface EvalRun {
  report: EvalReport;
  queries: EvalQuery[];
  responses: Map<string, SearchResponse[]>;
  judgements: Judgements;
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
  return { report, queries, responses, judgements };
}

const LEXICAL: Retriever[] = ['lexical', 'concept'];
const BASELINE = 'BM25 baseline';

function formatReport(report: EvalReport, title: string): string {
  const pct = (x: number): string => (Number.isNaN(x) ? '—' : x.toFixed(3));
  const columns: Array<[string, (m: Metrics) => number]> = [
    ['hit@1', (m) => m.agencyHit1],
    ['hit@3', (m) => m.agencyHit3],
    ['P@5', (m) => m.precision5],
    ['nDCG@10', (m) => m.ndcg10],
    ['duty R@5', (m) => m.dutyRecall5],
    ['MRR', (m) => m.mrr],
  ];
  const width = Math.max(...report.systems.map((s) => s.name.length)) + 2;
  const lines = [
    `${title}: ${report.queries} queries over ${report.documents} documents (${report.duties} duties)`,
    '',
    `${'system'.padEnd(width)}${'group'.padEnd(17)}${'n'.padStart(4)}${columns.map(([c]) => c.padStart(9)).join('')}`,
  ];
  for (const system of report.systems) {
    for (const group of [...LANGUAGES, 'overall'] as const) {
      const m = system.byLanguage[group];
      if (m.queries === 0) continue;
      lines.push(
        `${system.name.padEnd(width)}${group.padEnd(17)}${String(m.queries).padStart(4)}${columns.map(([, f]) => pct(f(m)).padStart(9)).join('')}`,
      );
    }
  }
  const ours = report.systems.filter((s) => s.name !== BASELINE).at(-1);
  if (ours) {
    const misses = ours.scores
      .filter((s) => s.agencyRank === null || s.agencyRank > 3)
      .map((s) => `${s.id} (rank ${s.agencyRank ?? '-'})`);
    if (misses.length) lines.push('', `${ours.name}: agency misses at 3: ${misses.join(', ')}`);
    const unjudged = new Set(ours.scores.flatMap((s) => s.graded?.unjudged.map((a) => `${s.id}:${a}`) ?? []));
    if (unjudged.size)
      lines.push(`${ours.name}: ${unjudged.size} agencies in a top 10 without a judgement (counted wrong)`);
  }
  if (report.unresolved.length)
    lines.push(`expected duties not found in the extraction: ${report.unresolved.join('; ')}`);
  return lines.join('\n');
}

/** Agencies some system returned in its top 10 with no judgement yet, with their evidence, to judge. */
function unjudgedListing(run: EvalRun): string[] {
  const out: string[] = [];
  run.queries.forEach((q, i) => {
    const seen = new Set<string>();
    for (const [, list] of run.responses) {
      // Answers in the first five decide precision; related mentions only weigh in nDCG.
      for (const a of list[i]!.agencies.slice(0, 10).filter((x, rank) => rank < 5 || !x.related)) {
        const expected = q.agencies.some((e) =>
          agencyMatches(
            a,
            a.evidence.map((ev) => ev.mention),
            e,
          ),
        );
        if (expected || seen.has(a.id) || run.judgements.get(q.id)?.has(a.id)) continue;
        seen.add(a.id);
        const ev = a.evidence[0];
        out.push(
          `${q.id}\t${a.id}\t${q.query}\t${a.related ? 'related' : 'answer'}:${ev?.role}\t${ev?.snippet ?? ''}`,
        );
      }
    }
  });
  return out;
}

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
  const config = embedderConfigFromEnv(process.env);
  let embedder: Embedder | null = null;
  if (process.env.DUTYGRAPH_MODEL_DIR) {
    const loaded = await loadEmbedder(config);
    embedder = loaded.embedder;
    if (!embedder) process.stderr.write(`eval: no model run (${loaded.reason})\n`);
  }
  const sets = queriesFile
    ? [{ title: 'search eval', queriesFile: path.resolve(queriesFile), corpusDir: CORPUS_DIR }]
    : QUERY_SETS;
  const reports: Record<string, EvalReport> = {};
  for (const set of sets) {
    const run = await runSearchEvalWithResponses({ ...set, embedder });
    reports[set.title] = run.report;
    if (args.includes('--judge')) process.stdout.write(`${unjudgedListing(run).join('\n')}\n`);
    else if (!args.includes('--json')) process.stdout.write(`${formatReport(run.report, set.title)}\n\n`);
  }
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`eval:search: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
