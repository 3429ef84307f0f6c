import type { TestTemplates } from './test-database.js';

// What the global setup hands to every test file through vitest's provide/inject.
declare module 'vitest' {
  export interface ProvidedContext {
    oshaqTemplates: TestTemplates;
  }
}
