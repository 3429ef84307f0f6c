import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { jsonShapeFault, MAX_JSON_DEPTH, type JsonShapeLimits } from '../src/http/body-shape.js';
import { HttpProblem } from '../src/http/problem.js';
import { MAX_LISTED_ERRORS, nulPaths, parseInput } from '../src/http/validate.js';

const LIMITS: JsonShapeLimits = { depth: MAX_JSON_DEPTH, values: 1_000_000, keys: 1_000_000 };
const scan = (text: string, limits: Partial<JsonShapeLimits> = {}) =>
  jsonShapeFault(Buffer.from(text), { ...LIMITS, ...limits });
const nested = (levels: number, open = '[', close = ']') => `${open.repeat(levels)}${close.repeat(levels)}`;

/** The nesting depth of a parsed value, counted as the scanner does (the outermost container is 1). */
function depthOf(value: unknown): number {
  if (!value || typeof value !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

describe('the JSON shape scanner', () => {
  it('accepts exactly 64 levels and refuses 65, of arrays and of objects', () => {
    expect(scan(nested(64))).toBeUndefined();
    expect(scan(nested(65))).toMatchObject({ fault: 'depth', limit: 64, offset: 64 });
    expect(scan(`${'{"a":'.repeat(64)}1${'}'.repeat(64)}`)).toBeUndefined();
    expect(scan(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`)).toMatchObject({ fault: 'depth' });
    expect(scan(`[${'{"a":['.repeat(32)}${']}'.repeat(32)}]`)).toMatchObject({ fault: 'depth' });
  });

  it('does not count brackets, braces or commas inside strings, whatever the escapes', () => {
    const noisy = JSON.stringify({ text: `${'['.repeat(500)}{"a":"\\"}${']'.repeat(500)},,,\\\\"` });
    expect(scan(`[${noisy}]`, { depth: 2, values: 3, keys: 1 })).toBeUndefined();
    // An escaped backslash ends before the quote: the string closes there, and the bracket after counts.
    expect(scan('["\\\\",[[]]]', { depth: 2 })).toMatchObject({ fault: 'depth', offset: 7 });
    // An escaped quote does not end the string.
    expect(scan('["\\"[[[", 1]', { depth: 1 })).toBeUndefined();
    // Multi-byte UTF-8 (Kazakh letters, emoji) is never taken for structure.
    expect(scan(`["${'әңғүұқөһі😀'.repeat(100)}"]`, { depth: 1, values: 2 })).toBeUndefined();
  });

  it('counts values and the members of each object, stopping at the first one too many', () => {
    expect(scan('[0,0,0]', { values: 4 })).toBeUndefined();
    expect(scan('[0,0,0,0]', { values: 4 })).toMatchObject({ fault: 'values', limit: 4 });
    expect(scan('{"a":1,"b":2,"c":3}', { keys: 3 })).toBeUndefined();
    expect(scan('{"a":1,"b":2,"c":3,"d":4}', { keys: 3 })).toMatchObject({ fault: 'keys', limit: 3 });
    // Members are counted per object: many small objects are fine.
    expect(scan(`[${'{"a":1,"b":2},'.repeat(100)}{}]`, { keys: 2 })).toBeUndefined();
    // An array inside an object does not add to the object's members.
    expect(scan('{"a":[1,2,3,4,5]}', { keys: 1 })).toBeUndefined();
  });

  it('refuses a hostile body after reading no more than the limit of it', () => {
    const deep = Buffer.from(nested(5_000_000));
    const started = performance.now();
    expect(jsonShapeFault(deep, LIMITS)).toMatchObject({ fault: 'depth', offset: 64 });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('agrees with JSON.parse on the depth of any JSON, strings with brackets and escapes included', () => {
    const text = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', ',', ':', 'a', 'ә', '\u0000') });
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        text,
        fc.integer(),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(text, tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 80 }), (inner, wrap) => {
        const json = `${'['.repeat(wrap)}${JSON.stringify(inner)}${']'.repeat(wrap)}`;
        const depth = depthOf(JSON.parse(json));
        const fault = jsonShapeFault(Buffer.from(json), LIMITS);
        if (depth > MAX_JSON_DEPTH) expect(fault?.fault).toBe('depth');
        else expect(fault).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

describe('the NUL scan and the list of errors', () => {
  it('finds a NUL 100,000 levels deep in linear time, spelling out only its path', () => {
    let value: unknown = 'a\u0000b';
    for (let i = 0; i < 100_000; i++) value = { k: value };
    const started = performance.now();
    const found = nulPaths(value);
    // Copying the path at every level took minutes at this depth.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(found.total).toBe(1);
    expect(found.paths[0]).toBe(Array(100_000).fill('k').join('.'));
  });

  it('lists the first NULs in the order of the input, and counts them all', () => {
    expect(nulPaths({ a: 'x\u0000', b: ['ok', '\u0000'], c: { d: '\u0000' } })).toEqual({
      paths: ['a', 'b.1', 'c.d'],
      total: 3,
    });
    const many = nulPaths(Array(10_000).fill('\u0000'));
    expect(many.total).toBe(10_000);
    expect(many.paths).toHaveLength(MAX_LISTED_ERRORS);
  });

  it('lists at most 100 fields at fault in a 400, with the total', () => {
    const schema = z.object({ points: z.array(z.number().max(1)) }).strict();
    const body = Object.fromEntries([
      ['points', Array(5000).fill(2)],
      ...Array.from({ length: 300 }, (_, i) => [`x${i}`, 1]),
    ]);
    const error = (() => {
      try {
        parseInput(schema, body, 'body');
      } catch (caught) {
        return caught as HttpProblem;
      }
      throw new Error('accepted');
    })();
    expect(error).toBeInstanceOf(HttpProblem);
    expect(error.extra.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(error.extra.errors_total).toBe(5300);
    expect(error.message).toMatch(/\(and 5200 more: 5300 in all\)\.$/);
    expect(error.message.length).toBeLessThan(20_000);
  });
});
