import { defineConfig } from 'vitest/config';

// One run covers every workspace. Integration tests clone database templates that the global
// setup builds once; browser tests need the built web app and Chromium.
export default defineConfig({
  test: {
    include: ['{db,api,web,scripts}/test/**/*.test.{ts,tsx}'],
    globalSetup: ['db/src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    reporters: process.env.CI === 'true' ? ['default'] : ['default'],
  },
});
