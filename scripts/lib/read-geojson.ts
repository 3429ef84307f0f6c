import { readFile } from 'node:fs/promises';

/** Reads a GeoJSON file or URL; a missing file, a failed download or bad JSON is one clear error. */
export async function readGeoJson(input: string): Promise<unknown> {
  let text: string;
  if (/^https?:\/\//.test(input)) {
    const response = await fetch(input).catch((error: Error) => {
      throw new Error(`could not download ${input}: ${error.message}`);
    });
    if (!response.ok) throw new Error(`could not download ${input}: HTTP ${response.status}`);
    text = await response.text();
  } else {
    text = await readFile(input, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new Error(error.code === 'ENOENT' ? `no such file: ${input}` : `could not read ${input}: ${error.message}`);
    });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`${input} is not valid JSON (${(error as Error).message}); is the file complete?`);
  }
}
