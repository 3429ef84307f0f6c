import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';
import type { AuditEntry, AuditQuery } from '../contract/audit.js';
import { visibleHotspotsSql } from '../sql/visible-hotspots.js';
import { utc } from '../sql/time.js';

/**
 * The audit trail, newest first, filtered; `before_id` pages back from the oldest row seen. An
 * entry about a hotspot carries its reference (2026-018), which people know it by, when the viewer
 * may see it (deleted ones too: the trail outlives them).
 */
export async function auditRows(knex: Knex, viewer: Viewer, query: AuditQuery): Promise<AuditEntry[]> {
  const hotspots = visibleHotspotsSql(viewer, { withDeleted: true });
  const rows = knex('audit_log as a')
    .joinRaw(`LEFT JOIN ${hotspots} ON a.entity = 'hotspot' AND h.id::text = a.entity_id`)
    .select(
      'a.id',
      knex.raw(`${utc('a.at')} AS at`),
      'a.user_id',
      'a.actor',
      'a.ip',
      'a.action',
      'a.entity',
      'a.entity_id',
      'a.before',
      'a.after',
      'h.reference AS hotspot_reference',
    );
  if (query.from) rows.where('a.at', '>=', query.from);
  if (query.to) rows.whereRaw('a.at < ?::date + 1', [query.to]);
  if (query.action) {
    const action = query.action;
    // A block body: knex ignores what a where-callback returns, and a builder returned is a thenable.
    rows.where((q) => {
      q.where('a.action', action).orWhere('a.action', 'like', `${action}.%`);
    });
  }
  if (query.entity) rows.where('a.entity', query.entity);
  if (query.entity_id) rows.where('a.entity_id', query.entity_id);
  if (query.user) rows.where('a.user_id', query.user);
  if (query.before_id) rows.where('a.id', '<', query.before_id);
  return rows.orderBy('a.id', 'desc').limit(query.limit);
}
