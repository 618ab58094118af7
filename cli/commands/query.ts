/**
 * Graph queries on the command line: doc, cites, agency, category, neighborhood, stats. Each prints a
 * short readable answer, or the exact query result with --json (the same shapes the API serves).
 */
import { type Command, Option } from 'commander';
import { type GraphStore, NotFoundError } from '../../graph/port.js';
import type { Direction, DocumentSummary, GraphNode } from '../../graph/schema.js';
import { lineageLines } from '../lifecycle-text.js';
import { addStoreOptions, integerFlag, printJson, type StoreFlags, withStore } from '../store-options.js';

interface QueryFlags extends StoreFlags {
  json?: boolean;
}

const out = (lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);

const describeDoc = (d: DocumentSummary) =>
  [
    d.type,
    d.symbol ?? '(no number)',
    d.issuedAt,
    d.provinceName ?? d.province,
    d.stub ? '[cited only]' : null,
  ]
    .filter(Boolean)
    .join(' · ');

const describeNode = (n: GraphNode): string => {
  switch (n.label) {
    case 'Document':
      return `${n.id}  ${describeDoc({ id: n.id, ...n.properties })}`;
    case 'Agency':
    case 'Person':
      return `${n.id}  ${n.properties.name}`;
    case 'Duty':
      return `${n.id}  ${n.properties.text.slice(0, 80)}`;
    case 'Province':
      return `${n.id}  ${n.properties.name ?? ''}`;
    default:
      return n.id;
  }
};

/** Registers one query subcommand with the shared flags and the open/close/error handling. */
function query<A extends unknown[]>(
  program: Command,
  name: string,
  describe: (command: Command) => Command,
  run: (
    store: GraphStore,
    flags: QueryFlags & Record<string, unknown>,
    ...args: A
  ) => Promise<{ json: unknown; text: () => string[] }>,
) {
  const command = describe(program.command(name)).option('--json', 'print the result as JSON');
  addStoreOptions(command).action(async (...params: unknown[]) => {
    const flags = params[params.length - 2] as QueryFlags & Record<string, unknown>;
    const args = params.slice(0, -2) as A;
    await withStore(flags, async (store) => {
      const result = await run(store, flags, ...args);
      if (flags.json) printJson(result.json);
      else out(result.text());
    });
  });
}

export function registerQuery(program: Command): void {
  query(
    program,
    'doc',
    (c) =>
      c
        .description(
          'Show a document by key or symbol (several when a symbol is ambiguous), its status and related documents',
        )
        .argument('<key-or-symbol>')
        .option('--as-of <date>', 'compute the status for this day (YYYY-MM-DD; default today)'),
    async (store, flags, wanted: string) => {
      const found = await store.findDocuments(wanted);
      if (found.length === 0) throw new NotFoundError(`no document with key or symbol "${wanted}"`);
      const lineages = await Promise.all(
        found.map((d) => store.lineage(d.key, { today: flags.asOf as string | undefined })),
      );
      return {
        json: found.map((d, i) => ({
          ...d,
          lifecycle: lineages[i]!.lifecycle,
          related: lineages[i]!.related,
        })),
        text: () =>
          found.flatMap((d, i) => [
            `${d.id}  ${describeDoc(d)}`,
            ...(d.title ? [`  ${d.title}`] : []),
            ...(d.stub ? [] : [`  ${d.dutyCount} duties, ${d.citationCount} citations · ${d.source}`]),
            ...lineageLines(lineages[i]!),
          ]),
      };
    },
  );

  query(
    program,
    'cites',
    (c) =>
      c
        .description('Citation chain of a document: what it cites (out), what cites it (in), or both')
        .argument('<key-or-symbol>')
        .addOption(
          new Option('--direction <dir>', 'out, in or both').choices(['out', 'in', 'both']).default('out'),
        )
        .option('--depth <n>', 'citation steps, 1 to 6', integerFlag, 1)
        .option('--limit <n>', 'at most this many documents, 1 to 5000', integerFlag, 500),
    async (store, flags, wanted: string) => {
      const chain = await store.citationChain(wanted, {
        direction: flags.direction as Direction,
        depth: flags.depth as number,
        limit: flags.limit as number,
      });
      const labels = new Map(
        chain.nodes.map((n) => [n.node.id, describeDoc({ id: n.node.id, ...n.node.properties })]),
      );
      const arrow = chain.direction === 'in' ? ' ← ' : chain.direction === 'out' ? ' → ' : ' — ';
      return {
        json: chain,
        text: () => [
          `${chain.root}  ${labels.get(chain.root) ?? ''}`,
          ...chain.paths.map(
            (p) =>
              `  ${'  '.repeat(p.nodes.length - 2)}${p.nodes.slice(1).join(arrow)}  ${labels.get(p.nodes.at(-1)!) ?? ''}`,
          ),
          `${chain.nodes.length - 1} documents within ${chain.depth} step(s), ${chain.edges.length} citations` +
            (chain.truncated ? ' (truncated: raise --limit)' : ''),
        ],
      };
    },
  );

  query(
    program,
    'agency',
    (c) =>
      c
        .description('Agency profile: duties by document, roles, crime categories, provinces')
        .argument('<agency-id>', 'e.g. lang-son:cong-an-tinh')
        .option('--limit <n>', 'at most this many documents, 1 to 5000', integerFlag, 50),
    async (store, flags, id: string) => {
      const p = await store.agencyProfile(id, { limit: flags.limit as number });
      return {
        json: p,
        text: () => [
          `${p.agency.id}  ${p.agency.properties.name}`,
          `  ${p.dutyCount} duties in ${p.documentCount} documents · roles ${Object.entries(p.roles)
            .filter(([, n]) => n > 0)
            .map(([r, n]) => `${r} ${n}`)
            .join(', ')}`,
          `  categories: ${p.categories.map((c) => `${c.category} (${c.duties})`).join(', ') || '—'}`,
          `  provinces: ${p.provinces.map((c) => `${c.province} (${c.documents})`).join(', ') || '—'}`,
          ...p.documents.flatMap((d) => [
            `  ${d.document.id}  ${describeDoc(d.document)}`,
            ...d.duties.map((u) => `    [${u.roles.join(', ')}] ${u.path}: ${u.text.slice(0, 100)}`),
          ]),
          ...(p.truncated ? ['  (more documents: raise --limit)'] : []),
        ],
      };
    },
  );

  query(
    program,
    'category',
    (c) =>
      c
        .description('Agencies responsible for a crime category, most duties first')
        .argument('<category-id>', 'e.g. mua-ban-nguoi')
        .option('--limit <n>', 'at most this many agencies, 1 to 5000', integerFlag, 100),
    async (store, flags, id: string) => {
      const r = await store.categoryAgencies(id, { limit: flags.limit as number });
      return {
        json: r,
        text: () => [
          `${r.category}: ${r.dutyCount} duties in ${r.documentCount} documents`,
          ...r.agencies.map(
            (a) =>
              `  ${a.agency.id}  ${a.agency.name}: ${a.duties} duties, ${a.documents} documents (lead ${a.roles.lead}, support ${a.roles.support})`,
          ),
          ...(r.truncated ? ['  (more agencies: raise --limit)'] : []),
        ],
      };
    },
  );

  query(
    program,
    'neighborhood',
    (c) =>
      c
        .description(
          'Nodes and edges around any node (doc:…, agency:…, category:…, province:…, person:…, duty:…)',
        )
        .argument('<node-id>')
        .addOption(
          new Option('--direction <dir>', 'edges followed: out, in or both')
            .choices(['out', 'in', 'both'])
            .default('both'),
        )
        .option('--depth <n>', 'steps, 1 to 4', integerFlag, 1)
        .option('--limit <n>', 'at most this many nodes, 1 to 5000', integerFlag, 100),
    async (store, flags, id: string) => {
      const g = await store.neighborhood(id, {
        direction: flags.direction as Direction,
        depth: flags.depth as number,
        limit: flags.limit as number,
      });
      return {
        json: g,
        text: () => [
          ...g.nodes.map((n) => `${n.id === g.root ? '*' : ' '} ${describeNode(n)}`),
          ...g.edges.map((e) => `  ${e.source} -${e.type}-> ${e.target}`),
          `${g.nodes.length} nodes, ${g.edges.length} edges${g.truncated ? ' (truncated: raise --limit)' : ''}`,
        ],
      };
    },
  );

  query(
    program,
    'stats',
    (c) =>
      c.description('Corpus statistics: documents, stubs, duties, agencies, citations, node and edge counts'),
    async (store) => {
      const s = await store.stats();
      const tally = (t: { value: string; count: number }[]) =>
        t.map((x) => `${x.value} ${x.count}`).join(', ') || '—';
      return {
        json: s,
        text: () => [
          `${s.documents} documents (+${s.stubs} cited only), ${s.duties} duties, ${s.agencies} agencies`,
          `citations: ${s.citations.total} (${s.citations.unresolved} unresolved)`,
          `by province: ${tally(s.byProvince)}`,
          `by type: ${tally(s.byType)}`,
          `by year: ${tally(s.byYear)}`,
          'most cited:',
          ...s.mostCited.map((m) => `  ${m.citedBy}× ${m.document.id}  ${describeDoc(m.document)}`),
          `nodes: ${Object.entries(s.counts.nodes)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
          `edges: ${Object.entries(s.counts.edges)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        ],
      };
    },
  );
}
