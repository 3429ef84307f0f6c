import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { todayIn } from '../src/time.js';
import { createAccount, type TestAccount } from './accounts.js';
import { api, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

const OWN = 'housing_utilities';
const OTHER = 'police';
const PLACE = [68.2611, 43.3011];

/*
 * An agency given a part of an instruction about a confidential hotspot opens the instruction (it
 * has work to do) but learns nothing of the hotspot: not its title, description, reference or
 * place, nor what other agencies reported about it — only what the instruction itself says.
 */
describeOnEachDatabase('an instruction about a confidential hotspot, read by an agency with a part', (db) => {
  let app: RunningApp;
  let prosecutor: TestAccount;
  let ownStaff: TestAccount;
  let otherStaff: TestAccount;
  let viewer: TestAccount;
  const marker = `Құпия-${randomUUID().slice(0, 8)}`;
  let hotspot: Json;
  let instructionId = 0;

  beforeAll(async () => {
    const knex = db().knex;
    prosecutor = await createAccount(knex, 'prosecutor');
    ownStaff = await createAccount(knex, 'akimat', undefined, OWN);
    otherStaff = await createAccount(knex, 'akimat', undefined, OTHER);
    viewer = await createAccount(knex, 'viewer');
    app = await startApp(db(), { timeZone: 'UTC' });
    const today = todayIn('UTC');
    const day = (offset: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const call = api(app.url, prosecutor.token);
    const created = await call('POST', '/api/hotspots', {
      ...{ title: `${marker} тақырып`, description: `${marker} сипаттама`, category: 'utilities', severity: 'high' },
      ...{ geometry: { type: 'Point', coordinates: PLACE }, agency: OWN, confidential: true, registered_on: day(-20) },
      due_on: day(30),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    hotspot = created.body;
    const meeting = await call('POST', '/api/meetings', {
      ...{ held_on: day(-10), kind: 'interagency_prosecutor', title: 'Кеңес', chair: 'Прокурор' },
      ...{ agencies: [OWN, OTHER], agenda: [{ hotspot_id: hotspot.id }] },
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const instruction = await call('POST', `/api/meetings/${meeting.body.id}/instructions`, {
      ...{ text: 'Тұрғындармен кездесу өткізу', due_on: day(5), agencies: [OWN, OTHER] },
      agenda_item_id: meeting.body.agenda[0].id,
    });
    expect(instruction.status, JSON.stringify(instruction.body)).toBe(201);
    instructionId = instruction.body.id;
    // The other agency's report describes the place: it must not reach the first agency either.
    const report = await api(app.url, otherStaff.token)(
      'POST',
      `/api/instructions/${instructionId}/assignments/${OTHER}/report`,
      { report: `${marker}: ${hotspot.properties.reference} маңында болдық`, on: today },
    );
    expect(report.status, JSON.stringify(report.body)).toBe(200);
  });
  afterAll(() => app?.close());

  const read = (account: TestAccount) => api(app.url, account.token)('GET', `/api/instructions/${instructionId}`);

  it('shows the agency its instruction and its own part, and nothing of the hotspot', async () => {
    const answer = await read(ownStaff);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: instructionId, text: 'Тұрғындармен кездесу өткізу', hotspot: null });
    expect(answer.body.agenda_item_id).toBeNull();
    expect(answer.body.assignments.map((part: Json) => part.agency)).toEqual([OWN]);
    const text = JSON.stringify(answer.body);
    for (const secret of [marker, hotspot.id, hotspot.properties.reference, String(PLACE[0]), String(PLACE[1])]) {
      expect(text).not.toContain(secret);
    }
  });

  it('shows nothing to someone with no part in it, and everything to the prosecutor’s office', async () => {
    expect((await read(viewer)).status).toBe(404);
    const full = await read(prosecutor);
    expect(full.body.hotspot).toMatchObject({ id: hotspot.id, title: `${marker} тақырып` });
    expect(full.body.assignments.map((part: Json) => part.agency).sort()).toEqual([OTHER, OWN].sort());
    expect(JSON.stringify(full.body.history)).toContain(marker);
  });
});
