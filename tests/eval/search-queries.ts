/**
 * The eval:search query files: "who is responsible for X" questions with the agencies (and duties) that
 * answer them, and how a returned agency or duty is matched against what a query expects.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { fold } from '../../ingest/text/normalize.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const QUERIES_FILE = path.join(repoRoot, 'tests/eval/search-queries.json');

export const LANGUAGES = ['vi', 'vi-nodiacritics', 'abbreviation', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * An expected agency: by type (and province; omit it to accept any), or by name as written, or both.
 * Names are also what the baseline looks for; without them it looks for the type's Vietnamese forms.
 */
export const ExpectedAgency = z
  .strictObject({
    typeId: z.string().optional(),
    /** Province slug; null for national or regional bodies; omitted: any. */
    province: z.string().nullable().optional(),
    names: z.array(z.string().min(1)).optional(),
    name: z.string().min(1).optional(),
  })
  .refine((a) => a.typeId || a.name || a.names?.length, 'an expected agency needs a typeId or a name');
export type ExpectedAgency = z.infer<typeof ExpectedAgency>;

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
export type ExpectedDuty = z.infer<typeof ExpectedDuty>;

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

export async function loadQueries(file = QUERIES_FILE): Promise<EvalQuery[]> {
  const parsed = QueriesFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: invalid at ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data.queries;
}

export const baseName = (source: string): string => path.basename(source);

export const contains = (haystack: string, needle: string): boolean =>
  fold(haystack).replace(/\s+/g, ' ').includes(fold(needle).replace(/\s+/g, ' '));

export const namesOf = (e: ExpectedAgency): string[] => [...(e.names ?? []), ...(e.name ? [e.name] : [])];

/** An answer agency (with the words its documents used for it) against an expected one. */
export function agencyMatches(
  agency: { typeId: string | null; province: string | null; name: string },
  mentions: string[],
  e: ExpectedAgency,
): boolean {
  if (e.province !== undefined && agency.province !== e.province) return false;
  if (e.typeId) return agency.typeId === e.typeId;
  return namesOf(e).some((n) => [agency.name, ...mentions].some((m) => contains(m, n)));
}

export function dutyMatches(
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
