/**
 * vitest globalSetup: ONE Neo4j server for the whole run, handed to test files through
 * `inject('neo4j')` (see `connectNeo4j` in ./neo4j.ts). Test files run in parallel against it, so
 * each must keep to its own data (e.g. labels or ids unique to the file) instead of wiping the graph.
 */
import type { TestProject } from 'vitest/node';
import { neo4jAvailability, startNeo4j } from './neo4j.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { available, reason } = neo4jAvailability();
  if (!available) {
    if (process.env.CI) throw new Error(`Neo4j is required in CI, but ${reason}`);
    console.warn(`\n*** Neo4j not started for this run: ${reason}; its suites will be skipped ***\n`);
    project.provide('neo4j', null);
    return async () => {};
  }
  const started = Date.now();
  const server = await startNeo4j();
  console.log(`Neo4j for this run: ${server.uri} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  project.provide('neo4j', { uri: server.uri, user: server.user, password: server.password });
  return server.stop;
}
