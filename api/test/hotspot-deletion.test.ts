import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { startApp, type RunningApp } from './support.js';
import { createAccount, type TestAccount } from './accounts.js';
import { api, type Json } from './http.js';

const TODAY = '2026-11-23';
// A registration day the demo data leaves alone, so counts for it are only this file's hotspots.
const DAY = '2026-02-03';

const newHotspot = (title: string) => ({
  title,
  category: 'utilities',
  severity: 'high',
  agency: 'housing_utilities',
  geometry: { type: 'Point', coordinates: [68.27, 43.31] },
  registered_on: DAY,
  due_on: '2026-12-01',
});

describeOnEachDatabase('deleting a hotspot with a reason, and undoing it', (db) => {
  let app: RunningApp;
  let prosecutor: TestAccount;
  let colleague: TestAccount;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    prosecutor = await createAccount(db().knex, 'prosecutor', 'prokuror-delete');
    colleague = await createAccount(db().knex, 'prosecutor', 'prokuror-colleague');
    app = await startApp(db(), { timeZone: 'UTC' });
    call = api(app.url, prosecutor.token);
  });
  afterAll(() => app.close());

  async function register(title: string): Promise<{ id: string; etag: string }> {
    const reply = await call('POST', '/api/hotspots', newHotspot(title));
    expect(reply.status).toBe(201);
    return { id: reply.body.id, etag: reply.headers.get('etag')! };
  }

  /** Every place that counts or lists hotspots entered on DAY, as numbers to compare. */
  async function countsOfDay() {
    const stats = await call('GET', `/api/stats?registered_from=${DAY}&registered_to=${DAY}`);
    const list = await call('GET', `/api/hotspots?registered_from=${DAY}&registered_to=${DAY}&limit=1000`);
    const exported = await call('GET', `/api/hotspots/export.geojson?registered_from=${DAY}&registered_to=${DAY}`);
    const year = await call('GET', '/api/summary/year?year=2026');
    const ogc = await call('GET', `/ogc/collections/hotspots/items?datetime=${DAY}/${DAY}&limit=1000`);
    const ogcIds = (ogc.body.features as Json[] | undefined)?.map((f) => f.id as string) ?? [];
    return {
      stats: stats.body.entered as number,
      list: list.body.numberMatched as number,
      exported: (exported.body.features as Json[]).length,
      year: year.body.hotspots.entered as number,
      ogcIds,
    };
  }

  it('refuses a deletion without a reason, with an unknown reason, or "other" without a note, and keeps the hotspot', async () => {
    const { id } = await register('Себепсіз жоюға болмайды');
    const refusals = [
      await call('DELETE', `/api/hotspots/${id}`, {}),
      await call('DELETE', `/api/hotspots/${id}`, { reason: 'bored' }),
      await call('DELETE', `/api/hotspots/${id}`, { reason: 'other' }),
      await call('DELETE', `/api/hotspots/${id}`, { reason: 'other', note: 'x'.repeat(501) }),
    ];
    expect(refusals.map((reply) => reply.status)).toEqual([400, 400, 400, 400]);
    expect(refusals[2]!.body.errors).toEqual([
      expect.objectContaining({ field: 'note', message: 'is required when the reason is other' }),
    ]);
    expect(refusals[0]!.type).toMatch(/^application\/problem\+json/);
    expect((await call('GET', `/api/hotspots/${id}`)).status).toBe(200);
  });

  it('keeps the reason and note with the record and in the audit trail', async () => {
    const { id, etag } = await register('Қате тіркелген ошақ');
    const reply = await call(
      'DELETE',
      `/api/hotspots/${id}`,
      { reason: 'registered_in_error', note: '  Басқа ауданның ісі  ' },
      { 'If-Match': etag },
    );
    expect(reply.status).toBe(204);
    expect(reply.headers.get('etag')).toBe('"v2"');
    const row = await db().knex('hotspots').where({ id }).first('deleted_reason', 'deleted_note', 'deleted_by');
    expect(row).toEqual({
      deleted_reason: 'registered_in_error',
      deleted_note: 'Басқа ауданның ісі',
      deleted_by: 'Test prosecutor (prokuror-delete)',
    });
    const admin = await createAccount(db().knex, 'admin', 'admin-delete-audit');
    const audit = await api(app.url, admin.token)('GET', `/api/audit?entity_id=${id}&action=hotspot.delete`);
    expect(audit.body.items ?? audit.body).toEqual([
      expect.objectContaining({
        action: 'hotspot.delete',
        after: { reason: 'registered_in_error', note: 'Басқа ауданның ісі' },
      }),
    ]);
  });

  it('counts a deleted hotspot nowhere as entered (statistics, list, export, year figures, OGC) and counts it again once restored', async () => {
    const before = await countsOfDay();
    const { id } = await register('Қайталанған ошақ');
    const registered = await countsOfDay();
    expect(registered.stats).toBe(before.stats + 1);
    expect(registered.list).toBe(before.list + 1);
    expect(registered.exported).toBe(before.exported + 1);
    expect(registered.year).toBe(before.year + 1);
    expect(registered.ogcIds).toContain(id);

    expect((await call('DELETE', `/api/hotspots/${id}`, { reason: 'duplicate' })).status).toBe(204);
    const deleted = await countsOfDay();
    expect({ ...deleted, ogcIds: undefined }).toEqual({ ...before, ogcIds: undefined });
    expect(deleted.ogcIds).not.toContain(id);
    expect((await call('GET', `/api/hotspots/${id}`)).status).toBe(404);

    const restored = await call('POST', `/api/hotspots/${id}/restore`, undefined, { 'If-Match': '"v2"' });
    expect(restored.status).toBe(200);
    expect(restored.body.properties.version).toBe(3);
    expect(restored.body.history.map((event: Json) => event.kind)).toEqual(['created', 'deleted', 'restored']);
    expect(await countsOfDay()).toEqual(registered);
    const row = await db().knex('hotspots').where({ id }).first('deleted_at', 'deleted_by', 'deleted_reason');
    expect(row).toEqual({ deleted_at: null, deleted_by: null, deleted_reason: null });
  });

  it('lets a colleague undo a deletion within the window, and audits who restored it', async () => {
    const { id } = await register('Әріптес қалпына келтіреді');
    await call('DELETE', `/api/hotspots/${id}`, { reason: 'other', note: 'Қате басылды' });
    const reply = await api(app.url, colleague.token)('POST', `/api/hotspots/${id}/restore`);
    expect(reply.status).toBe(200);
    const restoreRows = await db()
      .knex('audit_log')
      .where({ entity_id: id, action: 'hotspot.restore' })
      .select('actor');
    expect(restoreRows).toHaveLength(1);
  });

  it('refuses to undo after the window, a stale version, a live hotspot or an unknown one, each with its code', async () => {
    const late = await register('Кеш қалпына келтіру');
    await call('DELETE', `/api/hotspots/${late.id}`, { reason: 'registered_in_error' });
    await db()
      .knex('hotspots')
      .where({ id: late.id })
      .update({ deleted_at: db().knex.raw("now() - interval '25 hours'") });
    const tooLate = await call('POST', `/api/hotspots/${late.id}/restore`);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.code).toBe('restore_window_passed');
    expect((await call('GET', `/api/hotspots/${late.id}`)).status).toBe(404);

    const stale = await register('Ескі нұсқа');
    await call('DELETE', `/api/hotspots/${stale.id}`, { reason: 'duplicate' });
    const staleReply = await call('POST', `/api/hotspots/${stale.id}/restore`, undefined, { 'If-Match': '"v1"' });
    // As every stale write: the current state comes along, so the person sees what changed.
    expect(staleReply.status).toBe(412);
    expect(staleReply.body.current).toMatchObject({ id: stale.id, properties: { version: 2 } });

    const live = await register('Жойылмаған');
    const notDeleted = await call('POST', `/api/hotspots/${live.id}/restore`);
    expect([notDeleted.status, notDeleted.body.code]).toEqual([409, 'not_deleted']);

    const unknown = await call('POST', '/api/hotspots/00000000-0000-4000-8000-000000000000/restore');
    expect(unknown.status).toBe(404);
  });
});
