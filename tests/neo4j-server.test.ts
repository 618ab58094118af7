import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  NEO4J_JAR,
  connectNeo4j,
  ensureNeo4jJar,
  neo4jSuiteEnabled,
  startNeo4j,
  type Neo4jConnection,
  type Neo4jHandle,
} from './support/neo4j.js';

const PASSWORD = 'dutygraph-test-password';

function driverFor(connection: Neo4jConnection, password = connection.password): Driver {
  return neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, password));
}

async function countDocuments(connection: Neo4jConnection, run: string): Promise<number> {
  const driver = driverFor(connection);
  try {
    const { records } = await driver.executeQuery(
      'MATCH (d:ServerTestDocument {run: $run}) RETURN count(d) AS n',
      { run },
      { routing: 'READ' },
    );
    return records[0]!.get('n').toNumber();
  } finally {
    await driver.close();
  }
}

describe.runIf(neo4jSuiteEnabled('neo4j-server'))('embedded Neo4j server', () => {
  let server: Neo4jHandle;
  const run = `run-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    server = await startNeo4j({ password: PASSWORD });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('listens on loopback only, as user neo4j', () => {
    expect(server.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    expect(server.user).toBe('neo4j');
    expect(server.password).toBe(PASSWORD);
  });

  it('writes and reads through neo4j-driver', async () => {
    const driver = driverFor(server);
    try {
      await driver.executeQuery(
        'CREATE (:ServerTestDocument {run: $run, symbol: $symbol})-[:ASSIGNS]->(:ServerTestAgency {run: $run, name: $name})',
        { run, symbol: '89/KH-UBND', name: 'Công an tỉnh' },
      );
      const { records } = await driver.executeQuery(
        'MATCH (d:ServerTestDocument {run: $run})-[:ASSIGNS]->(a) RETURN d.symbol AS symbol, a.name AS name',
        { run },
        { routing: 'READ' },
      );
      expect(records.map((r) => [r.get('symbol'), r.get('name')])).toEqual([['89/KH-UBND', 'Công an tỉnh']]);
    } finally {
      await driver.close();
    }
  });

  it('rejects a wrong password with an authentication error', async () => {
    const driver = driverFor(server, 'not-the-password');
    try {
      await expect(driver.executeQuery('RETURN 1')).rejects.toMatchObject({
        code: 'Neo.ClientError.Security.Unauthorized',
      });
    } finally {
      await driver.close();
    }
  });

  it(
    'keeps committed data across a SIGKILL and a restart on the same home',
    { timeout: 180_000 },
    async () => {
      const crashRun = `${run}-crash`;
      const driver = driverFor(server);
      try {
        await driver.executeQuery('CREATE (:ServerTestDocument {run: $run})', { run: crashRun });
      } finally {
        await driver.close();
      }
      server.kill();
      const restarted = await startNeo4j({ home: server.home, password: PASSWORD });
      try {
        expect(await countDocuments(restarted, crashRun)).toBe(1);
      } finally {
        await restarted.stop();
      }
      // The restart did not own the home, so it is still there until its owner stops.
      expect(existsSync(server.home)).toBe(true);
      await server.stop();
      expect(existsSync(server.home)).toBe(false);
      // A plain session (no managed-transaction retries) shows the server is really gone.
      const gone = driverFor(restarted);
      const session = gone.session();
      try {
        await expect(session.run('RETURN 1')).rejects.toMatchObject({ code: 'ServiceUnavailable' });
      } finally {
        await session.close();
        await gone.close();
      }
    },
  );

  it.runIf(Boolean(inject('neo4j')))('hands out the run-wide server from the global setup', async () => {
    const lease = await connectNeo4j();
    try {
      expect(lease).toMatchObject(inject('neo4j')!);
      const driver = driverFor(lease);
      try {
        const { records } = await driver.executeQuery('RETURN 1 AS one');
        expect(records[0]!.get('one').toNumber()).toBe(1);
      } finally {
        await driver.close();
      }
    } finally {
      await lease.release();
    }
  });
});

describe.runIf(neo4jSuiteEnabled('neo4j-launcher'))('embedded Neo4j launcher arguments', () => {
  beforeAll(() => ensureNeo4jJar());

  const launch = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const { NEO4J_PASSWORD: _ignored, ...base } = process.env;
    return spawnSync('java', ['-jar', NEO4J_JAR, ...args], { env: { ...base, ...env }, encoding: 'utf8' });
  };

  it('refuses to start without a password', () => {
    const result = launch(['--home', '/tmp/never-created']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no password: pass --password or set $NEO4J_PASSWORD');
    expect(result.stdout).toBe('');
  });

  it('names a bad port and an unknown flag', () => {
    const badPort = launch(['--home', '/tmp/x', '--port', '70000'], { NEO4J_PASSWORD: PASSWORD });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain("--port must be an integer between 0 and 65535, got '70000'");
    const unknown = launch(['--home', '/tmp/x', '--verbose'], { NEO4J_PASSWORD: PASSWORD });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown argument '--verbose'");
  });
});
