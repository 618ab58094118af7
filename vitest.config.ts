import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    // One Neo4j server for the whole run (mandatory in CI; skipped loudly elsewhere without Java/Maven).
    globalSetup: ['tests/support/neo4j-global-setup.ts'],
    hookTimeout: 180_000,
    // Native addons (better-sqlite3, hnswlib, onnxruntime) are safest in forked workers.
    pool: 'forks',
  },
});
