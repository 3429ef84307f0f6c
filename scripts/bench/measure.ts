/** Percentiles and summaries of timings, in milliseconds. */

/** Nearest-rank percentile of already sorted values (p from 0 to 100); NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0] as number;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

export interface Timing {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function summarise(values: readonly number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length ? mean : Number.NaN,
  };
}

/**
 * Runs `work` one call at a time, at least `minRuns` times and then until `seconds` have passed
 * or `maxRuns` is reached, after `warmup` untimed calls (plans and buffers settle first).
 */
export async function timeSequentially(
  work: () => Promise<unknown>,
  options: { warmup?: number; minRuns?: number; maxRuns?: number; seconds?: number } = {},
): Promise<Timing> {
  const { warmup = 3, minRuns = 20, maxRuns = 500, seconds = 3 } = options;
  for (let i = 0; i < warmup; i += 1) await work();
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (times.length < maxRuns && (times.length < minRuns || performance.now() < until)) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
    // PGlite answers without I/O: let signals and timers run between calls.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return summarise(times);
}
