import { defineConfig } from 'vitest/config';

const UNIT = ['{db,api,scripts}/test/**/*.unit.test.ts', 'web/test/unit/**/*.test.{ts,tsx}'];

// One run covers every workspace, as two projects: `unit` (pure functions and components, no
// database, no browser: `npm run test:unit` takes seconds) and `integration` (real databases,
// server processes and Chromium), whose global setup builds the database templates every file
// clones. Browser tests need the built web app.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{db,api,web,scripts}/test/**/*.test.{ts,tsx}'],
          exclude: UNIT,
          globalSetup: ['db/src/testing/global-setup.ts'],
        },
      },
    ],
  },
});
