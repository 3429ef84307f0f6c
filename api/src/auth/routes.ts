import { serialize } from 'cookie';
import type { Request, Response } from 'express';
import type { Database } from '@oshaq/db';
import {
  currentUser,
  endOtherSessionsRequest,
  mePatch,
  otherSessionsEnded,
  passwordChange,
  sessionResponse,
  signInRequest,
} from '../contract/auth.js';
import type { RouteTable } from '../http/route-table.js';
import { mfaChallenge } from '../contract/mfa.js';
import { changeOwnPassword, endOwnOtherSessions } from './credentials.js';
import { pendingAnswer } from './mfa-sign-in.js';
import { actorOf, SESSION_COOKIE } from './middleware.js';
import type { AuthPolicy } from './policy.js';
import { setOwnLanguage, signIn, signOut } from './service.js';
import { signInLockRoutes } from './sign-in-lock-routes.js';
import { tokenRoutes } from './token-routes.js';

export function sessionCookie(req: Request, value: string, maxAgeSeconds: number): string {
  return serialize(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export function authRoutes(table: RouteTable, db: Database, policy: AuthPolicy): void {
  const knex = db.knex;
  table.add(
    {
      method: 'post',
      path: '/session',
      summary: 'Sign in with a login and password; sets an HttpOnly session cookie',
      tags: ['accounts'],
      access: 'public',
      body: signInRequest,
      responses: {
        200: {
          description: 'Signed in; or, when the answer has `mfa`, the password was right and a code must follow',
          schema: sessionResponse.or(mfaChallenge),
        },
        401: { description: 'Wrong login or password' },
        429: {
          description: 'Refused after repeated failures (code sign_in_throttled; Retry-After says when to try again)',
        },
      },
    },
    async ({ body }, req, res) => {
      const session = await signIn(
        knex,
        { ...body, ip: req.ip ?? 'unknown', userAgent: req.get('User-Agent') ?? null },
        policy,
      );
      // The password was right but a second factor must follow: no session, no cookie yet.
      if ('challenge' in session) return void res.json(pendingAnswer(session));
      res.setHeader('Set-Cookie', sessionCookie(req, session.token, policy.absoluteHours * 3600));
      res.json({ user: session.user, csrf_token: session.csrfToken, expires_at: session.expiresAt.toISOString() });
    },
  );
  table.add(
    {
      method: 'get',
      path: '/session',
      summary: 'Who is signed in, and the token to send as X-CSRF-Token with changes',
      tags: ['accounts'],
      access: 'signed_in',
      responses: { 200: { description: 'The current session', schema: sessionResponse } },
    },
    (_input, req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json({ user: req.auth?.user, csrf_token: req.auth?.csrfToken ?? '' });
    },
  );
  table.add(
    {
      method: 'delete',
      path: '/session',
      summary: 'Sign out: ends the session on the server',
      tags: ['accounts'],
      access: 'signed_in',
      responses: { 204: { description: 'Signed out' } },
    },
    async (_input, req, res) => {
      if (req.auth?.tokenHash) await signOut(knex, req.auth.tokenHash, req.auth.user, req.ip ?? 'unknown');
      res.setHeader('Set-Cookie', sessionCookie(req, '', 0));
      res.status(204).end();
    },
  );
  table.add(
    {
      method: 'patch',
      path: '/me',
      summary: 'Change your own preferences (language)',
      tags: ['accounts'],
      access: 'signed_in',
      body: mePatch,
      responses: { 200: { description: 'You', schema: currentUser } },
    },
    async ({ body }, req, res) => {
      const user = req.auth!.user;
      await setOwnLanguage(knex, user, body.language, actorOf(req));
      res.json({ ...user, language: body.language });
    },
  );
  table.add(
    {
      method: 'post',
      path: '/me/password',
      summary: 'Change your own password; your other sessions, your API tokens and your sign-in locks end',
      tags: ['accounts'],
      access: 'signed_in',
      body: passwordChange,
      responses: { 204: { description: 'Changed' } },
    },
    async ({ body }, req, res) => {
      await changeOwnPassword(
        knex,
        req.auth!.user,
        { current: body.current_password, next: body.new_password, sessionTokenHash: req.auth?.tokenHash },
        actorOf(req),
        policy,
      );
      res.status(204).end();
    },
  );
  table.add(
    {
      method: 'post',
      path: '/me/sessions/end-others',
      summary: 'End all your sessions but this one (asks for your password again, and your code if you have a factor)',
      tags: ['accounts'],
      access: 'signed_in',
      body: endOtherSessionsRequest,
      responses: {
        200: { description: 'Ended; this session goes on', schema: otherSessionsEnded },
        400: { description: 'The password (or the code) is not right (it counts as a failed sign-in)' },
        429: { description: 'Too many wrong passwords: the sign-in throttle refuses (Retry-After)' },
      },
    },
    async ({ body }, req, res) => {
      const ended = await endOwnOtherSessions(knex, req.auth!.user, body, {
        keepSession: req.auth?.tokenHash,
        actor: actorOf(req),
        policy,
      });
      res.json({ ended });
    },
  );
  tokenRoutes(table, db, policy);
  signInLockRoutes(table, db, policy);
}

export type { Response };
