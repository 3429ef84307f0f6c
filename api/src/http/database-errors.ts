import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE } from './media-types.js';
import { problemType } from './problem-types.js';

/**
 * Errors that mean "the database cannot be reached right now", as opposed to "this request is
 * wrong" or "our code is wrong": a connection the server terminated (an administrator, a restart,
 * a failover), one that could not be opened, or no free connection in the pool in time. The
 * client did nothing wrong and may succeed in a moment, so the answer is 503 with Retry-After,
 * not a 500 that pages someone for a bug.
 */

/**
 * SQLSTATEs of a lost or refused connection: 57P01 admin_shutdown (pg_terminate_backend),
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down), class 08
 * (connection_exception), 53300 too_many_connections. And two where PostgreSQL cancelled this
 * transaction for another's sake — 40P01 deadlock_detected, 40001 serialization_failure: it was
 * rolled back whole, nothing was written, and the same request a moment later succeeds.
 */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
  '40P01',
  '40001',
]);

/** Socket failures on the way to the server, as Node reports them. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Messages of pg, knex and PGlite for a connection that is gone or cannot be had. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated', // pg: "Connection terminated unexpectedly" / "… due to connection timeout"
  'connection is closed', // pg
  'Client has encountered a connection error and is not queryable', // pg
  'Client was closed and is not queryable', // pg
  'timeout expired', // pg connect timeout
  'Timeout acquiring a connection', // knex pool: all connections busy or none can be opened
  'Unable to acquire a connection', // knex after destroy()
  'PGlite is closed', // the embedded database closed while the app shuts down
  'PGlite is closing',
];

interface ErrorLike {
  code?: unknown;
  severity?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function isUnavailable(error: ErrorLike): boolean {
  if (typeof error.code === 'string' && (UNAVAILABLE_CODES.has(error.code) || NETWORK_CODES.has(error.code))) {
    return true;
  }
  // FATAL and PANIC end the server session: whatever the code, this connection is gone.
  if (error.severity === 'FATAL' || error.severity === 'PANIC') return true;
  if (error.name === 'KnexTimeoutError') return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return UNAVAILABLE_MESSAGES.some((text) => message.includes(text));
}

/**
 * Whether an error thrown while serving a request means the database is unavailable. Looks
 * through `cause` and AggregateError's `errors` (a refused connection to a host with several
 * addresses), a few levels deep.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const candidate = error as ErrorLike;
  if (isUnavailable(candidate)) return true;
  if (candidate.cause && isDatabaseUnavailable(candidate.cause, depth + 1)) return true;
  return Array.isArray(candidate.errors) && candidate.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** Seconds a client should wait before trying again: a terminated connection is replaced at once. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The problem body. A change that failed this way was rolled back, except in the instant between
 * the database committing and the app hearing so: the detail says to check before repeating it.
 */
const DATABASE_UNAVAILABLE = {
  type: problemType('database-unavailable'),
  title: 'Service Unavailable',
  status: 503,
  detail:
    'The database cannot be reached at the moment. Try again in a few seconds; if you were saving a change, ' +
    'reload first to see whether it was saved before repeating it.',
} as const;

/**
 * Answers 503 problem+json with Retry-After, and logs the cause (an operator wants to know the
 * database went away). Written out here rather than through problem.ts, which calls this first
 * thing in its error handler: `if (isDatabaseUnavailable(error)) return sendDatabaseUnavailable(…)`.
 */
export function sendDatabaseUnavailable(
  req: Request,
  res: Response,
  error: unknown,
  log: (error: unknown) => void,
): void {
  log(error);
  if (res.headersSent) {
    res.end();
    return;
  }
  res
    .status(503)
    .setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...DATABASE_UNAVAILABLE, instance: req.originalUrl }));
}
