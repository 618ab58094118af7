/**
 * The BM25 baseline of eval:search: MiniSearch with its default analyzer over the paragraphs of the raw
 * text. It "finds" an agency when a retrieved paragraph of an expected document contains the agency's name
 * as written, and a duty when a retrieved paragraph overlaps the duty's text.
 */
import MiniSearch from 'minisearch';
import { loadAgencyTypes, writtenForms } from '../../ingest/extract/agencies.js';
import { shownText, type ExtractedDocument } from '../../ingest/schema.js';
import { fold, normalizeText } from '../../ingest/text/normalize.js';
import { type QueryScore, type SystemResult, summarize } from './search-metrics.js';
import {
  baseName,
  contains,
  dutyMatches,
  type EvalQuery,
  type ExpectedAgency,
  namesOf,
} from './search-queries.js';

export const BASELINE = 'BM25 baseline';

/** The names the baseline looks for: as given, else the agency type's Vietnamese forms. */
function baselineNames(e: ExpectedAgency): string[] {
  const given = namesOf(e);
  if (given.length > 0 || !e.typeId) return given;
  const type = loadAgencyTypes().find((t) => t.id === e.typeId);
  return type ? [type.name, ...type.patterns.flatMap(writtenForms).filter((p) => !p.includes('{'))] : [];
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
