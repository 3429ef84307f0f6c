import type { Status } from './mix.js';
import { REOPENED_SHARE } from './mix.js';
import type { Language } from './phrase-types.js';
import type { Random } from './random.js';
import { PHRASES } from './wording.js';

/**
 * A hotspot's history that ends in its status, along the transitions the API allows
 * (registered → in_progress → resolved, dismissal, reopening), dated no earlier than its
 * registration and no later than today. Days are counted from 1970-01-01 (UTC): a million
 * rows of date arithmetic on integers, not on Date objects.
 */
const DAY_MS = 86_400_000;

export function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export interface BenchEvent {
  kind: 'created' | 'status_changed' | 'commented';
  actor: string;
  /** ISO 8601 timestamp in Kazakhstan's time zone (UTC+5); strictly increasing within a history. */
  at: string;
  fromStatus: Status | null;
  toStatus: Status | null;
  note: string | null;
}

interface Step {
  kind: BenchEvent['kind'];
  day: number;
  actor: string;
  to?: Status;
  note?: string;
}

export interface HistoryInput {
  status: Status;
  registeredDay: number;
  dueDays: number;
  today: number;
  language: Language;
  /** How this kind of issue gets resolved (matches its title). */
  resolution: string;
  prosecutor: string;
  agencyStaff: string;
}

export interface PlannedHistory {
  events: BenchEvent[];
  /** The closing date and note of a resolved or dismissed hotspot. */
  closedDay: number | null;
  closingNote: string | null;
}

export function planHistory(input: HistoryInput, random: Random): PlannedHistory {
  const { status, registeredDay, today, prosecutor, agencyStaff } = input;
  const shared = PHRASES[input.language].shared;
  // A day `after` to `after + span`, never past today.
  const later = (after: number, span: number) => Math.min(today, after + random.int(0, span));
  const steps: Step[] = [{ kind: 'created', day: registeredDay, actor: prosecutor }];
  const comment = (from: number, to: number) => {
    if (to >= from)
      steps.push({
        kind: 'commented',
        day: random.int(from, to),
        actor: agencyStaff,
        note: random.pick(shared.comments),
      });
  };
  const move = (to: Status, day: number, actor: string, note: string) =>
    steps.push({ kind: 'status_changed', day, actor, to, note });

  if (status === 'in_progress') {
    const started = later(registeredDay, 10);
    move('in_progress', started, agencyStaff, random.pick(shared.startWork));
    for (let k = random.int(0, 2); k > 0; k -= 1) comment(started, today);
  } else if (status === 'resolved') {
    const started = later(registeredDay, 7);
    move('in_progress', started, agencyStaff, random.pick(shared.startWork));
    // Most close around their deadline; some late.
    const resolved = Math.max(
      started,
      Math.min(today, registeredDay + Math.round(input.dueDays * (0.3 + 1.1 * random.next()))),
    );
    if (random.chance(0.5)) comment(started, resolved);
    move('resolved', resolved, agencyStaff, input.resolution);
    if (random.chance(REOPENED_SHARE)) {
      const reopened = later(resolved, 60);
      move('in_progress', reopened, prosecutor, random.pick(shared.reopen));
      move('resolved', later(reopened, 30), agencyStaff, input.resolution);
    }
  } else if (status === 'dismissed') {
    if (random.chance(0.5)) move('in_progress', later(registeredDay, 7), agencyStaff, random.pick(shared.startWork));
    move('dismissed', later(steps[steps.length - 1]!.day, 30), prosecutor, random.pick(shared.dismissals));
  }
  // Comments are drawn out of order; the history reads in time order (stable: same-day steps keep theirs).
  steps.sort((a, b) => a.day - b.day);
  const events = stampEvents(steps, random);
  const closing = status === 'resolved' || status === 'dismissed' ? steps[steps.length - 1] : undefined;
  return { events, closedDay: closing?.day ?? null, closingNote: closing?.note ?? null };
}

/**
 * Office-hours timestamps, strictly increasing, so ordering by time gives the history's order
 * even for several events on one day; the from-status follows from the steps before.
 */
function stampEvents(steps: Step[], random: Random): BenchEvent[] {
  let current: Status = 'registered';
  let lastDay = -1;
  let lastMinute = -1;
  return steps.map((step) => {
    let minute = random.int(9 * 60, 17 * 60);
    if (step.day === lastDay && minute <= lastMinute) minute = lastMinute + 1 + random.int(0, 20);
    lastDay = step.day;
    lastMinute = minute;
    const hh = String(Math.floor(minute / 60)).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    const from = step.kind === 'status_changed' ? current : null;
    if (step.to) current = step.to;
    return {
      kind: step.kind,
      actor: step.actor,
      at: `${isoDate(step.day)}T${hh}:${mm}:00+05:00`,
      fromStatus: from,
      toStatus: step.to ?? null,
      note: step.note ?? null,
    };
  });
}
