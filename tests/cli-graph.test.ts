/**
 * The graph commands end to end on the real corpus (embedded store): ingest is idempotent, queries
 * print JSON in the API's shapes, export writes whole files, bad input gets one clear line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgencyProfile, CitationChain, CorpusStats, DocumentSummary, Subgraph } from '../graph/schema.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');
const tsx = import.meta.resolve('tsx');
const work = mkdtempSync(path.join(os.tmpdir(), 'dutygraph-cli-graph-'));
const dataDir = path.join(work, 'store');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, ['--import', tsx, path.join(repoRoot, 'cli/main.ts'), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NEO4J_URI: '', DUTYGRAPH_DATA_DIR: '', ...options.env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const json = (args: string[]) => {
  const r = cli([...args, '--json', '--data-dir', dataDir]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as unknown;
};

describe('dutygraph graph commands', () => {
  it('ingests the corpus once; a second run changes nothing', () => {
    const first = cli(['ingest', corpusDir, '--data-dir', dataDir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^embedded store .*: 5 added, 0 updated, 0 unchanged, 0 replaced, 0 failed$/m,
    );
    const again = json(['ingest', corpusDir]) as {
      added: number;
      unchanged: number;
      documents: { status: string }[];
    };
    expect(again).toMatchObject({ added: 0, unchanged: 5 });
  });

  it('answers document, citation, agency, category, neighborhood and stats queries', () => {
    const stats = CorpusStats.parse(json(['stats']));
    expect(stats.documents).toBe(5);
    const strategy = stats.mostCited[0]!.document;
    expect(strategy).toMatchObject({ key: 'vn:623-qd-ttg:2016', stub: true });

    const [doc] = DocumentSummary.array().parse(json(['doc', '623/qd-ttg']));
    expect(doc?.key).toBe(strategy.key);
    const chain = CitationChain.parse(json(['cites', '623/QĐ-TTg', '--direction', 'in', '--depth', '2']));
    expect(chain.nodes.length).toBe(stats.mostCited[0]!.citedBy + 1);
    expect(chain.paths.every((p) => p.nodes[0] === chain.root)).toBe(true);

    const agencies = json([
      'neighborhood',
      `doc:${chain.nodes[1]!.node.properties.key}`,
      '--depth',
      '2',
      '--limit',
      '20',
    ]);
    const around = Subgraph.parse(agencies);
    expect(around.nodes.length).toBeLessThanOrEqual(20);
    const agency = around.nodes.find((n) => n.label === 'Agency');
    expect(agency).toBeDefined();
    const profile = AgencyProfile.parse(json(['agency', agency!.properties.key]));
    expect(profile.agency.id).toBe(agency!.id);

    // Only the documents citing the strategy, with --direction in: none of its own links.
    const citers = Subgraph.parse(json(['neighborhood', strategy.id, '--direction', 'in']));
    expect(citers.direction).toBe('in');
    expect(citers.edges).toHaveLength(stats.mostCited[0]!.citedBy);
    expect(citers.edges.every((e) => e.target === strategy.id && e.type === 'CITES')).toBe(true);

    const category = around.nodes.find((n) => n.label === 'CrimeCategory');
    expect(category).toBeDefined();
    const byCategory = json(['category', category!.properties.key]) as { agencies: unknown[] };
    expect(byCategory.agencies.length).toBeGreaterThan(0);

    // `dutygraph doc` says the status, with what decided it.
    const shown = cli(['doc', '623/QĐ-TTg', '--data-dir', dataDir]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(
      /^ {2}status: (in force|expired|replaced|in force, amended|unknown) \(as of \d{4}-\d{2}-\d{2}\)$/m,
    );

    const text = cli(['cites', strategy.key, '--direction', 'in', '--data-dir', dataDir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('doc:vn:623-qd-ttg:2016');
  }, 240_000); // many CLI processes, each a Node start-up: minutes on a busy 2-core machine

  it('exports JSON, GraphML and Cypher to files', () => {
    const stats = CorpusStats.parse(json(['stats']));
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    for (const format of ['json', 'graphml', 'cypher']) {
      const out = path.join(work, `graph.${format}`);
      const r = cli(['export', '--format', format, '--out', out, '--data-dir', dataDir]);
      expect(r.code).toBe(0);
      expect(existsSync(`${out}.partial`)).toBe(false);
      const content = readFileSync(out, 'utf8');
      if (format === 'json') {
        const graph = JSON.parse(content) as { nodes: unknown[]; edges: unknown[] };
        expect(graph.nodes.length).toBe(total(stats.counts.nodes));
        expect(graph.edges.length).toBe(total(stats.counts.edges));
      } else if (format === 'graphml') {
        expect(content.match(/<node /g)?.length).toBe(total(stats.counts.nodes));
        expect(content.match(/<edge /g)?.length).toBe(total(stats.counts.edges));
      } else {
        expect(content).toContain('MERGE (n:Document {id: row.id})');
      }
    }
    const bad = cli([
      'export',
      '--format',
      'json',
      '--out',
      path.join(work, 'missing-dir', 'x.json'),
      '--data-dir',
      dataDir,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^dutygraph: cannot write .*missing-dir\/x\.json: ENOENT/);
  });

  it('rejects bad input with one clear line and no stack trace', () => {
    const cases: [string[], RegExp][] = [
      [
        ['cites', 'vn:623-qd-ttg:2016', '--depth', '9'],
        /^dutygraph: depth must be an integer from 1 to 6, got 9$/,
      ],
      [['cites', 'vn:623-qd-ttg:2016', '--depth', 'two'], /argument 'two' is invalid/],
      [['cites', 'vn:623-qd-ttg:2016', '--direction', 'up'], /argument 'up' is invalid/],
      [['doc', 'vn:khong-co:1999'], /^dutygraph: no document with key or symbol "vn:khong-co:1999"$/],
      [['neighborhood', 'lang-son'], /^dutygraph: node id "lang-son" must start with one of/],
      [
        ['neighborhood', 'province:lang-son', '--limit', '0'],
        /^dutygraph: limit must be an integer from 1 to 5000, got 0$/,
      ],
      [['agency', 'lang-son:khong-co'], /^dutygraph: no agency "lang-son:khong-co"$/],
      [['remove', 'vn:623-qd-ttg:2016'], /only cited, not ingested/],
      [
        ['ingest', path.join(work, 'no-such-file.txt')],
        /^dutygraph: none of the 1 input files could be ingested$/m,
      ],
    ];
    for (const [args, message] of cases) {
      const r = cli([...args, '--data-dir', dataDir]);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim(), args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
    const unreachable = cli(['stats'], {
      env: { NEO4J_URI: 'bolt://127.0.0.1:9', NEO4J_PASSWORD: 'whatever1' },
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/^dutygraph: cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:9: /);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    const noPassword = cli(['stats', '--store', 'neo4j'], {
      env: { NEO4J_URI: 'bolt://127.0.0.1:9', NEO4J_PASSWORD: '' },
    });
    expect(noPassword.stderr.trim()).toBe(
      'dutygraph: no password for Neo4j at bolt://127.0.0.1:9: set NEO4J_PASSWORD',
    );
  }, 240_000); // many CLI processes, each a Node start-up: minutes on a busy 2-core machine

  it('uses DUTYGRAPH_DATA_DIR, else .data in the working directory', () => {
    const viaEnv = cli(['stats', '--json'], { env: { DUTYGRAPH_DATA_DIR: dataDir } });
    expect((JSON.parse(viaEnv.stdout) as { documents: number }).documents).toBe(5);
    const cwd = mkdtempSync(path.join(work, 'cwd-'));
    expect(cli(['stats'], { cwd }).code).toBe(0);
    expect(existsSync(path.join(cwd, '.data', 'graph.sqlite'))).toBe(true);
  });

  it('removes a document; what only it cited goes with it', () => {
    const removed = json(['remove', '1482/UBND-NC']) as {
      key: string;
      keptAsStub: boolean;
      removedStubs: string[];
    };
    expect(removed.key).toBe('thai-nguyen:1482-ubnd-nc:2025');
    expect(removed.removedStubs.length).toBeGreaterThan(0);
    const stats = CorpusStats.parse(json(['stats']));
    expect(stats.documents).toBe(4);
    const again = cli(['ingest', corpusDir, '--data-dir', dataDir]);
    expect(again.stdout).toMatch(/1 added, 0 updated, 4 unchanged/);
  });
});
