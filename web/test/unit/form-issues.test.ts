/**
 * How a contract schema's issues become the form's words: the kind of each issue, the field it is
 * about, and the limits an input takes from the schema.
 */
import { describe, expect, it } from 'vitest';
import { tokenCreate, userCreate } from '@oshaq/api/contract/auth';
import { hotspotCreate } from '@oshaq/api/contract/hotspots';
import { agendaItemPatch, instructionCreate, meetingCreate } from '@oshaq/api/contract/meetings';
import { checkValues, fieldTexts, maxLengthOf } from '../../src/forms/issues';

describe('fieldTexts', () => {
  const issuesOf = (body: unknown) => {
    const result = meetingCreate.safeParse(body);
    if (result.success) throw new Error('expected issues');
    return result.error.issues;
  };
  const base = { held_on: '2026-03-15', kind: 'other', title: 'Кеңес', chair: '', agencies: [], minutes: '' };

  it('calls an empty field missing, whatever rule it fails', () => {
    expect(fieldTexts(issuesOf({ ...base, title: '   ' }), { ...base, title: '   ' })).toEqual({
      title: { key: 'common.form.required', params: {} },
    });
    expect(fieldTexts(issuesOf({ ...base, held_on: '' }), { ...base, held_on: '' }).held_on?.key).toBe(
      'common.form.required',
    );
  });

  it('names the most characters for a text too long, from the schema', () => {
    const title = 'ж'.repeat(maxLengthOf(meetingCreate.shape.title)! + 1);
    expect(fieldTexts(issuesOf({ ...base, title }), { ...base, title })).toEqual({
      title: { key: 'common.form.tooLong', params: { max: maxLengthOf(meetingCreate.shape.title) } },
    });
  });

  it('takes the form’s own words for a field, by kind or for any issue', () => {
    const values = { ...base, held_on: '15.03.2026', title: '' };
    const texts = fieldTexts(issuesOf(values), values, {
      messages: { held_on: 'meetings.fields.held_on', title: { required: 'hotspots.form.required' } },
    });
    expect(texts).toEqual({
      held_on: { key: 'meetings.fields.held_on', params: {} },
      title: { key: 'hotspots.form.required', params: {} },
    });
  });

  it('puts an issue about no field of the form under root', () => {
    const result = instructionCreate.safeParse({ text: 'x', due_on: '2026-03-15', agencies: ['a'], extra: 1 });
    expect(fieldTexts(result.error!.issues, { text: 'x' })).toEqual({ root: { key: 'common.form.invalid' } });
  });
});

describe('checkValues', () => {
  it('gives the parsed body when the contract and the rules pass, else the messages', () => {
    const check = {
      schema: userCreate,
      toBody: (values: { login: string }) => ({ login: values.login, full_name: 'А', role: 'viewer', password: 'x' }),
      rules: (values: { login: string }) => (values.login === 'admin' ? { login: 'admin.userForm.loginRule' } : {}),
    };
    expect(checkValues(check, { login: 'A.Nurlanov' })).toMatchObject({ ok: true, body: { login: 'a.nurlanov' } });
    expect(checkValues(check, { login: 'admin' })).toEqual({
      ok: false,
      texts: { login: { key: 'admin.userForm.loginRule' } },
    });
  });
});

describe('maxLengthOf', () => {
  it('reads the limit through optional, nullable and default wrappers', () => {
    expect(maxLengthOf(hotspotCreate.shape.title)).toBe(hotspotCreate.shape.title.maxLength);
    expect(maxLengthOf(hotspotCreate.shape.description)).toBe(hotspotCreate.shape.description.unwrap().maxLength);
    expect(maxLengthOf(meetingCreate.shape.chair)).toBe(meetingCreate.shape.chair.unwrap().maxLength);
    expect(maxLengthOf(agendaItemPatch.shape.notes)).toBe(agendaItemPatch.shape.notes.unwrap().maxLength);
    expect(maxLengthOf(tokenCreate.shape.name)).toBeGreaterThan(0);
    expect(maxLengthOf(meetingCreate.shape.kind)).toBeUndefined();
  });
});
