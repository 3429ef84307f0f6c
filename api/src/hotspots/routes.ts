import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Database } from '@oshaq/db';
import {
  commentRequest,
  hotspotCollection,
  hotspotRegistration,
  hotspotDetail,
  hotspotListQuery,
  hotspotMapCollection,
  hotspotPatch,
  MATCH_COUNT_LIMIT,
  transitionRequest,
} from '../contract/hotspots.js';
import { idempotencyHeaders, idempotencyKeyOf, IDEMPOTENCY_KEY } from '../contract/idempotency.js';
import { DomainError, invalid } from '../errors.js';
import { HttpProblem } from '../http/problem.js';
import { decodeCursor, encodeCursor, selfUrlWith } from '../http/links.js';
import { viewerOf } from '../auth/visibility.js';
import type { Actor } from '../auth/middleware.js';
import { EDITORS, WORKERS } from '../auth/roles.js';
import type { RouteTable } from '../http/route-table.js';
import { etagForBody, namesTag } from '../http/etag.js';
import { ifMatch, withCurrentOnStale } from '../http/if-match.js';
import { GEOJSON } from '../http/media-types.js';
import { KEY_REUSED, madeBy } from '../http/idempotency.js';
import { keyOf, once } from '../idempotency/once.js';
import { requestHash } from '../idempotency/repo.js';
import { repo, resolveFilters, type HotspotServiceOptions } from './service.js';
import { countMembers, hotspotPageCounted } from './match-count.js';
import { commentOnHotspot, createHotspot, transitionHotspot, updateHotspot } from './writes.js';
import { nearbyRoutes } from './nearby-routes.js';
import { deletionRoutes } from './deletion-routes.js';

const idParams = z.object({ id: z.uuid({ error: 'must be a hotspot id (a UUID)' }) }).strict();

export interface HotspotRouteDeps extends HotspotServiceOptions {
  db: Database;
  actorOf: (req: Request) => Actor;
}

// A cursor's value must read back as its sort's type, or the database would refuse it with a 500.
const CURSOR_VALUE: Record<string, RegExp> = {
  registered_on: /^\d{4}-\d{2}-\d{2}$/,
  due_on: /^\d{4}-\d{2}-\d{2}$/,
  severity: /^[1-4]$/,
  reference: /^[0-9-]{1,16}$/,
  title: /^[\s\S]{0,1200}$/,
  updated_at: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/,
};
const cursorShape = z.tuple([z.string(), z.string(), z.uuid()]);
/** A calendar day that exists (2026-02-30 matches the pattern but PostgreSQL would refuse it). */
const realDay = z.iso.date();
const cursorValueReads = (sort: string, value: string) =>
  Boolean(CURSOR_VALUE[sort]?.test(value)) &&
  !value.includes('\u0000') &&
  (!/^(registered_on|due_on|updated_at)$/.test(sort) || realDay.safeParse(value.slice(0, 10)).success);

/** Sends one hotspot with its history, and its version as ETag: both from one statement (one snapshot). */
async function sendDetail(deps: HotspotRouteDeps, id: string, req: Request, res: Response, status = 200) {
  // A confidential hotspot is a 404 for those who may not see it: not even its existence shows.
  const detail = await repo.hotspotDetailJson(deps.db.knex, viewerOf(req), id, deps.today());
  if (!detail) throw new DomainError('not_found', `Hotspot ${id} does not exist or has been deleted.`);
  // The body shows `overdue`, which the day changes under the same version: the tag covers the body.
  const etag = etagForBody(detail.version, detail.json);
  res.setHeader('ETag', etag);
  if (status === 200 && req.method === 'GET' && namesTag(req.get('If-None-Match'), etag)) {
    res.status(304).end();
    return;
  }
  res.status(status).type(GEOJSON).send(detail.json);
}

/** The hotspot as the person may see it, sent back with a 412 so they see what changed. */
function currentFeature(deps: HotspotRouteDeps, req: Request, id: string) {
  return async () => {
    const feature = await repo.hotspotFeatureJson(deps.db.knex, viewerOf(req), id, deps.today());
    return feature ? JSON.parse(feature) : null;
  };
}

export function hotspotRoutes(table: RouteTable, deps: HotspotRouteDeps): void {
  const knex = deps.db.knex;
  const detail = { description: 'The hotspot with its history', schema: hotspotDetail, contentType: GEOJSON };
  nearbyRoutes(table, deps);
  deletionRoutes(table, deps, { detail, idParams, sendDetail, currentFeature });

  table.add(
    {
      method: 'get',
      path: '/hotspots',
      summary: 'Hotspots as a GeoJSON FeatureCollection, filtered, sorted and paged',
      tags: ['hotspots'],
      access: 'signed_in',
      query: hotspotListQuery,
      responses: {
        200: {
          description:
            'A page of hotspots: in full (HotspotCollection), or with view=map as the map draws them (HotspotMapCollection)',
          schema: z.union([hotspotCollection, hotspotMapCollection]),
          contentType: GEOJSON,
        },
      },
      // The read cache's key holds the whole query: view=map and the full view are separate entries and ETags.
      cache: true,
    },
    async ({ query }, req, res) => {
      const { sort, limit, cursor, count, view, ...filters } = query;
      let after: { value: string; id: string } | undefined;
      if (cursor) {
        const parsed = cursorShape.safeParse(decodeCursor(cursor));
        if (!parsed.success || parsed.data[0] !== sort || !cursorValueReads(sort.replace(/^-/, ''), parsed.data[1])) {
          throw invalid(
            'cursor',
            'bad_cursor',
            'is not a cursor this API gave out for this sort: start again without it',
          );
        }
        after = { value: parsed.data[1], id: parsed.data[2] };
      }
      const resolved = await resolveFilters(knex, filters);
      const today = deps.today();
      // The map's form is one query: no count, so no second query nor snapshot to hold them together.
      const [page, matched] =
        view === 'map'
          ? [await repo.listHotspotFeatures(knex, viewerOf(req), resolved, sort, limit, after, today, 'map'), undefined]
          : await hotspotPageCounted(
              knex,
              viewerOf(req),
              resolved,
              sort,
              limit,
              after,
              today,
              count === 'exact' ? undefined : MATCH_COUNT_LIMIT,
            );
      // Self and next keep the query as asked (view included), so the next page comes in the same form.
      const links = [{ rel: 'self', href: selfUrlWith(req, {}), type: GEOJSON }];
      if (page.next) {
        const next = encodeCursor([sort, page.next.value, page.next.id]);
        links.push({ rel: 'next', href: selfUrlWith(req, { cursor: next }), type: GEOJSON });
      }
      const counted = matched ? `${countMembers(matched)},` : '';
      res
        .type(GEOJSON)
        .send(
          `{"type":"FeatureCollection",${counted}"numberReturned":${page.features.length},` +
            `"links":${JSON.stringify(links)},"features":[${page.features.join(',')}]}`,
        );
    },
  );

  table.add(
    {
      method: 'get',
      path: '/hotspots/:id',
      summary: 'One hotspot with its history; ETag carries its version',
      tags: ['hotspots'],
      access: 'signed_in',
      params: idParams,
      responses: { 200: detail, 304: { description: 'Not modified since the ETag sent in If-None-Match' } },
    },
    ({ params }, req, res) => sendDetail(deps, params.id, req, res),
  );

  table.add(
    {
      method: 'post',
      path: '/hotspots',
      summary: 'Register a hotspot; an Idempotency-Key makes retrying the request safe',
      tags: ['hotspots'],
      access: EDITORS,
      body: hotspotRegistration,
      headers: idempotencyHeaders,
      responses: {
        201: {
          ...detail,
          description:
            'The hotspot registered. A repeat of an Idempotency-Key with the same body answers the hotspot ' +
            'it registered, with the header Idempotent-Replayed: true, and registers nothing.',
        },
        409: { description: 'external_ref already used' },
        422: { description: 'The Idempotency-Key was already used for a different request' },
      },
    },
    async ({ body, headers }, req, res) => {
      const actor = deps.actorOf(req);
      const key = idempotencyKeyOf(headers[IDEMPOTENCY_KEY]);
      const outcome = await createHotspot(
        knex,
        actor,
        body,
        deps,
        key && actor.userId !== null ? { userId: actor.userId, key, requestHash: requestHash(body) } : undefined,
      );
      if (outcome.kind === 'key_reused') {
        throw new HttpProblem(
          422,
          'Unprocessable Content',
          `This Idempotency-Key was already used for a different request: it registered hotspot ${outcome.id}. ` +
            'To register another hotspot, send a new key; to change that one, edit it.',
          {
            code: 'idempotency_key_reused',
            errors: [
              { field: IDEMPOTENCY_KEY, code: 'key_reused', message: 'was already used for a different request' },
            ],
          },
        );
      }
      if (outcome.kind === 'replayed') res.setHeader('Idempotent-Replayed', 'true');
      res.setHeader('Location', `/api/hotspots/${outcome.id}`);
      await sendDetail(deps, outcome.id, req, res, 201);
    },
  );

  table.add(
    {
      method: 'patch',
      path: '/hotspots/:id',
      summary: 'Edit a hotspot; If-Match must carry the ETag of the version edited',
      tags: ['hotspots'],
      access: EDITORS,
      params: idParams,
      body: hotspotPatch,
      responses: {
        200: detail,
        412: { description: 'Changed by someone else since' },
        428: { description: 'If-Match missing' },
      },
    },
    async ({ params, body }, req, res) => {
      const expected = ifMatch(req, true);
      await withCurrentOnStale(
        () => updateHotspot(knex, deps.actorOf(req), params.id, expected, body, deps),
        currentFeature(deps, req, params.id),
      );
      await sendDetail(deps, params.id, req, res);
    },
  );

  table.add(
    {
      method: 'post',
      path: '/hotspots/:id/transitions',
      summary: 'Change status: registered → in_progress → resolved, dismiss, or reopen; closing needs a note',
      tags: ['hotspots'],
      access: WORKERS,
      params: idParams,
      body: transitionRequest,
      responses: { 200: detail, 409: { description: 'Not allowed from the current status' } },
    },
    async ({ params, body }, req, res) => {
      const expected = ifMatch(req, false);
      await withCurrentOnStale(
        () => transitionHotspot(knex, deps.actorOf(req), params.id, expected, body, deps),
        currentFeature(deps, req, params.id),
      );
      await sendDetail(deps, params.id, req, res);
    },
  );

  table.add(
    {
      method: 'post',
      path: '/hotspots/:id/comments',
      summary: 'Add a comment (a progress report) to the history; an Idempotency-Key makes retrying it safe',
      tags: ['hotspots'],
      access: WORKERS,
      params: idParams,
      body: commentRequest,
      headers: idempotencyHeaders,
      responses: { 201: detail, ...KEY_REUSED },
    },
    async ({ params, body, headers }, req, res) => {
      const actor = deps.actorOf(req);
      const key = keyOf(actor.userId, idempotencyKeyOf(headers[IDEMPOTENCY_KEY]), `comment ${params.id}`, body);
      const outcome = await once(knex, key, async (trx) => {
        await commentOnHotspot(trx, actor, params.id, body.note);
        return params.id;
      });
      madeBy(res, outcome);
      await sendDetail(deps, params.id, req, res, 201);
    },
  );
}
