/**
 * The web app reads its URL state with the API's own schemas (api/src/contract), so whatever address
 * someone opens, the requests it makes are ones the API accepts, and a value the API would refuse is
 * left out and named. These tests fail when the web's reading and the API's rules drift apart.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditQuery } from '@oshaq/api/contract/audit';
import { STATUSES } from '@oshaq/api/contract/enums';
import { hotspotFilterShape, hotspotListQuery } from '@oshaq/api/contract/hotspots';
import { assignmentListQuery } from '@oshaq/api/contract/meeting-reports';
import { queryString, type QueryValue } from '../../src/api/client';
import { readAuditFilters } from '../../src/admin/AuditFilterForm';
import { apiFilters, readSelection } from '../../src/filters/filters';
import { PAGE_SIZE, periodReversed, readFilters } from '../../src/instructions/filters';

const TODAY = '2026-03-15';

/** The query object the API's router hands to its schema, from the parameters as the web client sends them. */
function sent(params: Record<string, QueryValue>): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(queryString(params).slice(1)));
}

/** Values a person (or a stale bookmark) might leave in an address: good ones, near misses and junk. */
const value = fc.oneof(
  fc.constantFrom(
    'registered,resolved',
    'in_progress',
    'closed',
    'water,Water',
    'land',
    'high',
    'urgent',
    '17',
    '0',
    '-3',
    '2.5',
    'true',
    'false',
    '1',
    '2026-01-05',
    '2026-02-30',
    '15.02.2026',
    ' ',
    ',,',
    'x'.repeat(201),
    'қала',
    'assigned,reported',
    'late',
    '5f0c6c1e-8d8e-4b7a-9a43-0c1d2e3f4a5b',
    'not-a-uuid',
    '2147483648',
  ),
  fc.string({ maxLength: 12 }),
);

function addressOf(names: readonly string[]): fc.Arbitrary<URLSearchParams> {
  return fc
    .dictionary(fc.constantFrom(...names), value, { maxKeys: names.length })
    .map((entries) => new URLSearchParams(entries));
}

describe('the map’s filters in the URL', () => {
  const names = [
    'period',
    'from',
    'to',
    'status',
    'category',
    'severity',
    'agency',
    'area',
    'overdue',
    'overdue_instructions',
    'q',
  ];

  it('make, from any address, a hotspot list request the API accepts unless the period runs backwards (property)', () => {
    fc.assert(
      fc.property(addressOf(names), (search) => {
        const selection = readSelection(search);
        const parsed = hotspotListQuery.safeParse(sent({ ...apiFilters(selection, TODAY), limit: 100 }));
        const range = selection.period === 'custom' ? selection : undefined;
        if (range?.from && range.to && range.from > range.to)
          expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['registered_to']);
        else expect(parsed.error?.issues ?? []).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('leave out a status the API does not know, and name it', () => {
    expect(STATUSES).not.toContain('closed');
    const refused: string[] = [];
    expect(readSelection(new URLSearchParams('status=closed,registered'), refused).status).toEqual(['registered']);
    expect(refused).toEqual(['status']);
  });

  it('leave out a category code the API would refuse', () => {
    expect(hotspotFilterShape.category.safeParse('Water').success).toBe(false);
    const refused: string[] = [];
    expect(readSelection(new URLSearchParams('category=Water,land'), refused).category).toEqual(['land']);
    expect(refused).toEqual(['category']);
  });

  it('keep a search text the API takes and leave out a longer one', () => {
    const longest = 'қ'.repeat(200);
    expect(hotspotFilterShape.q.safeParse(longest).success).toBe(true);
    expect(readSelection(new URLSearchParams({ q: longest })).q).toBe(longest);
    const refused: string[] = [];
    expect(readSelection(new URLSearchParams({ q: `${longest}қ` }), refused).q).toBe('');
    expect(refused).toEqual(['q']);
  });

  it('leave out a day that is not on the calendar', () => {
    const refused: string[] = [];
    const read = readSelection(new URLSearchParams('period=custom&from=2026-02-30&to=2026-03-01'), refused);
    expect(read).toMatchObject({ from: undefined, to: '2026-03-01' });
    expect(refused).toEqual(['from']);
  });
});

describe('the instruction list’s filters in the URL', () => {
  const names = ['agency', 'status', 'timeliness', 'due_from', 'due_to', 'meeting', 'hotspot', 'offset'];

  it('make, from any address, a request the API accepts unless the period runs backwards (property)', () => {
    fc.assert(
      fc.property(addressOf(names), (search) => {
        const filters = readFilters(search);
        const { offset, ...query } = filters;
        const parsed = assignmentListQuery.safeParse(sent({ ...query, limit: PAGE_SIZE, offset }));
        // The page asks nothing for a backwards period; it says so instead.
        if (periodReversed(filters)) expect(parsed.success).toBe(false);
        else expect(parsed.error?.issues ?? []).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('leave out a meeting id beyond what the API takes', () => {
    const refused: string[] = [];
    expect(readFilters(new URLSearchParams('meeting=2147483648'), refused).meeting).toBeUndefined();
    expect(refused).toEqual(['meeting']);
    expect(readFilters(new URLSearchParams('meeting=2147483647')).meeting).toBe(2147483647);
  });
});

describe('the audit trail’s filters in the URL', () => {
  it('keep only what the API’s auditQuery takes (property)', () => {
    const names = ['from', 'to', 'action', 'entity', 'entity_id', 'user'];
    fc.assert(
      fc.property(addressOf(names), (search) => {
        const parsed = auditQuery.safeParse(readAuditFilters(search));
        expect(parsed.error?.issues ?? []).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('leave out an action the API cannot read', () => {
    expect(readAuditFilters(new URLSearchParams('action=Hotspot Update&entity=hotspot'))).toEqual({
      entity: 'hotspot',
    });
  });
});
