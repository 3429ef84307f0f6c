import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { createAccount, type TestAccount } from './accounts.js';
import { api, type CallResult } from './http.js';
import { startApp, type RunningApp } from './support.js';

/**
 * Idempotency-Key on the creates a person may retry after a lost answer (issue 13), beyond
 * registering a hotspot (idempotency.test.ts): a repeat answers what the first made, another body
 * with the same key is a 422, and two at once make one.
 */

const TODAY = '2026-11-23';
const AGENCY = 'housing_utilities';

interface Ctx {
  hotspot: string;
  meeting: number;
}
interface Create {
  name: string;
  /** A fresh target where needed (e.g. a new instruction to report on), before the key is used. */
  prepare?: (ctx: Ctx) => Promise<string>;
  path: (ctx: Ctx, target: string) => string;
  body: (n: number) => Record<string, unknown>;
  status: number;
  /** The rows this create adds: their count must grow by one, whatever the repeats. */
  count: (knex: Knex, target: string) => Promise<number>;
  /** What names the thing made in the answer. */
  idOf: (body: CallResult['body']) => unknown;
}

const n = async (query: Knex.QueryBuilder) => Number((await query.count({ n: '*' }))[0]?.n);

describeOnEachDatabase('Idempotency-Key on meetings, agenda items, instructions, reports and comments', (db) => {
  let app: RunningApp;
  let prosecutor: TestAccount;
  let colleague: TestAccount;
  let call: ReturnType<typeof api>;
  const ctx = {} as Ctx;

  const giveInstruction = async (c: Ctx) => {
    const made = await call('POST', `/api/meetings/${c.meeting}/instructions`, {
      ...{ text: 'Тексеру', due_on: '2026-12-31', agencies: [AGENCY] },
    });
    expect(made.status).toBe(201);
    return String(made.body.id);
  };

  const CREATES: Create[] = [
    {
      name: 'a meeting',
      path: () => '/api/meetings',
      body: (i) => ({ held_on: TODAY, kind: 'interagency_prosecutor', title: `Кеңес ${i}` }),
      status: 201,
      count: (knex) => n(knex('meetings')),
      idOf: (body) => body.id,
    },
    {
      name: 'an agenda item',
      path: (c) => `/api/meetings/${c.meeting}/agenda`,
      body: (i) => ({ topic: `Тақырып ${i}` }),
      status: 201,
      count: (knex) => n(knex('agenda_items')),
      idOf: (body) => body.id,
    },
    {
      name: 'an instruction',
      path: (c) => `/api/meetings/${c.meeting}/instructions`,
      body: (i) => ({ text: `Нұсқау ${i}`, due_on: '2026-12-31', agencies: [AGENCY] }),
      status: 201,
      count: (knex) => n(knex('instructions')),
      idOf: (body) => body.id,
    },
    {
      name: 'a report on an agency’s part',
      prepare: giveInstruction,
      path: (_c, instruction) => `/api/instructions/${instruction}/assignments/${AGENCY}/report`,
      body: (i) => ({ report: `Орындалды ${i}` }),
      status: 200,
      count: (knex, instruction) =>
        n(
          knex('instruction_assignments')
            .where({ instruction_id: Number(instruction) })
            .whereNotNull('report'),
        ),
      idOf: (body) => body.report,
    },
    {
      name: 'a comment on a hotspot',
      path: (c) => `/api/hotspots/${c.hotspot}/comments`,
      body: (i) => ({ note: `Пікір ${i}` }),
      status: 201,
      count: (knex) => n(knex('hotspot_events').where({ kind: 'commented' })),
      idOf: (body) => body.history.length,
    },
  ];

  beforeAll(async () => {
    const knex = db().knex;
    await seedDemo(knex, TODAY);
    prosecutor = await createAccount(knex, 'prosecutor');
    colleague = await createAccount(knex, 'prosecutor');
    app = await startApp(db(), { timeZone: 'UTC' });
    call = api(app.url, prosecutor.token);
    const hotspot = await knex('hotspots').whereNull('deleted_at').where('confidential', false).first('id');
    const meeting = await call('POST', '/api/meetings', {
      held_on: TODAY,
      kind: 'interagency_prosecutor',
      title: 'Кеңес',
    });
    Object.assign(ctx, { hotspot: hotspot.id, meeting: meeting.body.id });
  });
  afterAll(() => app?.close());

  let serial = 0;
  const start = async (create: Create) => {
    const target = create.prepare ? await create.prepare(ctx) : '';
    const before = await create.count(db().knex, target);
    return { target, before, path: create.path(ctx, target), key: { 'Idempotency-Key': randomUUID() }, i: ++serial };
  };

  it.each(CREATES.map((create) => [create.name, create] as const))(
    'answers a repeat of %s with what the first made, and makes nothing more',
    async (_name, create) => {
      const { target, before, path, key, i } = await start(create);
      const first = await call('POST', path, create.body(i), key);
      expect(first.status).toBe(create.status);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const again = await call('POST', path, create.body(i), key);
      expect(again.status).toBe(create.status);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(create.idOf(again.body)).toEqual(create.idOf(first.body));
      expect(await create.count(db().knex, target)).toBe(before + 1);
      // Another person's same key is their own: it makes a second one.
      if (!create.prepare) {
        const theirs = await api(app.url, colleague.token)('POST', path, create.body(i), key);
        expect(theirs.status).toBe(create.status);
        expect(theirs.headers.get('idempotent-replayed')).toBeNull();
        expect(await create.count(db().knex, target)).toBe(before + 2);
      }
    },
  );

  it.each(CREATES.map((create) => [create.name, create] as const))(
    'refuses the key of %s with another body with 422, making nothing',
    async (_name, create) => {
      const { target, before, path, key, i } = await start(create);
      expect((await call('POST', path, create.body(i), key)).status).toBe(create.status);
      const other = await call('POST', path, create.body(i + 1000), key);
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency_key_reused');
      expect(other.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      expect(await create.count(db().knex, target)).toBe(before + 1);
    },
  );

  it('refuses a key used on one route when sent to another', async () => {
    const key = { 'Idempotency-Key': randomUUID() };
    const body = { topic: 'Бір кілт' };
    expect((await call('POST', `/api/meetings/${ctx.meeting}/agenda`, body, key)).status).toBe(201);
    const elsewhere = await call('POST', `/api/hotspots/${ctx.hotspot}/comments`, { note: 'Бір кілт' }, key);
    expect(elsewhere.status).toBe(422);
  });

  it.each(CREATES.map((create) => [create.name, create] as const))(
    'makes %s once when the same key arrives twice at the same moment',
    async (_name, create) => {
      const { target, before, path, key, i } = await start(create);
      const answers = await Promise.all([0, 1].map(() => call('POST', path, create.body(i), key)));
      expect(answers.map((a) => a.status)).toEqual([create.status, create.status]);
      expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(1);
      expect(await create.count(db().knex, target)).toBe(before + 1);
    },
  );
});
