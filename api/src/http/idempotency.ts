import type { Response } from 'express';
import { IDEMPOTENCY_KEY } from '../contract/idempotency.js';
import type { Outcome } from '../idempotency/once.js';
import { HttpProblem } from './problem.js';

/** OpenAPI answer of a route that takes an Idempotency-Key. */
export const KEY_REUSED = { 422: { description: 'The Idempotency-Key was already used for a different request' } };

/**
 * How a create run once per Idempotency-Key answers: a key used by another request is a 422; a
 * repeat of the same request says Idempotent-Replayed: true and answers what the first one made.
 * Returns the id of what was made, for the route to read and send.
 */
export function madeBy(res: Response, outcome: Outcome): string {
  if (outcome.kind === 'key_reused') {
    throw new HttpProblem(
      422,
      'Unprocessable Content',
      'This Idempotency-Key was already used for a different request. To make something new, send a new key.',
      // A stable code, so the web can word it in the person's language.
      {
        code: 'idempotency_key_reused',
        errors: [{ field: IDEMPOTENCY_KEY, code: 'key_reused', message: 'was already used for a different request' }],
      },
    );
  }
  if (outcome.kind === 'replayed') res.setHeader('Idempotent-Replayed', 'true');
  return outcome.resource;
}
