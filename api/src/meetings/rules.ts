import { invalid } from '../errors.js';

/** Where agenda items go: positions 1..n with no gaps (agenda.ts keeps them so). */

/** A 1-based place to insert at (up to one past the end) or move to (up to the end); refused, never clamped. */
export function checkPosition(position: number, count: number, inserting: boolean, field = 'position'): void {
  const last = inserting ? count + 1 : count;
  if (position < 1 || position > last)
    throw invalid(field, 'out_of_range', `must be from 1 to ${last}`, { min: 1, max: last });
}

/** Ids in their new order after moving one to a 1-based position. */
export function moveTo<T>(ids: readonly T[], id: T, position: number): T[] {
  const rest = ids.filter((other) => other !== id);
  rest.splice(position - 1, 0, id);
  return rest;
}
