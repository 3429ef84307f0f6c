/** Shapes the API sends and takes, inferred from the zod contract the API validates with. */
export type {
  HotspotFeature,
  HotspotMapFeature,
  HotspotDetail,
  HotspotCreate,
  HotspotPatch,
  TransitionRequest,
} from '@oshaq/api/contract/hotspots';
export type { Stats } from '@oshaq/api/contract/stats';
export type { Category, Agency } from '@oshaq/api/contract/reference';
export type { CurrentUser } from '@oshaq/api/contract/auth';
export type { ClientConfig } from '@oshaq/api/contract/client-config';
// Values from the zod-free module, so the bundle does not carry the schema library.
export type { Severity, Status, Role } from '@oshaq/api/contract/enums';
export { SEVERITIES, STATUSES, ROLES } from '@oshaq/api/contract/enums';

import type { z } from 'zod';
import type { areaFeature, areaCollection } from '@oshaq/api/contract/reference';
import type { hotspotCollection, hotspotMapCollection } from '@oshaq/api/contract/hotspots';
import type { clusterCollection } from '@oshaq/api/contract/clusters';
export type AreaFeature = z.infer<typeof areaFeature>;
export type AreaCollection = z.infer<typeof areaCollection>;
export type HotspotCollection = z.infer<typeof hotspotCollection>;
/** The list as the map asks for it (view=map): each hotspot with only what the map draws and labels. */
export type HotspotMapCollection = z.infer<typeof hotspotMapCollection>;
export type ClusterCollection = z.infer<typeof clusterCollection>;
