import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { canSeeConfidential } from '../auth/visibility.js';
import { type Coding, COMPRESS_FROM_BYTES, encode, preferredCoding } from '../http/compression.js';
import { isAnyTag, namesTag } from '../http/etag.js';
import { Lru } from './lru.js';

/**
 * What a browser or proxy may keep of a cached route's answer, by who asks.
 *
 * Public class (viewer, akimat): the answer holds no confidential hotspot. `private` keeps it out
 * of shared (proxy) caches — the records are still the office's — and `no-cache` lets the browser
 * keep a copy it must revalidate every time, which our ETag makes a cheap 304: the map a meeting
 * reopens fifty times crosses the network once.
 *
 * Confidential class (prosecutor, admin): lists, clusters and statistics then include confidential
 * hotspots (their titles, places, counts). A browser's disk cache outlives the session — on a
 * shared office computer the next person, or anyone with the disk, could read it after sign-out —
 * so these answers are `no-store`: nothing kept anywhere. The server's read cache (memory of the
 * API process, keyed by visibility class) still spares the database; only the 304 round trip is lost.
 */
const CACHE_CONTROL = 'private, no-cache';
const CACHE_CONTROL_CONFIDENTIAL = 'private, no-store';

function cacheControlFor(req: Request): string {
  return visibilityClass(req) === 'confidential' ? CACHE_CONTROL_CONFIDENTIAL : CACHE_CONTROL;
}

export interface ReadCacheOptions {
  knex: Knex;
  /** The city's "today": overdue flags and the stats period depend on it, so it is part of the key. */
  today: () => string;
  /** False: every request runs its query (READ_CACHE=off), as a baseline to measure against. */
  enabled?: boolean;
  maxEntries?: number;
  maxBytes?: number;
}

interface Entry {
  tag: string;
  /** The answer as the route sent it, as bytes: a hit sends them without converting a string again. */
  body: Buffer;
  contentType: string;
  /**
   * The body compressed, once per coding, when a client first asks for it (on the miss itself if
   * that client takes compression): a street view is ~1.2 MB of GeoJSON and ~100 kB as brotli, and
   * every later hit sends those bytes as they are. Requests arriving while one is being made share it.
   */
  encoded: Partial<Record<Coding, Promise<Buffer>>>;
  /** Bytes of the encodings made so far, for the memory bound. */
  encodedBytes: number;
}

/** The size an entry counts for in the cache's memory bound. */
function sizeOf(key: string, entry: Entry): number {
  return entry.body.length + entry.encodedBytes + key.length;
}

/** Counters for operators and tests; X-Cache on each response tells the same per request. */
export interface ReadCacheStats {
  /** Answered from memory without running the route's query. */
  hits: number;
  /** Of the hits, those that waited for an identical request already running its query. */
  coalesced: number;
  /** Answered 304 to If-None-Match, without running the query. */
  notModified: number;
  /** Ran the route's query. */
  misses: number;
}

/**
 * Who sees what, as far as the cached routes go: only the confidential rule makes their answers
 * differ between people (an akimat user sees exactly what a viewer sees in lists, stats and
 * clusters). A route whose answer depends on the person must not be cached — or this must grow.
 */
function visibilityClass(req: Request): string {
  return canSeeConfidential(req.auth?.user.role) ? 'confidential' : 'public';
}

/**
 * Everything a cached answer depends on besides the data: who may see what, the day, the origin
 * (self links are absolute), the path and the query as Express parsed it — so parameters in
 * another order share an entry, and nothing the handler reads differently can share one.
 */
function cacheKey(req: Request, today: string): string {
  const query = req.query as Record<string, unknown>;
  const params = Object.keys(query)
    .sort()
    .map((name) => [name, query[name]]);
  const path = req.originalUrl.split('?')[0];
  return JSON.stringify([visibilityClass(req), today, req.protocol, req.get('host') ?? '', path, params]);
}

function etagOf(tag: string, key: string): string {
  // Hashed, so the tag reveals neither the key nor how many writes there have been.
  return `W/"${createHash('sha256').update(tag).update('\n').update(key).digest('base64url').slice(0, 27)}"`;
}

type Captured = Pick<Entry, 'body' | 'contentType'>;

/**
 * Runs a handler and takes what it sends with status 200 (res.json and res.send both end in
 * res.send with a string or a Buffer) without sending it: the cache sends it, compressed once for
 * the client and kept so. Anything else (an error, a 304 to `If-None-Match: *`) goes out at once.
 */
async function capture(
  res: Response,
  run: () => Promise<void> | void,
  notModifiedIfOk = false,
): Promise<Captured | undefined> {
  const send = res.send;
  let taken: Captured | undefined;
  res.send = function (this: Response, body?: unknown) {
    // The tag names the 200 answer; a 404 carrying it could later be "confirmed" by a 304.
    if (this.statusCode !== 200) this.removeHeader('ETag');
    if (this.statusCode !== 200 || !(typeof body === 'string' || Buffer.isBuffer(body))) return send.call(this, body);
    // `If-None-Match: *` and the route answered 200: the resource exists, so "not modified" (the
    // answer is not kept: the next plain request computes it again).
    if (notModifiedIfOk) return send.call(this.status(304), body);
    if (taken) throw new Error('a cached route sent its answer twice');
    taken = {
      body: Buffer.isBuffer(body) ? body : Buffer.from(body),
      contentType: String(this.get('Content-Type') ?? 'application/octet-stream'),
    };
    return this;
  } as Response['send'];
  try {
    await run();
  } catch (error) {
    if (!res.headersSent) res.removeHeader('ETag');
    throw error;
  } finally {
    res.send = send;
  }
  return res.statusCode === 200 ? taken : undefined;
}

/**
 * The calendar date cannot change but on a whole minute (every time zone's offset is whole
 * minutes), so "today" is worked out once a minute rather than per request: building an Intl
 * formatter per call was 4.4% of the CPU profile of a process answering cache hits.
 */
function perMinute(today: () => string): () => string {
  let minute = Number.NaN;
  let value = '';
  return () => {
    const now = Math.floor(Date.now() / 60_000);
    if (now !== minute) {
      value = today();
      minute = now;
    }
    return value;
  };
}

/**
 * A read cache shared by the requests of one API process, valid across processes: every entry
 * carries the data version it was computed under, and each request reads the current version from
 * the database (a read of 16 rows), so a write through any process — which bumps the version
 * in its own transaction — makes every process answer afresh from the next request on.
 */
export class ReadCache {
  readonly stats: ReadCacheStats = { hits: 0, coalesced: 0, notModified: 0, misses: 0 };
  readonly enabled: boolean;
  private readonly entries: Lru<Entry>;
  /** Identical requests arriving while one runs its query wait for it (a meeting opens one map 50 times). */
  private readonly running = new Map<string, Promise<Entry | undefined>>();
  private lastTag: string | undefined;
  private readonly today: () => string;
  /** The data-version read that the requests of this turn of the event loop will share (see versionNow). */
  private nextRead: Promise<string> | undefined;

  constructor(private readonly options: ReadCacheOptions) {
    this.enabled = options.enabled ?? true;
    this.entries = new Lru({ maxEntries: options.maxEntries ?? 2000, maxBytes: options.maxBytes ?? 64 * 1024 * 1024 });
    this.today = perMinute(options.today);
  }

  get size(): { entries: number; bytes: number; evictions: number } {
    return { entries: this.entries.size, bytes: this.entries.bytes, evictions: this.entries.evictions };
  }

  /**
   * The entry's body in `coding`, made once (in zlib's thread pool) and then kept with the entry,
   * which is stored again so the memory bound counts the copy. A failure is not kept: the next
   * request tries again, and this one is answered uncompressed.
   */
  private encoded(key: string, entry: Entry, coding: Coding): Promise<Buffer> {
    const made = entry.encoded[coding];
    if (made) return made;
    const making = encode(coding, entry.body);
    entry.encoded[coding] = making;
    making.then(
      (bytes) => {
        entry.encodedBytes += bytes.length;
        // Replaced or evicted meanwhile: nothing to account for.
        if (this.entries.peek(key) === entry) this.entries.set(key, entry, sizeOf(key, entry));
      },
      () => delete entry.encoded[coding],
    );
    return making;
  }

  /** Sends an entry's 200, compressed as the client prefers when it is worth it. */
  private async send(req: Request, res: Response, key: string, entry: Entry): Promise<void> {
    res.setHeader('Content-Type', entry.contentType);
    res.vary('Accept-Encoding');
    const coding = entry.body.length >= COMPRESS_FROM_BYTES ? preferredCoding(req.get('Accept-Encoding')) : undefined;
    if (coding) {
      const bytes = await this.encoded(key, entry, coding).catch(() => undefined);
      if (bytes) {
        // The compression middleware sees Content-Encoding and leaves these bytes alone.
        res.setHeader('Content-Encoding', coding);
        res.send(bytes);
        return;
      }
    }
    res.send(entry.body);
  }

  /** The data version: the sum of the write counters and when one last moved (which tells a restored database apart). */
  async dataTag(): Promise<string> {
    const row = (await this.options
      .knex('data_version_now')
      .first('version', this.options.knex.raw('(extract(epoch FROM changed_at) * 1000000)::bigint AS at'))) as
      { version: number | null; at: number | null } | undefined;
    if (row?.version == null) throw new Error('data_version is empty: the database was not migrated by Oshaq');
    return `${row.version}@${row.at}`;
  }

  /**
   * The data version as the database has it now, read by a statement that starts AFTER this call:
   * the requests that ask during one turn of the event loop wait for the next turn's single read
   * (at 32 connections, many arrive in one turn). Each request still gets a version read from the
   * database after it arrived, so it sees every write committed before it — through this process
   * or any other — exactly as with a read of its own; a request arriving once the read has started
   * waits for the next one, never an older one.
   */
  versionNow(): Promise<string> {
    if (!this.nextRead) {
      this.nextRead = new Promise((resolve, reject) => {
        setImmediate(() => {
          this.nextRead = undefined; // from here on, callers arrived after this read began: a new one
          this.dataTag().then(resolve, reject);
        });
      });
    }
    return this.nextRead;
  }

  /** Answers a GET or HEAD from the cache, with 304 to a current If-None-Match, or runs `run` and keeps its answer. */
  async serve(req: Request, res: Response, run: () => Promise<void> | void): Promise<void> {
    res.setHeader('Cache-Control', cacheControlFor(req));
    if (!this.enabled) {
      res.setHeader('X-Cache', 'off');
      return run();
    }
    // The validator (the data version) is read BEFORE the route runs, in its own statement, not in
    // the body's snapshot — and that is safe because it is conservative. Every write moves the
    // version in its own transaction, and a statement sees everything committed before it starts;
    // so every query of the body sees at least the data of `tag`, never older. A write committing
    // between the two makes the body NEWER than its tag, which is harmless: the entry is kept under
    // the old tag, which no request reads any more (versions only grow), and a client holding that
    // tag revalidates against the newer version and gets a fresh 200. The reverse — a tag newer
    // than its body, which a 304 would then vouch for forever — cannot happen.
    const tag = await this.versionNow();
    if (tag !== this.lastTag) {
      // Entries of any other version can never be served again: free them now. (A request that read
      // the version just before a write may still clear newer entries: a few extra misses, never a wrong answer.)
      this.lastTag = tag;
      this.entries.clear();
    }
    const key = cacheKey(req, this.today());
    const etag = etagOf(tag, key);
    res.setHeader('ETag', etag);
    const ifNoneMatch = req.get('If-None-Match');
    // A tag is only ever sent with a 200 (capture removes it from anything else), and it hashes the
    // data version with the request's key: a client holding it saw a 200 for exactly this request at
    // this data version, so nothing has changed — a 304 is right without running the route.
    if (namesTag(ifNoneMatch, etag)) {
      this.stats.notModified += 1;
      res.setHeader('X-Cache', 'hit');
      res.status(304).end();
      return;
    }
    // `*` says "unless it exists", and whether it exists is the route's to say: a 400 (a filter
    // naming an unknown code, a bad cursor) or a 404 (no such area) must stay what it is, so `*`
    // becomes a 304 only for an answer that is (or would be) a 200.
    const anyTag = isAnyTag(ifNoneMatch);
    const flight = `${tag}\n${key}`;
    let entry = this.entries.get(key);
    if (entry?.tag !== tag) {
      const running = this.running.get(flight);
      entry = running ? await running : undefined;
      if (entry) this.stats.coalesced += 1;
    }
    if (entry?.tag === tag) {
      this.stats.hits += 1;
      res.setHeader('X-Cache', 'hit');
      if (anyTag) {
        this.stats.notModified += 1;
        res.status(304).end();
        return;
      }
      await this.send(req, res, key, entry);
      return;
    }
    this.stats.misses += 1;
    res.setHeader('X-Cache', 'miss');
    let settle: (value: Entry | undefined) => void = () => undefined;
    const leader = !this.running.has(flight);
    if (leader) this.running.set(flight, new Promise((resolve) => (settle = resolve)));
    let computed: Entry | undefined;
    try {
      const taken = await capture(res, run, anyTag);
      if (taken) {
        computed = { tag, ...taken, encoded: {}, encodedBytes: 0 };
        // A slow request of an older version must not replace a newer entry.
        if (this.lastTag === tag) this.entries.set(key, computed, sizeOf(key, computed));
      }
    } finally {
      if (leader) {
        this.running.delete(flight);
        settle(computed);
      }
    }
    // Sent after the waiting requests were let go: they share this entry's compression with it.
    if (computed) await this.send(req, res, key, computed);
  }
}
