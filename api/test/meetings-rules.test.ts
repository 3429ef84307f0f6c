import { describe, expect, it } from 'vitest';
import { timelinessOf } from '../src/contract/meeting-enums.js';
import { DomainError } from '../src/errors.js';
import { actionDate, nextStatus } from '../src/instructions/rules.js';
import { checkPosition, moveTo } from '../src/meetings/rules.js';

const kindOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.kind : 'other';
  }
  return 'ok';
};

describe('the rules of instructions and agendas', () => {
  it('moves a part assigned → reported → accepted, or back to assigned when returned; nothing else', () => {
    expect(nextStatus('assigned', 'report')).toBe('reported');
    expect(nextStatus('reported', 'report')).toBe('reported');
    expect(nextStatus('reported', 'accept')).toBe('accepted');
    expect(nextStatus('reported', 'return')).toBe('assigned');
    for (const [from, action] of [
      ['assigned', 'accept'],
      ['assigned', 'return'],
      ['accepted', 'report'],
      ['accepted', 'accept'],
      ['accepted', 'return'],
    ] as const) {
      expect(
        kindOf(() => nextStatus(from, action)),
        `${action} from ${from}`,
      ).toBe('conflict');
    }
  });

  it('dates an action today by default, never in the future, before the meeting or before the report', () => {
    const context = { today: '2026-03-10', heldOn: '2026-03-01', reportedOn: '2026-03-05', action: 'accept' as const };
    expect(actionDate(undefined, context)).toBe('2026-03-10');
    expect(actionDate('2026-03-05', context)).toBe('2026-03-05');
    expect(kindOf(() => actionDate('2026-03-11', context))).toBe('invalid');
    expect(kindOf(() => actionDate('2026-03-04', context))).toBe('invalid');
    expect(kindOf(() => actionDate('2026-02-28', { ...context, action: 'report', reportedOn: null }))).toBe('invalid');
    // A corrected report may be dated before the one it replaces.
    expect(actionDate('2026-03-02', { ...context, action: 'report' })).toBe('2026-03-02');
  });

  it('calls a part on time only when accepted and reported by the deadline', () => {
    const due = '2026-03-10';
    expect(timelinessOf({ status: 'accepted', reported_on: '2026-03-10' }, due, '2026-04-01')).toBe('on_time');
    expect(timelinessOf({ status: 'accepted', reported_on: '2026-03-11' }, due, '2026-03-11')).toBe('late');
    expect(timelinessOf({ status: 'reported', reported_on: '2026-03-09' }, due, '2026-03-11')).toBe('overdue');
    expect(timelinessOf({ status: 'assigned', reported_on: null }, due, '2026-03-10')).toBe('pending');
    expect(timelinessOf({ status: 'assigned', reported_on: null }, due, '2026-03-11')).toBe('overdue');
  });

  it('places agenda items from 1 to n (n + 1 when inserting), refusing the rest', () => {
    expect(moveTo([1, 2, 3, 4], 4, 1)).toEqual([4, 1, 2, 3]);
    expect(moveTo([1, 2, 3, 4], 1, 4)).toEqual([2, 3, 4, 1]);
    expect(moveTo([1, 2, 3], 2, 2)).toEqual([1, 2, 3]);
    expect(kindOf(() => checkPosition(4, 3, true))).toBe('ok');
    expect(kindOf(() => checkPosition(4, 3, false))).toBe('invalid');
    expect(kindOf(() => checkPosition(0, 3, true))).toBe('invalid');
  });
});
