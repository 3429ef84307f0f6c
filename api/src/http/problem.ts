import { isDatabaseUnavailable, sendDatabaseUnavailable } from './database-errors.js';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { DomainError, type DomainErrorKind } from '../errors.js';
import type { FieldProblem, ProblemCode } from '../contract/problems.js';
import { PROBLEM_CONTENT_TYPE } from './media-types.js';
import { problemType, typeOfProblem } from './problem-types.js';

/**
 * An RFC 9457 problem detail. `type` names its kind (api/src/contract/problems.ts); `errors` lists
 * the fields at fault, each with a code the web words (the English `detail` is for API users).
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** A finer code of the problem as a whole (listed in contract/problems.ts). */
  code?: ProblemCode;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/** Throw from a handler to answer with a problem; anything else thrown is a 500. */
export class HttpProblem extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    detail: string,
    public readonly extra: Partial<Problem> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpProblem(404, 'Not Found', `There is nothing at ${req.method} ${req.originalUrl.split('?')[0]}.`));
};

/** Errors from body parsing carry a status and a type; turn them into messages a person can act on. */
function bodyParserProblem(error: { status?: number; type?: string; limit?: number }): HttpProblem | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new HttpProblem(400, 'Malformed JSON', 'The request body is not valid JSON.', {
        type: problemType('malformed-json'),
      });
    case 'entity.too.large':
      return new HttpProblem(
        413,
        'Request body too large',
        `The request body is larger than the ${error.limit ?? ''} bytes allowed.`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem(415, 'Unsupported encoding', 'Send the body as UTF-8.');
    default:
      return error.status && error.status >= 400 && error.status < 500
        ? new HttpProblem(error.status, 'Bad Request', 'The request could not be read.')
        : undefined;
  }
}

const DOMAIN_STATUS: Record<DomainErrorKind, [number, string]> = {
  invalid: [400, 'Invalid request'],
  not_found: [404, 'Not Found'],
  conflict: [409, 'Conflict'],
  stale: [412, 'Precondition Failed'],
  precondition_required: [428, 'Precondition Required'],
  forbidden: [403, 'Forbidden'],
  unauthorized: [401, 'Unauthorized'],
  locked: [429, 'Too Many Requests'],
};

function domainProblem(error: DomainError): HttpProblem {
  const [status, title] = DOMAIN_STATUS[error.kind];
  return new HttpProblem(status, title, error.message, {
    ...(error.details.errors ? { errors: error.details.errors } : {}),
    ...(error.details.current !== undefined ? { current: error.details.current } : {}),
    ...(error.details.code ? { code: error.details.code } : {}),
    ...(error.details.retryAfterSeconds ? { retry_after: error.details.retryAfterSeconds } : {}),
  });
}

/**
 * A database refusal that reaches here means a rule the API should have checked first; it is
 * still the client's input at fault, so it becomes a 4xx rather than a 500.
 */
function databaseProblem(error: { code?: unknown; severity?: unknown; constraint?: string }): HttpProblem | undefined {
  if (typeof error.code !== 'string' || typeof error.severity !== 'string') return undefined;
  switch (error.code) {
    case '23514':
    case '23502':
    case '23503':
      return new HttpProblem(
        400,
        'Invalid request',
        `The data breaks a rule of the database (${error.constraint ?? error.code}).`,
      );
    case '23505':
      return new HttpProblem(
        409,
        'Conflict',
        `The data repeats a value that must be unique (${error.constraint ?? 'unique'}).`,
      );
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new HttpProblem(400, 'Invalid request', 'A value could not be read (wrong format or out of range).');
    default:
      return undefined;
  }
}

export function problemHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    // The database gone (restarted, connections killed, pool exhausted) is a 503 to retry, not a 500.
    if (isDatabaseUnavailable(error)) return sendDatabaseUnavailable(req, res, error, log);
    const known =
      error instanceof HttpProblem
        ? error
        : error instanceof DomainError
          ? domainProblem(error)
          : (bodyParserProblem(error as never) ?? databaseProblem(error as never));
    if (!known) log(error);
    const problem =
      known ?? new HttpProblem(500, 'Internal Server Error', 'Something went wrong on our side; it has been logged.');
    if (res.headersSent) return res.end();
    if (error instanceof DomainError && error.details.retryAfterSeconds) {
      res.setHeader('Retry-After', String(error.details.retryAfterSeconds));
    }
    // GIS clients answer a Basic challenge with a login and token; the web app says who it is and signs in itself.
    if (problem.status === 401 && !req.get('X-Requested-With')) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Oshaq", charset="UTF-8"');
    }
    sendProblem(res, {
      title: problem.title,
      status: problem.status,
      detail: problem.message,
      instance: req.originalUrl,
      ...problem.extra,
      type: typeOfProblem(problem.status, problem.extra.type, problem.extra.code),
    });
  };
}
