import { z } from 'zod';
import { idParam, isoDate, limitParam } from './common.js';

/** The audit trail's query and entries (GET /api/audit and /api/audit.csv). */

export const auditQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    action: z
      .string()
      .regex(/^[a-z_]+(\.[a-z_]+)?$/, 'must be an action such as hotspot.update or hotspot')
      .optional(),
    entity: z.string().max(40).optional(),
    entity_id: z.string().max(100).optional(),
    user: idParam('must be a user id').optional(),
    limit: limitParam(1000, 100),
    before_id: idParam('must be an audit entry id').optional().meta({ description: 'page: rows older than this id' }),
  })
  .strict();

export const auditRow = z
  .object({
    id: z.number(),
    at: z.string(),
    user_id: z.number().nullable(),
    actor: z.string(),
    ip: z.string().nullable(),
    action: z.string(),
    entity: z.string().nullable(),
    entity_id: z.string().nullable(),
    /** The hotspot's reference (2026-018) when the entry is about one the reader may see. */
    hotspot_reference: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

export type AuditQuery = z.infer<typeof auditQuery>;
export type AuditEntry = z.infer<typeof auditRow>;
