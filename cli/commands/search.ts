/**
 * `dutygraph search "<query>"`: who is responsible for X — agencies ranked by the duties that support
 * them, and the duty passages themselves. `--json` prints the API's SearchResponse.
 * `dutygraph index rebuild`: rebuilds the search index from the graph.
 */
import type { Command } from 'commander';
import { openLibrary } from '../../api/library.js';
import { ROLE_WORDS } from '../../api/mcp/render.js';
import {
  type AgencyHit,
  type PassageHit,
  SearchInputError,
  type SearchResponse,
} from '../../search/schema.js';
import { SearchService } from '../../search/service.js';
import { UserError } from '../errors.js';
import {
  addStoreOptions,
  asUserError,
  integerFlag,
  printJson,
  type StoreFlags,
  storeOptions,
} from '../store-options.js';

interface SearchFlags extends StoreFlags {
  k?: number;
  province?: string;
  agency?: string;
  category?: string;
  type?: string;
  from?: string;
  to?: string;
  group?: boolean;
  json?: boolean;
}

const warn = (message: string): void => {
  process.stderr.write(`warning: ${message}\n`);
};

async function withLibrary<T>(
  flags: StoreFlags,
  work: (library: Awaited<ReturnType<typeof openLibrary>>) => Promise<T>,
): Promise<T> {
  let library: Awaited<ReturnType<typeof openLibrary>>;
  try {
    library = await openLibrary({ ...storeOptions(flags), onWarning: warn });
  } catch (error) {
    throw asUserError(error);
  }
  try {
    return await work(library);
  } catch (error) {
    if (error instanceof SearchInputError) throw new UserError(`invalid search: ${error.message}`);
    throw asUserError(error);
  } finally {
    await library.close().catch(() => undefined);
  }
}

export function registerSearch(program: Command): void {
  addStoreOptions(
    program
      .command('search')
      .description(
        'Who is responsible for X: agencies and duties matching a question (Vietnamese or English)',
      )
      .argument(
        '<query>',
        'the question, e.g. "cơ quan nào phòng, chống rửa tiền" or "who handles border smuggling"',
      )
      .option('--k <n>', 'number of duty passages (1-100, default 10)', integerFlag)
      .option('--province <province>', 'only documents of this province (slug or name)')
      .option('--agency <agency>', 'only duties of this agency (id, type id or name)')
      .option('--category <category>', 'only duties of this crime category (id or label)')
      .option('--type <type>', 'only documents of this type ("Kế hoạch", "ke-hoach")')
      .option('--from <date>', 'documents issued on or after YYYY[-MM[-DD]]')
      .option('--to <date>', 'documents issued on or before YYYY[-MM[-DD]]')
      .option('--group', 'merge provincial agencies of the same type')
      .option('--json', 'print the result as JSON'),
  ).action(async (query: string, flags: SearchFlags) => {
    await withLibrary(flags, async (library) => {
      const response = await library.search.search({
        query,
        k: flags.k,
        province: flags.province,
        agency: flags.agency,
        category: flags.category,
        type: flags.type,
        from: flags.from,
        to: flags.to,
        group: flags.group ?? false,
      });
      if (flags.json) printJson(response);
      else process.stdout.write(`${formatAnswer(response).join('\n')}\n`);
    });
  });

  const index = program.command('index').description('Manage the search index kept next to the graph data');
  addStoreOptions(
    index.command('rebuild').description('Rebuild the search index from every document in the graph'),
  ).action(async (flags: StoreFlags) => {
    await withLibrary(flags, async (library) => {
      if (!(library.search instanceof SearchService))
        throw new UserError('this search index cannot be rebuilt');
      const started = Date.now();
      const size = await library.search.rebuild(library.store);
      process.stdout.write(
        `search index rebuilt: ${size.passages} duty passages from ${size.documents} documents in ${((Date.now() - started) / 1000).toFixed(1)} s` +
          `${library.search.semantic ? ' (with embeddings)' : ''}\n`,
      );
    });
  });
}

/** A readable answer: agencies first, then the duty passages with their documents. */
export function formatAnswer(response: SearchResponse): string[] {
  const lines: string[] = [];
  if (response.reason) return [`No results: ${response.reason}.`];
  const mode = response.semantic ? 'semantic + lexical' : 'lexical + concepts';
  const semantic = response.semantic
    ? []
    : [`Semantic search is off: ${response.semanticReason ?? 'no model'}.`];
  const concepts = response.concepts.map((c) => `${c.label.en} / ${c.label.vi}`).join('; ');
  lines.push(`Query: ${response.query}  [${response.language}, ${mode}]`);
  lines.push(...semantic);
  if (concepts) lines.push(`Understood: ${concepts}`);
  lines.push('', 'Responsible agencies:');
  const answers = response.agencies.filter((a) => !a.related);
  answers.slice(0, 10).forEach((agency, i) => lines.push(...formatAgency(agency, i + 1)));
  const related = response.agencies.filter((a) => a.related);
  // Related mentions are named, not detailed: they are not answers (--json has their evidence).
  if (related.length)
    lines.push(
      '',
      `Related mentions, not answers (${related.length}): ${related
        .slice(0, 8)
        .map((a) => a.name)
        .join('; ')}${related.length > 8 ? '; …' : ''}`,
    );
  lines.push('', 'Duties:');
  response.passages.forEach((passage, i) => lines.push(...formatPassage(passage, i + 1)));
  return lines;
}

function formatAgency(agency: AgencyHit, rank: number): string[] {
  const roles = agency.roles.map((r) => ROLE_WORDS[r]).join(', ');
  const head = `${String(rank).padStart(2)}. ${agency.name}${agency.province ? ` (${agency.province})` : ''} — ${roles}, score ${agency.score.toFixed(3)}`;
  const members = agency.members ? [`      members: ${agency.members.join(', ')}`] : [];
  const evidence = agency.evidence
    .slice(0, 2)
    .map(
      (e) =>
        `      · ${describeDocument(e.document)} ${e.kind === 'document' ? 'subject and preamble' : (e.dutyId.split('#')[1] ?? '')}: ${truncate(marks(e.snippet, e.highlights), 160)}`,
    );
  if (agency.evidenceCount > 2) evidence.push(`      +${agency.evidenceCount - 2} more duties`);
  return [head, ...members, ...evidence];
}

function formatPassage(passage: PassageHit, rank: number): string[] {
  const agencies = passage.agencies.map((a) => `${a.name} [${a.role}]`).join('; ');
  return [
    `${String(rank).padStart(2)}. ${describeDocument(passage.document)} ${passage.kind === 'document' ? '(subject and preamble)' : `§ ${passage.path}`}  (score ${passage.score.toFixed(3)})`,
    `    ${agencies}`,
    `    ${excerpt(passage, 300)}`,
  ];
}

function describeDocument(doc: PassageHit['document']): string {
  return [doc.type, doc.symbol, doc.issuedAt, doc.province].filter(Boolean).join(' · ');
}

/** Highlights as [[…]] so they show in any terminal and in logs. */
function marks(text: string, highlights: ReadonlyArray<{ start: number; end: number }>): string {
  let out = '';
  let at = 0;
  for (const h of highlights) {
    out += `${text.slice(at, h.start)}[[${text.slice(h.start, h.end)}]]`;
    at = h.end;
  }
  return out + text.slice(at);
}

function markHighlights(passage: PassageHit): string {
  return marks(passage.text, passage.highlights).replace(/\s+/g, ' ');
}

/** Up to `max` characters, starting shortly before the longest highlight so the best match shows. */
function excerpt(passage: PassageHit, max: number): string {
  const text = markHighlights(passage);
  const best = [...passage.highlights].sort((x, y) => y.text.length - x.text.length)[0];
  const at = best ? text.indexOf(`[[${best.text}]]`) : -1;
  const start = at > max / 3 ? text.lastIndexOf(' ', at - 60) + 1 : 0;
  return `${start > 0 ? '…' : ''}${truncate(text.slice(start), max)}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
