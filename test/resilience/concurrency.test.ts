import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { type RunningApp, startApp } from '../../api/test/support.js';
import { type ApiClient, type Outcome, etagOf } from './support/client.js';
import { historyProblems, ledgerProblems } from './support/consistency.js';
import { Ledger } from './support/ledger.js';
import { createActors } from './support/setup.js';

const CLIENTS = 20;

/** Sends one request per client at the same moment and collects the answers. */
function allAtOnce(clients: ApiClient[], send: (client: ApiClient, index: number) => Promise<Outcome>) {
  return Promise.all(clients.map((client, index) => send(client, index)));
}

const statuses = (outcomes: Outcome[]) =>
  outcomes.reduce<Record<string, number>>(
    (counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
    {},
  );

describeOnEachDatabase('many clients changing the same hotspot at once', (db) => {
  let app: RunningApp;
  let clients: ApiClient[];
  let id: string;
  const ledger = new Ledger('same-hotspot');

  const current = async () => {
    const outcome = await clients[0]?.call('get', 'GET', `/api/hotspots/${id}`);
    return { etag: etagOf(outcome as Outcome) as string, body: outcome?.body };
  };

  beforeAll(async () => {
    app = await startApp(db());
    // Prosecutor's staff: each may edit and move any hotspot, so only the version can stop them.
    const actors = await createActors(db().knex, () => app.url, { prosecutor: CLIENTS }, undefined, 5);
    clients = actors.map((actor) => actor.client);
    const created = await clients[0]?.call('create', 'POST', '/api/hotspots', {
      title: 'Су құбыры жарылды',
      category: 'utilities',
      severity: 'high',
      geometry: { type: 'Point', coordinates: [68.25, 43.3] },
      agency: 'housing_utilities',
      due_on: '2027-06-30',
    });
    id = created?.body.id;
  }, 180_000);
  afterAll(() => app?.close());

  it('lets exactly one of twenty edits of the same version through; the others get 412 with the current version', async () => {
    for (let round = 0; round < 3; round++) {
      const { etag } = await current();
      const outcomes = await allAtOnce(clients, async (client) => {
        const marker = ledger.marker('edit');
        const outcome = await client.call(
          'edit',
          'PATCH',
          `/api/hotspots/${id}`,
          { title: marker },
          { 'If-Match': etag },
        );
        ledger.record({ kind: 'edit', marker, hotspotId: id }, outcome);
        return outcome;
      });
      expect(statuses(outcomes)).toEqual({ 200: 1, 412: CLIENTS - 1 });
      const winner = outcomes.find((outcome) => outcome.status === 200);
      for (const loser of outcomes.filter((outcome) => outcome.status === 412)) {
        expect(loser.contentType).toMatch(/^application\/problem\+json/);
        // The loser is shown the version that won, to redo its change on.
        expect(loser.body.current.properties.version).toBeGreaterThanOrEqual(winner?.body.properties.version);
      }
      expect((await current()).body.properties.title).toBe(winner?.body.properties.title);
    }
  });

  it('lets exactly one of twenty transitions of the same version through', async () => {
    const { etag } = await current();
    const outcomes = await allAtOnce(clients, async (client) => {
      const marker = ledger.marker('transition');
      const outcome = await client.call(
        'transition',
        'POST',
        `/api/hotspots/${id}/transitions`,
        { to: 'in_progress', note: marker },
        { 'If-Match': etag },
      );
      ledger.record({ kind: 'transition', marker, hotspotId: id, to: 'in_progress' }, outcome);
      return outcome;
    });
    expect(statuses(outcomes)).toEqual({ 200: 1, 412: CLIENTS - 1 });
  });

  it('without If-Match, lets one of twenty identical transitions through; the rest conflict with the new status', async () => {
    const outcomes = await allAtOnce(clients, async (client) => {
      const marker = ledger.marker('transition');
      const outcome = await client.call('transition', 'POST', `/api/hotspots/${id}/transitions`, {
        to: 'resolved',
        note: marker,
      });
      ledger.record({ kind: 'transition', marker, hotspotId: id, to: 'resolved' }, outcome);
      return outcome;
    });
    expect(statuses(outcomes)).toEqual({ 200: 1, 409: CLIENTS - 1 });
    expect((await current()).body.properties.status).toBe('resolved');
  });

  it('keeps all of twenty simultaneous comments, each moving the version once', async () => {
    const before = (await current()).body.properties.version as number;
    const outcomes = await allAtOnce(clients, async (client) => {
      const marker = ledger.marker('comment');
      const outcome = await client.call('comment', 'POST', `/api/hotspots/${id}/comments`, { note: marker });
      ledger.record({ kind: 'comment', marker, hotspotId: id }, outcome);
      return outcome;
    });
    expect(statuses(outcomes)).toEqual({ 201: CLIENTS });
    expect((await current()).body.properties.version).toBe(before + CLIENTS);
  });

  it('records each accepted change exactly once in the history, and no refused one', async () => {
    expect(await ledgerProblems(db().knex, ledger)).toEqual([]);
    expect(await historyProblems(db().knex)).toEqual([]);
    const { body } = await current();
    const kinds = (body.history as { kind: string }[]).map((event) => event.kind);
    expect(kinds.filter((kind) => kind === 'edited')).toHaveLength(3);
    expect(kinds.filter((kind) => kind === 'status_changed')).toHaveLength(2);
    expect(kinds.filter((kind) => kind === 'commented')).toHaveLength(CLIENTS);
    expect(body.properties.version).toBe(1 + 3 + 2 + CLIENTS);
  });
});
