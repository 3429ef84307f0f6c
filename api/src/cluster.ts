import cluster, { type Worker } from 'node:cluster';

/** WORKERS: how many API processes `npm start` runs, sharing one port (node:cluster). */
export function workerCount(env: NodeJS.ProcessEnv): { count: number } | { problem: string } {
  const given = env.WORKERS?.trim();
  if (given === undefined || given === '') return { count: 1 };
  const count = Number(given);
  if (!/^\d+$/.test(given) || count < 1 || count > 64) {
    return { problem: `WORKERS must be a whole number from 1 to 64 (got "${given}")` };
  }
  return { count };
}

/** The embedded database is files one process owns: several workers need a server. */
export function workersProblem(count: number, databaseUrl: string | undefined): string | undefined {
  if (count > 1 && !databaseUrl) {
    return (
      `WORKERS=${count} needs DATABASE_URL: the embedded database can be opened by one process only. ` +
      'Set DATABASE_URL to a PostgreSQL server, or leave WORKERS unset.'
    );
  }
  return undefined;
}

/** A worker that dies sooner than this after starting is broken, not unlucky: stop instead of looping. */
const CRASH_LOOP_MS = 10_000;

/**
 * The primary of a multi-process server: forks `count` workers (each runs server.ts's own start,
 * listens on the shared port and keeps no state of its own — sessions and cache versions live in
 * the database), replaces one that dies, and on SIGINT/SIGTERM tells every worker to stop and
 * waits for them, so each finishes its requests and closes its pool.
 */
export function runWorkers(count: number, log: (message: string) => void): Promise<number> {
  const startedAt = new Map<Worker, number>();
  let stopping = false;
  let failed = false;
  return new Promise((resolve) => {
    const fork = () => startedAt.set(cluster.fork(), Date.now());
    const finishWhenAllGone = () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) resolve(failed ? 1 : 0);
    };
    const stopAll = () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      finishWhenAllGone();
    };
    cluster.on('exit', (worker, code, signal) => {
      const lived = Date.now() - (startedAt.get(worker) ?? 0);
      startedAt.delete(worker);
      if (!stopping) {
        if (lived < CRASH_LOOP_MS) {
          log(`Worker ${worker.process.pid} stopped ${signal ?? `with code ${code}`} while starting: stopping all.`);
          failed = true;
          stopAll();
        } else {
          log(`Worker ${worker.process.pid} stopped ${signal ?? `with code ${code}`}: starting another.`);
          fork();
        }
      }
      finishWhenAllGone();
    });
    process.once('SIGINT', stopAll);
    process.once('SIGTERM', stopAll);
    log(`Starting ${count} workers on one port.`);
    for (let i = 0; i < count; i += 1) fork();
  });
}
