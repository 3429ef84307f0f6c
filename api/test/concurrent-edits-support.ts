import { expect } from 'vitest';
import type { Knex } from 'knex';
import { api, type Json } from './http.js';

/**
 * Many people editing one record at once, each the way the web app does: read it, change one
 * field of what they read, send it back with If-Match naming the ETag they read; on 412 read again
 * and retry. Each editor appends its own mark to a text field, so a lost update shows as a missing
 * mark. Readers meanwhile check every answer's ETag against the version in its body, and that one
 * ETag never names two different bodies.
 */

export interface Target {
  /** GET and PATCH path, e.g. /api/hotspots/<id>. */
  path: string;
  /** The text field each editor appends its mark to. */
  field: string;
  /** The body's version and the field's value, from a GET answer. */
  read: (body: Json) => { version: number; text: string };
  /** A write that changes the body without the editors (moves the version): or none. */
  sideWrite?: () => Promise<void>;
}

export interface RaceOutcome {
  acknowledged: string[];
  refusedOnly: string[];
  finalText: string;
  reads: number;
}

const mark = (editor: number) => ` [e${editor}]`;

export async function race(
  baseUrl: string,
  token: string,
  target: Target,
  options = { editors: 16, tries: 8, readers: 4 },
): Promise<RaceOutcome> {
  const call = api(baseUrl, token);
  const bodiesByTag = new Map<string, string>();
  const problems: string[] = [];
  let reads = 0;
  const checkRead = (reply: Awaited<ReturnType<typeof call>>) => {
    reads += 1;
    const etag = reply.headers.get('etag') ?? '';
    const { version } = target.read(reply.body);
    // A meeting's ETag adds a hash of its whole answer to the version (http/etag.ts etagForBody).
    if (!new RegExp(`^"v${version}(-[0-9a-f]{16})?"$`).test(etag))
      problems.push(`ETag ${etag} on a body of version ${version}`);
    const text = JSON.stringify(reply.body);
    const seen = bodiesByTag.get(etag);
    if (seen !== undefined && seen !== text) problems.push(`ETag ${etag} named two different bodies`);
    bodiesByTag.set(etag, text);
  };

  const acknowledged: string[] = [];
  const refusedOnly: string[] = [];
  let editing = true;
  const editor = async (index: number) => {
    for (let attempt = 0; attempt < options.tries; attempt++) {
      const got = await call('GET', target.path);
      expect(got.status).toBe(200);
      checkRead(got);
      const edited = target.read(got.body).text + mark(index);
      const sent = await call(
        'PATCH',
        target.path,
        { [target.field]: edited },
        { 'If-Match': got.headers.get('etag') as string },
      );
      if (sent.status === 200) {
        acknowledged.push(mark(index));
        // The answer to the edit is the record with the edit in it.
        expect(target.read(sent.body).text).toContain(mark(index));
        return;
      }
      expect(sent.status, JSON.stringify(sent.body)).toBe(412);
    }
    refusedOnly.push(mark(index));
  };
  const reader = async () => {
    while (editing) {
      const got = await call('GET', target.path);
      expect(got.status).toBe(200);
      checkRead(got);
    }
  };
  // Paced: each side write moves the version, and back to back they would refuse every editor.
  const sideWriter = async () => {
    while (editing && target.sideWrite) {
      await target.sideWrite();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  };
  const readers = [...Array(options.readers).keys()].map(() => reader());
  const side = sideWriter();
  await Promise.all([...Array(options.editors).keys()].map((index) => editor(index)));
  editing = false;
  await Promise.all([...readers, side]);

  const final = await call('GET', target.path);
  checkRead(final);
  expect(problems).toEqual([]);
  return { acknowledged, refusedOnly, finalText: target.read(final.body).text, reads };
}

/** Every acknowledged mark is in the final text, and no refused one. */
export function expectNoLostEdit(outcome: RaceOutcome): void {
  expect(outcome.acknowledged.length).toBeGreaterThan(0);
  for (const acked of outcome.acknowledged) expect(outcome.finalText).toContain(acked);
  for (const refused of outcome.refusedOnly) expect(outcome.finalText).not.toContain(refused);
}

/**
 * The recorded changes of a field form one unbroken chain: each starts from the value the one
 * before it left, and there is one per acknowledged edit — no edit was applied to a stale value.
 */
export function expectUnbrokenChain(changes: { from: string; to: string }[], outcome: RaceOutcome, start: string) {
  expect(changes).toHaveLength(outcome.acknowledged.length);
  let value = start;
  for (const change of changes) {
    expect(change.from).toBe(value);
    value = change.to;
  }
  expect(value).toBe(outcome.finalText);
}

/** A meeting's minutes as its audit trail recorded each change. */
export async function minutesChanges(knex: Knex, meetingId: number) {
  const rows = (await knex('audit_log')
    .where({ entity: 'meeting', entity_id: String(meetingId), action: 'meeting.update' })
    .orderBy('id')
    .select('before', 'after')) as { before: Json; after: Json }[];
  return rows.map((row) => ({ from: row.before.minutes as string, to: row.after.minutes as string }));
}

export const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });

export const newHotspot = {
  title: 'Бір уақытта өңдеу',
  description: 'Бастапқы',
  category: 'utilities',
  severity: 'medium',
  agency: 'housing_utilities',
  due_on: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  geometry: point(68.26, 43.3),
};

export const newMeeting = (heldOn: string) => ({
  held_on: heldOn,
  kind: 'interagency_prosecutor',
  title: 'Бір уақытта өңделетін кеңес',
  chair: 'Қала прокуроры',
  minutes: 'Хаттама',
  agencies: ['housing_utilities'],
});
