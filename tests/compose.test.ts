/**
 * docker-compose.yml and Dockerfile cannot run here (no Docker engine), so this test is their
 * validation: it parses both and checks the wiring between them and the application — the env
 * names the app reads, ports, healthchecks, volumes, the image's CMD/EXPOSE and its build context.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiConfigFromEnv } from '../api/config.js';
import { neo4jSettings } from '../graph/open.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

// ---- docker-compose.yml -------------------------------------------------------------------------

const Healthcheck = z.object({
  test: z.array(z.string()).min(2),
  interval: z.string(),
  timeout: z.string(),
  retries: z.number().int().positive(),
  start_period: z.string(),
});
const Service = z.object({
  image: z.string().optional(),
  build: z.object({ context: z.string(), dockerfile: z.string() }).optional(),
  environment: z.record(z.string(), z.string()),
  ports: z.array(z.string()).default([]),
  volumes: z.array(z.string()).default([]),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).default({}),
  healthcheck: Healthcheck,
});
const Compose = z.object({
  services: z.object({ neo4j: Service, dutygraph: Service }).strict(),
  volumes: z.record(z.string(), z.null()),
});
type Compose = z.infer<typeof Compose>;

type Env = Record<string, string | undefined>;

/** Compose's variable interpolation: `$$`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`. */
function interpolate(text: string, env: Env): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g,
    (match, name: string, op: string | undefined, arg: string | undefined) => {
      if (match === '$$') return '$';
      const value = env[name];
      const missing = op?.startsWith(':') ? !value : value === undefined;
      if (missing && op?.endsWith('?'))
        throw new Error(`required variable ${name} is missing a value: ${arg}`);
      if (missing && op?.endsWith('-')) return arg ?? '';
      return value ?? '';
    },
  );
}

function interpolateDeep(value: unknown, env: Env): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, env)]));
  }
  return value;
}

function loadCompose(env: Env): Compose {
  return Compose.parse(interpolateDeep(parse(read('docker-compose.yml')), env));
}

// ---- Dockerfile ---------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

function dockerStages(text: string): Stage[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    lines.push(pending + line);
    pending = '';
  }
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = '', args = ''] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const argsOf = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

/** `.dockerignore` semantics: `*` within a path segment, `**` across them, `!` re-includes, last match wins. */
function dockerIgnored(patterns: string[], file: string): boolean {
  let ignored = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).replace(/^\/+|\/+$/g, '');
    const source = pattern
      .split('**')
      .map((part) => part.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '[^/]*'))
      .join('.*');
    if (new RegExp(`^${source}(/.*)?$`).test(file)) ignored = !negated;
  }
  return ignored;
}

// ---- the tests ----------------------------------------------------------------------------------

const PASSWORD = 'compose pass/word$1';
const API_KEY = 'k'.repeat(32);
const ENV: Env = { NEO4J_PASSWORD: PASSWORD, DUTYGRAPH_API_KEYS: API_KEY };

const dockerfile = dockerStages(read('Dockerfile'));
const runtime = dockerfile.at(-1)!;
const packageJson = JSON.parse(read('package.json')) as { files: string[]; bin: Record<string, string> };

describe('docker-compose.yml', () => {
  const compose = loadCompose(ENV);
  const { neo4j, dutygraph } = compose.services;

  it('refuses to start without NEO4J_PASSWORD, naming it', () => {
    expect(() => loadCompose({})).toThrow(/NEO4J_PASSWORD is missing a value: set NEO4J_PASSWORD/);
    expect(() => loadCompose({ NEO4J_PASSWORD: '' })).toThrow(/NEO4J_PASSWORD/);
  });

  it('runs Neo4j Community 5 with its data on a named volume', () => {
    expect(neo4j.image).toBe('neo4j:5-community');
    expect(neo4j.volumes).toContain('neo4j-data:/data');
    expect(Object.keys(compose.volumes)).toContain('neo4j-data');
    expect(neo4j.environment.NEO4J_AUTH).toBe(`neo4j/${PASSWORD}`);
  });

  it('keeps dutygraph data on a named volume at the image data directory', () => {
    const dataDir = argsOf(runtime, 'ENV')
      .join(' ')
      .match(/DUTYGRAPH_DATA_DIR=(\S+)/)?.[1];
    expect(dataDir).toBeDefined();
    expect(dutygraph.volumes).toContain(`dutygraph-data:${dataDir}`);
    expect(Object.keys(compose.volumes)).toContain('dutygraph-data');
  });

  it('keeps the embedding model on its own named volume at the image model directory', () => {
    const modelDir = argsOf(runtime, 'ENV')
      .join(' ')
      .match(/DUTYGRAPH_MODEL_DIR=(\S+)/)?.[1];
    expect(modelDir).toBeDefined();
    expect(dutygraph.volumes).toContain(`dutygraph-models:${modelDir}`);
    expect(Object.keys(compose.volumes)).toContain('dutygraph-models');
    expect(dutygraph.environment.DUTYGRAPH_MODEL).toBe('intfloat/multilingual-e5-small');
  });

  it('probes Neo4j over Bolt with the password from NEO4J_AUTH', () => {
    const [kind, command = ''] = neo4j.healthcheck.test;
    expect(kind).toBe('CMD-SHELL');
    expect(command).toMatch(/^cypher-shell -a bolt:\/\/localhost:7687 -u neo4j -p "[^"]+" 'RETURN 1'/);
    // Evaluate the -p argument the way the container's shell does.
    const expression = /-p ("[^"]+")/.exec(command)![1]!;
    const shell = spawnSync('sh', ['-c', `printf %s ${expression}`], {
      env: { NEO4J_AUTH: neo4j.environment.NEO4J_AUTH },
      encoding: 'utf8',
    });
    expect(shell.stdout).toBe(PASSWORD);
  });

  it('connects dutygraph to the neo4j service with the same credentials, as the app reads them', () => {
    const settings = neo4jSettings({}, dutygraph.environment);
    const uri = new URL(settings.uri);
    expect(uri.protocol).toBe('bolt:');
    expect(uri.hostname).toBe('neo4j');
    expect(uri.port).toBe('7687');
    const [authUser, ...authPassword] = neo4j.environment.NEO4J_AUTH!.split('/');
    expect(settings.user).toBe(authUser);
    expect(settings.password).toBe(authPassword.join('/'));
    expect(settings.database).toBe('neo4j');
    expect(apiConfigFromEnv(dutygraph.environment).apiKeys).toEqual([API_KEY]);
    const withoutKeys = loadCompose({ NEO4J_PASSWORD: PASSWORD }).services.dutygraph.environment;
    expect(apiConfigFromEnv(withoutKeys).apiKeys).toEqual([]);
  });

  it('starts dutygraph only once Neo4j is healthy, built from the Dockerfile', () => {
    expect(dutygraph.depends_on).toEqual({ neo4j: { condition: 'service_healthy' } });
    expect(dutygraph.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    expect(existsSync(path.join(repoRoot, dutygraph.build!.dockerfile))).toBe(true);
  });

  it('publishes the port the image exposes and serves on', () => {
    expect(dutygraph.ports).toHaveLength(1);
    const [, containerPort] = dutygraph.ports[0]!.split(':');
    const cmd = JSON.parse(argsOf(runtime, 'CMD').at(-1)!) as string[];
    expect(argsOf(runtime, 'EXPOSE').join(' ').split(/\s+/)).toContain(containerPort);
    expect(cmd[cmd.indexOf('--port') + 1]).toBe(containerPort);
    expect(dutygraph.healthcheck.test.join(' ')).toContain(`http://127.0.0.1:${containerPort}/healthz`);
  });

  describe('the dutygraph healthcheck command', () => {
    let server: Server;
    let status = 200;
    let port = 0;

    beforeAll(async () => {
      server = createServer((request, response) => {
        response.statusCode = request.url === '/healthz' ? status : 404;
        response.end();
      });
      await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

    /** Runs the probe exactly as compose would, pointed at a local port instead of 8080. */
    function probe(targetPort: number): Promise<number | null> {
      const [kind, executable, ...args] = dutygraph.healthcheck.test;
      expect(kind).toBe('CMD');
      expect(executable).toBe('node');
      const local = args.map((arg) => arg.replace('127.0.0.1:8080', `127.0.0.1:${targetPort}`));
      return new Promise((done) => spawn(process.execPath, local, { stdio: 'ignore' }).on('exit', done));
    }

    it('passes on 200, fails on an error status or when nothing listens', async () => {
      status = 200;
      expect(await probe(port)).toBe(0);
      status = 503;
      expect(await probe(port)).toBe(1);
      const closed = createServer();
      await new Promise<void>((listening) => closed.listen(0, '127.0.0.1', listening));
      const freePort = (closed.address() as AddressInfo).port;
      await new Promise<void>((done) => closed.close(() => done()));
      expect(await probe(freePort)).toBe(1);
    });
  });
});

describe('Dockerfile', () => {
  const builder = dockerfile.find((stage) =>
    argsOf(runtime, 'COPY').some((a) => a.startsWith(`--from=${stage.name} `)),
  );

  it('builds on node:20-slim in separate build and runtime stages', () => {
    expect(dockerfile.length).toBeGreaterThanOrEqual(2);
    for (const stage of dockerfile) expect(stage.image).toBe('node:20-slim');
    expect(builder).toBeDefined();
    expect(builder).not.toBe(runtime);
  });

  it('installs with npm ci (whose prepare builds) and ships production dependencies only', () => {
    const run = argsOf(builder!, 'RUN').join('\n');
    expect(run).toMatch(/\bnpm ci\b/);
    expect(run).toMatch(/\bnpm prune --omit=dev\b/);
    expect(argsOf(builder!, 'COPY')).toContain('. .');
  });

  it('points node-gyp at the headers of the Node it runs, wherever it is installed', () => {
    // No fixed path in .npmrc: the image, CI and developers derive it from the running Node.
    expect(read('.npmrc')).not.toMatch(/^nodedir=/m);
    expect(argsOf(builder!, 'RUN').join('\n')).toMatch(
      /npm_config_nodedir="\$\(node tools\/nodedir\.mjs\)" npm ci\b/,
    );
    expect(read('.ci/run')).toMatch(/npm_config_nodedir="\$\(node tools\/nodedir\.mjs\)"/);
    const prefix = execFileSync(process.execPath, [path.join(repoRoot, 'tools/nodedir.mjs')], {
      encoding: 'utf8',
    }).trim();
    expect(prefix).toBe(path.resolve(process.execPath, '../..'));
    expect(statSync(path.join(prefix, 'include/node/node.h')).isFile()).toBe(true);
  });

  it('copies everything the package ships into the runtime stage', () => {
    const copied = argsOf(runtime, 'COPY')
      .filter((args) => args.startsWith(`--from=${builder!.name} `))
      .map((args) => args.split(/\s+/)[1]!.replace(/^\/src\//, ''));
    for (const entry of [...packageJson.files, 'package.json', 'node_modules']) {
      expect(copied, `runtime stage lacks ${entry}`).toContain(entry);
    }
  });

  it('runs as a non-root user: npx dutygraph serve on all interfaces', () => {
    const user = argsOf(runtime, 'USER').at(-1);
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(JSON.parse(argsOf(runtime, 'CMD').at(-1)!)).toEqual([
      'npx',
      'dutygraph',
      'serve',
      '--host',
      '0.0.0.0',
      '--port',
      '8080',
    ]);
  });

  it('puts the package bin on PATH and starts outside the package directory', () => {
    const bin = packageJson.bin.dutygraph!;
    expect(argsOf(runtime, 'RUN').join('\n')).toContain(`ln -s /app/${bin} /usr/local/bin/dutygraph`);
    expect(statSync(path.join(repoRoot, bin)).mode & 0o111).not.toBe(0);
    // From /app, npx would install the package into its cache instead of running the bin.
    expect(argsOf(runtime, 'WORKDIR').at(-1)).not.toBe('/app');
  });
});

describe('.dockerignore', () => {
  const patterns = read('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('keeps local build output, dependencies and data out of the build context', () => {
    for (const file of ['node_modules', 'dist', 'web/dist', '.git', '.data', 'tools/neo4j/target', 'x.log']) {
      expect(dockerIgnored(patterns, file), file).toBe(true);
    }
  });

  it('keeps every input of `npm ci` and the build in the context', () => {
    const build = JSON.parse(read('tsconfig.build.json')) as { include: string[] };
    const needed = [
      'package.json',
      'package-lock.json',
      '.npmrc',
      'tsconfig.json',
      'tsconfig.build.json',
      'web/index.html',
      'web/src',
      ...build.include,
      ...packageJson.files.filter((entry) => !entry.endsWith('dist')),
    ];
    for (const file of needed) {
      expect(existsSync(path.join(repoRoot, file)), `${file} exists`).toBe(true);
      expect(dockerIgnored(patterns, file), file).toBe(false);
    }
  });
});
