import type { TestProject } from 'vitest/node';
import { testTargets } from './targets.js';
import { dropServerDatabases, prepareEmbeddedTemplate, prepareServerTemplate } from './template.js';
import type { TestTemplates } from './test-database.js';

import './provided-context.js';

/** Runs once per `vitest run`: builds the database templates every test file clones. */
export default async function setup(project: TestProject) {
  const targets = testTargets();
  const started = Date.now();
  const embedded = await prepareEmbeddedTemplate();
  let server: TestTemplates['server'];
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (targets.includes('server') && adminUrl) {
    server = { adminUrl, template: await prepareServerTemplate(adminUrl) };
  }
  console.log(`Test databases ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${targets.join(' + ')}`);
  project.provide('oshaqTemplates', { embedded, server });
  return async () => {
    if (server) await dropServerDatabases(server.adminUrl, server.template);
  };
}
