/**
 * A small seeded random source for the bench data. mulberry32 is 32-bit, fast and good enough
 * for test data (not for secrets); written here so the data set depends on no package's
 * version: the same seed gives the same hotspots on every machine and every install.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** Standard normal (mean 0, standard deviation 1). */
  gaussian(): number;
  /** A version-4-shaped UUID drawn from this source: reproducible ids for a reproducible data set. */
  uuid(): string;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  // Box–Muller yields two normals per draw; keeping the second halves the cost.
  let spare: number | undefined;
  const hex32 = () =>
    Math.floor(next() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    gaussian() {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      const u = 1 - next(); // (0, 1]: log(0) would be -Infinity
      const radius = Math.sqrt(-2 * Math.log(u));
      const angle = 2 * Math.PI * next();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
    uuid() {
      const h = hex32() + hex32() + hex32() + hex32();
      const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}

/**
 * Picks among weighted entries in O(log n) — the settlement list has ten thousand entries and a
 * million draws. Entries with zero or negative weight are never picked.
 */
export function weightedPicker<T>(entries: readonly T[], weight: (entry: T) => number): (random: Random) => T {
  const kept: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const entry of entries) {
    const w = weight(entry);
    if (!(w > 0)) continue;
    total += w;
    kept.push(entry);
    cumulative.push(total);
  }
  if (kept.length === 0) throw new Error('nothing to pick from: every weight is zero');
  return (random) => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    return kept[low] as T;
  };
}

/** A picker over a fixed table of { value: weight }, e.g. the status mix. */
export function tablePicker<K extends string>(table: Record<K, number>): (random: Random) => K {
  const pick = weightedPicker(Object.entries(table) as [K, number][], ([, w]) => w);
  return (random) => pick(random)[0];
}
