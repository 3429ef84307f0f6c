import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { testTargets } from './targets.js';
import { dropServerDatabases, prepareEmbeddedTemplate, prepareServerTemplate } from './template.js';
import type { TestTemplates } from './test-database.js';

import './provided-context.js';

/**
 * Builds the database templates every test file's database comes from, once per `vitest run`
 * however many projects (database, processes, browser…) list this file: vitest runs a project's
 * global setup per project, in the one main process, so the first call builds and the others
 * share it through `globalThis`. The last teardown drops the server databases and the scratch
 * folder of embedded copies.
 */
interface Shared {
  templates: Promise<TestTemplates>;
  users: number;
}
const SHARED = Symbol.for('oshaq.testTemplates');

export default async function setup(project: TestProject) {
  const holder = globalThis as { [SHARED]?: Shared };
  const shared = (holder[SHARED] ??= { templates: buildTemplates(), users: 0 });
  shared.users += 1;
  project.provide('oshaqTemplates', await shared.templates);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete holder[SHARED];
    const { server, scratch } = await shared.templates;
    if (server) await dropServerDatabases(server.adminUrl, server.template);
    if (scratch) await rm(scratch, { recursive: true, force: true });
  };
}

async function buildTemplates(): Promise<TestTemplates> {
  const targets = testTargets();
  const started = Date.now();
  const [embedded, server] = await Promise.all([prepareEmbeddedTemplate(), serverTemplate(targets)]);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'oshaq-run-'));
  console.log(`Test databases ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${targets.join(' + ')}`);
  return { embedded, server, scratch };
}

async function serverTemplate(targets: string[]): Promise<TestTemplates['server']> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!targets.includes('server') || !adminUrl) return undefined;
  return { adminUrl, template: await prepareServerTemplate(adminUrl) };
}
