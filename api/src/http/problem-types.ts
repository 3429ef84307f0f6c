/**
 * Which `type` URI (RFC 9457) a problem answers with. The kinds and their URIs are listed once in
 * the contract (api/src/contract/problems.ts, which the web and the OpenAPI document read too);
 * here a problem finds its kind: named where it is thrown, else by its finer code, else by status.
 */
import { problemKindOf, problemType, type ProblemKind } from '../contract/problems.js';

export { PROBLEM_KINDS, PROBLEM_TYPES, problemType, type ProblemKind } from '../contract/problems.js';

/** Finer codes (`code` of a problem) that are a kind of their own. */
const KIND_OF_CODE: Record<string, ProblemKind> = {
  idempotency_key_reused: 'idempotency-key-reused',
  body_too_deep: 'body-too-deep',
  body_too_many_values: 'body-too-many-values',
  body_too_many_keys: 'body-too-many-keys',
  body_too_large: 'body-too-large',
  import_too_many_rows: 'body-too-large',
};

const KIND_OF_STATUS: Record<number, ProblemKind> = {
  400: 'invalid-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  412: 'stale',
  413: 'body-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable-content',
  428: 'precondition-required',
  429: 'rate-limited',
  503: 'database-unavailable',
};

/** The type URI of a problem: the one it names (if ours), its code's kind, or its status's kind. */
export function typeOfProblem(status: number, named?: unknown, code?: unknown): string {
  const kind =
    problemKindOf(named) ??
    (typeof code === 'string' ? KIND_OF_CODE[code] : undefined) ??
    KIND_OF_STATUS[status] ??
    (status >= 500 ? 'internal-error' : 'invalid-request');
  return problemType(kind);
}
