/** LIKE patterns from what a person typed, shared by every search. */

/** Escapes LIKE wildcards (and the escape itself) so a search for "50%" or "a_b" means those letters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** A LIKE pattern that finds the text anywhere, wildcards in it taken as letters. */
export const containsPattern = (text: string): string => `%${escapeLike(text)}%`;
