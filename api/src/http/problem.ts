import type { ErrorRequestHandler, RequestHandler, Response } from 'express';

/** An RFC 9457 problem detail. `errors` lists fields at fault for validation problems. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

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

export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpProblem(404, 'Not Found', `There is nothing at ${req.method} ${req.originalUrl.split('?')[0]}.`));
};

/** Errors from body parsing carry a status and a type; turn them into messages a person can act on. */
function bodyParserProblem(error: { status?: number; type?: string; limit?: number }): HttpProblem | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new HttpProblem(400, 'Malformed JSON', 'The request body is not valid JSON.');
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

export function problemHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = error instanceof HttpProblem ? error : bodyParserProblem(error as never);
    if (!known) log(error);
    const problem =
      known ?? new HttpProblem(500, 'Internal Server Error', 'Something went wrong on our side; it has been logged.');
    if (res.headersSent) return res.end();
    sendProblem(res, {
      type: 'about:blank',
      title: problem.title,
      status: problem.status,
      detail: problem.message,
      instance: req.originalUrl,
      ...problem.extra,
    });
  };
}
