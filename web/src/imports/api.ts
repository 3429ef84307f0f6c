import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client';

/**
 * The answer of POST /api/imports. The API's import schema (api/src/imports/schema.ts) is not part
 * of the contract the web may import (`@oshaq/api/contract/*`), so its shape is written out here.
 */
export interface ImportProblem {
  /** Counted from 1: the feature, or the CSV data row (the header is not counted). */
  row: number;
  /** CSV only: the line of the file the row starts on. */
  line?: number;
  field: string;
  message: string;
}

export interface ImportResult {
  dry_run: boolean;
  rows: number;
  created: number;
  unchanged: number;
  /** The first problems by row (at most 1000): a file wrong on every row would answer megabytes. */
  problems: ImportProblem[];
  /** How many problems there are in all (absent from servers before the list was capped). */
  problems_total?: number;
}

/**
 * The largest file the API accepts unless configured otherwise (IMPORT_MAX_BYTES_DEFAULT, 20 MB).
 * A server set lower still answers 413, which the page words as "too large".
 */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const IMPORT_EXTENSIONS = ['.csv', '.geojson', '.json'] as const;

export function isCsv(file: File): boolean {
  return file.name.toLowerCase().endsWith('.csv') || file.type === 'text/csv';
}

/** What the API is told the file is: it reads CSV as UTF-8 and everything else as GeoJSON. */
export function importContentType(file: File): string {
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
