import { pino, type Logger } from 'pino';

/** JSON logs for machines; readable lines when a person watches a terminal. */
export function createLogger(level: string): Logger {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== 'production';
  return pino({
    level,
    base: { app: 'oshaq' },
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname,app' } } } : {}),
  });
}
