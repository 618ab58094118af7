/**
 * Scores extracted duty assignments against annotations written as "agency as written, role, phrase of the
 * duty text" (tests/fixtures/synthetic/expected.json, ../shared/corpus-extra/gold.json). Pure.
 *
 * Stricter than the set scores of eval:extract (tests/eval/extract-sets.ts), for our own synthetic layouts:
 * one gold entry = one (duty, agency) pair; the mention must equal the gold agency after fold (so a renamed
 * or truncated agency fails), the duty text must contain the phrase, and deadlines and per-agency verbs are
 * compared too.
 */
import { shownText, type ExtractedDocument, type Role } from '../../ingest/schema.js';
import { fold, squash } from '../../ingest/text/normalize.js';

export interface GoldDuty {
  agency: string;
  role: Role | null;
  text_has?: string;
  deadline?: string;
  deadlineText?: string;
  action?: string;
}

export interface DutyScore {
  tp: number;
  fp: number;
  fn: number;
  misses: string[];
  extras: string[];
}

const norm = (s: string) =>
  squash(fold(s).replace(/\s*-\s*/g, ' - '))
    .replace(/\bubnd\b/g, 'uy ban nhan dan')
    .replace(/[.;:,]+$/, '');

interface Pair {
  agency: string;
  role: Role;
  text: string;
  deadline: string | null;
  deadlineText: string | null;
  action: string | null;
}

function pairsOf(doc: ExtractedDocument): Pair[] {
  return doc.duties.flatMap((d) =>
    d.agencies.map((a) => ({
      agency: a.mention,
      role: a.role,
      text: fold(shownText(d)),
      deadline: d.deadline,
      deadlineText: d.deadlineText ?? null,
      action: a.action ?? null,
    })),
  );
}

const describe = (p: { agency: string; role: Role | null; text?: string }) =>
  `${p.agency} (${p.role ?? 'any'})${p.text ? ` «${p.text.slice(0, 50)}»` : ''}`;

export function scoreStrict(
  doc: ExtractedDocument,
  gold: GoldDuty[],
): DutyScore & { deadlineMisses: string[] } {
  const pairs = pairsOf(doc);
  const used = new Set<number>();
  const misses: string[] = [];
  const deadlineMisses: string[] = [];
  let tp = 0;
  for (const g of gold) {
    const i = pairs.findIndex(
      (p, k) =>
        !used.has(k) &&
        norm(p.agency) === norm(g.agency) &&
        p.role === g.role &&
        (!g.text_has || p.text.includes(g.text_has)),
    );
    if (i < 0) {
      misses.push(describe({ agency: g.agency, role: g.role, text: g.text_has }));
      continue;
    }
    used.add(i);
    tp++;
    const p = pairs[i]!;
    if ((g.deadline && p.deadline !== g.deadline) || (g.deadlineText && p.deadlineText !== g.deadlineText))
      deadlineMisses.push(
        `${g.agency}: expected ${g.deadline ?? g.deadlineText}, got ${p.deadline ?? p.deadlineText}`,
      );
    if (g.action && p.action !== g.action)
      deadlineMisses.push(`${g.agency}: action ${g.action}, got ${p.action}`);
  }
  const extras = pairs.filter((_, k) => !used.has(k)).map((p) => describe(p));
  return { tp, fp: extras.length, fn: misses.length, misses, extras, deadlineMisses };
}

export function sum(scores: DutyScore[]): {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
} {
  const tp = scores.reduce((n, s) => n + s.tp, 0);
  const fp = scores.reduce((n, s) => n + s.fp, 0);
  const fn = scores.reduce((n, s) => n + s.fn, 0);
  return { tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
}
