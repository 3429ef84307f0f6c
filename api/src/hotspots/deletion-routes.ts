import type { Request, Response } from 'express';
import type { z } from 'zod';
import { hotspotDeletion, RESTORE_WINDOW_HOURS } from '../contract/hotspot-deletion.js';
import { EDITORS } from '../auth/roles.js';
import type { RouteTable, ResponseSpec } from '../http/route-table.js';
import { etagFor } from '../http/etag.js';
import { ifMatch, VERSIONED, withCurrentOnStale } from '../http/if-match.js';
import { viewerOf } from '../auth/visibility.js';
import { deleteHotspot, restoreHotspot } from './deletion.js';
import { repo } from './service.js';
import type { HotspotRouteDeps } from './routes.js';

/** What the hotspot routes share with these: the detail answer, and the current state for a 412. */
interface Shared {
  detail: ResponseSpec;
  idParams: z.ZodObject<{ id: z.ZodUUID }>;
  sendDetail: (deps: HotspotRouteDeps, id: string, req: Request, res: Response) => Promise<void>;
  currentFeature: (deps: HotspotRouteDeps, req: Request, id: string) => () => Promise<unknown>;
}

/** Deleting a hotspot with its reason, and undoing it (api/src/hotspots/deletion.ts). */
export function deletionRoutes(
  table: RouteTable,
  deps: HotspotRouteDeps,
  { detail, idParams, sendDetail, currentFeature }: Shared,
): void {
  const knex = deps.db.knex;
  table.add(
    {
      method: 'delete',
      path: '/hotspots/:id',
      summary: 'Delete a hotspot, saying why (soft: it and its history are kept for the record); undoable for a while',
      tags: ['hotspots'],
      access: EDITORS,
      params: idParams,
      body: hotspotDeletion,
      responses: {
        204: { description: 'Deleted; the ETag names the deleted version, which a restore may send in If-Match' },
        ...VERSIONED,
      },
    },
    async ({ params, body }, req, res) => {
      const expected = ifMatch(req, false);
      let version = 0;
      await withCurrentOnStale(
        async () => {
          version = await deleteHotspot(knex, deps.actorOf(req), params.id, expected, body);
        },
        currentFeature(deps, req, params.id),
      );
      res.setHeader('ETag', etagFor(version));
      res.status(204).end();
    },
  );

  table.add(
    {
      method: 'post',
      path: '/hotspots/:id/restore',
      summary: `Undo a deletion made less than ${RESTORE_WINDOW_HOURS} hours ago`,
      tags: ['hotspots'],
      access: EDITORS,
      params: idParams,
      responses: {
        200: detail,
        409: { description: 'Not deleted (code not_deleted), or deleted too long ago (code restore_window_passed)' },
        ...VERSIONED,
      },
    },
    async ({ params }, req, res) => {
      // A stale restore shows the deleted hotspot as it is now, as every other stale write does.
      const current = async () => {
        const feature = await repo.hotspotFeatureJson(knex, viewerOf(req), params.id, deps.today(), {
          withDeleted: true,
        });
        return feature ? JSON.parse(feature) : null;
      };
      await withCurrentOnStale(() => restoreHotspot(knex, deps.actorOf(req), params.id, ifMatch(req, false)), current);
      await sendDetail(deps, params.id, req, res);
    },
  );
}
