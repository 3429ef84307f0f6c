import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { todayIn } from '../src/time.js';
import { createAccount, type TestAccount } from './accounts.js';
import { api, type CallResult, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const fieldsOf = (reply: CallResult) => (reply.body.errors as Json[]).map((error) => error.field as string);

describeOnEachDatabase('meetings and their agendas over HTTP', (db) => {
  let app: RunningApp;
  const who = {} as Record<'prosecutor' | 'admin' | 'viewer' | 'akimat', TestAccount>;
  const as = (account: TestAccount) => api(app.url, account.token);
  let today: string;
  let open: { id: string; reference: string; title: string };
  let secret: { id: string; reference: string; title: string };
  const audit = (entity: string, id: number | string) =>
    db()
      .knex('audit_log')
      .where({ entity, entity_id: String(id) })
      .orderBy('id')
      .select('action', 'actor', 'after');

  beforeAll(async () => {
    const knex = db().knex;
    who.prosecutor = await createAccount(knex, 'prosecutor', 'prokuror-meetings');
    who.admin = await createAccount(knex, 'admin');
    who.viewer = await createAccount(knex, 'viewer');
    who.akimat = await createAccount(knex, 'akimat', undefined, 'housing_utilities');
    app = await startApp(db(), { timeZone: 'UTC' });
    today = todayIn('UTC');
    const hotspot = async (title: string, confidential: boolean) => {
      const reply = await as(who.prosecutor)('POST', '/api/hotspots', {
        ...{ title, category: confidential ? 'religious' : 'utilities', severity: 'high', confidential },
        ...{ geometry: point(68.26, 43.3), agency: 'housing_utilities', registered_on: today },
        due_on: `${Number(today.slice(0, 4)) + 1}-12-31`,
      });
      expect(reply.status).toBe(201);
      return { id: reply.body.id, reference: reply.body.properties.reference, title };
    };
    open = await hotspot('Шұқырсайда ауыз су жоқ', false);
    secret = await hotspot('Жасырын діни топ туралы хабар', true);
  });
  afterAll(() => app.close());

  const newMeeting = (overrides: Record<string, unknown> = {}) => ({
    held_on: today,
    kind: 'interagency_prosecutor',
    title: 'Ведомствоаралық кеңес №1',
    chair: 'Қала прокуроры Б. Сейітов',
    agencies: ['housing_utilities', 'police'],
    ...overrides,
  });

  it('creates a meeting with a hotspot item and a topic item, which everyone signed in reads', async () => {
    const created = await as(who.prosecutor)(
      'POST',
      '/api/meetings',
      newMeeting({
        agenda: [
          { hotspot_id: open.id, notes: 'ТҮКШ бөлімі баяндайды' },
          { topic: 'Жылу маусымына дайындық', notes: '' },
        ],
      }),
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/meetings/${created.body.id}`);
    expect(created.headers.get('etag')).toMatch(/^"v1-[0-9a-f]{16}"$/);
    expect(created.body).toMatchObject({ kind: 'interagency_prosecutor', agencies: ['housing_utilities', 'police'] });
    expect(created.body.agenda).toEqual([
      expect.objectContaining({ position: 1, topic: null, notes: 'ТҮКШ бөлімі баяндайды' }),
      expect.objectContaining({ position: 2, hotspot: null, topic: 'Жылу маусымына дайындық' }),
    ]);
    expect(created.body.agenda[0].hotspot).toMatchObject({ id: open.id, reference: open.reference, deleted: false });
    expect(created.body.agenda[0].hotspot.anchor).toEqual([68.26, 43.3]);

    for (const account of [who.viewer, who.akimat, who.admin]) {
      const read = await as(account)('GET', `/api/meetings/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body.agenda).toEqual(created.body.agenda);
      expect(read.headers.get('etag')).toMatch(/^"v1-[0-9a-f]{16}"$/);
    }
    const listed = await as(who.viewer)('GET', `/api/meetings?from=${today}&to=${today}`);
    expect(listed.body.meetings).toContainEqual(
      expect.objectContaining({ id: created.body.id, agenda_count: 2, instruction_count: 0 }),
    );
    const rows = [
      ...(await audit('meeting', created.body.id)),
      ...(await audit('agenda_item', created.body.agenda[0].id)),
      ...(await audit('agenda_item', created.body.agenda[1].id)),
    ];
    expect(rows.map((row) => row.action)).toEqual(['meeting.create', 'agenda_item.create', 'agenda_item.create']);
    for (const row of rows) expect(row.actor).toBe('Test prosecutor (prokuror-meetings)');
  });

  it('hides an agenda item about a confidential hotspot from viewer and akimat, leaving no gap', async () => {
    const meeting = await as(who.prosecutor)('POST', '/api/meetings', newMeeting({ agenda: [{ topic: 'Кіріспе' }] }));
    const added = await as(who.prosecutor)('POST', `/api/meetings/${meeting.body.id}/agenda`, {
      hotspot_id: secret.id,
      position: 1,
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ position: 1, hotspot: { id: secret.id, confidential: true } });
    await as(who.prosecutor)('POST', `/api/meetings/${meeting.body.id}/agenda`, { hotspot_id: open.id });

    const full = await as(who.admin)('GET', `/api/meetings/${meeting.body.id}`);
    expect(full.body.agenda.map((item: Json) => item.hotspot?.id ?? item.topic)).toEqual([
      secret.id,
      'Кіріспе',
      open.id,
    ]);
    for (const account of [who.viewer, who.akimat]) {
      const read = await as(account)('GET', `/api/meetings/${meeting.body.id}`);
      expect(read.body.agenda.map((item: Json) => [item.position, item.hotspot?.id ?? item.topic])).toEqual([
        [1, 'Кіріспе'],
        [2, open.id],
      ]);
      const text = JSON.stringify(read.body);
      for (const leak of [secret.id, secret.reference, secret.title]) expect(text).not.toContain(leak);
      expect(read.body.agenda.map((item: Json) => item.id)).not.toContain(added.body.id);
      const list = await as(account)('GET', `/api/meetings?from=${today}&to=${today}&limit=1000`);
      expect(list.body.meetings.find((m: Json) => m.id === meeting.body.id).agenda_count).toBe(2);
      // A confidential hotspot reads exactly as one that does not exist.
      const hidden = await as(account)('GET', `/api/meetings?hotspot=${secret.id}`);
      const missing = await as(account)('GET', `/api/meetings?hotspot=${randomUUID()}`);
      expect([hidden.status, missing.status]).toEqual([400, 400]);
      expect(fieldsOf(hidden)).toEqual(fieldsOf(missing));
      expect((await as(account)('GET', `/api/hotspots/${secret.id}/meetings`)).status).toBe(404);
    }
    const prosecutorList = await as(who.prosecutor)('GET', `/api/meetings?hotspot=${secret.id}`);
    expect(prosecutorList.body.meetings.map((m: Json) => m.id)).toEqual([meeting.body.id]);
    expect(prosecutorList.body.meetings[0].agenda_count).toBe(3);
    const discussed = await as(who.prosecutor)('GET', `/api/hotspots/${secret.id}/meetings`);
    expect(discussed.body.meetings).toEqual([
      expect.objectContaining({ id: meeting.body.id, agenda_item_id: added.body.id }),
    ]);
  });

  it('edits a meeting only with If-Match: 428 without it, 412 with a stale version and the current meeting', async () => {
    const meeting = await as(who.prosecutor)('POST', '/api/meetings', newMeeting());
    const path = `/api/meetings/${meeting.body.id}`;
    const without = await as(who.prosecutor)('PATCH', path, { title: 'Жаңа атау' });
    expect(without.status).toBe(428);
    expect(without.type).toMatch(/^application\/problem\+json/);
    const edited = await as(who.prosecutor)(
      'PATCH',
      path,
      { title: 'Жаңа атау', agencies: ['police'], minutes: 'Хаттама' },
      { 'If-Match': '"v1"' },
    );
    expect(edited.status).toBe(200);
    expect(edited.headers.get('etag')).toMatch(/^"v2-[0-9a-f]{16}"$/);
    expect(edited.body).toMatchObject({ title: 'Жаңа атау', agencies: ['police'], minutes: 'Хаттама', version: 2 });
    const stale = await as(who.admin)('PATCH', path, { chair: 'Басқа' }, { 'If-Match': '"v1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.current).toMatchObject({ version: 2, title: 'Жаңа атау' });
    expect((await as(who.prosecutor)('GET', path)).body.chair).toBe('Қала прокуроры Б. Сейітов');
    const [, update] = await audit('meeting', meeting.body.id);
    expect(update).toMatchObject({ action: 'meeting.update' });
    expect(update.after).toEqual({ title: 'Жаңа атау', agencies: ['police'], minutes: 'Хаттама' });
  });

  it('moves, edits and removes agenda items by their own version, keeping positions 1..n', async () => {
    const meeting = await as(who.prosecutor)(
      'POST',
      '/api/meetings',
      newMeeting({ agenda: [{ topic: 'Бір' }, { topic: 'Екі' }, { topic: 'Үш' }] }),
    );
    const [one, two, three] = meeting.body.agenda as Json[];
    const itemPath = (item: Json) => `/api/meetings/${meeting.body.id}/agenda/${item.id}`;
    const moved = await as(who.prosecutor)('PATCH', itemPath(three), { position: 1 }, { 'If-Match': '"v1"' });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).toBe('"v2"');
    const order = async () =>
      ((await as(who.prosecutor)('GET', `/api/meetings/${meeting.body.id}`)).body.agenda as Json[]).map((item) => [
        item.position,
        item.topic,
      ]);
    expect(await order()).toEqual([
      [1, 'Үш'],
      [2, 'Бір'],
      [3, 'Екі'],
    ]);
    const stale = await as(who.prosecutor)('PATCH', itemPath(three), { notes: 'x' }, { 'If-Match': '"v1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.current).toMatchObject({ id: three.id, version: 2 });
    const both = await as(who.prosecutor)('PATCH', itemPath(one), { hotspot_id: open.id }, { 'If-Match': '"v1"' });
    expect(both.status).toBe(400);
    expect(fieldsOf(both)).toEqual(['topic']);
    const switched = await as(who.prosecutor)(
      'PATCH',
      itemPath(one),
      { hotspot_id: open.id, topic: null },
      { 'If-Match': '"v1"' },
    );
    expect(switched.body).toMatchObject({ topic: null, hotspot: { id: open.id } });
    const tooFar = await as(who.prosecutor)('PATCH', itemPath(two), { position: 4 }, { 'If-Match': '"v1"' });
    expect(tooFar.status).toBe(400);
    expect(fieldsOf(tooFar)).toEqual(['position']);
    expect((await as(who.prosecutor)('DELETE', itemPath(three))).status).toBe(204);
    expect(await order()).toEqual([
      [1, null],
      [2, 'Екі'],
    ]);
    expect((await audit('agenda_item', three.id)).map((row) => row.action)).toEqual([
      'agenda_item.create',
      'agenda_item.update',
      'agenda_item.delete',
    ]);
  });

  it('refuses bad input with a problem body naming each field', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [newMeeting({ held_on: '2026-02-30' }), ['held_on']],
      [newMeeting({ kind: 'party' }), ['kind']],
      [newMeeting({ title: '   ' }), ['title']],
      [newMeeting({ agencies: ['police', 'police'] }), ['agencies']],
      [newMeeting({ agencies: ['no_such_agency'] }), ['agencies']],
      [newMeeting({ agenda: [{ topic: 'Екеуі де', hotspot_id: open.id }] }), ['agenda.0.topic']],
      [newMeeting({ agenda: [{ notes: 'ешқайсысы жоқ' }] }), ['agenda.0.topic']],
      [newMeeting({ agenda: [{ hotspot_id: randomUUID() }] }), ['agenda.0.hotspot_id']],
      [newMeeting({ agenda: [{ hotspot_id: open.id }, { hotspot_id: open.id }] }), ['agenda.1.hotspot_id']],
      [newMeeting({ colour: 'red' }), ['colour']],
    ];
    const before = Number((await db().knex('meetings').count({ n: '*' }))[0]!.n);
    for (const [body, fields] of cases) {
      const reply = await as(who.prosecutor)('POST', '/api/meetings', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.type).toMatch(/^application\/problem\+json/);
      expect(fieldsOf(reply), JSON.stringify(reply.body)).toEqual(fields);
    }
    // Nothing half-written: a refused agenda item takes its meeting with it.
    expect(Number((await db().knex('meetings').count({ n: '*' }))[0]!.n)).toBe(before);
    const query = await as(who.viewer)('GET', '/api/meetings?kind=party&limit=0&colour=red');
    expect(query.status).toBe(400);
    expect(fieldsOf(query).sort()).toEqual(['colour', 'kind.0', 'limit']);
    const backwards = await as(who.viewer)('GET', '/api/meetings?from=2026-05-01&to=2026-04-01');
    expect(fieldsOf(backwards)).toEqual(['to']);
    expect((await as(who.viewer)('GET', '/api/meetings/abc')).status).toBe(400);
    // Beyond the database's integer: refused by the contract, not by the database.
    expect(fieldsOf(await as(who.viewer)('GET', '/api/meetings/99999999999'))).toEqual(['id']);
    expect(fieldsOf(await as(who.viewer)('GET', '/api/instructions?meeting=99999999999'))).toEqual(['meeting']);
    expect((await as(who.viewer)('GET', '/api/meetings/999999')).status).toBe(404);
  });

  it('lets only the prosecutor’s office and administrators write', async () => {
    for (const account of [who.viewer, who.akimat]) {
      expect((await as(account)('POST', '/api/meetings', newMeeting())).status).toBe(403);
    }
    expect((await as(who.admin)('POST', '/api/meetings', newMeeting())).status).toBe(201);
  });

  it('filters by period and kind, newest first', async () => {
    const knex = db().knex;
    const base = { from: '2020-01-01', to: '2020-12-31' };
    await as(who.prosecutor)('POST', '/api/meetings', newMeeting({ held_on: '2020-03-01', kind: 'working_group' }));
    await as(who.prosecutor)('POST', '/api/meetings', newMeeting({ held_on: '2020-06-01', kind: 'akimat_commission' }));
    await as(who.prosecutor)('POST', '/api/meetings', newMeeting({ held_on: '2020-09-01', kind: 'working_group' }));
    const all = await as(who.viewer)('GET', `/api/meetings?from=${base.from}&to=${base.to}`);
    expect(all.body.meetings.map((m: Json) => m.held_on)).toEqual(['2020-09-01', '2020-06-01', '2020-03-01']);
    expect(all.body.total).toBe(3);
    const groups = await as(who.viewer)('GET', `/api/meetings?from=${base.from}&to=${base.to}&kind=working_group`);
    expect(groups.body.meetings.map((m: Json) => m.held_on)).toEqual(['2020-09-01', '2020-03-01']);
    const paged = await as(who.viewer)('GET', `/api/meetings?from=${base.from}&to=${base.to}&limit=1&offset=1`);
    expect(paged.body).toMatchObject({ total: 3, meetings: [expect.objectContaining({ held_on: '2020-06-01' })] });
    expect(await knex('meetings').where('held_on', '<', '2021-01-01').count({ n: '*' })).toEqual([{ n: 3 }]);
  });

  it('deletes a meeting softly: gone from reads, kept in the database and the audit trail', async () => {
    const meeting = await as(who.prosecutor)('POST', '/api/meetings', newMeeting({ agenda: [{ topic: 'Бір' }] }));
    const path = `/api/meetings/${meeting.body.id}`;
    expect((await as(who.prosecutor)('DELETE', path, undefined, { 'If-Match': '"v7"' })).status).toBe(412);
    expect((await as(who.prosecutor)('DELETE', path, undefined, { 'If-Match': '"v1"' })).status).toBe(204);
    expect((await as(who.prosecutor)('GET', path)).status).toBe(404);
    expect((await as(who.prosecutor)('DELETE', path)).status).toBe(404);
    const row = await db().knex('meetings').where({ id: meeting.body.id }).first('deleted_by');
    expect(row.deleted_by).toBe('Test prosecutor (prokuror-meetings)');
    expect((await audit('meeting', meeting.body.id)).map((r) => r.action)).toEqual([
      'meeting.create',
      'meeting.delete',
    ]);
  });
});
