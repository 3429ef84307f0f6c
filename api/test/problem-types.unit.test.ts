import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueCode } from '../src/contract/field-codes.js';
import { FIELD_CODES, PROBLEM_KINDS, problemType, type ProblemKind } from '../src/contract/problems.js';
import { DomainError, type DomainErrorKind } from '../src/errors.js';
import { HttpProblem, problemHandler } from '../src/http/problem.js';

/** What an error thrown by a handler answers: its status and `type`. */
async function answerTo(error: unknown): Promise<{ status: number; type: unknown }> {
  const app = express();
  app.get('/', () => {
    throw error;
  });
  app.use(problemHandler(() => undefined));
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return { status: response.status, type: ((await response.json()) as { type?: unknown }).type };
  } finally {
    server.close();
  }
}

/** Each kind of DomainError a service can throw, and the kind of problem it answers (a Record: none is left out). */
const DOMAIN_KINDS: Record<DomainErrorKind, [number, ProblemKind]> = {
  invalid: [400, 'invalid-request'],
  not_found: [404, 'not-found'],
  conflict: [409, 'conflict'],
  stale: [412, 'stale'],
  precondition_required: [428, 'precondition-required'],
  forbidden: [403, 'forbidden'],
  unauthorized: [401, 'unauthorized'],
  locked: [429, 'rate-limited'],
};

describe('problem types', () => {
  it.each(Object.entries(DOMAIN_KINDS))(
    'a service’s %s error answers with its type URI',
    async (kind, [status, type]) => {
      const answer = await answerTo(new DomainError(kind as DomainErrorKind, 'x', { retryAfterSeconds: 1 }));
      expect(answer).toEqual({ status, type: problemType(type) });
    },
  );

  it('a bug answers internal-error, a lost database database-unavailable, never about:blank', async () => {
    expect(await answerTo(new Error('bug'))).toEqual({ status: 500, type: problemType('internal-error') });
    const gone = Object.assign(new Error('terminating connection'), { code: '57P01', severity: 'FATAL' });
    expect(await answerTo(gone)).toEqual({ status: 503, type: problemType('database-unavailable') });
    expect(await answerTo(new HttpProblem(415, 'Unsupported', 'x'))).toEqual({
      status: 415,
      type: problemType('unsupported-media-type'),
    });
  });

  it('names every kind by a URN of its own', () => {
    const types = (Object.keys(PROBLEM_KINDS) as ProblemKind[]).map(problemType);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(/^urn:oshaq:problem:[a-z]+(-[a-z]+)*$/);
  });
});

describe('field codes from zod', () => {
  const issues = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues.map((i) => issueCode(i));

  it('map each kind of rule to a code with the values it names', () => {
    expect(issues(z.string().max(5), 'too long')).toEqual([{ code: 'too_long', params: { max: 5 } }]);
    expect(issues(z.string().min(3), 'ab')).toEqual([{ code: 'too_short', params: { min: 3 } }]);
    expect(issues(z.string().min(1), '')).toEqual([{ code: 'required' }]);
    expect(issues(z.array(z.number()).max(2), [1, 2, 3])).toEqual([{ code: 'too_many', params: { max: 2 } }]);
    expect(issues(z.number().int().min(1), 0)).toEqual([{ code: 'too_small', params: { min: 1 } }]);
    expect(issues(z.enum(['a', 'b']), 'c')).toEqual([{ code: 'not_one_of', params: { values: 'a, b' } }]);
    expect(issues(z.iso.date(), '2026-13-01')).toEqual([{ code: 'invalid_format', params: { format: 'date' } }]);
    expect(issues(z.number(), 'x')).toEqual([{ code: 'wrong_type', params: { expected: 'number' } }]);
    expect(issues(z.number().multipleOf(5), 7)).toEqual([{ code: 'not_multiple_of', params: { divisor: 5 } }]);
  });

  it('a refinement gives its own code in params; one without a listed code is `invalid`', () => {
    const coded = z.string().refine(() => false, { message: 'no', params: { code: 'broken_unicode' } });
    expect(issues(coded, 'x')).toEqual([{ code: 'broken_unicode' }]);
    expect(
      issues(
        z.string().refine(() => false, 'no'),
        'x',
      ),
    ).toEqual([{ code: 'invalid' }]);
    expect(
      issues(
        z.string().refine(() => false, { params: { code: 'not_a_code' } }),
        'x',
      ),
    ).toEqual([{ code: 'invalid' }]);
  });

  it('every refinement of the contract carries a listed code (coded(…)), so none falls back to `invalid`', () => {
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/contract');
    const uncoded: string[] = [];
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (const match of text.matchAll(/\.refine\(|\.addIssue\(/g)) {
        // The refinement's arguments: up to the next refinement, .meta( or the statement's end.
        const rest = text.slice(match.index + match[0].length);
        const end = rest.search(/\.refine\(|\.addIssue\(|\.meta\(|;\n/);
        if (!rest.slice(0, end < 0 ? undefined : end).includes('coded(')) {
          uncoded.push(`${file}:${text.slice(0, match.index).split('\n').length}`);
        }
      }
    }
    expect(uncoded).toEqual([]);
    expect(Object.keys(FIELD_CODES)).toEqual(expect.arrayContaining(['nothing_to_change', 'end_before_start']));
  });
});
