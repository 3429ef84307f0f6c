import type { Knex } from 'knex';
import type { Ledger, WriteRecord } from './ledger.js';

/**
 * Checks of the database after a run. Each returns a list of problems, empty when all is well,
 * so a failing test shows every broken record at once rather than the first.
 */

interface EventRow {
  hotspot_id: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
}

/**
 * Every hotspot has exactly one `created` event, first; its status changes chain (each one starts
 * where the previous ended) and end at its status; and its version counts its changes — so no
 * change was half-written (a hotspot updated without its event, or an event without its update).
 */
export async function historyProblems(knex: Knex): Promise<string[]> {
  const hotspots: { id: string; status: string; version: number }[] = await knex('hotspots').select(
    'id',
    'status',
    'version',
  );
  const events: EventRow[] = await knex('hotspot_events')
    .select('hotspot_id', 'kind', 'from_status', 'to_status')
    .orderBy([{ column: 'hotspot_id' }, { column: 'id' }]);
  const byHotspot = new Map<string, EventRow[]>();
  for (const event of events) {
    const list = byHotspot.get(event.hotspot_id) ?? [];
    list.push(event);
    byHotspot.set(event.hotspot_id, list);
  }
  const problems: string[] = [];
  for (const hotspot of hotspots) {
    const history = byHotspot.get(hotspot.id) ?? [];
    const created = history.filter((event) => event.kind === 'created').length;
    if (created !== 1 || history[0]?.kind !== 'created') {
      problems.push(`${hotspot.id}: ${created} 'created' events, first event ${history[0]?.kind ?? 'none'}`);
      continue;
    }
    let status = 'registered';
    for (const event of history) {
      if (event.kind !== 'status_changed') continue;
      if (event.from_status !== status) {
        problems.push(`${hotspot.id}: a change from ${event.from_status} follows one that ended at ${status}`);
      }
      status = event.to_status ?? '?';
    }
    if (status !== hotspot.status) {
      problems.push(`${hotspot.id}: status ${hotspot.status} but its last status change went to ${status}`);
    }
    if (hotspot.version !== history.length) {
      problems.push(`${hotspot.id}: version ${hotspot.version} after ${history.length - 1} recorded change(s)`);
    }
  }
  return problems;
}

/** Each acknowledged write is in the database exactly once; a rejected one not at all; an unknown one at most once. */
export async function ledgerProblems(knex: Knex, ledger: Ledger): Promise<string[]> {
  const hotspots: { id: string; external_ref: string | null }[] = await knex('hotspots').select('id', 'external_ref');
  const events: { hotspot_id: string; kind: string; to_status: string | null; note: string | null; title: unknown }[] =
    await knex('hotspot_events').select(
      'hotspot_id',
      'kind',
      'to_status',
      'note',
      knex.raw(`changes -> 'title' ->> 'to' AS title`),
    );
  const found = new Map<string, { hotspotId: string; to?: string | null }[]>();
  const add = (key: string, entry: { hotspotId: string; to?: string | null }) =>
    found.set(key, [...(found.get(key) ?? []), entry]);
  for (const hotspot of hotspots)
    if (hotspot.external_ref) add(`create:${hotspot.external_ref}`, { hotspotId: hotspot.id });
  for (const event of events) {
    if (event.kind === 'status_changed' && event.note)
      add(`transition:${event.note}`, { hotspotId: event.hotspot_id, to: event.to_status });
    if (event.kind === 'commented' && event.note) add(`comment:${event.note}`, { hotspotId: event.hotspot_id });
    if (event.kind === 'edited' && typeof event.title === 'string')
      add(`edit:${event.title}`, { hotspotId: event.hotspot_id });
  }
  const problems: string[] = [];
  for (const write of ledger.writes) {
    const matches = found.get(`${write.kind}:${write.marker}`) ?? [];
    const describe = (what: string) => `${write.kind} ${write.marker} (answered ${write.status}): ${what}`;
    if (write.fate === 'acknowledged' && matches.length !== 1) problems.push(describe(`found ${matches.length} times`));
    if (write.fate === 'rejected' && matches.length !== 0)
      problems.push(describe(`rejected, yet found ${matches.length} times`));
    if (write.fate === 'unknown' && matches.length > 1) problems.push(describe(`found ${matches.length} times`));
    const match = matches[0];
    if (match && write.hotspotId && match.hotspotId !== write.hotspotId)
      problems.push(describe(`recorded on ${match.hotspotId}`));
    if (match && write.to && match.to !== write.to) problems.push(describe(`went to ${match.to}, not ${write.to}`));
  }
  return problems;
}

export const acknowledged = (ledger: Ledger, kind: WriteRecord['kind']) => ledger.count('acknowledged', kind);
