import type { FieldCode, FieldProblem, ProblemCode, ProblemParams } from './contract/problems.js';

/**
 * Errors services raise, free of HTTP: the HTTP layer maps each kind to a status and a
 * problem+json body. Messages are English for API users; codes (with their params) are what the
 * web words in the person's language.
 */
export type DomainErrorKind =
  'invalid' | 'not_found' | 'conflict' | 'stale' | 'precondition_required' | 'forbidden' | 'unauthorized' | 'locked';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: {
      errors?: FieldProblem[];
      current?: unknown;
      retryAfterSeconds?: number;
      /** A stable code for clients that word the problem themselves (the detail is English prose). */
      code?: ProblemCode;
    } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A field at fault: its code and the values the code names, and English words for API users. */
export const invalid = (field: string, code: FieldCode, message: string, params?: ProblemParams) =>
  new DomainError('invalid', `${field} ${message}.`, {
    errors: [{ field, code, ...(params ? { params } : {}), message }],
  });
export const notFound = (what: string) => new DomainError('not_found', `${what} does not exist or has been deleted.`);

export const forbidden = (message: string) => new DomainError('forbidden', message);
