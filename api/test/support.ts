import type { AddressInfo } from 'node:net';
import type { Database } from '@oshaq/db';
import { pino } from 'pino';
import type { Express } from 'express';
import { createApp, type AppDeps } from '../src/app.js';

export interface RunningApp {
  url: string;
  express: Express;
  close(): Promise<void>;
}

/** Starts the real app on port 0 over a real database, for HTTP tests. */
export async function startApp(db: Database, deps: Partial<AppDeps> = {}): Promise<RunningApp> {
  const app = createApp({ db, logger: pino({ level: 'silent' }), ...deps });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
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
