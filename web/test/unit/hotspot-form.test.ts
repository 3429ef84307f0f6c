import { describe, expect, it } from 'vitest';
import { hotspotCreate } from '@oshaq/api/contract/hotspots';
import type { HotspotFeature } from '../../src/api/types';
import { formProblems, initialValues, proposedDueOn, toRequest, type FormValues } from '../../src/hotspots/HotspotForm';

const TODAY = '2026-03-15';

function values(overrides: Partial<FormValues> = {}): FormValues {
  return {
    title: 'Ауыз су жоқ',
    description: 'Үш аптадан бері су берілмейді.',
    category: 'water',
    severity: 'high',
    agency: 'housing',
    registered_on: '2026-03-01',
    due_on: '2026-04-01',
    confidential: false,
    ...overrides,
  };
}

const point: GeoJSON.Point = { type: 'Point', coordinates: [69.59, 42.32] };

const existing: HotspotFeature = {
  type: 'Feature',
  id: '5f0c6c1e-8d8e-4b7a-9a43-0c1d2e3f4a5b',
  geometry: point,
  properties: {
    reference: '2026-007',
    title: 'Жер дауы',
    description: 'Шекара туралы дау',
    category: 'land',
    severity: 'critical',
    status: 'in_progress',
    area_id: 3,
    agency: null,
    source: null,
    external_ref: null,
    registered_on: '2026-02-02',
    due_on: null,
    resolved_on: null,
    resolution_note: null,
    overdue: false,
    confidential: true,
    version: 4,
    created_by: 'prosecutor',
    created_at: '2026-02-02T09:00:00.000Z',
    updated_by: 'prosecutor',
    updated_at: '2026-02-03T09:00:00.000Z',
  },
};

describe('initialValues', () => {
  it('starts a new hotspot registered today, medium severity, with nothing else chosen', () => {
    expect(initialValues(undefined, TODAY)).toEqual({
      title: '',
      description: '',
      category: '',
      severity: 'medium',
      agency: '',
      registered_on: TODAY,
      due_on: '',
      confidential: false,
    });
  });

  it('fills the form from an existing hotspot, with empty fields for its missing agency and due date', () => {
    expect(initialValues(existing, TODAY)).toEqual({
      title: 'Жер дауы',
      description: 'Шекара туралы дау',
      category: 'land',
      severity: 'critical',
      agency: '',
      registered_on: '2026-02-02',
      due_on: '',
      confidential: true,
    });
  });
});

describe('formProblems', () => {
  it('finds nothing wrong with a complete form', () => {
    expect(formProblems(values())).toEqual({});
  });

  it('needs a title, a category, a registration date, an agency and a deadline on a new form', () => {
    expect(formProblems(initialValues(undefined, TODAY))).toEqual({
      title: 'hotspots.form.required',
      category: 'hotspots.form.required',
      agency: 'hotspots.form.required',
      due_on: 'hotspots.form.required',
    });
    expect(formProblems(values({ registered_on: '' }))).toEqual({ registered_on: 'hotspots.form.required' });
  });

  it('counts a title of spaces as empty', () => {
    expect(formProblems(values({ title: '   \t ' }))).toEqual({ title: 'hotspots.form.required' });
  });

  it('refuses a due date before the registration date', () => {
    expect(formProblems(values({ registered_on: '2026-03-10', due_on: '2026-03-09' }))).toEqual({
      due_on: 'hotspots.form.dueBeforeRegistered',
    });
  });

  it('accepts a due date on the registration day', () => {
    expect(formProblems(values({ registered_on: '2026-03-10', due_on: '2026-03-10' }))).toEqual({});
  });

  it('lets an edit of an older hotspot keep its missing agency and deadline, but not a new one', () => {
    expect(formProblems(values({ agency: '', due_on: '' }), false)).toEqual({});
    expect(formProblems(values({ agency: '', due_on: '' }))).toEqual({
      agency: 'hotspots.form.required',
      due_on: 'hotspots.form.required',
    });
  });

  it('compares dates as dates across a year end', () => {
    expect(formProblems(values({ registered_on: '2025-12-31', due_on: '2026-01-01' }))).toEqual({});
    expect(formProblems(values({ registered_on: '2026-01-01', due_on: '2025-12-31' })).due_on).toBe(
      'hotspots.form.dueBeforeRegistered',
    );
  });
});

describe('formProblems by the API contract', () => {
  it('refuses a title longer than the API takes, with the most it takes', () => {
    const max = hotspotCreate.shape.title.maxLength;
    expect(max).toBeGreaterThan(0);
    expect(formProblems(values({ title: 'ж'.repeat(max!) }))).toEqual({});
    expect(formProblems(values({ title: 'ж'.repeat(max! + 1) }))).toEqual({ title: 'common.form.tooLong' });
  });

  it('refuses a category code the API would refuse', () => {
    expect(formProblems(values({ category: 'Water Supply' }))).toEqual({ category: 'common.form.invalid' });
  });

  it('refuses a description longer than the API stores', () => {
    expect(formProblems(values({ description: 'x'.repeat(20001) }))).toEqual({ description: 'common.form.tooLong' });
  });
});

describe('toRequest', () => {
  it('sends no agency and no due date, rather than empty texts the API would refuse', () => {
    const body = toRequest(values({ agency: '', due_on: '' }), point);
    expect(body.agency).toBeNull();
    expect(body.due_on).toBeNull();
  });

  it('trims the title and keeps the rest as entered', () => {
    expect(toRequest(values({ title: '  Ауыз су жоқ  ' }), point)).toEqual({
      title: 'Ауыз су жоқ',
      description: 'Үш аптадан бері су берілмейді.',
      category: 'water',
      severity: 'high',
      geometry: point,
      agency: 'housing',
      registered_on: '2026-03-01',
      due_on: '2026-04-01',
      confidential: false,
    });
  });

  it('builds a body the API contract accepts, for both a full and a minimal form', () => {
    expect(hotspotCreate.safeParse(toRequest(values(), point)).success).toBe(true);
    const minimal = { ...initialValues(undefined, TODAY), title: 'x', category: 'water' };
    const parsed = hotspotCreate.safeParse(toRequest(minimal, point));
    expect(parsed.error?.issues).toBeUndefined();
  });
});

describe('proposedDueOn', () => {
  const category = {
    code: 'land',
    name_kk: 'Жер',
    name_ru: 'Земля',
    name_en: 'Land',
    colour: '#000000',
    sort_order: 1,
    active: true,
    due_days: { critical: 3, low: 60 },
    duplicate_radius_m: 300,
    version: 1,
  };

  it('counts the days from the registration date, across a month and a year end', () => {
    expect(proposedDueOn(category, 'critical', '2026-02-27')).toBe('2026-03-02');
    expect(proposedDueOn(category, 'low', '2026-12-15')).toBe('2027-02-13');
  });

  it('proposes nothing for a severity without a default, no category or no date yet', () => {
    expect(proposedDueOn(category, 'high', '2026-03-10')).toBeUndefined();
    expect(proposedDueOn(undefined, 'critical', '2026-03-10')).toBeUndefined();
    expect(proposedDueOn(category, 'critical', '')).toBeUndefined();
  });
});
