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
  /**
   * Whether each answer says `X-Cache: hit|miss|off` (CACHE_DEBUG_HEADER). Off unless asked: two
   * people of one visibility class share entries, so a hit would tell one of them that another
   * just asked exactly this (a search word, a filter). Tests and the benchmark turn it on;
   * operators have the counters (`stats`).
   */
  debugHeader?: boolean;
}

interface Entry {
  /** The data version the body was computed under: decides whether the entry is still fresh. */
  tag: string;
  /** The ETag: a hash of the body itself (see etagOfBody). */
  etag: string;
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

/** Counters for operators and tests (X-Cache, when CACHE_DEBUG_HEADER is on, tells the same per request). */
export interface ReadCacheStats {
  /** Answered 200 (or 304 to `If-None-Match: *`) from memory without running the route's query. */
  hits: number;
  /** Of the hits, those that waited for an identical request already running its query. */
  coalesced: number;
  /** Answered 304 to If-None-Match: from memory, or after a miss whose body came out the same. */
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

/**
 * The validator of an answer: a hash of its bytes (and type), made once when the entry is stored.
 * It covers everything in the body and comes from the body's own snapshot, and from nothing else:
 * the data version moves on every write, also to confidential hotspots a viewer may not see, so a
 * tag made from it would tell a viewer — by a new tag on the same bytes — that something hidden
 * changed, and when. Every process computes the same tag for the same bytes, so a client moved
 * between processes still gets its 304. Weak (W/): the same tag names the plain and the
 * compressed bytes, which are one representation for a cache.
 */
function etagOfBody(body: Buffer, contentType: string): string {
  const hash = createHash('sha256').update(contentType).update('\n').update(body).digest('base64url');
  return `W/"${hash.slice(0, 27)}"`;
}

type Captured = Pick<Entry, 'body' | 'contentType'>;

/**
 * Runs a handler and takes what it sends with status 200 (res.json and res.send both end in
 * res.send with a string or a Buffer) without sending it: the cache sends it, compressed once for
 * the client and kept so. Anything else (an error, a 304 to `If-None-Match: *`) goes out at once.
 */
async function capture(res: Response, run: () => Promise<void> | void): Promise<Captured | undefined> {
  const send = res.send;
  let taken: Captured | undefined;
  res.send = function (this: Response, body?: unknown) {
    // Only a 200 gets a tag (set once the body is known): a 404 carrying one could later be
    // "confirmed" by a 304.
    if (this.statusCode !== 200 || !(typeof body === 'string' || Buffer.isBuffer(body))) return send.call(this, body);
    if (taken) throw new Error('a cached route sent its answer twice');
    taken = {
      body: Buffer.isBuffer(body) ? body : Buffer.from(body),
      contentType: String(this.get('Content-Type') ?? 'application/octet-stream'),
    };
    return this;
  } as Response['send'];
  try {
    await run();
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

  /** Says hit, miss or off in X-Cache, only when CACHE_DEBUG_HEADER asks for it (see ReadCacheOptions). */
  private mark(res: Response, outcome: 'hit' | 'miss' | 'off'): void {
    if (this.options.debugHeader) res.setHeader('X-Cache', outcome);
  }

  /**
   * Answers with an entry: 304 when the client already holds these bytes (its If-None-Match names
   * the entry's tag) or asks `If-None-Match: *` (the answer exists: it is a 200), else the 200.
   */
  private async answer(req: Request, res: Response, key: string, entry: Entry): Promise<void> {
    res.setHeader('ETag', entry.etag);
    const ifNoneMatch = req.get('If-None-Match');
    if (isAnyTag(ifNoneMatch) || namesTag(ifNoneMatch, entry.etag)) {
      this.stats.notModified += 1;
      res.status(304).end();
      return;
    }
    await this.send(req, res, key, entry);
  }

  /** Answers a GET or HEAD from the cache, with 304 to a current If-None-Match, or runs `run` and keeps its answer. */
  async serve(req: Request, res: Response, run: () => Promise<void> | void): Promise<void> {
    res.setHeader('Cache-Control', cacheControlFor(req));
    // The 200 may go out compressed, so it varies by Accept-Encoding; a 304 must say the same
    // (RFC 9110 §15.4.5), or a cache could pair it with a copy stored for another coding.
    res.vary('Accept-Encoding');
    if (!this.enabled) {
      this.mark(res, 'off');
      return run();
    }
    // The data version is read BEFORE the route runs, in its own statement, not in the body's
    // snapshot — and that is safe because it is conservative. Every write moves the version in its
    // own transaction, and a statement sees everything committed before it starts; so every query
    // of the body sees at least the data of `tag`, never older. A write committing between the two
    // makes the body NEWER than its tag, which is harmless: the entry is kept under the old
    // version, which no request reads any more (versions only grow). The version decides only
    // whether an entry is fresh; what a client is told (the ETag) is a hash of the body itself.
    const tag = await this.versionNow();
    if (tag !== this.lastTag) {
      // Entries of any other version can never be served again: free them now. (A request that read
      // the version just before a write may still clear newer entries: a few extra misses, never a wrong answer.)
      this.lastTag = tag;
      this.entries.clear();
    }
    const key = cacheKey(req, this.today());
    const flight = `${tag}\n${key}`;
    let entry = this.entries.get(key);
    if (entry?.tag !== tag) {
      const running = this.running.get(flight);
      entry = running ? await running : undefined;
      if (entry) this.stats.coalesced += 1;
    }
    if (entry?.tag === tag) {
      // A 304 from memory counts as notModified only (as the query-free revalidation it is).
      if (!namesTag(req.get('If-None-Match'), entry.etag)) this.stats.hits += 1;
      this.mark(res, 'hit');
      await this.answer(req, res, key, entry);
      return;
    }
    this.stats.misses += 1;
    this.mark(res, 'miss');
    let settle: (value: Entry | undefined) => void = () => undefined;
    const leader = !this.running.has(flight);
    if (leader) this.running.set(flight, new Promise((resolve) => (settle = resolve)));
    let computed: Entry | undefined;
    try {
      const taken = await capture(res, run);
      if (taken) {
        computed = { tag, etag: etagOfBody(taken.body, taken.contentType), ...taken, encoded: {}, encodedBytes: 0 };
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
    // A client whose tag names the recomputed bytes (a write it cannot see, or none that touched
    // this answer) gets its 304 here: the same bytes keep the same tag.
    if (computed) await this.answer(req, res, key, computed);
  }
}
