import type { Knex } from 'knex';
import { geometryFromGeoJSON } from '../geometry-sql.js';
import { assignAreaParents, reassignHotspotAreas } from '../geodata/area-links.js';
import { addDays, dateAtFraction, localToday } from './dates.js';
import { DEMO_AREA_SOURCE, demoAreas } from './demo-areas.js';
import { demoHotspots } from './demo-hotspots.js';
import { seedDemoMeetings } from './demo-meetings.js';
import type { DemoHotspot, HotspotStatus } from './demo-types.js';
import { seedReference } from './reference.js';

/** Days from registration to the deadline the form proposes, by severity, in every demo category. */
const DEMO_DUE_DAYS = { critical: 7, high: 14, medium: 30, low: 60 };

export interface DemoSeedResult {
  areasAdded: number;
  hotspotsAdded: number;
  /** With `meetings`: the demo meetings added (none when the database has meetings already). */
  meetingsAdded?: number;
}

interface PlannedEvent {
  kind: 'created' | 'commented' | 'status_changed';
  actor: string;
  on: string;
  from?: HotspotStatus;
  to?: HotspotStatus;
  note?: string;
}

interface PlannedHotspot {
  spec: DemoHotspot;
  registeredOn: string;
  status: HotspotStatus;
  closedOn: string | null;
  closingNote: string | null;
  events: PlannedEvent[];
}

/**
 * Turns a demo spec into dated facts. The current year's hotspots fall between 1 January and
 * `today`, the previous year's within that year, so the demo's headline ("18 registered this
 * year, 12 resolved") holds on whatever day it is loaded.
 */
export function planDemoHotspot(spec: DemoHotspot, today: string): PlannedHotspot {
  const year = Number(today.slice(0, 4)) - (spec.year === 'previous' ? 1 : 0);
  const periodStart = `${year}-01-01`;
  const periodEnd = spec.year === 'previous' ? `${year}-12-31` : today;
  const registeredOn = dateAtFraction(periodStart, periodEnd, spec.registeredAt);
  const events: PlannedEvent[] = [{ kind: 'created', actor: spec.createdBy, on: registeredOn }];
  let status: HotspotStatus = 'registered';
  let closedOn: string | null = null;
  let closingNote: string | null = null;
  for (const step of spec.history) {
    const on = dateAtFraction(registeredOn, periodEnd, step.at);
    if (step.kind === 'commented') {
      events.push({ kind: 'commented', actor: step.actor, on, note: step.note });
      continue;
    }
    if (!step.to) throw new Error(`Demo hotspot ${spec.key}: a status change without a target`);
    events.push({ kind: 'status_changed', actor: step.actor, on, from: status, to: step.to, note: step.note });
    status = step.to;
    const closed = status === 'resolved' || status === 'dismissed';
    closedOn = closed ? on : null;
    closingNote = closed ? step.note : null;
  }
  return { spec, registeredOn, status, closedOn, closingNote, events };
}

async function addDemoAreas(trx: Knex.Transaction): Promise<number> {
  const added = await trx('areas')
    .insert(
      demoAreas.map((area) => ({
        code: area.code,
        level: area.level,
        name_kk: area.name_kk,
        name_ru: area.name_ru,
        name_en: area.name_en,
        source: DEMO_AREA_SOURCE,
        geom: geometryFromGeoJSON(JSON.stringify(area.geometry)),
      })),
    )
    .onConflict('code')
    .ignore()
    .returning('id');
  if (added.length > 0) await assignAreaParents(trx);
  return added.length;
}

async function idsByCode(trx: Knex.Transaction, table: 'categories' | 'agencies') {
  const rows: { id: number; code: string }[] = await trx(table).select('id', 'code');
  return new Map(rows.map((row) => [row.code, row.id]));
}

/**
 * Loads the demo data set (Turkestan city and Keles district) in one transaction. Hotspots are
 * keyed by their external reference, so loading twice adds nothing the second time. With
 * `meetings` (a fresh install, `db:seed --demo`), also a meeting history (demo-meetings.ts); tests
 * that seed the demo for its hotspots leave it out, so their meeting lists start empty.
 */
export async function seedDemo(
  knex: Knex,
  today: string = localToday(),
  options: { meetings?: boolean } = {},
): Promise<DemoSeedResult> {
  return knex.transaction(async (trx) => {
    await seedReference(trx);
    // The demo office's usual deadlines, so the form has one to propose; an admin changes them.
    await trx('categories')
      .whereRaw(`due_days = '{}'::jsonb`)
      .update({ due_days: JSON.stringify(DEMO_DUE_DAYS) });
    const areasAdded = await addDemoAreas(trx);
    const categories = await idsByCode(trx, 'categories');
    const agencies = await idsByCode(trx, 'agencies');
    const existing = new Set((await trx('hotspots').whereNotNull('external_ref').pluck('external_ref')) as string[]);
    const plans = demoHotspots
      .filter((spec) => !existing.has(spec.key))
      .map((spec) => planDemoHotspot(spec, today))
      // Reference numbers follow registration order, as they would have been handed out.
      .sort((a, b) => a.registeredOn.localeCompare(b.registeredOn) || a.spec.key.localeCompare(b.spec.key));
    for (const plan of plans) {
      const { spec } = plan;
      const categoryId = categories.get(spec.categoryCode);
      const agencyId = agencies.get(spec.agencyCode);
      if (!categoryId || !agencyId) throw new Error(`Demo hotspot ${spec.key}: unknown category or agency`);
      const lastEvent = plan.events[plan.events.length - 1];
      const [row] = await trx('hotspots')
        .insert({
          title: spec.title,
          description: spec.description,
          category_id: categoryId,
          severity: spec.severity,
          status: plan.status,
          geom: geometryFromGeoJSON(JSON.stringify(spec.geometry)),
          agency_id: agencyId,
          source: spec.source,
          external_ref: spec.key,
          registered_on: plan.registeredOn,
          due_on: addDays(plan.registeredOn, spec.dueInDays),
          resolved_on: plan.closedOn,
          resolution_note: plan.closingNote,
          confidential: spec.confidential,
          version: plan.events.length,
          created_by: spec.createdBy,
          created_at: `${plan.registeredOn}T09:00:00+05:00`,
          updated_by: lastEvent?.actor ?? spec.createdBy,
          updated_at: `${lastEvent?.on ?? plan.registeredOn}T17:00:00+05:00`,
        })
        .returning('id');
      await trx('hotspot_events').insert(
        plan.events.map((event, index) => ({
          hotspot_id: (row as { id: string }).id,
          kind: event.kind,
          actor: event.actor,
          // Same-day events keep their order: one minute apart from 09:00 Turkestan time.
          at: `${event.on}T09:${String(index).padStart(2, '0')}:00+05:00`,
          from_status: event.from ?? null,
          to_status: event.to ?? null,
          note: event.note ?? null,
        })),
      );
    }
    if (areasAdded > 0) await reassignHotspotAreas(trx);
    const result = { areasAdded, hotspotsAdded: plans.length };
    return options.meetings ? { ...result, meetingsAdded: await seedDemoMeetings(trx, today) } : result;
  });
}
