import type { DatabaseFigures } from './database-bench.js';
import type { BundleSize, Machine } from './footprint.js';
import type { LoadResult } from './load-test.js';

export interface BenchReport {
  startedAt: string;
  seconds: number;
  machine: Machine;
  args: { count: number; duration: number };
  databases: DatabaseFigures[];
  startup?: { firstMs: number; laterMs: number };
  bundle?: BundleSize;
  failures: string[];
}

const ms = (value: number) => (Number.isFinite(value) ? (value < 10 ? value.toFixed(2) : value.toFixed(1)) : '–');
const rate = (value: number) => (value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en'));
/** Requests per second, with how many answers the figures rest on. */
const rateN = (run: LoadResult) => `${rate(run.requestsPerSecond)} (n=${run.requests})`;
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const latency = (run: LoadResult) => `${ms(run.p50)} / ${ms(run.p95)} / ${ms(run.p99)}`;
const bad = (run: LoadResult) => `${run.errors + run.unexpected}${run.unexpected ? ` (${statusList(run)})` : ''}`;
const statusList = (run: LoadResult) =>
  Object.entries(run.statuses)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** The report as Markdown: what the README carries, and what stdout shows. */
export function markdown(report: BenchReport): string {
  const m = report.machine;
  const out: string[] = [
    `# Oshaq bench, ${report.startedAt}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}. ` +
      `Each load case ran ${report.args.duration} s with autocannon; latencies in ms (p50 / p95 / p99).`,
  ];
  for (const db of report.databases) {
    out.push(
      '',
      `## ${db.kind === 'server' ? 'Server' : 'Embedded (PGlite)'} database: ${db.postgres}, ` +
        `${db.hotspots.toLocaleString('en')} hotspots, ${db.events.toLocaleString('en')} events` +
        (db.seedSeconds !== undefined ? ` (loaded in ${db.seedSeconds.toFixed(1)} s)` : ''),
      '',
      table(
        ['case', 'SQL p50 / p95', 'API c1', 'c1 req/s', 'API/SQL p50', 'API c32', 'c32 req/s', 'errors c1+c32'],
        db.reads.map((read) => [
          read.name,
          `${ms(read.floor.p50)} / ${ms(read.floor.p95)}`,
          latency(read.c1),
          rateN(read.c1),
          `${read.ratio.toFixed(2)}×`,
          read.c32 ? latency(read.c32) : 'left out',
          read.c32 ? rateN(read.c32) : '–',
          `${bad(read.c1)} + ${read.c32 ? bad(read.c32) : '–'}`,
        ]),
      ),
      '',
      ...db.reads.map((read) => `- **${read.name}**: ${read.what} — \`${read.path.slice(0, 120)}\``),
      '',
    );
    if (db.write) {
      out.push(
        `- **write** (a transition, each request on another hotspot): c1 ${latency(db.write.c1)} ms, ` +
          `${rate(db.write.c1.requestsPerSecond)} req/s, errors ${bad(db.write.c1)}; ` +
          `c32 ${latency(db.write.c32)} ms, ${rate(db.write.c32.requestsPerSecond)} req/s, errors ${bad(db.write.c32)}`,
      );
    }
    const c = db.cache;
    out.push(
      `- **cache** (street view, c32): uncached ${c.uncached ? rate(c.uncached.requestsPerSecond) : '–'} req/s, cached ` +
        `${rate(c.cached.requestsPerSecond)} req/s (p50 ${ms(c.cached.p50)} ms) = **${Number.isFinite(c.throughputRatio) ? c.throughputRatio.toFixed(1) : '–'}×**; ` +
        `304 with If-None-Match ${rate(c.notModified.requestsPerSecond)} req/s (p50 ${ms(c.notModified.p50)} ms), ` +
        `errors ${bad(c.notModified)}; X-Cache first ${c.firstXCache}, then ${c.secondXCache}`,
    );
    if (db.workers) {
      out.push(
        `- **workers** (single hotspots, c32, cache off): 1 worker ${rate(db.workers.one.requestsPerSecond)} req/s ` +
          `(p95 ${ms(db.workers.one.p95)} ms), 2 workers ${rate(db.workers.two.requestsPerSecond)} req/s ` +
          `(p95 ${ms(db.workers.two.p95)} ms) = ${db.workers.ratio.toFixed(2)}×`,
      );
    }
    for (const view of db.browser ?? []) {
      out.push(
        `- **browser** ${view.name} view: ready map in ${ms(view.readyMs)} ms (drawn: ${view.drawn}); frame interval ` +
          `while panning p50 ${ms(view.panFrames.p50)} / p95 ${ms(view.panFrames.p95)} / p99 ${ms(view.panFrames.p99)} ms ` +
          `(${view.panFrames.samples} frames)`,
      );
    }
    out.push(`- **RSS** of the API under load (one worker, cache off): peak ${mb(db.peakRss)}`);
    out.push(
      `- street bbox ${db.places.street.map((v) => v.toFixed(4)).join(',')} around ` +
        `${db.places.centre.map((v) => v.toFixed(3)).join(', ')} (the densest settlement)`,
    );
    for (const note of db.notes) out.push(`- note: ${note}`);
  }
  out.push('', '## Start-up and footprint', '');
  if (report.startup) {
    out.push(
      `- embedded start-up to ready: first (fresh data dir, migrations and demo) ${(report.startup.firstMs / 1000).toFixed(1)} s, ` +
        `later ${(report.startup.laterMs / 1000).toFixed(1)} s`,
    );
  }
  if (report.bundle) {
    const b = report.bundle;
    out.push(
      `- web bundle: ${b.files} JS/CSS files, ${kb(b.allGzipBytes)} gzipped (${kb(b.allRawBytes)} raw); ` +
        `loaded first by index.html: ${kb(b.initialGzipBytes)} gzipped`,
    );
  } else out.push('- web bundle: web/dist missing (run `npm run build`)');
  for (const failure of report.failures) out.push(`- **failed**: ${failure}`);
  out.push('', `Rerun: \`npm run bench -- --count ${report.args.count} --duration ${report.args.duration}\`.`, '');
  return out.join('\n');
}
