import type { Request } from 'express';
import { z } from 'zod';
import type { Database } from '@oshaq/db';
import {
  mfaAnswer,
  mfaBegin,
  mfaConfirm,
  mfaEnrolment,
  mfaProof,
  mfaSignedIn,
  mfaStatus,
  mySession,
  recoveryCodes,
} from '../contract/mfa.js';
import { DomainError } from '../errors.js';
import type { RouteTable } from '../http/route-table.js';
import { actorOf } from './middleware.js';
import * as mfa from './mfa-repo.js';
import {
  beginEnrolment,
  confirmEnrolment,
  factorStatus,
  hasFactor,
  removeOwnFactor,
  renewRecoveryCodes,
} from './mfa-service.js';
import { answerChallenge } from './mfa-sign-in.js';
import type { AuthPolicy } from './policy.js';
import { sessionCookie } from './routes.js';
import { verifyStepUp } from './step-up.js';

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : value);
const PROOF = {
  400: { description: 'The password or the code is wrong (field password or code)' },
  429: { description: 'Too many wrong passwords or codes (Retry-After)' },
};

/**
 * The second step of sign-in, and a person's own second factor and sessions. Sign-in itself
 * (POST /session) answers `{ mfa, challenge }` instead of a session when a code must follow.
 */
export function mfaRoutes(table: RouteTable, db: Database, policy: AuthPolicy): void {
  const knex = db.knex;
  table.add(
    {
      method: 'post',
      path: '/session/mfa',
      summary: 'Complete a sign-in with the authenticator app’s code or a recovery code; sets the session cookie',
      tags: ['accounts'],
      access: 'public',
      body: mfaAnswer,
      responses: {
        200: { description: 'Signed in (after an enrolment, with recovery codes shown once)', schema: mfaSignedIn },
        401: { description: 'Wrong or reused code, or the sign-in expired or had too many wrong codes' },
        429: { description: 'Too many wrong codes for this account (Retry-After)' },
      },
    },
    async ({ body }, req, res) => {
      const session = await answerChallenge(knex, { ...body, ip: req.ip ?? 'unknown' }, policy);
      res.setHeader('Set-Cookie', sessionCookie(req, session.token, policy.absoluteHours * 3600));
      res.setHeader('Cache-Control', 'no-store');
      res.json({
        user: session.user,
        csrf_token: session.csrfToken,
        expires_at: session.expiresAt.toISOString(),
        ...(session.recoveryCodes ? { recovery_codes: session.recoveryCodes } : {}),
      });
    },
  );
  table.add(
    {
      method: 'get',
      path: '/me/mfa',
      summary: 'Your second factor: whether you have one, whether your role requires it, recovery codes left',
      tags: ['accounts'],
      access: 'signed_in',
      responses: { 200: { description: 'Status', schema: mfaStatus } },
    },
    async (_input, req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await factorStatus(knex, req.auth!.user, policy));
    },
  );
  table.add(
    {
      method: 'post',
      path: '/me/mfa',
      summary:
        'Begin adding an authenticator app (asks for your password; web sessions only): a new secret, as a QR code and text',
      tags: ['accounts'],
      access: 'signed_in',
      body: mfaBegin,
      responses: {
        200: { description: 'The secret to add to the app', schema: mfaEnrolment },
        400: { description: 'The password is wrong' },
        403: { description: 'Called with an API token' },
        409: { description: 'You already have a second factor' },
      },
    },
    async ({ body }, req, res) => {
      requireSession(req);
      const actor = actorOf(req);
      if (await hasFactor(knex, actor.userId!)) {
        throw new DomainError(
          'conflict',
          'You already have a second factor: remove it first, or renew recovery codes.',
        );
      }
      await verifyStepUp(knex, actor.userId!, { password: body.password }, { ip: actor.ip ?? 'unknown', policy });
      res.setHeader('Cache-Control', 'no-store');
      res.json(await beginEnrolment(knex, req.auth!.user));
    },
  );
  table.add(
    {
      method: 'post',
      path: '/me/mfa/confirm',
      summary: 'Confirm the authenticator app with its code; the answer holds recovery codes, shown once',
      tags: ['accounts'],
      access: 'signed_in',
      body: mfaConfirm,
      responses: {
        200: { description: 'Enrolled', schema: z.object({ recovery_codes: recoveryCodes }) },
        400: { description: 'Wrong code' },
        409: { description: 'No enrolment was begun' },
      },
    },
    async ({ body }, req, res) => {
      requireSession(req);
      const codes = await confirmEnrolment(knex, req.auth!.user, body.code, actorOf(req));
      res.setHeader('Cache-Control', 'no-store');
      res.json({ recovery_codes: codes });
    },
  );
  table.add(
    {
      method: 'post',
      path: '/me/mfa/recovery-codes',
      summary: 'Replace your recovery codes (asks for your password and a code); the new ones are shown once',
      tags: ['accounts'],
      access: 'signed_in',
      body: mfaProof,
      responses: { 200: { description: 'New codes', schema: z.object({ recovery_codes: recoveryCodes }) }, ...PROOF },
    },
    async ({ body }, req, res) => {
      const actor = actorOf(req);
      await requireFactor(req.auth!.user.id);
      await verifyStepUp(knex, actor.userId!, body, { ip: actor.ip ?? 'unknown', policy });
      res.setHeader('Cache-Control', 'no-store');
      res.json({ recovery_codes: await renewRecoveryCodes(knex, req.auth!.user, actor) });
    },
  );
  table.add(
    {
      method: 'delete',
      path: '/me/mfa',
      summary: 'Remove your second factor (asks for your password and a code); refused when your role requires one',
      tags: ['accounts'],
      access: 'signed_in',
      body: mfaProof,
      responses: { 204: { description: 'Removed' }, 403: { description: 'Your role requires it' }, ...PROOF },
    },
    async ({ body }, req, res) => {
      const actor = actorOf(req);
      await requireFactor(req.auth!.user.id);
      await verifyStepUp(knex, actor.userId!, body, { ip: actor.ip ?? 'unknown', policy });
      await removeOwnFactor(knex, req.auth!.user, policy, actor);
      res.status(204).end();
    },
  );
  table.add(
    {
      method: 'get',
      path: '/me/sessions',
      summary: 'Your live sessions: how each was established, when, and from where',
      tags: ['accounts'],
      access: 'signed_in',
      responses: { 200: { description: 'Sessions, newest first', schema: z.array(mySession) } },
    },
    async (_input, req, res) => {
      const idleSince = new Date(Date.now() - policy.idleMinutes * 60_000);
      const rows = await mfa.liveSessionsOf(knex, req.auth!.user.id, idleSince);
      res.setHeader('Cache-Control', 'no-store');
      res.json(
        rows.map(({ token_hash: hash, ...row }) => ({
          ...row,
          current: hash === req.auth?.tokenHash,
          created_at: iso(row.created_at),
          last_seen_at: iso(row.last_seen_at),
          expires_at: iso(row.expires_at),
        })),
      );
    },
  );

  // An API token (a GIS client's config, a script) must not tie the account to a new phone.
  function requireSession(req: Request) {
    if (req.auth?.via !== 'session') {
      throw new DomainError('forbidden', 'Add a second factor from the web app, signed in with your password.');
    }
  }

  async function requireFactor(userId: number) {
    const factor = await mfa.factorOf(knex, userId);
    if (!factor?.confirmed_at) throw new DomainError('conflict', 'You have no second factor.');
  }
}
