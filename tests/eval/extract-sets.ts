/**
 * Extraction quality on document sets annotated in the corpus-extra format (../shared/corpus-extra/gold.json):
 * per file, header fields (symbol, type, province, issuedAt, and where given provenance and subject phrases),
 * numbered citations as printed, and duties (agency as written + role + optional folded phrase of the duty
 * text). Each set is scored on its own: corpus-extra, and every tests/fixtures/<set>/gold.json.
 *
 * Agencies match when, after agencyKey() (folded, "UBND" spelled out, no trailing province or "tỉnh"), one
 * name's words are a contiguous run of the other's ("Viện kiểm sát" = "Viện kiểm sát nhân dân tỉnh"), against
 * the mention as written or the canonical name. Duties of a document whose annotation is not complete count
 * for recall only.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PartialDate, shownText, type Bundle, type ExtractedDocument } from '../../ingest/schema.js';
import { fold, squash } from '../../ingest/text/normalize.js';
import {
  agencyKey,
  counts,
  EvalInputError,
  matchItems,
  readGoldFile,
  sumCounts,
  symbolKey,
  type Accuracy,
  type Counts,
} from './extract-eval.js';
import { applyCorrections, GOLD_CORRECTIONS, type GoldCorrection } from './gold-corrections.js';

const SetDuty = z.object({
  agency: z.string().min(1),
  role: z.enum(['lead', 'support', 'requested', 'assigned']).nullable(),
  text_has: z.string().min(1).optional(),
  gist: z.string().optional(),
  optional: z.boolean().optional(),
});

export const SetDoc = z.looseObject({
  kind: z.string(),
  complete: z.boolean().optional(),
  symbol: z.string().nullable(),
  type: z.string().nullable(),
  province: z.string().nullable(),
  issuedAt: PartialDate.nullable(),
  provenance: z.enum(['signed', 'portal', 'summary']).optional(),
  subject_has: z.array(z.string().min(1)).optional(),
  citations: z.array(z.string().min(1)),
  citations_optional: z.array(z.string().min(1)).optional(),
  duties: z.array(SetDuty).optional(),
  duties_partial: z.array(SetDuty).optional(),
});
export type SetDoc = z.infer<typeof SetDoc>;
const SetGold = z.object({ _about: z.string().optional(), docs: z.record(z.string(), SetDoc) });

export interface SetSpec {
  name: string;
  dir: string;
  goldFile: string;
}

export interface SetReport {
  name: string;
  documents: number;
  header: Accuracy;
  citations: Counts;
  duties: Counts;
  /** One line per wrong field, missed or false citation/duty. */
  issues: string[];
}

const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const EXTRA_DIR = path.resolve(REPO_ROOT, '../shared/corpus-extra');
const FIXTURES = path.resolve(REPO_ROOT, 'tests/fixtures');

/** corpus-extra (if present) and every fixture folder holding a gold.json in this format. */
export function discoverSets(): SetSpec[] {
  const sets: SetSpec[] = [];
  if (existsSync(path.join(EXTRA_DIR, 'gold.json')))
    sets.push({ name: 'corpus-extra', dir: EXTRA_DIR, goldFile: path.join(EXTRA_DIR, 'gold.json') });
  for (const entry of readdirSync(FIXTURES, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const goldFile = path.join(FIXTURES, entry.name, 'gold.json');
    if (entry.isDirectory() && existsSync(goldFile))
      sets.push({ name: entry.name, dir: path.dirname(goldFile), goldFile });
  }
  return sets;
}

export async function loadSetGold(file: string): Promise<Record<string, SetDoc>> {
  return (await readGoldFile(file, SetGold)).docs;
}

const words = (s: string): string => ` ${s} `;
/** Agency as written in the gold vs an extracted mention or canonical name. */
export function agencyMatches(gold: string, extracted: string, province: string | null): boolean {
  const g = agencyKey(gold, province);
  const e = agencyKey(extracted, province);
  if (!g || !e) return false;
  return g === e || words(e).includes(words(g)) || words(g).includes(words(e));
}

interface Pair {
  mention: string;
  name: string;
  role: string;
  text: string;
}

function dutyPairs(doc: ExtractedDocument): Pair[] {
  const seen = new Map<string, Pair>();
  for (const d of doc.duties) {
    for (const a of d.agencies) {
      const text = shownText(d);
      const key = `${a.id}|${a.mention}|${a.role}|${text}`;
      if (!seen.has(key)) seen.set(key, { mention: a.mention, name: a.name, role: a.role, text });
    }
  }
  return [...seen.values()];
}

/** A unit suffix printed in parentheses ("823/PV11(CS)") is not part of the symbol we compare. */
const printedKey = (s: string): string => symbolKey(s).replace(/\(.*\)$/, '');
const show = (v: unknown): string => JSON.stringify(v ?? null);

function headerChecks(
  g: SetDoc,
  d: ExtractedDocument | undefined,
): Array<[string, boolean, unknown, unknown]> {
  const checks: Array<[string, boolean, unknown, unknown]> = [
    [
      'symbol',
      d !== undefined &&
        (d.symbol === null || g.symbol === null
          ? d.symbol === g.symbol
          : symbolKey(d.symbol) === symbolKey(g.symbol)),
      g.symbol,
      d?.symbol,
    ],
    ['type', d !== undefined && fold(d.type ?? '') === fold(g.type ?? ''), g.type, d?.type],
    ['province', d?.province === g.province, g.province, d?.province],
    ['issuedAt', d !== undefined && d.issuedAt === g.issuedAt, g.issuedAt, d?.issuedAt],
  ];
  if (g.provenance !== undefined)
    checks.push(['provenance', d?.provenance === g.provenance, g.provenance, d?.provenance]);
  if (g.subject_has !== undefined) {
    const subject = squash(fold(d?.subject ?? '').replace(/[“”"]/g, ''));
    checks.push([
      'subject',
      g.subject_has.every((p) => subject.includes(squash(fold(p).replace(/[“”"]/g, '')))),
      g.subject_has,
      d?.subject,
    ]);
  }
  return checks;
}

/** Scores one set's bundle against its gold. Pure. */
export function evaluateSet(name: string, bundle: Bundle, gold: Record<string, SetDoc>): SetReport {
  const issues: string[] = [];
  const byName = new Map(bundle.documents.map((d) => [path.basename(d.source), d]));
  let fieldsOk = 0;
  let fields = 0;
  const citationCounts: Counts[] = [];
  const dutyCounts: Counts[] = [];
  for (const [file, g] of Object.entries(gold)) {
    const doc = byName.get(file);
    if (!doc) {
      const error = bundle.errors.find((e) => path.basename(e.source) === file);
      issues.push(
        `${file}: document missing (${error ? `${error.code}: ${error.message}` : 'not in the bundle'})`,
      );
    }
    for (const [field, ok, expected, actual] of headerChecks(g, doc)) {
      fields++;
      if (ok) fieldsOk++;
      else issues.push(`${file} header ${field}: expected ${show(expected)}, got ${show(actual)}`);
    }

    const extracted = [
      ...new Set((doc?.citations ?? []).flatMap((c) => (c.symbol ? [symbolKey(c.symbol)] : []))),
    ];
    const wanted = g.citations.map((s) => ({ s, optional: false }));
    const optional = (g.citations_optional ?? []).map((s) => ({ s, optional: true }));
    const cm = matchItems(
      [...wanted, ...optional],
      extracted,
      (gc, e) => printedKey(gc.s) === e.replace(/\(.*\)$/, ''),
    );
    for (const gc of cm.missed) issues.push(`${file} citation miss: ${gc.s}`);
    for (const e of cm.falsePositives) issues.push(`${file} citation false-positive: ${e}`);
    citationCounts.push(counts(cm.pairs.length, cm.falsePositives.length, cm.missed.length));

    const goldDuties: Array<z.infer<typeof SetDuty>> = g.duties ?? g.duties_partial ?? [];
    const complete = g.complete !== false && g.duties_partial === undefined;
    // An annotation that never uses the role "assigned" (most of corpus-extra) calls a body given a task
    // on its own lead.
    const leadCoversAssigned = !goldDuties.some((d) => d.role === 'assigned');
    const dm = matchItems<z.infer<typeof SetDuty>, Pair>(goldDuties, doc ? dutyPairs(doc) : [], (gd, e) => {
      if (
        gd.role !== null &&
        gd.role !== e.role &&
        !(leadCoversAssigned && gd.role === 'lead' && e.role === 'assigned')
      )
        return false;
      if (!agencyMatches(gd.agency, e.mention, g.province) && !agencyMatches(gd.agency, e.name, g.province))
        return false;
      return gd.text_has === undefined || squash(fold(e.text)).includes(squash(fold(gd.text_has)));
    });
    for (const gd of dm.missed)
      issues.push(`${file} duty miss: ${gd.agency} (${gd.role ?? 'any'}) ${gd.text_has ?? ''}`);
    const fps = complete ? [...dm.falsePositives, ...dm.duplicates.map((x) => x.extracted)] : [];
    for (const e of fps)
      issues.push(`${file} duty false-positive: ${e.mention} (${e.role}) ${e.text.slice(0, 60)}`);
    dutyCounts.push(counts(dm.pairs.length, fps.length, dm.missed.length));
  }
  return {
    name,
    documents: Object.keys(gold).length,
    header: { correct: fieldsOk, total: fields, accuracy: fields === 0 ? 1 : fieldsOk / fields },
    citations: sumCounts(citationCounts),
    duties: sumCounts(dutyCounts),
    issues,
  };
}

/** Extracts every annotated file of the set together (citations resolve across it) and scores it. */
export async function evaluateSpec(
  spec: SetSpec,
  corrections: GoldCorrection[] = GOLD_CORRECTIONS,
): Promise<SetReport> {
  const gold = applyCorrections(spec.name, await loadSetGold(spec.goldFile), corrections);
  const files = Object.keys(gold).map((f) => path.join(spec.dir, f));
  const absent = files.filter((f) => !existsSync(f));
  if (absent.length)
    throw new EvalInputError(`${spec.goldFile} refers to missing files: ${absent.join(', ')}`);
  const { extractFiles } = await import('../../ingest/pipeline.js');
  const { bundle } = await extractFiles(files);
  return evaluateSet(spec.name, bundle, gold);
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const prf = (c: Counts): string =>
  `P ${pct(c.precision)}  R ${pct(c.recall)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;

export function formatSetReport(r: SetReport): string {
  return [
    `Set ${r.name} (${r.documents} documents)`,
    `  header fields  ${pct(r.header.accuracy)} (${r.header.correct}/${r.header.total})`,
    `  citations      ${prf(r.citations)}`,
    `  duties         ${prf(r.duties)}`,
    ...(r.issues.length
      ? ['  issues:', ...r.issues.map((i) => `    ${i}`)]
      : ['  no misses or false positives']),
  ].join('\n');
}
