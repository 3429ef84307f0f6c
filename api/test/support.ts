import type { AddressInfo } from 'node:net';
import express, { type Express, type RequestHandler } from 'express';
import type { Database } from '@oshaq/db';
import { pino } from 'pino';
import { createApp, type AppDeps } from '../src/app.js';

export interface RunningApp {
  url: string;
  express: Express;
  close(): Promise<void>;
}

/**
 * For tests of other features: requests that carry no credentials are sent on with this API
 * token, so they pass through the real authentication as that account.
 */
export function withDefaultToken(token: string): RequestHandler {
  return (req, _res, next) => {
    req.headers.authorization ??= `Bearer ${token}`;
    next();
  };
}

/** Starts the real app on port 0 over a real database, for HTTP tests. */
export async function startApp(
  db: Database,
  deps: Partial<AppDeps> = {},
  options: { defaultToken?: string } = {},
): Promise<RunningApp> {
  const app = createApp({
    db,
    logger: pino({ level: 'silent' }),
    tileUrl: 'https://tile.example.org/{z}/{x}/{y}.png',
    ...deps,
  });
  const served = options.defaultToken ? express().use(withDefaultToken(options.defaultToken), app) : app;
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const listening = served.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    express: app,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
