import { z } from 'zod';

/**
 * The Idempotency-Key request header (IETF httpapi draft "The Idempotency-Key HTTP Header Field"):
 * a client sends one key per operation it means to perform once, and repeats it on every retry, so
 * a retry after a lost answer gets the first answer back instead of doing the work twice. The draft
 * writes the key as a Structured Field string ("…"); the bare form is accepted too.
 */
export const IDEMPOTENCY_KEY = 'Idempotency-Key';

const KEY = /^(?:"[\x21\x23-\x7e]{1,255}"|[\x21-\x7e]{1,255})$/;

export const idempotencyHeaders = z.object({
  [IDEMPOTENCY_KEY]: z
    .string()
    .regex(KEY, {
      error:
        'must be 1 to 255 visible ASCII characters without spaces (a UUID is a good key); send a new one per new request',
    })
    .optional()
    .meta({
      description:
        'Makes a retry safe: send one key per thing you mean to create (hotspot, meeting, agenda item, instruction, ' +
        'report, comment), and the same key on every retry of it. A repeat with the same body answers what was ' +
        'already created, with Idempotent-Replayed: true; a repeat with a different body, or to another route, is ' +
        'refused with 422. Keys are kept per person for 24 hours.',
      example: '"8e03978e-40d5-43e8-bc93-6894a57f9324"',
    }),
});

/** The key itself: the Structured Field quotes, if sent, are not part of it. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return /^".+"$/.test(header) ? header.slice(1, -1) : header;
}
