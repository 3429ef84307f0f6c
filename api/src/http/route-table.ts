import express, { type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import { type Access, checkAccess } from '../auth/middleware.js';
import type { ReadCache } from '../cache/read-cache.js';
import { type BodyLimits, JSON_BODY_LIMITS, PUBLIC_BODY_LIMITS, readJsonBody } from './body.js';
import { HttpProblem } from './problem.js';
import { parseInput } from './validate.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

export interface RouteSpec<
  Q extends z.ZodType,
  P extends z.ZodType,
  B extends z.ZodType,
  H extends z.ZodObject = z.ZodObject,
> {
  method: Method;
  /** Express-style path below the table's mount point, e.g. `/hotspots/:id`. */
  path: string;
  summary: string;
  tags: string[];
  /** Who may call it; every route must say (the authorization matrix test reads this table). */
  access: Access;
  query?: Q;
  params?: P;
  body?: B;
  /**
   * What the JSON body may be (size, depth, values); by default PUBLIC_BODY_LIMITS for public
   * routes and JSON_BODY_LIMITS for the rest. A public route may not take more than the public limits.
   */
  bodyLimits?: Partial<BodyLimits>;
  /** Request headers the route reads, keyed by their usual spelling (`Idempotency-Key`); names match case-insensitively. */
  headers?: H;
  responses: Record<number, ResponseSpec>;
  /**
   * GET only: the answer depends on nothing but the URL, the caller's visibility class (see
   * cache/read-cache.ts) and the data, so it is served from the read cache with an ETag. Never for
   * answers about the person (session, tokens, audit) or downloads.
   */
  cache?: boolean;
}

export interface Parsed<
  Q extends z.ZodType,
  P extends z.ZodType,
  B extends z.ZodType,
  H extends z.ZodObject = z.ZodObject,
> {
  query: z.infer<Q>;
  params: z.infer<P>;
  body: z.infer<B>;
  headers: z.infer<H>;
}

type Handler<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType, H extends z.ZodObject> = (
  input: Parsed<Q, P, B, H>,
  req: Request,
  res: Response,
) => Promise<void> | void;

export type AnyRouteSpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

/** The headers a schema names, under the schema's spelling; absent ones are left out. */
function headerValues(req: Request, schema: z.ZodObject): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = req.get(name);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/**
 * One table of routes: each entry carries its zod schemas, from which requests are validated
 * and the OpenAPI document is generated — so the two cannot drift apart.
 */
export class RouteTable {
  readonly routes: AnyRouteSpec[] = [];
  readonly router: Router = express.Router();

  constructor(
    readonly prefix: string,
    private readonly options: { readCache?: ReadCache } = {},
  ) {}

  /** The limits a route's JSON body is read with. */
  static bodyLimitsOf(spec: Pick<AnyRouteSpec, 'access' | 'bodyLimits' | 'method' | 'path'>): BodyLimits {
    const base = spec.access === 'public' ? PUBLIC_BODY_LIMITS : JSON_BODY_LIMITS;
    const limits = { ...base, ...spec.bodyLimits };
    if (
      spec.access === 'public' &&
      Object.entries(limits).some(([k, v]) => v > PUBLIC_BODY_LIMITS[k as keyof BodyLimits])
    ) {
      throw new Error(`${spec.method} ${spec.path}: a public route takes no more than the public body limits`);
    }
    return limits;
  }

  add<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType, H extends z.ZodObject = z.ZodObject>(
    spec: RouteSpec<Q, P, B, H>,
    handler: Handler<Q, P, B, H>,
  ): void {
    if (spec.cache && spec.method !== 'get')
      throw new Error(`${spec.method} ${spec.path}: only GET answers are cached`);
    const notModified = { description: 'Not modified since the ETag sent in If-None-Match' };
    const listed = spec.cache ? { ...spec, responses: { ...spec.responses, 304: notModified } } : spec;
    this.routes.push(listed as unknown as AnyRouteSpec);
    const readCache = spec.cache ? this.options.readCache : undefined;
    const bodyLimits = RouteTable.bodyLimitsOf(spec);
    this.router[spec.method](spec.path, async (req, res) => {
      checkAccess(req, spec.access);
      if (spec.body && !req.is('application/json')) {
        throw new HttpProblem(415, 'Unsupported content type', 'Send the request body as application/json.');
      }
      // Read here, after the access check: an anonymous body for a signed-in route is never read.
      if (spec.body) req.body = await readJsonBody(req, res, bodyLimits);
      const input = {
        query: spec.query ? parseInput(spec.query, req.query, 'query') : {},
        params: spec.params ? parseInput(spec.params, req.params, 'path') : {},
        body: spec.body ? parseInput(spec.body, req.body, 'body') : undefined,
        headers: spec.headers ? parseInput(spec.headers, headerValues(req, spec.headers), 'header') : {},
      } as Parsed<Q, P, B, H>;
      // After the access check and validation: a 401 or a 400 is never answered from the cache.
      if (readCache) await readCache.serve(req, res, () => handler(input, req, res));
      else await handler(input, req, res);
    });
  }
}
