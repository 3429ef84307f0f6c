import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apiFilters,
  DEFAULT_PERIOD,
  periodRange,
  PERIODS,
  readSelection,
  writeSelection,
  type Selection,
} from '../../src/filters/filters';

function selection(overrides: Partial<Selection> = {}): Selection {
  return {
    period: DEFAULT_PERIOD,
    status: [],
    category: [],
    severity: [],
    agency: [],
    overdue: false,
    overdueInstructions: false,
    q: '',
    ...overrides,
  };
}

const params = (text: string) => new URLSearchParams(text);

describe('readSelection', () => {
  it('reads every filter from the URL', () => {
    const read = readSelection(
      params(
        'period=custom&from=2026-01-05&to=2026-02-10&status=registered,in_progress&category=land,water' +
          '&severity=high&agency=housing&area=17&overdue=true&q=%D2%9B%D0%B0%D0%BB%D0%B0',
      ),
    );
    expect(read).toEqual({
      period: 'custom',
      from: '2026-01-05',
      to: '2026-02-10',
      status: ['registered', 'in_progress'],
      category: ['land', 'water'],
      severity: ['high'],
      agency: ['housing'],
      area: 17,
      overdue: true,
      overdueInstructions: false,
      q: 'қала',
    });
  });

  it('gives the default selection for an empty URL', () => {
    expect(readSelection(params(''))).toEqual(selection());
  });

  it('ignores an unknown period and falls back to the default', () => {
    expect(readSelection(params('period=decade')).period).toBe(DEFAULT_PERIOD);
    expect(readSelection(params('period=')).period).toBe(DEFAULT_PERIOD);
  });

  it('ignores dates that are not written YYYY-MM-DD', () => {
    const read = readSelection(params('period=custom&from=15.02.2026&to=2026-2-1'));
    expect(read.from).toBeUndefined();
    expect(read.to).toBeUndefined();
    expect(readSelection(params('from=2026-02-15x')).from).toBeUndefined();
  });

  it.each(['abc', '0', '-3', '2.5', ''])('ignores area=%j, which is not an area id', (area) => {
    expect(readSelection(params(`area=${area}`)).area).toBeUndefined();
  });

  it('drops empty parts and spaces from comma lists', () => {
    expect(readSelection(params('status=,registered,, resolved ,')).status).toEqual(['registered', 'resolved']);
  });

  it('reads overdue only when it is exactly true', () => {
    expect(readSelection(params('overdue=1')).overdue).toBe(false);
    expect(readSelection(params('overdue=yes')).overdue).toBe(false);
    expect(readSelection(params('overdue=true')).overdue).toBe(true);
  });

  it('trims the search text', () => {
    expect(readSelection(params('q=%20%20water%20')).q).toBe('water');
  });
});

describe('writeSelection', () => {
  it('keeps URL parameters that are not filters, such as the map view and the selected hotspot', () => {
    const search = params('at=43.3,68.25,13&h=0b3f5a4e-1111-4222-8333-444455556666&period=all');
    const written = writeSelection(search, selection({ status: ['resolved'] }));
    expect(written.get('at')).toBe('43.3,68.25,13');
    expect(written.get('h')).toBe('0b3f5a4e-1111-4222-8333-444455556666');
    expect(written.get('status')).toBe('resolved');
  });

  it('does not change the parameters it was given', () => {
    const search = params('period=all&status=registered');
    writeSelection(search, selection());
    expect(search.toString()).toBe('period=all&status=registered');
  });

  it('removes filters that went back to their defaults, so the URL stays short', () => {
    const search = params('period=all&status=registered&area=4&overdue=true&q=x&at=1,2,3');
    const written = writeSelection(search, selection());
    expect([...written.keys()]).toEqual(['at']);
  });

  it('writes dates only for a custom period', () => {
    const written = writeSelection(params(''), selection({ period: 'quarter', from: '2026-01-01', to: '2026-02-01' }));
    expect(written.get('period')).toBe('quarter');
    expect(written.has('from')).toBe(false);
    expect(written.has('to')).toBe(false);
  });

  it('round-trips a full selection through the URL', () => {
    const full = selection({
      period: 'custom',
      from: '2025-12-01',
      to: '2026-03-31',
      status: ['registered', 'dismissed'],
      category: ['religion'],
      severity: ['low', 'critical'],
      agency: ['education', 'police'],
      area: 9,
      overdue: true,
      overdueInstructions: false,
      q: 'Әл-Фараби даңғылы',
    });
    const written = writeSelection(params('at=43.3,68.2,12&h=abc'), full);
    const reread = readSelection(new URLSearchParams(written.toString()));
    expect(reread).toEqual(full);
    expect(written.get('at')).toBe('43.3,68.2,12');
    expect(written.get('h')).toBe('abc');
  });

  it('round-trips any selection the interface can make (property)', () => {
    const code = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/);
    const date = fc
      .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const text = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.trim());
    const arbitrary: fc.Arbitrary<Selection> = fc
      .record({
        period: fc.constantFrom(...PERIODS),
        from: date,
        to: date,
        status: fc.uniqueArray(fc.constantFrom('registered', 'in_progress', 'resolved', 'dismissed')),
        category: fc.uniqueArray(code, { maxLength: 4 }),
        severity: fc.uniqueArray(fc.constantFrom('low', 'medium', 'high', 'critical')),
        agency: fc.uniqueArray(code, { maxLength: 4 }),
        area: fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { nil: undefined }),
        overdue: fc.boolean(),
        overdueInstructions: fc.boolean(),
        q: text,
      })
      // Dates mean something only for a custom period; other periods carry none.
      .map((s) => (s.period === 'custom' ? s : { ...s, from: undefined, to: undefined }));
    const others = fc.dictionary(fc.constantFrom('at', 'h', 'layers', 'tab'), fc.string({ maxLength: 10 }));
    fc.assert(
      fc.property(arbitrary, others, (chosen, extra) => {
        const written = writeSelection(new URLSearchParams(extra), chosen);
        expect(readSelection(new URLSearchParams(written.toString()))).toEqual(chosen);
        for (const [name, value] of Object.entries(extra)) expect(written.get(name)).toBe(value);
      }),
      { numRuns: 300 },
    );
  });
});

describe('periodRange', () => {
  it('counts the year from 1 January up to today', () => {
    expect(periodRange({ period: 'year' }, '2026-08-14')).toEqual({ from: '2026-01-01', to: '2026-08-14' });
    expect(periodRange({ period: 'year' }, '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-01-01' });
  });

  it.each([
    ['2026-02-15', '2026-01-01'],
    ['2026-03-31', '2026-01-01'],
    ['2026-04-01', '2026-04-01'],
    ['2026-06-30', '2026-04-01'],
    ['2026-07-01', '2026-07-01'],
    ['2026-10-01', '2026-10-01'],
    ['2026-12-31', '2026-10-01'],
  ])('starts the quarter containing %s on %s', (today, from) => {
    expect(periodRange({ period: 'quarter' }, today)).toEqual({ from, to: today });
  });

  it('counts 30 days including today', () => {
    expect(periodRange({ period: '30d' }, '2026-01-30')).toEqual({ from: '2026-01-01', to: '2026-01-30' });
  });

  it('counts 30 days back across a month end', () => {
    expect(periodRange({ period: '30d' }, '2026-03-15')).toEqual({ from: '2026-02-14', to: '2026-03-15' });
  });

  it('counts 30 days back across a leap-year February', () => {
    // 2028: February has 29 days; 1 Mar − 29 days = 1 Feb.
    expect(periodRange({ period: '30d' }, '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-03-01' });
    // 2026: February has 28 days; 1 Mar − 29 days = 31 Jan.
    expect(periodRange({ period: '30d' }, '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('counts 30 days back across a new year', () => {
    expect(periodRange({ period: '30d' }, '2026-01-10')).toEqual({ from: '2025-12-12', to: '2026-01-10' });
  });

  it('takes the chosen dates for a custom period, whatever today is', () => {
    expect(periodRange({ period: 'custom', from: '2024-05-01', to: '2024-06-01' }, '2026-03-01')).toEqual({
      from: '2024-05-01',
      to: '2024-06-01',
    });
    expect(periodRange({ period: 'custom', from: '2024-05-01' }, '2026-03-01')).toEqual({
      from: '2024-05-01',
      to: undefined,
    });
  });

  it('has no bounds for all time, even when dates are left in the selection', () => {
    expect(periodRange({ period: 'all', from: '2024-05-01', to: '2024-06-01' }, '2026-03-01')).toEqual({
      from: undefined,
      to: undefined,
    });
  });
});

describe('apiFilters', () => {
  it('maps a selection to the API parameters with the period as registration dates', () => {
    const filters = apiFilters(
      selection({
        period: 'quarter',
        status: ['registered'],
        category: ['land'],
        severity: ['high', 'critical'],
        agency: ['housing'],
        area: 5,
        overdue: true,
        overdueInstructions: false,
        q: 'су',
      }),
      '2026-05-20',
    );
    expect(filters).toEqual({
      registered_from: '2026-04-01',
      registered_to: '2026-05-20',
      status: ['registered'],
      category: ['land'],
      severity: ['high', 'critical'],
      agency: ['housing'],
      area: 5,
      overdue: true,
      overdue_instructions: undefined,
      q: 'су',
    });
  });

  it('leaves out overdue and search when they are not set, rather than sending false or an empty text', () => {
    const filters = apiFilters(selection({ period: 'all' }), '2026-05-20');
    expect(filters.overdue).toBeUndefined();
    expect(filters.q).toBeUndefined();
    expect(filters.area).toBeUndefined();
    expect(filters.registered_from).toBeUndefined();
    expect(filters.registered_to).toBeUndefined();
  });

  it('gives equal filters for equal selections, so views share one cached request', () => {
    const a = apiFilters(readSelection(params('status=resolved&period=30d')), '2026-05-20');
    const b = apiFilters(readSelection(params('period=30d&status=resolved&at=1,2,3')), '2026-05-20');
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('the "with overdue instructions" filter', () => {
  it('travels from the URL to the API and back', () => {
    const read = readSelection(new URLSearchParams('overdue_instructions=true'));
    expect(read.overdueInstructions).toBe(true);
    expect(apiFilters(read, '2026-05-20').overdue_instructions).toBe(true);
    expect(writeSelection(new URLSearchParams(), read).get('overdue_instructions')).toBe('true');
    expect(
      writeSelection(new URLSearchParams('overdue_instructions=true'), { ...read, overdueInstructions: false }).has(
        'overdue_instructions',
      ),
    ).toBe(false);
  });
});
