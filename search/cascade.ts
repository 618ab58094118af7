/**
 * Cascade of a national document's duties to the provinces that carry it out: each provincial duty of an
 * implementing (or citing) document is matched to the national duty it most plausibly implements, by what the
 * two texts share (analyzer terms weighted by rarity), their crime categories, whether the provincial agency is
 * the national one's local counterpart (data/agency-counterparts.json) and, when a model is loaded, their
 * embeddings. Every match carries its score and the evidence for it.
 */
import { z } from 'zod';
import counterpartsData from '../data/agency-counterparts.json' with { type: 'json' };
import { loadAgencyTypes } from '../ingest/extract/agencies.js';
import { Role, shownText, type AgencyRef, type Duty } from '../ingest/schema.js';
import { fold } from '../ingest/text/normalize.js';
import { documentCoverage, type CoverageDocument } from '../graph/coverage.js';
import type { GraphStore } from '../graph/port.js';
import { DocumentSummary } from '../graph/schema.js';
import { BIGRAM_JOINER, syllables, type VietnameseAnalyzer } from './analyzer.js';
import type { Embedder } from './embedding/port.js';

const CounterpartsFile = z.object({
  counterparts: z.record(z.string(), z.array(z.string())),
  provinceBodies: z.array(z.object({ name: z.string(), types: z.array(z.string()) })),
  frameWords: z.array(z.string()),
});
const counterparts = CounterpartsFile.parse(counterpartsData);
const ALL = 'all';
const FRAME_WORDS = new Set(counterparts.frameWords.map(fold));

const CascadeAgency = z.object({
  id: z.string(),
  name: z.string(),
  mention: z.string(),
  role: Role,
  typeId: z.string().nullable(),
});

export const CascadeMatch = z.object({
  duty: z.object({ id: z.string(), path: z.string(), text: z.string() }),
  document: z.object({
    id: z.string(),
    key: z.string(),
    symbol: z.string().nullable(),
    issuedAt: z.string().nullable(),
  }),
  agency: CascadeAgency,
  /** 0..1: how strongly the provincial duty reads as carrying out the national one. */
  score: z.number(),
  evidence: z.object({
    /** Words both duties use, rarest first, as the provincial text writes them. */
    terms: z.array(z.string()),
    categories: z.array(z.string()),
    /** The provincial agency is the local counterpart of a national agency of the duty. */
    counterpart: z.boolean(),
    /** Cosine similarity of the two duties' embeddings; null without a model. */
    semantic: z.number().nullable(),
  }),
});
export type CascadeMatch = z.infer<typeof CascadeMatch>;

export const CascadeDuty = z.object({
  duty: z.object({
    id: z.string(),
    path: z.string(),
    text: z.string(),
    categories: z.array(z.string()),
    agencies: z.array(CascadeAgency),
  }),
  provinces: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      agencyTypes: z.array(
        z.object({
          typeId: z.string().nullable(),
          typeName: z.string().nullable(),
          matches: z.array(CascadeMatch),
        }),
      ),
    }),
  ),
});
export type CascadeDuty = z.infer<typeof CascadeDuty>;

export const Cascade = z.object({
  document: DocumentSummary,
  semantic: z.boolean(),
  duties: z.array(CascadeDuty),
  /** Provincial duties no national duty accounts for (score below the cut), per province. */
  unmatched: z.number().int(),
  explanation: z.string().nullable(),
});
export type Cascade = z.infer<typeof Cascade>;

/** A provincial duty is shown under a national duty only from this score on. */
export const MATCH_THRESHOLD = 0.3;
/** e5 cosines of unrelated Vietnamese sentences sit around 0.75–0.8: only what exceeds this counts. */
const SEMANTIC_FLOOR = 0.8;
const WEIGHTS = { lexical: 0.5, categories: 0.15, counterpart: 0.35 };
const SEMANTIC_SHARE = 0.35;

export interface CascadeOptions {
  analyzer: VietnameseAnalyzer;
  embedder?: Embedder | null;
}

interface Side {
  duty: Duty;
  terms: Set<string>;
}

const typeNames = (): Map<string, string> => new Map(loadAgencyTypes().map((t) => [t.id, t.name]));

/** The provincial agency types that answer for a national agency ("all" = any provincial body). */
export function counterpartTypes(agency: Pick<AgencyRef, 'typeId' | 'name' | 'mention'>): Set<string> {
  const out = new Set<string>(agency.typeId ? (counterparts.counterparts[agency.typeId] ?? []) : []);
  const names = [agency.name, agency.mention].map(fold);
  for (const body of counterparts.provinceBodies) {
    const wanted = fold(body.name);
    if (names.some((n) => n.startsWith(wanted))) for (const t of body.types) out.add(t);
  }
  return out;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

/**
 * What the two duties share, as the provincial text writes it: maximal runs of words whose every adjacent pair
 * both texts use ("điều trị thay thế bằng thuốc"), trimmed of stopwords, then lone shared words, rarest first;
 * numbers and an assignment's frame words ("chủ trì", "phối hợp") are not evidence.
 */
function sharedPhrases(
  text: string,
  shared: ReadonlySet<string>,
  weight: (t: string) => number,
  analyzer: VietnameseAnalyzer,
  limit: number,
): string[] {
  const words = syllables(text);
  const phrases = new Map<string, number>();
  const inRun = new Set<number>();
  const add = (ids: number[]) => {
    const isStop = (i: number) => analyzer.isStopword(words[i]!.exact);
    while (ids.length > 0 && isStop(ids[0]!)) ids.shift();
    while (ids.length > 0 && isStop(ids[ids.length - 1]!)) ids.pop();
    for (const i of ids) inRun.add(i);
    const folded = ids.map((i) => words[i]!.folded).join(' ');
    if (ids.length === 0 || /\d/.test(folded) || FRAME_WORDS.has(folded)) return;
    let w = 0;
    for (const i of ids) w += weight(words[i]!.folded);
    const phrase = ids.map((i) => words[i]!.surface).join(' ');
    phrases.set(phrase, Math.max(phrases.get(phrase) ?? 0, w));
  };
  let run: number[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i], words[i + 1]];
    if (a && b && shared.has(a.folded + BIGRAM_JOINER + b.folded)) {
      if (run.length === 0) run.push(i);
      run.push(i + 1);
    } else {
      if (run.length > 1) add(run);
      run = [];
    }
  }
  if (run.length > 1) add(run);
  words.forEach((s, i) => {
    if (s && !inRun.has(i) && shared.has(s.folded) && s.folded.length > 3 && !analyzer.isStopword(s.exact))
      add([i]);
  });
  return [...phrases]
    .sort((x, y) => y[1] - x[1])
    .slice(0, limit)
    .map(([p]) => p);
}

/** Duties are compared and shown as a reader sees them (markup and footnote marks dropped). */
const asShown = (d: Duty): Duty => ({ ...d, text: shownText(d) });

/** The cascade of a document's duties to provincial duties; throws NotFoundError for an unknown document. */
export async function documentCascade(
  store: GraphStore,
  keyOrSymbol: string,
  options: CascadeOptions,
): Promise<Cascade> {
  const coverage = await documentCoverage(store, keyOrSymbol);
  const root = coverage.document;
  const national = root.stub ? null : await store.getDocument(root.key);
  const sources: { province: { slug: string; name: string }; doc: CoverageDocument; duties: Duty[] }[] = [];
  for (const province of coverage.provinces) {
    for (const doc of province.documents) {
      const extracted = await store.getDocument(doc.key);
      if (extracted) sources.push({ province, doc, duties: extracted.duties.map(asShown) });
    }
  }
  const nationalDuties = (national?.duties ?? []).filter((d) => d.agencies.length > 0).map(asShown);
  const explanation =
    national === null
      ? `${root.symbol ?? root.key} is only cited here: its text, and so its duties, are not in the library.`
      : nationalDuties.length === 0
        ? `${root.symbol ?? root.key} assigns no duties to agencies.`
        : sources.length === 0
          ? (coverage.explanation ?? 'No provincial document carries it out.')
          : null;

  const analyze = (d: Duty): Side => ({ duty: d, terms: new Set(options.analyzer.analyze(d.text).folded) });
  const top = nationalDuties.map(analyze);
  const local = sources.flatMap((s) => s.duties.map((d) => ({ source: s, side: analyze(d) })));
  // Rarity over every duty in play: a word all plans use ("phòng", "chống", "ma túy") says little.
  const df = new Map<string, number>();
  for (const side of [...top, ...local.map((l) => l.side)])
    for (const t of side.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const n = top.length + local.length;
  const idf = (t: string) => Math.log(1 + n / (df.get(t) ?? 1));
  const norm = (s: Side) => Math.sqrt([...s.terms].reduce((sum, t) => sum + idf(t) ** 2, 0)) || 1;
  const topNorms = top.map(norm);

  let vectors: { top: Float32Array[]; local: Float32Array[] } | null = null;
  if (options.embedder && top.length > 0 && local.length > 0) {
    vectors = {
      top: await options.embedder.embedPassages(top.map((s) => s.duty.text)),
      local: await options.embedder.embedPassages(local.map((l) => l.side.duty.text)),
    };
  }
  const counterpartOf = top.map((s) => {
    const types = new Set<string>();
    for (const a of s.duty.agencies) for (const t of counterpartTypes(a)) types.add(t);
    return types;
  });

  const names = typeNames();
  const grouped = top.map(() => new Map<string, Map<string | null, CascadeMatch[]>>());
  let unmatched = 0;
  for (const [li, { source, side }] of local.entries()) {
    const localNorm = norm(side);
    let best: {
      index: number;
      score: number;
      match: Omit<CascadeMatch, 'agency'>;
      agencies: AgencyRef[];
    } | null = null;
    for (const [ti, t] of top.entries()) {
      const shared = [...side.terms]
        .filter((x) => t.terms.has(x))
        .sort((a, b) => idf(b) - idf(a) || (a < b ? -1 : 1));
      const lexical = shared.reduce((sum, x) => sum + idf(x) ** 2, 0) / (topNorms[ti]! * localNorm);
      const categories = side.duty.categories.filter((c) => t.duty.categories.includes(c));
      const catUnion = new Set([...side.duty.categories, ...t.duty.categories]).size;
      const wanted = counterpartOf[ti]!;
      const own = side.duty.agencies.filter((a) => a.typeId !== null && wanted.has(a.typeId));
      // A duty given to "the provinces" is theirs to pass to any body: a weaker sign than a named counterpart.
      const anyBody = own.length === 0 && wanted.has(ALL);
      const agencies = anyBody ? side.duty.agencies.filter((a) => a.typeId !== null) : own;
      const semantic = vectors ? cosine(vectors.top[ti]!, vectors.local[li]!) : null;
      let score =
        WEIGHTS.lexical * Math.min(1, lexical * 1.5) +
        WEIGHTS.categories * (catUnion > 0 ? categories.length / catUnion : 0) +
        WEIGHTS.counterpart * (agencies.length === 0 ? 0 : anyBody ? 0.5 : 1);
      if (semantic !== null) {
        const dense = Math.max(0, Math.min(1, (semantic - SEMANTIC_FLOOR) / (1 - SEMANTIC_FLOOR)));
        score = (1 - SEMANTIC_SHARE) * score + SEMANTIC_SHARE * dense;
      }
      if (!best || score > best.score) {
        best = {
          index: ti,
          score,
          agencies: agencies.length > 0 ? agencies : side.duty.agencies,
          match: {
            duty: { id: side.duty.id, path: side.duty.path, text: side.duty.text },
            document: {
              id: source.doc.id,
              key: source.doc.key,
              symbol: source.doc.symbol,
              issuedAt: source.doc.issuedAt,
            },
            score: Math.round(score * 1000) / 1000,
            evidence: {
              terms: sharedPhrases(side.duty.text, new Set(shared), idf, options.analyzer, 5),
              categories,
              counterpart: agencies.length > 0,
              semantic: semantic === null ? null : Math.round(semantic * 1000) / 1000,
            },
          },
        };
      }
    }
    const chosen = best;
    if (!chosen || chosen.score < MATCH_THRESHOLD) {
      unmatched += 1;
      continue;
    }
    const byType =
      grouped[chosen.index]!.get(source.province.slug) ?? new Map<string | null, CascadeMatch[]>();
    grouped[chosen.index]!.set(source.province.slug, byType);
    const own = chosen.agencies.filter((x) => x.role !== 'support');
    for (const a of own.length > 0 ? own : chosen.agencies) {
      const list = byType.get(a.typeId) ?? [];
      list.push({ ...chosen.match, agency: agencyOf(a) });
      byType.set(a.typeId, list);
    }
  }

  const provinceNames = new Map(coverage.provinces.map((p) => [p.slug, p.name]));
  return {
    document: root,
    semantic: vectors !== null,
    duties: top.map((t, ti) => ({
      duty: {
        id: t.duty.id,
        path: t.duty.path,
        text: t.duty.text,
        categories: t.duty.categories,
        agencies: t.duty.agencies.map(agencyOf),
      },
      provinces: [...grouped[ti]!]
        .sort((a, b) => provinceNames.get(a[0])!.localeCompare(provinceNames.get(b[0])!, 'vi'))
        .map(([slug, byType]) => ({
          slug,
          name: provinceNames.get(slug) ?? slug,
          agencyTypes: [...byType].map(([typeId, matches]) => ({
            typeId,
            typeName: typeId ? (names.get(typeId) ?? null) : null,
            matches: matches.sort((a, b) => b.score - a.score),
          })),
        })),
    })),
    unmatched,
    explanation,
  };
}

function agencyOf(a: AgencyRef): z.infer<typeof CascadeAgency> {
  return { id: a.id, name: a.name, mention: a.mention, role: a.role, typeId: a.typeId };
}
