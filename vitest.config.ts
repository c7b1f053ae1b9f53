import { defineConfig } from 'vitest/config';

/**
 * Tests that start processes (the server, the CLI, a database that goes away) or throw thousands of
 * generated inputs: their own project, `npm run test:processes`. `npm test` is the API project, the
 * quick loop; `npm run test:all` (what CI runs) is both.
 */
const PROCESSES = [
  'test/foundation/start.test.ts',
  'test/reliability/data-lock.test.ts',
  'test/reliability/faults.test.ts',
  'test/reliability/shutdown.test.ts',
  'test/scoring/cli.test.ts',
  'test/security/fuzz.test.ts',
  'test/scoring/properties.test.ts',
  'test/upgrade/upgrade.test.ts',
];

export default defineConfig({
  test: {
    // every response is held against openapi/openapi.json (test/helpers/contract.ts), counted here;
    // a t`…` Message equals its English text (test/helpers/messages.ts)
    setupFiles: ['test/helpers/contract-count.ts', 'test/helpers/messages.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A worker runs its files one after another in one module graph instead of importing the app
    // afresh for each file (about 2 s of CPU a file). Every file still builds its own app on its own
    // database (test/helpers/app.ts); what src/ keeps at module level is caches keyed by the random
    // ids of rows, which no two databases share.
    isolate: false,
    // Vitest's default is one worker less than the cores: one worker on a 2-core machine. Against a
    // database server the tests mostly wait for it, so three files at a time keep both cores busy;
    // embedded PGlite runs the database inside each worker, so there one per core.
    maxWorkers: process.env.TEST_DATABASE_URL ? 3 : 2,
    projects: [
      // each project picks its database (and prints it with its time) in its own global setup
      { extends: true, test: { name: 'api', include: ['test/**/*.test.ts'], exclude: PROCESSES, globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/contract-report.ts'] } },
      { extends: true, test: { name: 'processes', include: PROCESSES, globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/contract-report.ts'] } },
    ],
  },
});
