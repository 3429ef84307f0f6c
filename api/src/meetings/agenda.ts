import type { Knex } from 'knex';
import { auditAs } from '../accounts/repo.js';
import type { Actor } from '../auth/middleware.js';
import type { AgendaItemCreate, AgendaItemPatch } from '../contract/meetings.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { checkHotspot, checkVersion, lockMeeting, touchMeeting } from './checks.js';
import { checkPosition, moveTo } from './rules.js';

/**
 * The agenda: items in order, each a hotspot or a free-text topic. Positions stay 1..n with no
 * gaps; every change locks the meeting first, so two editors never hand out the same place.
 */

const at = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

async function itemIds(trx: Knex.Transaction, meetingId: number): Promise<number[]> {
  return trx('agenda_items').where({ meeting_id: meetingId }).orderBy(['position', 'id']).pluck('id');
}

/** Writes positions 1..n in the given order (the unique constraint is checked at commit). */
async function renumber(trx: Knex.Transaction, ids: readonly number[]): Promise<void> {
  for (const [index, id] of ids.entries())
    await trx('agenda_items')
      .where({ id })
      .update({ position: index + 1 });
}

async function checkNotListed(trx: Knex.Transaction, meetingId: number, hotspotId: string, field: string) {
  const listed = await trx('agenda_items').where({ meeting_id: meetingId, hotspot_id: hotspotId }).first('id');
  if (listed) throw invalid(field, 'already_on_agenda', 'names a hotspot already on this agenda');
}

/** Adds an item to a meeting the caller has locked (or just created); returns its id. */
export async function addAgendaItemIn(
  trx: Knex.Transaction,
  actor: Actor,
  meetingId: number,
  item: AgendaItemCreate,
  prefix = '',
): Promise<number> {
  if (item.hotspot_id) {
    await checkHotspot(trx, actor.viewer, item.hotspot_id, at(prefix, 'hotspot_id'));
    await checkNotListed(trx, meetingId, item.hotspot_id, at(prefix, 'hotspot_id'));
  }
  const ids = await itemIds(trx, meetingId);
  const position = item.position ?? ids.length + 1;
  checkPosition(position, ids.length, true, at(prefix, 'position'));
  const [row] = await trx('agenda_items')
    .insert({
      meeting_id: meetingId,
      position: ids.length + 1,
      hotspot_id: item.hotspot_id ?? null,
      topic: item.hotspot_id ? null : (item.topic ?? null),
      notes: item.notes,
    })
    .returning('id');
  const id = (row as { id: number }).id;
  if (position <= ids.length) await renumber(trx, moveTo([...ids, id], id, position));
  await auditAs(trx, actor, {
    action: 'agenda_item.create',
    entity: 'agenda_item',
    entity_id: String(id),
    after: { meeting_id: meetingId, ...item, position },
  });
  return id;
}

export async function addAgendaItem(
  knex: Knex,
  actor: Actor,
  meetingId: number,
  item: AgendaItemCreate,
): Promise<number> {
  return knex.transaction(async (trx) => {
    await lockMeeting(trx, meetingId);
    const id = await addAgendaItemIn(trx, actor, meetingId, item);
    await touchMeeting(trx, meetingId);
    return id;
  });
}

interface ItemRow {
  id: number;
  hotspot_id: string | null;
  topic: string | null;
  notes: string;
  version: number;
}

async function findItem(trx: Knex.Transaction, meetingId: number, itemId: number): Promise<ItemRow> {
  const row = await trx('agenda_items')
    .where({ id: itemId, meeting_id: meetingId })
    .forUpdate()
    .first('id', 'hotspot_id', 'topic', 'notes', 'version');
  if (!row) throw notFound(`Agenda item ${itemId} of meeting ${meetingId}`);
  return row as ItemRow;
}

export async function updateAgendaItem(
  knex: Knex,
  actor: Actor,
  meetingId: number,
  itemId: number,
  expected: number | '*',
  patch: AgendaItemPatch,
): Promise<void> {
  await knex.transaction(async (trx) => {
    await lockMeeting(trx, meetingId);
    const current = await findItem(trx, meetingId, itemId);
    checkVersion('agenda item', current.version, expected);
    const hotspot = patch.hotspot_id === undefined ? current.hotspot_id : patch.hotspot_id;
    const topic = patch.topic === undefined ? current.topic : patch.topic;
    if (!hotspot === !topic) {
      throw new DomainError(
        'invalid',
        'An agenda item is either a hotspot or a topic: send hotspot_id or topic, with the other null.',
        {
          errors: [
            {
              field: 'topic',
              code: 'hotspot_or_topic',
              message: 'must be set when hotspot_id is null, and null when hotspot_id is set',
            },
          ],
        },
      );
    }
    if (hotspot && hotspot !== current.hotspot_id) {
      await checkHotspot(trx, actor.viewer, hotspot, 'hotspot_id');
      await checkNotListed(trx, meetingId, hotspot, 'hotspot_id');
    }
    const ids = await itemIds(trx, meetingId);
    const oldPosition = ids.indexOf(itemId) + 1;
    if (patch.position !== undefined) {
      checkPosition(patch.position, ids.length, false);
      if (patch.position !== oldPosition) await renumber(trx, moveTo(ids, itemId, patch.position));
    }
    const before = {
      hotspot_id: current.hotspot_id,
      topic: current.topic,
      notes: current.notes,
      position: oldPosition,
    };
    const after = {
      hotspot_id: hotspot,
      topic,
      notes: patch.notes ?? current.notes,
      position: patch.position ?? oldPosition,
    };
    await trx('agenda_items')
      .where({ id: itemId })
      .update({
        hotspot_id: hotspot,
        topic,
        notes: after.notes,
        version: current.version + 1,
        updated_at: trx.fn.now(),
      });
    await touchMeeting(trx, meetingId);
    await auditAs(trx, actor, {
      action: 'agenda_item.update',
      entity: 'agenda_item',
      entity_id: String(itemId),
      before,
      after: { meeting_id: meetingId, ...after },
    });
  });
}

/** Removes an item; instructions given under it keep their hotspot and lose only the link. */
export async function deleteAgendaItem(
  knex: Knex,
  actor: Actor,
  meetingId: number,
  itemId: number,
  expected: number | '*' | undefined,
): Promise<void> {
  await knex.transaction(async (trx) => {
    await lockMeeting(trx, meetingId);
    const current = await findItem(trx, meetingId, itemId);
    checkVersion('agenda item', current.version, expected);
    await trx('agenda_items').where({ id: itemId }).delete();
    await renumber(trx, await itemIds(trx, meetingId));
    await touchMeeting(trx, meetingId);
    await auditAs(trx, actor, {
      action: 'agenda_item.delete',
      entity: 'agenda_item',
      entity_id: String(itemId),
      before: { meeting_id: meetingId, ...current },
    });
  });
}
