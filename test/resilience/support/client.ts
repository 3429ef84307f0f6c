/**
 * A small HTTP client for the resilience tests that never throws: every request ends as an
 * outcome (a status, or a network error), so a run can be judged afterwards as a whole.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Outcome {
  op: string;
  method: string;
  path: string;
  /** The HTTP status, or 'network' when no answer came (connection refused or cut). */
  status: number | 'network';
  contentType: string;
  retryAfter: string | null;
  body: Json;
  /** How long the request took. */
  ms: number;
  error?: string;
}

export interface ApiClient {
  readonly name: string;
  readonly inFlight: number;
  call(op: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Outcome>;
}

/** Every outcome of a run, in the order they arrived. */
export class Tally {
  readonly outcomes: Outcome[] = [];

  add(outcome: Outcome): void {
    this.outcomes.push(outcome);
  }

  count(predicate: (outcome: Outcome) => boolean): number {
    return this.outcomes.filter(predicate).length;
  }

  /** Median and 95th percentile time per operation, in ms: "list 12/40". */
  latencies(): string {
    const byOp = new Map<string, number[]>();
    for (const { op, ms } of this.outcomes) byOp.set(op, [...(byOp.get(op) ?? []), ms]);
    return [...byOp.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([op, times]) => {
        const sorted = times.sort((a, b) => a - b);
        const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
        return `${op} ${at(0.5)}/${at(0.95)}`;
      })
      .join(', ');
  }

  /** "GET list 200: 812" lines, for a failure message or the log. */
  summary(): string {
    const counts = new Map<string, number>();
    for (const { op, status } of this.outcomes) counts.set(`${op} ${status}`, (counts.get(`${op} ${status}`) ?? 0) + 1);
    return [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => `${key}: ${n}`)
      .join(', ');
  }
}

export function apiClient(baseUrl: () => string, token: string, name: string, tally?: Tally): ApiClient {
  let inFlight = 0;
  return {
    name,
    get inFlight() {
      return inFlight;
    },
    async call(op, method, path, body, headers = {}) {
      inFlight += 1;
      const started = performance.now();
      const base = { op, method, path };
      let outcome: Outcome;
      try {
        const response = await fetch(`${baseUrl()}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await response.text();
        let parsed: Json = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: keep the text
        }
        outcome = {
          ...base,
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          retryAfter: response.headers.get('retry-after'),
          body: parsed,
          ms: performance.now() - started,
        };
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        outcome = {
          ...base,
          status: 'network',
          contentType: '',
          retryAfter: null,
          body: undefined,
          ms: performance.now() - started,
          error: `${(error as Error).message}${cause?.code ? ` (${cause.code})` : ''}`,
        };
      } finally {
        inFlight -= 1;
      }
      tally?.add(outcome);
      return outcome;
    },
  };
}

/** The ETag a detail answer carried, read from its version (the API's ETag is "v<version>"). */
export const etagOf = (outcome: Outcome): string | undefined =>
  typeof outcome.body?.properties?.version === 'number' ? `"v${outcome.body.properties.version}"` : undefined;
