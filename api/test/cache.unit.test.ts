import { describe, expect, it } from 'vitest';
import { ifNoneMatchAccepts } from '../src/http/etag.js';
import { Lru } from '../src/cache/lru.js';
import { loadConfig } from '../src/config.js';

describe('the read cache’s LRU', () => {
  it('evicts the least recently read entry when over its count', () => {
    const lru = new Lru<string>({ maxEntries: 2, maxBytes: 1000 });
    lru.set('a', 'A', 1);
    lru.set('b', 'B', 1);
    expect(lru.get('a')).toBe('A'); // now b is the oldest
    lru.set('c', 'C', 1);
    expect([lru.peek('a'), lru.peek('b'), lru.peek('c')]).toEqual(['A', undefined, 'C']);
    expect(lru.evictions).toBe(1);
  });

  it('keeps its bytes within the budget, and refuses an entry too large to share it', () => {
    const lru = new Lru<string>({ maxEntries: 100, maxBytes: 100 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) lru.set(key, key, 25);
    expect(lru.bytes).toBe(100);
    expect(lru.size).toBe(4);
    expect(lru.peek('a')).toBeUndefined();
    expect(lru.set('huge', 'x', 26)).toBe(false);
    expect(lru.peek('huge')).toBeUndefined();
    lru.set('b', 'B2', 10); // replacing an entry counts its new size only
    expect(lru.bytes).toBe(85);
    lru.clear();
    expect([lru.size, lru.bytes]).toEqual([0, 0]);
  });
});

describe('If-None-Match', () => {
  const etag = 'W/"abc"';
  it('matches weakly, in a list, or as *', () => {
    expect(ifNoneMatchAccepts('W/"abc"', etag)).toBe(true);
    expect(ifNoneMatchAccepts('"abc"', etag)).toBe(true);
    expect(ifNoneMatchAccepts('"x", W/"abc"', etag)).toBe(true);
    expect(ifNoneMatchAccepts('*', etag)).toBe(true);
  });
  it('does not match another tag, a prefix of it, or nothing', () => {
    expect(ifNoneMatchAccepts('W/"ab"', etag)).toBe(false);
    expect(ifNoneMatchAccepts('W/"abcd"', etag)).toBe(false);
    expect(ifNoneMatchAccepts('', etag)).toBe(false);
    expect(ifNoneMatchAccepts(undefined, etag)).toBe(false);
  });
});

describe('READ_CACHE', () => {
  it('is on by default, and off with off or false', () => {
    expect(loadConfig({}).READ_CACHE).toBe(true);
    expect(loadConfig({ READ_CACHE: 'off' }).READ_CACHE).toBe(false);
    expect(loadConfig({ READ_CACHE: 'false' }).READ_CACHE).toBe(false);
    expect(loadConfig({ READ_CACHE: 'on' }).READ_CACHE).toBe(true);
  });
  it('names the variable when its value is neither', () => {
    expect(() => loadConfig({ READ_CACHE: 'sometimes' })).toThrow('READ_CACHE: must be on or off (got "sometimes")');
  });
});
