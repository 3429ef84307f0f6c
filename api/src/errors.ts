/**
 * Errors services raise, free of HTTP: the HTTP layer maps each kind to a status and a
 * problem+json body. Messages are written for the person who will read them.
 */
export type DomainErrorKind =
  'invalid' | 'not_found' | 'conflict' | 'stale' | 'precondition_required' | 'forbidden' | 'unauthorized' | 'locked';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: {
      errors?: { field: string; message: string }[];
      current?: unknown;
      retryAfterSeconds?: number;
      /** A stable code for clients that word the problem themselves (the detail is English prose). */
      code?: string;
    } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (field: string, message: string) =>
  new DomainError('invalid', `${field} ${message}.`, { errors: [{ field, message }] });
export const notFound = (what: string) => new DomainError('not_found', `${what} does not exist or has been deleted.`);

export const forbidden = (message: string) => new DomainError('forbidden', message);
