/**
 * `dutygraph extract` end to end: a mix of good and bad inputs gives one clear line per bad file, the
 * good files are still extracted, the exit code is non-zero with a summary, and no stack trace leaks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Bundle } from '../ingest/schema.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const samples = path.join(repoRoot, 'samples');

function run(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dutygraph extract', () => {
  it('extracts the sample documents into one valid JSON bundle', () => {
    const { code, stdout } = run(['extract', samples, '--json']);
    expect(code).toBe(0);
    const bundle = Bundle.parse(JSON.parse(stdout));
    const files = readdirSync(samples).filter((f) => !/readme/i.test(f));
    expect(bundle.documents).toHaveLength(files.length);
    expect(bundle.errors).toEqual([]);
    const plan = bundle.documents.find((d) => d.symbol === '9903/KH-UBND');
    expect(plan?.province).toBe('lang-son');
    expect(plan?.duties.some((d) => d.agencies.some((a) => a.id === 'vn:ngan-hang-nha-nuoc-khu-vuc-5'))).toBe(
      true,
    );
  });

  it('reports each bad file by name and reason, keeps the good ones, exits 1, prints no stack trace', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dutygraph-cli-'));
    const bad = {
      'empty.txt': '',
      'binary.txt': Buffer.from([0, 1, 2, 3, 0, 255, 0, 7, 0, 0]),
      'latin1.txt': Buffer.from('Ph\xf2ng ch\xf4ng t\xf4i ph\xe1m', 'latin1'),
      'english.txt': 'This memo is written in English and has nothing to extract from it at all, sadly.',
      'broken.docx': Buffer.from('PK\u0003\u0004 not really a zip archive'),
      'broken.pdf': Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog'),
      'notes.xlsx': 'x',
    };
    for (const [name, content] of Object.entries(bad)) writeFileSync(path.join(dir, name), content);
    const good = path.join(samples, '03-lang-son-kh-9903-rua-tien.md');

    const { code, stdout, stderr } = run([
      'extract',
      good,
      ...Object.keys(bad).map((n) => path.join(dir, n)),
      path.join(dir, 'missing.md'),
    ]);

    expect(code).toBe(1);
    expect(stdout).toContain('9903/KH-UBND');
    expect(stdout).toMatch(/1 documents extracted, 8 failed/);
    for (const name of [...Object.keys(bad), 'missing.md']) expect(stdout).toContain(name);
    expect(stdout).toMatch(/empty\.txt: .*empty/);
    expect(stdout).toMatch(/latin1\.txt: .*UTF-8/);
    expect(stdout).toMatch(/english\.txt: .*Vietnamese/);
    expect(stderr).toMatch(/8 of 9 files failed/);
    expect(`${stdout}\n${stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});

describe('partialDate', () => {
  it('keeps only the precision that is true', async () => {
    const { partialDate } = await import('../ingest/extract/dates.js');
    expect(partialDate('2025', '8', '29')).toBe('2025-08-29');
    expect(partialDate('2026', '6')).toBe('2026-06');
    expect(partialDate('2026', '...', '')).toBe('2026');
    expect(partialDate('2026', '13', '45')).toBe('2026');
    expect(partialDate('2025', '2', '29')).toBe('2025-02');
    expect(partialDate('2024', '2', '29')).toBe('2024-02-29');
    expect(partialDate(undefined, '1', '1')).toBeNull();
  });
});
