import { z } from 'zod';
import { bboxParam } from './common.js';

export const clusterQueryShape = {
  bbox: bboxParam.meta({
    description:
      'the view: it picks the grid cells (90 / 2^zoom degrees) it touches, and each cluster counts every hotspot of its cell, so a cluster at the edge may hold hotspots just outside the view',
  }),
  zoom: z.coerce
    .number({ error: 'must be a whole number from 0 to 22' })
    .int('must be a whole number from 0 to 22')
    .min(0, 'must be a whole number from 0 to 22')
    .max(22, 'must be a whole number from 0 to 22'),
};

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
          'an extent holding every member (it may be wider than they are after one has left the cell, until the next stats:repair): zoom here to split the cluster',
      }),
      hotspot_id: z.uuid().nullable().meta({ description: 'the hotspot, when the cluster has one member' }),
    }),
  })
  .meta({ id: 'ClusterFeature' });

export const clusterCollection = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(clusterFeature) })
  .meta({ id: 'ClusterCollection' });
