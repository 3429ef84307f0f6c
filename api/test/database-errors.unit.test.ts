import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
  sendDatabaseUnavailable,
} from '../src/http/database-errors.js';

const pgError = (code: string, severity: string, message: string) =>
  Object.assign(new Error(message), { code, severity });

describe('telling a lost database from a bad request or a bug', () => {
  it.each([
    [
      'a connection an administrator terminated',
      pgError('57P01', 'FATAL', 'terminating connection due to administrator command'),
    ],
    ['a server that is starting up', pgError('57P03', 'FATAL', 'the database system is starting up')],
    [
      'a database that refuses connections',
      pgError('55000', 'FATAL', 'database "x" is not currently accepting connections'),
    ],
    ['a broken connection', pgError('08006', 'ERROR', 'connection failure')],
    ['pg noticing the socket closed', new Error('Connection terminated unexpectedly')],
    [
      'a refused TCP connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'a refusal from every address of a host',
      new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
    ],
    ['a full pool', Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' })],
    ['the embedded database closing', new Error('PGlite is closed')],
    // Cancelled for another transaction's sake, rolled back whole: the same request again succeeds.
    ['a deadlock', pgError('40P01', 'ERROR', 'deadlock detected')],
    ['a serialization failure', pgError('40001', 'ERROR', 'could not serialize access due to concurrent update')],
    ['a wrapped cause', new Error('query failed', { cause: pgError('57P01', 'FATAL', 'terminating connection') })],
  ])('%s is "unavailable"', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505', 'ERROR', 'duplicate key value violates unique constraint')],
    ['a bad value', pgError('22P02', 'ERROR', 'invalid input syntax for type uuid')],
    ['a statement timeout', pgError('57014', 'ERROR', 'canceling statement due to statement timeout')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'Connection terminated'],
    ['nothing', undefined],
  ])('%s is not', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('answers 503 problem+json with Retry-After, and logs the cause', async () => {
    const logged: unknown[] = [];
    const cause = pgError('57P01', 'FATAL', 'terminating connection due to administrator command');
    const app = express();
    app.get('/api/hotspots', () => {
      throw cause;
    });
    app.use(((error, req, res, next) =>
      isDatabaseUnavailable(error)
        ? sendDatabaseUnavailable(req, res, error, (e) => logged.push(e))
        : next(error)) as express.ErrorRequestHandler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/hotspots?bbox=1`);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('retry-after')).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
      expect(await response.json()).toMatchObject({
        status: 503,
        title: 'Service Unavailable',
        instance: '/api/hotspots?bbox=1',
        detail: expect.stringContaining('reload first to see whether it was saved'),
      });
      expect(logged).toEqual([cause]);
    } finally {
      server.close();
    }
  });
});
