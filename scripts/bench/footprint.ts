import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  files: number;
  /** Every JS and CSS file of the build, gzipped one by one. */
  allGzipBytes: number;
  allRawBytes: number;
  /** What index.html loads before anything else (its scripts, styles and module preloads), gzipped. */
  initialGzipBytes: number;
}

/** Sizes of the built web app (web/dist); undefined when it has not been built. */
export function bundleSize(dist: string): BundleSize | undefined {
  const assets = path.join(dist, 'assets');
  if (!existsSync(assets)) return undefined;
  const files = readdirSync(assets).filter((name) => /\.(js|css)$/.test(name));
  const sizes = new Map(
    files.map((name) => {
      const raw = readFileSync(path.join(assets, name));
      return [name, { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length }];
    }),
  );
  const index = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = [...index.matchAll(/(?:src|href)="\/?assets\/([^"]+\.(?:js|css))"/g)].map((match) => match[1]);
  const sum = (names: Iterable<string | undefined>, key: 'raw' | 'gzip') =>
    [...names].reduce((total, name) => total + (sizes.get(name ?? '')?.[key] ?? 0), 0);
  return {
    files: files.length,
    allGzipBytes: sum(files, 'gzip'),
    allRawBytes: sum(files, 'raw'),
    initialGzipBytes: sum(new Set(initial), 'gzip'),
  };
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}
