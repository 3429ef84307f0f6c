export interface LruLimits {
  /** Most entries kept. */
  maxEntries: number;
  /** Most bytes kept, as the entries report their own size. */
  maxBytes: number;
}

/**
 * A least-recently-used map bounded both by entry count and by bytes, so a few large GeoJSON
 * answers cannot crowd memory any more than many small ones. A Map keeps insertion order: reading
 * an entry moves it to the end, eviction takes from the start.
 */
export class Lru<V> {
  private readonly entries = new Map<string, { value: V; size: number }>();
  private totalBytes = 0;
  evictions = 0;

  constructor(private readonly limits: LruLimits) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Peeks without making the entry recent. */
  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Stores the value; one larger than a quarter of the budget is not kept at all (returns false). */
  set(key: string, value: V, size: number): boolean {
    this.delete(key);
    if (size > this.limits.maxBytes / 4) return false;
    this.entries.set(key, { value, size });
    this.totalBytes += size;
    while (this.entries.size > this.limits.maxEntries || this.totalBytes > this.limits.maxBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.delete(oldest);
      this.evictions += 1;
    }
    return true;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalBytes -= entry.size;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }
}
