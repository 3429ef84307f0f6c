import { z } from 'zod';
import { bboxParam, wholeNumberParam, type Bbox } from './common.js';
import { coded } from './problems.js';

export const clusterQueryShape = {
  bbox: bboxParam.meta({
    description:
      'the view: it picks the grid cells (90 / 2^zoom degrees) it touches, and each cluster counts every hotspot of its cell, so a cluster at the edge may hold hotspots just outside the view',
  }),
  zoom: wholeNumberParam('must be a whole number from 0 to 22', 0, 22),
};

/**
 * The number of a grid cell at a zoom (the clusters' grid: 90 / 2^zoom degrees, about 64 screen
 * pixels). The database numbers the hotspots' cells with the same arithmetic (db's gridNumber).
 */
export const gridCell = (coordinate: number, zoom: number) => Math.floor((coordinate * 2 ** zoom) / 90);

/**
 * The most cells one request may span: a 7680×4320 screen at 64-pixel cells is about 8,100. More
 * would be a request no map makes (the world at street zoom) whose answer grows with every hotspot
 * in it, so it is refused before any work.
 */
export const MAX_CLUSTER_CELLS = 10_000;

export function checkClusterCells(query: { bbox: Bbox; zoom: number }, ctx: z.RefinementCtx) {
  const { bbox, zoom } = query;
  if (!bbox || zoom === undefined) return;
  const columns = gridCell(bbox.maxLon, zoom) - gridCell(bbox.minLon, zoom) + 1;
  const rows = gridCell(bbox.maxLat, zoom) - gridCell(bbox.minLat, zoom) + 1;
  const cells = columns * rows;
  if (cells > MAX_CLUSTER_CELLS)
    ctx.addIssue({
      code: 'custom',
      path: ['bbox'],
      ...coded('bbox_too_large', `spans ${cells} grid cells at zoom ${zoom}, at most ${MAX_CLUSTER_CELLS}`, {
        cells,
        max: MAX_CLUSTER_CELLS,
        zoom,
      }),
    });
}

const clusterFeature = z
  .object({
    type: z.literal('Feature'),
    geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
    properties: z.object({
      count: z.number().int(),
      open: z.number().int().meta({ description: 'registered or in progress' }),
      resolved: z.number().int(),
      overdue: z.number().int(),
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).meta({
        description:
          'the grid cell the cluster counts (90 / 2^zoom degrees), which holds every member: zoom here to split the cluster',
      }),
      hotspot_id: z.uuid().nullable().meta({ description: 'the hotspot, when the cluster has one member' }),
    }),
  })
  .meta({ id: 'ClusterFeature' });

export const clusterCollection = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(clusterFeature) })
  .meta({ id: 'ClusterCollection' });
