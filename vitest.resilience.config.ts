import { defineConfig } from 'vitest/config';

// `npm run test:resilience`: load, fault, crash and concurrency tests against real databases and
// real server processes. Too slow for `npm test`; CI runs them separately. One file at a time, so
// each measures the machine alone rather than the others' load.
export default defineConfig({
  test: {
    include: ['test/resilience/**/*.test.ts'],
    globalSetup: ['db/src/testing/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
