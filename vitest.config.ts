import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // contract-report prints how many responses were held against openapi/openapi.json
    globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/contract-report.ts'],
    setupFiles: ['test/helpers/contract-count.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
