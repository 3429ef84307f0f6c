import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IMPORT_MAX_BYTES_DEFAULT, type ImportProblem, type ImportResult } from '@oshaq/api/contract/imports';
import { request } from '../api/client';

export type { ImportProblem, ImportResult };

/**
 * The largest file the API accepts unless configured otherwise (the contract's default, 20 MB).
 * A server set lower still answers 413, which the page words as "too large".
 */
export const IMPORT_MAX_BYTES = IMPORT_MAX_BYTES_DEFAULT;

export const IMPORT_EXTENSIONS = ['.csv', '.geojson', '.json'] as const;

function isCsv(file: File): boolean {
  return file.name.toLowerCase().endsWith('.csv') || file.type === 'text/csv';
}

/** What the API is told the file is: it reads CSV as UTF-8 and everything else as GeoJSON. */
function importContentType(file: File): string {
  return isCsv(file) ? 'text/csv; charset=utf-8' : 'application/geo+json';
}

export function hasImportExtension(file: File): boolean {
  const name = file.name.toLowerCase();
  return IMPORT_EXTENSIONS.some((extension) => name.endsWith(extension));
}

/** The problems a 422 refusal lists (nothing was written) and their total, or none for another error. */
export function refusedProblems(body: Record<string, unknown>): { problems: ImportProblem[]; total: number } {
  const problems = Array.isArray(body.problems) ? (body.problems as ImportProblem[]) : [];
  return { problems, total: typeof body.problems_total === 'number' ? body.problems_total : problems.length };
}

/**
 * The file goes as it is, bytes untouched: read as text in the browser, a file saved as
 * Windows-1251 would be silently garbled instead of refused by the API as "not UTF-8".
 */
async function sendImport(file: File, dryRun: boolean): Promise<ImportResult> {
  const path = dryRun ? '/api/imports?dry_run=true' : '/api/imports';
  const raw = { content: file, contentType: importContentType(file) };
  return (await request<ImportResult>(path, { method: 'POST', raw })).data;
}

export function useImportCheck() {
  return useMutation({ mutationFn: (file: File) => sendImport(file, true) });
}

/** After an import every view of hotspots (map, list, counts, clusters) is fetched again. */
export function useImportFile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => sendImport(file, false),
    onSuccess: () =>
      Promise.all(
        ['hotspots', 'clusters', 'stats', 'hotspot'].map((key) => client.invalidateQueries({ queryKey: [key] })),
      ),
  });
}
