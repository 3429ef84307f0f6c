import { z } from 'zod';
import { bboxParam } from './common.js';

export const clusterQueryShape = {
  bbox: bboxParam,
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
      bbox: z
        .tuple([z.number(), z.number(), z.number(), z.number()])
        .meta({ description: 'extent of the members: zoom here to split the cluster' }),
      hotspot_id: z.uuid().nullable().meta({ description: 'the hotspot, when the cluster has one member' }),
    }),
  })
  .meta({ id: 'ClusterFeature' });

export const clusterCollection = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(clusterFeature) })
  .meta({ id: 'ClusterCollection' });
