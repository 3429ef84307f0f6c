import { z } from 'zod';

/**
 * A serial id in a path: a whole number within PostgreSQL's integer, so a larger one is a 400
 * naming what was expected, not a database error.
 */
export const idParam = (what: string) =>
  z.coerce
    .number({ error: `must be ${what} id (a whole number)` })
    .int(`must be ${what} id (a whole number)`)
    .positive(`must be ${what} id (a whole number)`)
    .max(2147483647, `must be ${what} id (a whole number)`);
