/**
 * `dutygraph search` and `dutygraph index rebuild` end to end on the real corpus (embedded store, no model):
 * the index is built next to the graph on first use, answers print as the API's SearchResponse with
 * --json or as a readable answer, and bad input gets one clear line and exit code 1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchResponse } from '../search/schema.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');
const tsx = import.meta.resolve('tsx');
const work = mkdtempSync(path.join(os.tmpdir(), 'dutygraph-cli-search-'));
const dataDir = path.join(work, 'store');

function cli(args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', tsx, path.join(repoRoot, 'cli/main.ts'), ...args, '--data-dir', dataDir],
    {
      cwd: repoRoot,
      // No model directory: search runs lexical + concepts and says so once.
      env: {
        ...process.env,
        NEO4J_URI: '',
        DUTYGRAPH_DATA_DIR: '',
        DUTYGRAPH_MODEL_DIR: path.join(work, 'no-models'),
      },
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.runIf(existsSync(corpusDir))('dutygraph search', () => {
  beforeAll(() => {
    expect(cli(['ingest', corpusDir]).code).toBe(0);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('answers from the index ingest built, in the API shape with --json', () => {
    const first = cli(['search', 'who is responsible for anti-money-laundering?', '--json', '--k', '3']);
    expect(first.code).toBe(0);
    expect(first.stderr.match(/semantic search is off/g)).toHaveLength(1);
    // `ingest` wrote the index with the graph: nothing to rebuild on the first search.
    expect(first.stderr).not.toMatch(/rebuilding/);
    const response = SearchResponse.parse(JSON.parse(first.stdout));
    expect(response).toMatchObject({ semantic: false, language: 'en' });
    expect(response.passages).toHaveLength(3);
    expect(response.agencies[0]?.typeId).toBe('ngan-hang-nha-nuoc-khu-vuc');

    const again = cli(['search', 'rửa tiền', '--json', '--province', 'Lạng Sơn']);
    expect(again.stderr).not.toMatch(/rebuilding/);
    expect(
      SearchResponse.parse(JSON.parse(again.stdout)).passages.every(
        (p) => p.document.province === 'lang-son',
      ),
    ).toBe(true);
  });

  it('prints a readable answer: agencies with roles, then duties with highlights', () => {
    const { code, stdout } = cli(['search', 'Cơ quan nào phụ trách trợ giúp pháp lý?', '--k', '2']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Responsible agencies:$/m);
    expect(stdout).toMatch(/^ 1\. Sở Tư pháp tỉnh Thái Nguyên \(thai-nguyen\) — lead \(chủ trì\)/m);
    expect(stdout).toMatch(/\[\[trợ giúp pháp lý\]\]/);
  });

  it('rebuilds the index on request', () => {
    const { code, stdout } = cli(['index', 'rebuild']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^search index rebuilt: \d+ duty passages from 5 documents/m);
  });

  it('refuses bad input with one line and exit code 1, and explains empty results', () => {
    for (const [args, message] of [
      [['search', '   '], /^dutygraph: invalid search: query: query must not be empty$/m],
      [['search', 'x'.repeat(10_000)], /query is too long/],
      [['search', 'ma túy', '--from', '2026', '--to', '2025'], /"from" must not be after "to"/],
    ] as const) {
      const r = cli([...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const none = cli(['search', 'ma túy', '--province', 'Atlantis']);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/^No results: unknown province "Atlantis"\.$/m);
  });
});
