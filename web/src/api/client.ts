/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, the CSRF
 * token on changes, and RFC 9457 problems turned into ApiError so screens can show the detail.
 */

/** A field at fault: `code` and `params` are what the web words (api/src/contract/problems.ts). */
export interface ProblemField {
  field: string;
  code?: string;
  params?: Record<string, unknown>;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly fields: ProblemField[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }
}

let csrfToken = '';
let onUnauthorized: (() => void) | undefined;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when a signed-in request answers 401: the session ended (idle, expired or signed out elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

export type QueryValue = string | number | boolean | string[] | undefined | null;

export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) search.set(name, value.join(','));
    } else search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Sent as it is with its own Content-Type (an uploaded file) instead of `body` as JSON. */
  raw?: { content: Blob | string; contentType: string };
  headers?: Record<string, string>;
  /** A 401 here is an answer (wrong password), not an ended session. */
  expectUnauthorized?: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  // X-Requested-With: the API then answers 401 without a Basic challenge, so no browser dialog appears.
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Requested-With': 'oshaq-web' };
  if (options.raw) headers['Content-Type'] = options.raw.contentType;
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers: { ...headers, ...options.headers },
    body: options.raw ? options.raw.content : options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
    signal: options.signal,
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const problem = (parsed ?? {}) as Record<string, unknown>;
    if (response.status === 401 && !options.expectUnauthorized) onUnauthorized?.();
    throw new ApiError(
      response.status,
      typeof problem.title === 'string' ? problem.title : response.statusText,
      typeof problem.detail === 'string' ? problem.detail : text.slice(0, 300),
      Array.isArray(problem.errors) ? (problem.errors as ProblemField[]) : [],
      problem,
    );
  }
  return { data: parsed as T, headers: response.headers };
}

export async function get<T>(path: string, params: Record<string, QueryValue> = {}, signal?: AbortSignal): Promise<T> {
  return (await request<T>(`${path}${queryString(params)}`, { signal })).data;
}
