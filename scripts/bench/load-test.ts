import autocannon from 'autocannon';
import { summarise, type Timing } from './measure.js';

export interface LoadRequest {
  method?: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: string;
}

export interface LoadResult extends Timing {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  requests: number;
  /** Socket errors and timeouts. */
  errors: number;
  /** Answers whose status was not the expected one (2xx unless told). */
  unexpected: number;
  statuses: Record<string, number>;
  /** Largest resident memory of the API seen during the run, in bytes. */
  peakRss?: number;
}

export interface LoadOptions {
  url: string;
  requests: LoadRequest[];
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  /** At most this many requests (each write target once); the duration still applies. */
  maxRequests?: number;
  expect?: (status: number) => boolean;
  /** Sampled every 250 ms during the run. */
  rss?: () => number;
}

/**
 * One autocannon run. The requests in `requests` are sent in turn across all connections, so a
 * write case touches a different hotspot with every request. Latency percentiles come from every
 * response's own time, not autocannon's per-second histogram.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  // autocannon shares the limit among connections; a connection given 0 would have none.
  if (options.maxRequests !== undefined && options.maxRequests < options.connections) {
    throw new Error(`${options.maxRequests} requests cannot be shared by ${options.connections} connections`);
  }
  const expect = options.expect ?? ((status: number) => status >= 200 && status < 300);
  let next = 0;
  const pick = () => options.requests[next++ % options.requests.length] as LoadRequest;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let unexpected = 0;
  let peakRss = options.rss?.() ?? 0;
  const sampler = options.rss ? setInterval(() => (peakRss = Math.max(peakRss, options.rss?.() ?? 0)), 250) : undefined;
  let finish: (value: autocannon.Result) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.duration,
      maxOverallRequests: options.maxRequests,
      timeout: 30,
      headers: options.headers,
      requests: [
        {
          setupRequest: (request) => {
            const chosen = pick();
            return {
              ...request,
              method: chosen.method ?? 'GET',
              path: chosen.path,
              body: chosen.body,
              headers: { ...request.headers, ...(chosen.body ? { 'content-type': 'application/json' } : {}) },
            };
          },
        },
      ],
    },
    (error, result) => (error ? fail(error as Error) : finish(result)),
  );
  instance.on('response', (_client, status, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (!expect(status)) unexpected += 1;
  });
  const result = await finished;
  if (sampler) clearInterval(sampler);
  const seconds = result.duration;
  return {
    ...summarise(latencies),
    connections: options.connections,
    seconds,
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    errors: result.errors + result.timeouts,
    unexpected,
    statuses,
    peakRss: options.rss ? peakRss : undefined,
  };
}
