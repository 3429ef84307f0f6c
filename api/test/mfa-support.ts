import { generate } from 'otplib';
import type { RunningApp } from './support.js';
import { TEST_PASSWORD } from './accounts.js';
import type { Json } from './http.js';

export interface Reply {
  status: number;
  body: Json;
  cookie?: string;
  headers: Headers;
}

/** One JSON request without credentials unless given (a cookie, with its CSRF token on writes). */
export async function send(
  app: RunningApp,
  method: string,
  path: string,
  options: { body?: unknown; cookie?: string; csrf?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(options.cookie ? { Cookie: options.cookie } : {}),
      ...(options.csrf ? { 'X-CSRF-Token': options.csrf } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : {},
    cookie: response.headers.get('set-cookie')?.split(';')[0],
    headers: response.headers,
  };
}

/**
 * The code an app shows `steps` periods from now. The server takes one period of drift either
 * way; tests use 0 and +1 (never -1, which a step boundary could push out of reach mid-test).
 */
export function totp(secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
}

export const signIn = (app: RunningApp, login: string, password = TEST_PASSWORD) =>
  send(app, 'POST', '/api/session', { body: { login, password } });

export const answer = (app: RunningApp, challenge: string, code: string) =>
  send(app, 'POST', '/api/session/mfa', { body: { challenge, code } });

/** Signs in through both steps with a code; returns the cookie and CSRF token of the new session. */
export async function signInWithCode(app: RunningApp, login: string, code: string) {
  const first = await signIn(app, login);
  if (first.status !== 200 || !first.body.challenge) throw new Error(`no challenge: ${JSON.stringify(first.body)}`);
  const second = await answer(app, first.body.challenge, code);
  return { ...second, csrf: second.body.csrf_token as string | undefined };
}

/** Enrols an account at its first sign-in; returns its secret, recovery codes and session. */
export async function enrolAtSignIn(app: RunningApp, login: string) {
  const first = await signIn(app, login);
  if (first.body.mfa !== 'enrol') throw new Error(`expected enrolment: ${JSON.stringify(first.body)}`);
  const secret = first.body.enrolment.secret as string;
  const code = await totp(secret);
  const done = await answer(app, first.body.challenge, code);
  if (done.status !== 200) throw new Error(`enrolment failed: ${JSON.stringify(done.body)}`);
  return {
    secret,
    /** The code the enrolment used: never accepted again. */
    code,
    recoveryCodes: done.body.recovery_codes as string[],
    cookie: done.cookie!,
    csrf: done.body.csrf_token as string,
  };
}
