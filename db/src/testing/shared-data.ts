import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/geodata` beside the checkout: reference data tests read in place, never copy. */
export const sharedGeodataDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/geodata',
);

/**
 * Whether tests that need the shared geodata can run. Absent shared data skips them with a
 * reason, except under CI=true, where it is a failure.
 */
export function sharedGeodataAvailable(): boolean {
  if (existsSync(sharedGeodataDir)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but the shared geodata folder is missing (expected ${sharedGeodataDir})`);
  }
  console.warn(`Skipping tests that need ../shared/geodata: not found at ${sharedGeodataDir}`);
  return false;
}

export function sharedGeodataFile(name: string): string {
  return path.join(sharedGeodataDir, name);
}
