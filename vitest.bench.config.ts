import { defineConfig } from 'vitest/config';

// `npm run test:bench`: the benchmark harness's own tests (data generator, loader, runner), which
// start the API and load thousands of hotspots. They check the bench, not the product, so they
// are not part of `npm test`; CI runs them after it.
export default defineConfig({
  test: {
    include: ['scripts/test/bench-*.test.ts'],
    globalSetup: ['db/src/testing/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
  },
});
