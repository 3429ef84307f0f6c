import { parse as parseQueryString } from 'node:querystring';
import { expect } from 'vitest';
import { pino, type Logger } from 'pino';
import type { z } from 'zod';

/**
 * What the property tests of hostile input share: a raw HTTP client that keeps what the app
 * logged while answering (what a 500 was about), and the checks that an answer is a 4xx
 * application/problem+json (RFC 9457) a person can act on.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply {
  request: string;
  status: number;
  type: string;
  headers: Headers;
  text: string;
  json: Json;
  /** Errors the app logged while answering. */
  logged: string[];
}

/** A logger for the app under test that keeps the unhandled errors it logs. */
export function capturingLogger(): { logger: Logger; logged: string[] } {
  const logged: string[] = [];
  const logger = pino(
    { level: 'error' },
    {
      write(line: string) {
        const entry = JSON.parse(line) as { msg?: string; err?: { code?: string; message?: string } };
        if (entry.msg === 'unhandled error') logged.push(`${entry.err?.code ?? ''} ${entry.err?.message ?? ''}`.trim());
      },
    },
  );
  return { logger, logged };
}

export interface SendOptions {
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

/** A client for one running app; `baseUrl` is read at each call (the app starts in beforeAll). */
export function sender(baseUrl: () => string, logged: string[], defaultHeaders: Record<string, string> = {}) {
  return async function send(method: string, path: string, options: SendOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...defaultHeaders };
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] = 'application/json';
    }
    Object.assign(headers, options.headers);
    const before = logged.length;
    const response = await fetch(`${baseUrl()}${path}`, { method, headers, body });
    const isJson = /json/.test(response.headers.get('content-type') ?? '');
    const text = isJson ? await response.text() : `(${(await response.arrayBuffer()).byteLength} bytes)`;
    let json: Json;
    try {
      json = isJson && text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return {
      request: `${method} ${path.slice(0, 400)}${body === undefined ? '' : ` ${body.slice(0, 400)}`}`,
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      headers: response.headers,
      text,
      json,
      logged: logged.slice(before),
    };
  };
}

export type Send = ReturnType<typeof sender>;

export const describeReply = (reply: Reply) =>
  `${reply.request} → ${reply.status} ${reply.type}\n${reply.text.slice(0, 600)}` +
  (reply.logged.length ? `\nlogged: ${reply.logged.join(' | ').slice(0, 600)}` : '');

/** A problem+json answer in the 4xx range, with the fields RFC 9457 and our guide ask for. */
export function expectProblem(reply: Reply, statuses?: number | number[]) {
  const context = describeReply(reply);
  expect(reply.status, context).toBeGreaterThanOrEqual(400);
  expect(reply.status, context).toBeLessThan(500);
  if (statuses !== undefined) expect([statuses].flat(), context).toContain(reply.status);
  expect(reply.type, context).toMatch(/^application\/problem\+json/);
  expect(reply.json, context).toBeTypeOf('object');
  expect(reply.json?.status, context).toBe(reply.status);
  expect(typeof reply.json?.title === 'string' && reply.json.title.trim() !== '', context).toBe(true);
  expect(typeof reply.json?.detail === 'string' && reply.json.detail.trim() !== '', context).toBe(true);
}

/** True for a 2xx; otherwise checks that it is a proper 4xx problem and returns false. */
export function succeededOrProblem(reply: Reply): boolean {
  if (reply.status >= 200 && reply.status < 300) return true;
  expectProblem(reply);
  return false;
}

/** The fields a 400 names (from `errors`), for checking that the right one is blamed. */
export const blamed = (reply: Reply): string[] =>
  Array.isArray(reply.json?.errors) ? (reply.json.errors as { field: string }[]).map((e) => e.field) : [];

/** Whether any string inside holds U+0000, which the API refuses before the contract looks. */
export function holdsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return true;
    } else if (item && typeof item === 'object') stack.push(...Object.values(item));
  }
  return false;
}

/** Whether the API lets this input past validation: the contract accepts it and it holds no NUL. */
export const contractAccepts = (schema: z.ZodType, value: unknown) =>
  !holdsNul(value) && schema.safeParse(value).success;

/** The body the server will see, after JSON text has been parsed (undefined when JSON cannot carry it). */
export const asSent = (value: unknown): unknown => {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
};

/** The query as Express (node:querystring) will hand it to the contract. */
export const serverQuery = (path: string) => parseQueryString(new URL(`http://x${path}`).search.slice(1));

/** A path segment as the server decodes it (lone surrogates become U+FFFD on the way). */
export const asDecoded = (segment: string) => Buffer.from(segment, 'utf8').toString('utf8');
