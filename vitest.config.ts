import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const UNIT = ['{db,api,scripts}/test/**/*.unit.test.ts', 'web/test/unit/**/*.test.{ts,tsx}'];
/** Tests that start the API, a CLI or a benchmark as child processes. */
const PROCESSES = [
  'api/test/server-process.test.ts',
  'api/test/cache-two-processes.test.ts',
  'db/test/durability.test.ts',
  'scripts/test/backup.test.ts',
  'scripts/test/geodata-import-cli.test.ts',
  'scripts/test/user-create-cli.test.ts',
];
/** The benchmark harness: `npm run test:bench` (vitest.bench.config.ts), not `npm test`. */
const BENCH = ['scripts/test/bench-*.test.ts'];

/**
 * Long files first, so the two workers finish together instead of one waiting on a last long
 * file: tests of child processes (servers and CLIs, up to a minute each), then browser tests,
 * then the rest. Within a kind vitest's own order holds (slowest of the last run first, else the
 * largest file).
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const file = path
        .relative(import.meta.dirname, spec.moduleId)
        .split(path.sep)
        .join('/');
      if (spec.project.name === 'unit') return 3;
      if (PROCESSES.includes(file)) return 0;
      return /^web\/test\/[^/]+\.test\.ts$/.test(file) ? 1 : 2;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export const common = { testTimeout: 60_000, hookTimeout: 180_000, pool: 'forks' } as const;

/**
 * Two projects, run on two workers (this is a 2-core machine; see README "Tests"):
 * - `unit`: pure functions and components, no database, no browser (`npm run test:unit`);
 * - `integration`: SQL and HTTP tests on real databases (embedded, and the server when
 *   TEST_DATABASE_URL is set), child processes (server, CLIs, backups) and Chromium against the
 *   built app (embedded database only: `describeInBrowser`). Files share their worker's open
 *   database, reset between files (db/src/testing/pool.ts), so they do not isolate modules:
 *   opening PGlite with PostGIS costs seconds, resetting it milliseconds. One project, so the
 *   API's modules are transformed once and each worker opens its databases once.
 * The global setup builds the database templates once for the run.
 */
export default defineConfig({
  test: {
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      // Files share a worker's module cache and DOM (isolate: false): a third of the time, and
      // components clean up after each test (Testing Library's cleanup).
      { test: { ...common, name: 'unit', include: UNIT, isolate: false } },
      {
        test: {
          ...common,
          name: 'integration',
          include: ['{db,api,web,scripts}/test/**/*.test.ts'],
          exclude: [...UNIT, ...BENCH],
          globalSetup: ['db/src/testing/global-setup.ts'],
          isolate: false,
        },
      },
    ],
  },
});
