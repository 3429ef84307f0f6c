import type { Knex } from 'knex';
import type { TestAccount } from './accounts.js';
import type { Json } from './http.js';

export interface Read {
  status: number;
  /** hit, miss, off, or null for a route the cache does not serve. */
  xCache: string | null;
  etag: string | null;
  cacheControl: string | null;
  type: string | null;
  text: string;
  body: Json;
}

/** GET (or HEAD) as an account, keeping the raw text and the caching headers. */
export function reader(baseUrl: string) {
  return async (
    account: TestAccount | undefined,
    path: string,
    headers: Record<string, string> = {},
    method = 'GET',
  ): Promise<Read> => {
    const response = await fetch(path.startsWith('http') ? path : `${baseUrl}${path}`, {
      method,
      headers: { ...(account ? { Authorization: `Bearer ${account.token}` } : {}), ...headers },
    });
    const text = await response.text();
    let body: Json;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return {
      status: response.status,
      xCache: response.headers.get('x-cache'),
      etag: response.headers.get('etag'),
      cacheControl: response.headers.get('cache-control'),
      type: response.headers.get('content-type'),
      text,
      body,
    };
  };
}

/** Authentication (token and session look-ups) and the data-version check: what a cache hit may run. */
const BOOKKEEPING = /\b(api_tokens|sessions|data_version_now)\b/;

/**
 * Records the SQL the app runs, to prove a cached answer ran no query on the data — without timing.
 * The app must run in this process on the same knex.
 */
export function watchQueries(knex: Knex) {
  let seen: string[] = [];
  knex.on('query', (query: { sql: string }) => seen.push(query.sql));
  return {
    async during<T>(action: () => Promise<T>): Promise<{ result: T; data: string[] }> {
      seen = [];
      const result = await action();
      return { result, data: seen.filter((sql) => !BOOKKEEPING.test(sql)) };
    },
  };
}

/** A write that changes nothing but still moves the data version, so the next read is a miss. */
export function touch(knex: Knex) {
  return knex('categories')
    .where({ code: 'utilities' })
    .update({ sort_order: knex.raw('sort_order') });
}
