/**
 * Implementation across provinces on the samples written for it (a national drug programme 9911/QĐ-TTg with
 * Điều 2 duties, plans of Cao Bằng, Nghệ An and Kon Tum — merged into Quảng Ngãi — implementing it, a Đà Nẵng
 * công văn citing it only): coverage and cascade exact on both stores, the API, the CLI and the tile data; on
 * the development corpus, the provinces citing 623/QĐ-TTg.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tiles from '../data/province-tiles.json' with { type: 'json' };
import { Coverage, documentCoverage, lag } from '../graph/coverage.js';
import { openStore } from '../graph/open.js';
import { NotFoundError, type GraphStore } from '../graph/port.js';
import { provinceDetail, provinceOverview } from '../graph/provinces.js';
import { extractFiles } from '../ingest/pipeline.js';
import { allProvinces } from '../ingest/taxonomy/provinces.js';
import { VietnameseAnalyzer } from '../search/analyzer.js';
import { Cascade, documentCascade } from '../search/cascade.js';
import { ConceptLexicon } from '../search/concepts.js';
import { json, startTestApi, type TestApi } from './support/api-app.js';
import { connectNeo4j, neo4jSuiteEnabled, type Neo4jLease } from './support/neo4j.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const SAMPLES = path.join(repoRoot, 'samples');
const CORPUS = path.resolve(repoRoot, '../shared/corpus');
const PROGRAMME = '9911/QĐ-TTg';
const analyzer = new VietnameseAnalyzer(ConceptLexicon.load().analyzerLexicon);

async function ingestInto(store: GraphStore, paths: string[]): Promise<void> {
  const { bundle } = await extractFiles(paths);
  expect(bundle.errors).toEqual([]);
  for (const doc of bundle.documents) await store.ingest(doc, bundle.agencies);
}

const levels = (c: Coverage) =>
  Object.fromEntries(c.provinces.filter((p) => p.level !== 'none').map((p) => [p.slug, p.level]));

describe('coverage on the embedded store', () => {
  let dir: string;
  let store: GraphStore;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dutygraph-coverage-'));
    store = await openStore({ store: 'embedded', dataDir: dir });
    await ingestInto(store, [SAMPLES]);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the three implementing provinces, the one citing only, and the 30 with none', async () => {
    const c = Coverage.parse(await documentCoverage(store, PROGRAMME));
    expect(c.document.key).toBe('vn:9911-qd-ttg:2025');
    expect(levels(c)).toEqual({
      'cao-bang': 'implemented',
      'nghe-an': 'implemented',
      'quang-ngai': 'implemented',
      'da-nang': 'cited',
    });
    expect(c.provinces).toHaveLength(34);
    expect(c.totals).toEqual({ provinces: 34, implemented: 3, cited: 1, none: 30, documents: 4 });
    expect(c.explanation).toBeNull();
    const doc = (slug: string) => c.provinces.find((p) => p.slug === slug)!.documents;
    expect(doc('cao-bang')).toMatchObject([
      { symbol: '9912/KH-UBND', relations: ['implements'], via: [], lagDays: 49, lagMonths: 2 },
    ]);
    expect(doc('nghe-an')).toMatchObject([{ symbol: '9913/KH-UBND', relations: ['basis'], lagDays: 228 }]);
    expect(doc('da-nang')).toMatchObject([
      { symbol: '9915/UBND-NC', level: 'cited', relations: ['according_to'], lagDays: 255 },
    ]);
    // Kon Tum was merged into Quảng Ngãi on 1/7/2025: counted there, its own name kept.
    const quangNgai = c.provinces.find((p) => p.slug === 'quang-ngai')!;
    expect(quangNgai.formerNames).toEqual(['Kon Tum']);
    expect(quangNgai.documents).toMatchObject([
      {
        symbol: '9914/KH-UBND',
        province: 'kon-tum',
        provinceName: 'Kon Tum',
        formerProvince: true,
        lagDays: 85,
      },
    ]);
    expect(doc('cao-bang')[0]!.leadAgencies.map((a) => a.name)).toEqual([
      'Công an tỉnh Cao Bằng',
      'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Cao Bằng',
      'Sở Y tế tỉnh Cao Bằng',
      'Sở Giáo dục và Đào tạo tỉnh Cao Bằng',
    ]);
  });

  it('follows implementing chains: a plan implementing a ministry plan implements the programme', async () => {
    const c = await documentCoverage(store, '9901/QĐ-TTg');
    expect(levels(c)).toEqual({
      'lang-son': 'implemented',
      'lam-dong': 'implemented',
      'quang-ninh': 'cited',
    });
    const langSon = c.provinces.find((p) => p.slug === 'lang-son')!.documents;
    // 9907 replaces 9903: the coverage says so.
    expect(langSon.find((d) => d.symbol === '9903/KH-UBND')?.status).toBe('replaced');
    // 9906 cites 9901 only in a footnote, but implements 9903, which implements 9901.
    expect(langSon.find((d) => d.symbol === '9906/UBND-NC')).toMatchObject({
      level: 'implemented',
      relations: ['footnote'],
      via: [{ key: 'lang-son:9903-kh-ubnd:2026', symbol: '9903/KH-UBND' }],
    });
    expect(c.national.map((d) => d.symbol)).toEqual(['9902/KH-BCA', '9908/KH-BCA']);
    expect(c.provinces.find((p) => p.slug === 'lam-dong')!.formerNames).toEqual(['Bình Thuận']);
  });

  it('explains an empty map, answers for a cited-only document, refuses an unknown one', async () => {
    const law = await documentCoverage(store, 'vn:luat-to-chuc-chinh-phu:2015');
    expect(law.totals).toMatchObject({ implemented: 0, cited: 0, none: 34 });
    expect(law.national.map((d) => d.symbol)).toEqual(['9901/QĐ-TTg', '9911/QĐ-TTg']);
    expect(law.explanation).toMatch(/No provincial document in this library cites .*2 national/);
    const strategy = await documentCoverage(store, '623/QĐ-TTg');
    expect(strategy.document.stub).toBe(true);
    expect(levels(strategy)).toMatchObject({ 'lang-son': 'implemented' });
    await expect(documentCoverage(store, 'no-such/QĐ-TTg')).rejects.toThrow(NotFoundError);
  });

  it('cascades each national duty to the provincial counterpart agencies, with evidence', async () => {
    const c = Cascade.parse(await documentCascade(store, PROGRAMME, { analyzer }));
    expect(c.semantic).toBe(false);
    expect(c.explanation).toBeNull();
    const reached = (leadType: string) => {
      const duty = c.duties.find((d) =>
        d.duty.agencies.some((a) => a.typeId === leadType && a.role !== 'support'),
      )!;
      return duty.provinces.flatMap((p) =>
        p.agencyTypes.flatMap((t) => t.matches.map((m) => `${p.slug} ${m.agency.typeId} ${m.agency.role}`)),
      );
    };
    // Đà Nẵng only cites the programme ("Theo …"), but its one duty carries the Ministry's part of it.
    expect(reached('bo-cong-an')).toEqual([
      'cao-bang cong-an-tinh lead',
      'da-nang cong-an-tinh assigned',
      'nghe-an cong-an-tinh lead',
      'quang-ngai cong-an-tinh lead',
    ]);
    expect(reached('bo-quoc-phong')).toEqual([
      'cao-bang bo-chi-huy-bo-doi-bien-phong-tinh lead',
      'nghe-an bo-chi-huy-bo-doi-bien-phong-tinh lead',
      'quang-ngai bo-chi-huy-bo-doi-bien-phong-tinh lead',
    ]);
    expect(reached('bo-y-te')).toEqual(['cao-bang so-y-te lead', 'nghe-an so-y-te lead']);
    expect(reached('bo-giao-duc-va-dao-tao')).toEqual([
      'cao-bang so-giao-duc-va-dao-tao lead',
      'quang-ngai so-giao-duc-va-dao-tao lead',
    ]);
    const health = c.duties.find((d) => d.duty.agencies.some((a) => a.typeId === 'bo-y-te'))!;
    const match = health.provinces[0]!.agencyTypes[0]!.matches[0]!;
    expect(match.evidence.counterpart).toBe(true);
    expect(match.evidence.categories).toContain('drugs');
    expect(match.evidence.terms.join(' ')).toMatch(/Methadone/);
    expect(match.score).toBeGreaterThan(0.6);
    expect(c.duties.flatMap((d) => d.provinces.map((p) => p.slug))).toContain('da-nang');

    const stub = await documentCascade(store, '623/QĐ-TTg', { analyzer });
    expect(stub.duties).toEqual([]);
    expect(stub.explanation).toMatch(/only cited here/);
  });

  it('counts documents and assignments per current province, on a category or all', async () => {
    const all = await provinceOverview(store);
    expect(all.provinces).toHaveLength(34);
    const byslug = new Map(all.provinces.map((p) => [p.slug, p]));
    expect(byslug.get('lang-son')).toMatchObject({ documents: 3 });
    expect(byslug.get('lam-dong')).toMatchObject({ documents: 1, formerNames: ['Bình Thuận', 'Đắk Nông'] });
    const drugs = new Map(
      (await provinceOverview(store, { category: 'drugs' })).provinces.map((p) => [p.slug, p]),
    );
    expect(drugs.get('cao-bang')!.assignments).toBeGreaterThan(0);
    expect(drugs.get('quang-ninh')!.assignments).toBe(0);
    expect(drugs.get('cao-bang')!.assignments).toBeLessThanOrEqual(byslug.get('cao-bang')!.assignments);
    await expect(provinceOverview(store, { category: 'no-such-category' })).rejects.toThrow(NotFoundError);

    const detail = await provinceDetail(store, 'kon-tum');
    expect(detail.province).toMatchObject({ slug: 'quang-ngai', formerNames: ['Kon Tum'] });
    expect(detail.documents.map((d) => d.symbol)).toEqual(['9914/KH-UBND']);
    expect(detail.agencies.map((a) => a.province)).toContain('kon-tum');
    await expect(provinceDetail(store, 'atlantis')).rejects.toThrow(NotFoundError);
  });
});

describe.runIf(neo4jSuiteEnabled('coverage/neo4j'))('coverage on Neo4j', () => {
  let lease: Neo4jLease;
  let neo: GraphStore;
  let embeddedDir: string;
  let embedded: GraphStore;

  beforeAll(async () => {
    lease = await connectNeo4j();
    neo = await openStore({
      store: 'neo4j',
      neo4jUri: lease.uri,
      neo4jUser: lease.user,
      neo4jPassword: lease.password,
    });
    embeddedDir = mkdtempSync(path.join(os.tmpdir(), 'dutygraph-coverage-'));
    embedded = await openStore({ store: 'embedded', dataDir: embeddedDir });
    for (const store of [neo, embedded]) await ingestInto(store, [SAMPLES]);
  });
  afterAll(async () => {
    await neo?.close();
    await embedded?.close();
    await lease?.release();
    rmSync(embeddedDir, { recursive: true, force: true });
  });

  it('gives the same coverage and cascade as the embedded store', async () => {
    for (const wanted of [PROGRAMME, '9901/QĐ-TTg', '623/QĐ-TTg']) {
      expect(await documentCoverage(neo, wanted)).toEqual(await documentCoverage(embedded, wanted));
    }
    expect(await documentCascade(neo, PROGRAMME, { analyzer })).toEqual(
      await documentCascade(embedded, PROGRAMME, { analyzer }),
    );
  });
});

describe.runIf(existsSync(CORPUS))('coverage on the development corpus', () => {
  it('shows the provinces whose documents cite 623/QĐ-TTg, as the gold annotations list them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dutygraph-coverage-'));
    const store = await openStore({ store: 'embedded', dataDir: dir });
    try {
      await ingestInto(store, [CORPUS]);
      // Provinces of the gold documents with a numbered citation of 623/QĐ-TTg.
      const gold = readdirSync(path.join(repoRoot, 'tests/gold')).filter((f) => f.endsWith('.json'));
      const expected = new Set<string>();
      for (const file of gold) {
        const g = JSON.parse(readFileSync(path.join(repoRoot, 'tests/gold', file), 'utf8')) as {
          header?: { province?: string | null };
          province?: string | null;
          citations?: Array<{ symbol?: string | null; resolvesTo?: string }>;
        };
        const province = g.header?.province ?? g.province;
        if (province && g.citations?.some((c) => (c.symbol ?? c.resolvesTo) === '623/QĐ-TTg'))
          expected.add(province);
      }
      expect(expected.size).toBeGreaterThan(0);
      const c = await documentCoverage(store, '623/QĐ-TTg');
      expect(new Set(c.provinces.filter((p) => p.level !== 'none').map((p) => p.slug))).toEqual(expected);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('coverage API and CLI', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });
  const get = (url: string) => api.app.inject({ url });

  it('serves coverage, cascade and the province overview; unknown ids are 404 problem+json', async () => {
    const id = encodeURIComponent(PROGRAMME);
    const coverage = Coverage.parse(json(await get(`/api/documents/${id}/coverage`)));
    expect(levels(coverage)).toMatchObject({ 'cao-bang': 'implemented', 'da-nang': 'cited' });
    const cascade = Cascade.parse(json(await get(`/api/documents/${id}/cascade`)));
    expect(cascade.duties.length).toBe(5);
    const overview = json(await get('/api/provinces?category=drugs')) as { provinces: unknown[] };
    expect(overview.provinces).toHaveLength(34);
    expect(json(await get('/api/provinces/kon-tum'))).toMatchObject({ province: { slug: 'quang-ngai' } });
    for (const url of [
      '/api/documents/no-such-doc/coverage',
      '/api/documents/no-such-doc/cascade',
      '/api/documents/no-such-doc/coverage.csv',
      '/api/provinces/atlantis',
      '/api/provinces?category=no-such-category',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await get('/api/provinces/Not A Slug')).statusCode).toBe(400);
  });

  it('exports the coverage table as CSV with a BOM that round-trips Vietnamese', async () => {
    const response = await get(`/api/documents/${encodeURIComponent(PROGRAMME)}/coverage.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = response.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'province,province_en,coverage,former_province,symbol,type,issued_at,title,status,relations,via,lead_agencies,lag_days',
    );
    expect(lines).toHaveLength(1 + 34);
    expect(lines.find((l) => l.startsWith('Quảng Ngãi,'))).toMatch(
      /^Quảng Ngãi,Quang Ngai,implemented,Kon Tum,9914\/KH-UBND,Kế hoạch,2025-04-15,.*,(in_force|expired|unknown),implements,,Công an tỉnh Kon Tum;.*,85$/,
    );
  });

  it('prints coverage and cascade on the command line; an unknown document is one line, exit 1', () => {
    const cli = ['--import', import.meta.resolve('tsx'), path.join(repoRoot, 'cli/main.ts')];
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [...cli, ...args, '--data-dir', api.dataDir], { encoding: 'utf8' });
    const text = run('coverage', PROGRAMME);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('3 provinces implement it, 1 only cite it, 30 of 34 have neither');
    expect(text.stdout).toContain('Quảng Ngãi (incl. former Kon Tum): implemented');
    const cascade = run('coverage', PROGRAMME, '--cascade');
    expect(cascade.stdout).toMatch(/→ Cao Bằng: Sở Y tế tỉnh Cao Bằng \(lead\) 9912\/KH-UBND/);
    const csv = execFileSync(process.execPath, [
      ...cli,
      'coverage',
      PROGRAMME,
      '--csv',
      '--data-dir',
      api.dataDir,
    ]);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const missing = run('coverage', 'no-such-doc');
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('dutygraph: no document with key or symbol "no-such-doc"');
  });
});

describe('tile map data and lag', () => {
  it('places each of the 34 current provinces on its own tile inside the grid', () => {
    const current = allProvinces()
      .filter((p) => p.current)
      .map((p) => p.slug)
      .sort();
    expect(tiles.tiles.map((t) => t.slug).sort()).toEqual(current);
    expect(new Set(tiles.tiles.map((t) => `${t.row},${t.col}`)).size).toBe(34);
    for (const t of tiles.tiles) {
      expect(t.row).toBeGreaterThanOrEqual(0);
      expect(t.row).toBeLessThan(tiles.rows);
      expect(t.col).toBeGreaterThanOrEqual(0);
      expect(t.col).toBeLessThan(tiles.columns);
    }
  });

  it('measures lag in days only between full dates, in months at month precision', () => {
    expect(lag('2025-01-20', '2025-03-10')).toEqual({ lagDays: 49, lagMonths: 2 });
    expect(lag('2025-01', '2025-03-10')).toEqual({ lagDays: null, lagMonths: 2 });
    expect(lag('2025', '2025-03-10')).toEqual({ lagDays: null, lagMonths: null });
    expect(lag(null, '2025-03-10')).toEqual({ lagDays: null, lagMonths: null });
  });
});
