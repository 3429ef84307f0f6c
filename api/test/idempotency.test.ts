import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import type { Actor } from '../src/auth/middleware.js';
import { SYSTEM_VIEWER } from '../src/auth/visibility.js';
import type { HotspotCreate } from '../src/contract/hotspots.js';
import { claimKey, requestHash } from '../src/idempotency/repo.js';
import { createHotspot } from '../src/hotspots/writes.js';
import { startApp, type RunningApp } from './support.js';
import { createAccount, type TestAccount } from './accounts.js';
import { api } from './http.js';

const TODAY = '2026-11-23';

const newHotspot = (title: string, overrides: Record<string, unknown> = {}) => ({
  title,
  description: 'Тұрғындар үш аптадан бері сусыз',
  category: 'utilities',
  severity: 'high',
  agency: 'housing_utilities',
  geometry: { type: 'Point', coordinates: [68.26, 43.3] },
  registered_on: '2026-11-01',
  due_on: '2026-12-31',
  ...overrides,
});

describeOnEachDatabase('registering a hotspot with an Idempotency-Key', (db, kind) => {
  let app: RunningApp;
  let prosecutor: TestAccount;
  let colleague: TestAccount;
  let call: ReturnType<typeof api>;
  const countTitled = async (title: string) =>
    Number((await db().knex('hotspots').where({ title }).count({ n: '*' }))[0]?.n);

  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    prosecutor = await createAccount(db().knex, 'prosecutor');
    colleague = await createAccount(db().knex, 'prosecutor');
    app = await startApp(db(), { timeZone: 'UTC' });
    call = api(app.url, prosecutor.token);
  });
  afterAll(() => app.close());

  it('answers a repeat of the same request with the hotspot it created, and creates no second one', async () => {
    const headers = { 'Idempotency-Key': 'form-1-8e03978e-40d5-43e8-bc93-6894a57f9324' };
    const first = await call('POST', '/api/hotspots', newHotspot('Қайталанған сақтау'), headers);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // The same body with its fields in another order is the same request.
    const { geometry, ...rest } = newHotspot('Қайталанған сақтау');
    const again = await call('POST', '/api/hotspots', { geometry, ...rest }, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.properties.reference).toBe(first.body.properties.reference);
    expect(again.body.history).toHaveLength(1);
    expect(await countTitled('Қайталанған сақтау')).toBe(1);
  });

  it('accepts the key in the draft’s quoted form as the same key', async () => {
    const first = await call('POST', '/api/hotspots', newHotspot('Тырнақшадағы кілт'), { 'Idempotency-Key': 'k-42' });
    const quoted = await call('POST', '/api/hotspots', newHotspot('Тырнақшадағы кілт'), {
      'Idempotency-Key': '"k-42"',
    });
    expect(quoted.headers.get('idempotent-replayed')).toBe('true');
    expect(quoted.body.id).toBe(first.body.id);
  });

  it('refuses the same key with a different body with 422, and changes nothing', async () => {
    const headers = { 'Idempotency-Key': 'reused-key' };
    const first = await call('POST', '/api/hotspots', newHotspot('Бірінші нұсқа'), headers);
    expect(first.status).toBe(201);
    const other = await call('POST', '/api/hotspots', newHotspot('Бірінші нұсқа', { severity: 'low' }), headers);
    expect(other.status).toBe(422);
    expect(other.type).toMatch(/^application\/problem\+json/);
    expect(other.body.detail).toMatch(/already used for a different request/);
    expect(other.body.detail).toContain(first.body.id);
    expect(other.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect(await countTitled('Бірінші нұсқа')).toBe(1);
    const kept = await call('GET', `/api/hotspots/${first.body.id}`);
    expect(kept.body.properties.severity).toBe('high');
  });

  it('creates one hotspot when requests with the same key arrive at once', async () => {
    const headers = { 'Idempotency-Key': 'at-once' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => call('POST', '/api/hotspots', newHotspot('Бір мезгілде'), headers)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(answers.filter((answer) => answer.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);
    expect(await countTitled('Бір мезгілде')).toBe(1);
  });

  it('keeps each person’s keys apart: a colleague with the same key gets their own hotspot', async () => {
    const headers = { 'Idempotency-Key': 'shared-by-chance' };
    const mine = await call('POST', '/api/hotspots', newHotspot('Екі адам'), headers);
    const theirs = await api(app.url, colleague.token)('POST', '/api/hotspots', newHotspot('Екі адам'), headers);
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await countTitled('Екі адам')).toBe(2);
  });

  it('without the header, creates a hotspot on every request as before', async () => {
    const one = await call('POST', '/api/hotspots', newHotspot('Кілтсіз'));
    const two = await call('POST', '/api/hotspots', newHotspot('Кілтсіз'));
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(one.body.id).not.toBe(two.body.id);
    expect(await countTitled('Кілтсіз')).toBe(2);
  });

  it('refuses a malformed key with a 400 naming the header, and creates nothing', async () => {
    for (const key of ['has space', 'clé', 'x'.repeat(256), '']) {
      const answer = await call('POST', '/api/hotspots', newHotspot('Жарамсыз кілт'), { 'Idempotency-Key': key });
      expect(answer.status, JSON.stringify(key)).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      expect(answer.body.detail).toMatch(/Idempotency-Key/);
    }
    expect(await countTitled('Жарамсыз кілт')).toBe(0);
  });

  it('lets a key be used again once its request failed, since nothing was created', async () => {
    const headers = { 'Idempotency-Key': 'after-a-refusal' };
    const refused = await call('POST', '/api/hotspots', newHotspot('Түзетілген', { category: 'no-such' }), headers);
    expect(refused.status).toBe(400);
    const fixed = await call('POST', '/api/hotspots', newHotspot('Түзетілген'), headers);
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('forgets keys after a day', async () => {
    const headers = { 'Idempotency-Key': 'yesterday' };
    const old = await call('POST', '/api/hotspots', newHotspot('Кешегі'), headers);
    await db()
      .knex('idempotency_keys')
      .where({ key: 'yesterday' })
      .update({ created_at: db().knex.raw(`now() - interval '25 hours'`) });
    const fresh = await call('POST', '/api/hotspots', newHotspot('Кешегі'), headers);
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe(old.body.id);
    expect(await db().knex('idempotency_keys').where({ key: 'yesterday' }).pluck('hotspot_id')).toEqual([
      fresh.body.id,
    ]);
  });

  it('documents the header and its answers in the OpenAPI document', async () => {
    const { body } = await call('GET', '/api/openapi.json');
    const create = body.paths['/api/hotspots'].post;
    expect(create.parameters).toContainEqual(
      expect.objectContaining({ in: 'header', name: 'Idempotency-Key', required: false }),
    );
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '422']));
  });

  // Two connections are needed to hold a key in one transaction while another claims it.
  it.runIf(kind === 'server')(
    'a create whose key another transaction holds waits for it, then answers that hotspot',
    async () => {
      const knex = db().knex;
      const actor: Actor = {
        name: 'Test',
        userId: prosecutor.id,
        ip: null,
        role: 'prosecutor',
        agencyId: null,
        viewer: SYSTEM_VIEWER,
      };
      const options = { maxVertices: 10_000, today: () => TODAY };
      const input = newHotspot('Күтетін') as unknown as HotspotCreate;
      const existing = (await knex('hotspots').first('id')).id as string;
      for (const ending of ['commit', 'rollback'] as const) {
        const key = { userId: prosecutor.id, key: `held-${ending}`, requestHash: requestHash(input) };
        const holder = await knex.transaction();
        expect(await claimKey(holder, key, existing)).toBe(true);
        const waiting = createHotspot(knex, actor, input, options, key);
        // Wait until the create is blocked on the key the holder has claimed.
        for (let tries = 0; ; tries++) {
          const { rows } = await knex.raw<{ rows: unknown[] }>(
            `SELECT 1 FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'`,
          );
          if (rows.length > 0) break;
          if (tries > 200) throw new Error('the create never waited for the key');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        if (ending === 'commit') await holder.commit();
        else await holder.rollback();
        const outcome = await waiting;
        if (ending === 'commit') expect(outcome).toEqual({ kind: 'replayed', id: existing });
        else expect(outcome).toMatchObject({ kind: 'created', id: expect.not.stringMatching(existing) });
      }
    },
  );
});
