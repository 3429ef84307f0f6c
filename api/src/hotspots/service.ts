import type { Knex } from 'knex';
import type { HotspotFilters } from '../contract/hotspots.js';
import { countVertices, type HotspotGeometry } from '../contract/geometry.js';
import { auditAs } from '../accounts/repo.js';
import type { Actor } from '../auth/middleware.js';
import { DomainError, forbidden, invalid, notFound } from '../errors.js';
import type { ResolvedFilters } from './filter-sql.js';
import * as repo from './repo.js';

export interface HotspotServiceOptions {
  maxVertices: number;
  /** Codes of the areas hotspots must lie in (the office's jurisdiction); unset: anywhere. */
  jurisdiction?: readonly string[];
  /** Today's date where the city is; decides `overdue` and default dates. */
  today: () => string;
}

/** Turns category/agency codes into ids and checks the area, so a typo is a 400, not an empty map. */
export async function resolveFilters(knex: Knex, filters: HotspotFilters): Promise<ResolvedFilters> {
  const { category, agency, ...rest } = filters;
  const resolved: ResolvedFilters = { ...rest };
  for (const [field, table, codes] of [
    ['category', 'categories', category],
    ['agency', 'agencies', agency],
  ] as const) {
    if (!codes) continue;
    const ids = await repo.idsByCode(knex, table, codes);
    const unknown = codes.filter((code) => !ids.has(code));
    if (unknown.length)
      throw invalid(field, 'unknown_code', `has unknown code(s): ${unknown.join(', ')} (see /api/${table})`, {
        code: unknown.join(', '),
      });
    resolved[field === 'category' ? 'categoryIds' : 'agencyIds'] = [...ids.values()];
  }
  if (filters.area !== undefined && !(await repo.areaExists(knex, filters.area))) {
    throw invalid('area', 'unknown_area', `names no area: there is no area with id ${filters.area} (see /api/areas)`, {
      id: filters.area,
    });
  }
  return resolved;
}

/** Checks a geometry beyond its shape: size, and validity as PostGIS sees it (with the place). */
export async function checkGeometry(knex: Knex, geometry: HotspotGeometry, options: HotspotServiceOptions) {
  const vertices = countVertices(geometry);
  if (vertices > options.maxVertices) {
    throw invalid(
      'geometry',
      'too_many_vertices',
      `has ${vertices} vertices; at most ${options.maxVertices} are accepted`,
      {
        vertices,
        max: options.maxVertices,
      },
    );
  }
  if (geometry.type !== 'Point') {
    const { valid, reason } = await repo.geometryValidity(knex, JSON.stringify(geometry));
    if (!valid) throw invalid('geometry', 'invalid_polygon', `is not a valid polygon: ${reason}`, { reason });
  }
  if (options.jurisdiction?.length) {
    const verdict = await repo.jurisdictionCovers(knex, JSON.stringify(geometry), options.jurisdiction);
    if (verdict.loaded < options.jurisdiction.length) {
      throw new DomainError(
        'invalid',
        `The jurisdiction areas ${options.jurisdiction.join(', ')} are not all loaded: import the boundaries.`,
        { code: 'jurisdiction_not_loaded' },
      );
    }
    // The whole place must lie inside: a polygon crossing the line is refused, not filed under a larger area.
    if (!verdict.covered) {
      const message = `lies outside the jurisdiction (${verdict.name_kk} / ${verdict.name_ru}); check the place, or lon/lat order`;
      throw new DomainError('invalid', `geometry ${message}.`, {
        errors: [
          {
            field: 'geometry',
            code: 'outside_jurisdiction',
            params: { kk: verdict.name_kk, ru: verdict.name_ru },
            message,
          },
        ],
        code: 'outside_jurisdiction',
      });
    }
  }
}

export async function codeToId(knex: Knex, table: 'categories' | 'agencies', code: string, field: string) {
  const id = (await repo.idsByCode(knex, table, [code])).get(code);
  if (id === undefined)
    throw invalid(field, 'unknown_code', `has an unknown code: ${code} (see /api/${table})`, { code });
  return id;
}

export function checkDates(dates: { registered_on?: string; due_on?: string | null }, today: string): void {
  if (dates.registered_on && dates.registered_on > today) {
    throw invalid('registered_on', 'date_in_future', `must not be in the future (today is ${today})`, { today });
  }
  if (dates.registered_on && dates.due_on && dates.due_on < dates.registered_on) {
    throw invalid('due_on', 'due_before_registered', 'must not be before registered_on');
  }
}

/**
 * Loads a hotspot for a change, checks the actor may change it (akimat staff: only their
 * agency's, and never a confidential one, which they cannot see) and the version the client saw.
 */
export async function lockForChange(
  trx: Knex.Transaction,
  id: string,
  expected: number | '*' | undefined,
  actor: Actor,
) {
  const row = await repo.findHotspot(trx, actor.viewer, id, true);
  if (!row) throw notFound(`Hotspot ${id}`);
  if (actor.role === 'akimat' && row.agency_id !== actor.agencyId) {
    throw forbidden(
      'This hotspot is assigned to another agency: only its own agency or the prosecutor’s office may act on it.',
    );
  }
  if (expected !== undefined && expected !== '*' && expected !== row.version) {
    throw new DomainError(
      'stale',
      `Someone else changed this hotspot (now version ${row.version}, you edited version ${expected}). Review the current version and apply your change again.`,
    );
  }
  return row;
}

/** A history event and its audit row, written in the caller's transaction. */
export async function recordEvent(
  trx: Knex.Transaction,
  actor: Actor,
  event: {
    hotspot_id: string;
    kind: 'created' | 'edited' | 'status_changed' | 'commented' | 'deleted' | 'restored';
    from_status?: string | null;
    to_status?: string | null;
    note?: string | null;
    changes?: Record<string, { from: unknown; to: unknown }> | null;
  },
  audit: { before?: unknown; after?: unknown } = {},
): Promise<void> {
  await trx('hotspot_events').insert({
    ...event,
    actor: actor.name,
    changes: event.changes ? JSON.stringify(event.changes) : null,
  });
  const action = {
    created: 'create',
    edited: 'update',
    status_changed: 'transition',
    commented: 'comment',
    deleted: 'delete',
    restored: 'restore',
  }[event.kind];
  await auditAs(trx, actor, {
    action: `hotspot.${action}`,
    entity: 'hotspot',
    entity_id: event.hotspot_id,
    before: audit.before,
    after: audit.after ?? { ...event, hotspot_id: undefined },
  });
}

export { repo };
