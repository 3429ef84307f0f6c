import fc from 'fast-check';
import { ASSIGNMENT_STATUSES, DISCIPLINE_BASES, MEETING_KINDS, TIMELINESS } from '../src/contract/meeting-enums.js';
import {
  dateText,
  hostileString,
  invalidDateText,
  kazakhText,
  numberText,
  plusDays,
  randomJson,
  storableText,
  validDate,
  wrongTypeValue,
  type QueryValue,
} from './arbitraries.js';

/**
 * fast-check arbitraries for the meetings API: list and report queries, hostile path ids, and
 * bodies for meetings, agenda items, instructions and reports on them — valid ones built from
 * the reference data, and the same with one hostile change.
 */

export interface MeetingRef {
  agencies: string[];
  hotspots: string[];
}

/** Non-empty text that survives trimming, as the contract's text fields want. */
export const someText = (max: number) => storableText(max).filter((t) => t.trim() !== '' && t.trim().length <= max);

/** A comma-separated list mixing known values with hostile ones. */
const listOf = (known: readonly string[]) =>
  fc.oneof(
    fc.subarray([...known], { minLength: 1 }).map((values) => values.join(',')),
    fc
      .array(fc.oneof(fc.constantFrom(...known), hostileString, fc.constantFrom('no_such_code', 'ZZ')), {
        minLength: 1,
        maxLength: 4,
      })
      .map((v) => v.join(',')),
    hostileString,
  );

const paging = {
  limit: fc.oneof(fc.integer({ min: 1, max: 1000 }).map(String), numberText, fc.constantFrom('0', '1001', '1.5')),
  offset: fc.oneof(
    fc.integer({ min: 0, max: 50 }).map(String),
    numberText,
    fc.constantFrom('-1', '1000001', '1000000', '1e6', '0.5', ''),
  ),
};

const uuidValue = (ref: MeetingRef) =>
  fc.oneof(
    fc.constantFrom(...ref.hotspots),
    fc.uuid(),
    fc.uuid().map((u) => u.toUpperCase()),
    hostileString,
  );

export const meetingQueryValues = (ref: MeetingRef): Record<string, fc.Arbitrary<QueryValue>> => ({
  from: dateText,
  to: dateText,
  kind: listOf(MEETING_KINDS),
  hotspot: uuidValue(ref),
  ...paging,
});

const meetingIdValue = fc.oneof(
  fc.integer({ min: 1, max: 30 }).map(String),
  numberText,
  fc.constantFrom('2147483647', '2147483648', '0', '-1', '1.0', '1e2'),
  hostileString,
);

export const instructionQueryValues = (ref: MeetingRef): Record<string, fc.Arbitrary<QueryValue>> => ({
  agency: listOf(ref.agencies),
  status: listOf(ASSIGNMENT_STATUSES),
  timeliness: listOf(TIMELINESS),
  due_from: dateText,
  due_to: dateText,
  given_from: dateText,
  given_to: dateText,
  hotspot: uuidValue(ref),
  meeting: meetingIdValue,
  mine: fc.oneof(fc.constantFrom('true', 'false', 'TRUE', '1', ''), hostileString),
  ...paging,
});

export const disciplineQueryValues = (ref: MeetingRef, xlsx: boolean): Record<string, fc.Arbitrary<QueryValue>> => ({
  from: dateText,
  to: dateText,
  agency: listOf(ref.agencies),
  basis: fc.oneof(fc.constantFrom(...DISCIPLINE_BASES), fc.constantFrom('DUE', 'given,due', ''), hostileString),
  ...(xlsx ? { lang: fc.oneof(fc.constantFrom('kk', 'ru', 'en', 'KK', 'kz', 'ru-RU', ''), hostileString) } : {}),
});

/** A period the discipline report takes (from ≤ to), as query pairs, to mix with random ones. */
export const validPeriodPairs = validDate('2024-01-01', '2027-12-31').chain((from) =>
  fc.integer({ min: 0, max: 400 }).map((days): [string, QueryValue][] => [
    ['from', from],
    ['to', plusDays(from, days)],
  ]),
);

/** A period that is wrong for certain: a date that is not one, out of 1900–2199, or to before from. */
export const invalidPeriod = fc.oneof(
  fc
    .tuple(validDate('2024-01-01', '2027-12-31'), fc.integer({ min: 1, max: 3000 }))
    .map(([from, days]) => ({ from, to: plusDays(from, -days), blame: 'to' })),
  fc.tuple(invalidDateText, validDate()).map(([from, to]) => ({ from, to, blame: 'from' })),
  fc.tuple(validDate(), invalidDateText).map(([from, to]) => ({ from, to, blame: 'to' })),
  fc.constantFrom(
    { from: '1899-12-31', to: '2026-01-01', blame: 'from' },
    { from: '2026-01-01', to: '2200-01-01', blame: 'to' },
    { from: '0001-01-01', to: '2026-01-01', blame: 'from' },
  ),
);

export const yearValue = fc.oneof(
  fc.integer({ min: 1850, max: 2250 }).map(String),
  numberText,
  fc.constantFrom('2026.0', '2026.5', '1e3', '0x7EA', ' 2026', '2026 ', '+2026', '', '1899', '2200'),
  hostileString,
);

/**
 * Ids for the integer-id routes that cannot name a meeting, agenda item or instruction of the
 * test: not numbers, fractions, zero, negative, beyond int4, UUIDs — and well-formed ones too
 * large for the test to have reached (which must be a 404).
 */
export const hostileIntegerId = fc
  .oneof(
    hostileString,
    numberText,
    fc.uuid(),
    fc.integer({ min: 100_000_000, max: 2_147_483_647 }).map(String),
    fc.bigInt({ min: 2_147_483_648n, max: 10n ** 30n }).map(String),
    fc.integer({ min: -2_147_483_648, max: 0 }).map(String),
    fc.constantFrom('0', '-1', '1.5', '2147483648', '99999999999999999999', '1e309', 'NaN', 'Infinity', '0b1', '１'),
  )
  .filter((id) => id !== '' && id !== '.' && id !== '..' && id.length < 2000);

/** Agency codes in paths: malformed ones (400) and well-formed ones naming nothing assigned (404). */
export const hostileAgencyCode = fc.oneof(
  hostileString,
  fc.constantFrom('POLICE', 'Police', 'police ', '_police', '1police', 'a'.repeat(41), 'no_such_agency', 'x'),
  fc.stringMatching(/^[a-z][a-z0-9_]{0,39}$/),
);

// ── Bodies ────────────────────────────────────────────────────────────────────────────────────

const topicItem = fc.record({ topic: someText(500), notes: storableText(2000) }, { requiredKeys: ['topic'] });

/** Meeting bodies the API must accept (201): codes from the reference data, distinct hotspots. */
export function validMeetingBody(ref: MeetingRef) {
  return fc
    .tuple(
      fc.record(
        {
          held_on: validDate('2024-01-01', '2027-12-31'),
          kind: fc.constantFrom(...MEETING_KINDS),
          title: someText(300),
          chair: storableText(200),
          agencies: fc.subarray(ref.agencies, { maxLength: 5 }),
          minutes: storableText(2000),
        },
        { requiredKeys: ['held_on', 'kind', 'title'] },
      ),
      fc.array(topicItem, { maxLength: 3 }),
      fc.subarray(ref.hotspots, { maxLength: 2 }),
      fc.boolean(),
    )
    .map(([body, topics, hotspots, withAgenda]) => {
      const agenda = [...topics, ...hotspots.map((hotspot_id) => ({ hotspot_id }))];
      return withAgenda || agenda.length > 0 ? { ...body, agenda } : body;
    });
}

/** A hostile value for any field: strings, wrong types, dates that are not, text too long. */
const replacementValue = fc.oneof(
  hostileString,
  wrongTypeValue,
  dateText,
  fc.constantFrom<unknown>(
    '1899-12-31',
    '2200-01-01',
    'x'.repeat(301),
    ' '.repeat(10),
    ['police', 'police'],
    ['no_such_agency'],
    [],
    [{ topic: '' }],
    [{ hotspot_id: '00000000-0000-4000-8000-000000000000' }],
    [{ topic: 'a', hotspot_id: '00000000-0000-4000-8000-000000000000' }],
    [{ topic: 'a', position: 5 }],
    Array.from({ length: 51 }, (_, i) => `agency_${i}`),
    -1,
    0,
    2147483648,
    'a\u0000b',
  ),
);

/** One change to a body: a field replaced by a hostile value, a field removed, or an extra one added. */
export function mutate(body: Record<string, unknown>, fields: readonly string[]) {
  return fc.oneof(
    fc.tuple(fc.constantFrom(...fields), replacementValue).map(([field, value]) => ({ ...body, [field]: value })),
    fc.constantFrom(...fields).map((field) => {
      const { [field]: _removed, ...rest } = body;
      return rest;
    }),
    fc
      .tuple(
        fc.oneof(hostileString, fc.constantFrom('id', 'version', 'status', 'created_by', '__proto__')),
        wrongTypeValue,
      )
      .map(([key, value]) => {
        const copy: Record<string, unknown> = { ...body };
        Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
        return copy;
      }),
  );
}

const MEETING_FIELDS = ['held_on', 'kind', 'title', 'chair', 'agencies', 'minutes', 'agenda'] as const;

export const mutatedMeetingBody = (ref: MeetingRef) =>
  validMeetingBody(ref).chain((body) => mutate(body, MEETING_FIELDS));

/** A one- to three-field meeting edit, valid or with a hostile value. */
export function meetingPatchBody(ref: MeetingRef, heldOn: string) {
  const valid: Record<string, fc.Arbitrary<unknown>> = {
    held_on: fc.oneof(validDate('2024-01-01', heldOn), validDate(heldOn, '2027-12-31')),
    kind: fc.constantFrom(...MEETING_KINDS),
    title: someText(300),
    chair: storableText(200),
    agencies: fc.subarray(ref.agencies, { maxLength: 5 }),
    minutes: storableText(2000),
  };
  const field = fc
    .constantFrom(...Object.keys(valid))
    .chain((key) =>
      fc.tuple(
        fc.constant(key),
        fc.oneof({ weight: 3, arbitrary: valid[key]! }, { weight: 2, arbitrary: replacementValue }),
      ),
    );
  return fc.array(field, { minLength: 1, maxLength: 3 }).map((pairs) => Object.fromEntries(pairs));
}

/** Agenda item bodies: valid topics and hotspots, positions in and out of range, hostile values. */
export function agendaItemBody(ref: MeetingRef) {
  const often = <T>(valid: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 4, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: replacementValue });
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record(
        {
          topic: often(someText(500)),
          notes: fc.oneof(
            { weight: 6, arbitrary: often(storableText(2000)) },
            { weight: 1, arbitrary: fc.constant('n'.repeat(20_001)) },
          ),
          position: often(fc.integer({ min: 0, max: 5 })),
        },
        { requiredKeys: ['topic'] },
      ),
    },
    {
      weight: 2,
      arbitrary: fc.record(
        {
          hotspot_id: fc.oneof(fc.constantFrom(...ref.hotspots), fc.uuid(), replacementValue),
          topic: fc.oneof(fc.constant(null), someText(50)),
          notes: storableText(200),
          position: fc.integer({ min: 0, max: 1001 }),
        },
        { requiredKeys: ['hotspot_id'] },
      ),
    },
    { weight: 1, arbitrary: randomJson },
  );
}

/** Agenda item edits: one or two fields, valid or hostile. */
export function agendaPatchBody(ref: MeetingRef) {
  const valid: Record<string, fc.Arbitrary<unknown>> = {
    hotspot_id: fc.oneof(fc.constant(null), fc.constantFrom(...ref.hotspots), fc.uuid()),
    topic: fc.oneof(fc.constant(null), someText(500)),
    notes: storableText(2000),
    position: fc.integer({ min: 0, max: 6 }),
  };
  const field = fc
    .constantFrom(...Object.keys(valid))
    .chain((key) => fc.tuple(fc.constant(key), fc.oneof(valid[key]!, replacementValue)));
  return fc.oneof(
    fc.array(field, { minLength: 1, maxLength: 2 }).map((pairs) => Object.fromEntries(pairs)),
    randomJson,
  );
}

/** Instructions the API must accept at a meeting held on `heldOn`. */
export function validInstructionBody(ref: MeetingRef, heldOn: string) {
  return fc.record(
    {
      text: fc.oneof(
        someText(5000),
        kazakhText(200).filter((t) => t.trim() !== ''),
      ),
      due_on: fc.integer({ min: 0, max: 400 }).map((days) => plusDays(heldOn, days)),
      agencies: fc.subarray(ref.agencies, { minLength: 1, maxLength: 4 }),
      hotspot_id: fc.oneof(fc.constant(null), fc.constantFrom(...ref.hotspots)),
    },
    { requiredKeys: ['text', 'due_on', 'agencies'] },
  );
}

const INSTRUCTION_FIELDS = ['text', 'due_on', 'agencies', 'hotspot_id', 'agenda_item_id'] as const;

export const mutatedInstructionBody = (ref: MeetingRef, heldOn: string) =>
  validInstructionBody(ref, heldOn).chain((body) => mutate(body, INSTRUCTION_FIELDS));

/**
 * Instructions that must be refused with a 400 naming the field: a deadline before the meeting,
 * unknown, repeated or no agencies, NUL characters, over-long or blank text, an unknown hotspot.
 */
export function refusedInstruction(ref: MeetingRef, heldOn: string) {
  const base = validInstructionBody(ref, heldOn);
  const change = fc.oneof(
    fc.integer({ min: 1, max: 3000 }).map((days) => ({ blame: 'due_on', patch: { due_on: plusDays(heldOn, -days) } })),
    fc
      .tuple(fc.stringMatching(/^[a-z][a-z0-9_]{0,39}$/), fc.subarray(ref.agencies, { maxLength: 2 }))
      .filter(([code]) => !ref.agencies.includes(code))
      .map(([code, known]) => ({ blame: 'agencies', patch: { agencies: [...known, code] } })),
    fc.constant({ blame: 'agencies', patch: { agencies: [] } }),
    fc.constantFrom(...ref.agencies).map((code) => ({ blame: 'agencies', patch: { agencies: [code, code] } })),
    fc
      .tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }))
      .map(([a, b]) => ({ blame: 'text', patch: { text: `${a}\u0000${b}` } })),
    fc.integer({ min: 5001, max: 6000 }).map((n) => ({ blame: 'text', patch: { text: 'т'.repeat(n) } })),
    fc.constantFrom('', ' ', '\n\t ', '\u3000').map((text) => ({ blame: 'text', patch: { text } })),
    fc.uuid().map((id) => ({ blame: 'hotspot_id', patch: { hotspot_id: id } })),
    fc.constantFrom(...ref.agencies).map((code) => ({ blame: 'agencies.0', patch: { agencies: [`${code}\u0000`] } })),
  );
  return fc.tuple(base, change).map(([body, { blame, patch }]) => ({ body: { ...body, ...patch }, blame }));
}

export type StepAction = 'report' | 'accept' | 'return';

/** A body for a report, an accept or a return: valid (with a date offset from today) or hostile. */
export function stepBody(action: StepAction) {
  // Days from today: mostly between the meeting (20 days ago) and today, sometimes before it or in the future.
  const on = fc.option(
    fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: -20, max: 0 }) },
      { weight: 1, arbitrary: fc.integer({ min: -25, max: 3 }) },
    ),
    { nil: undefined },
  );
  const valid =
    action === 'report'
      ? fc.record({ report: someText(10000), on }, { requiredKeys: ['report'] })
      : action === 'accept'
        ? fc.record({ note: storableText(5000), on }, { requiredKeys: [] })
        : fc.record({ note: someText(5000), on }, { requiredKeys: ['note'] });
  const hostile = fc.oneof(
    randomJson,
    fc.record(
      {
        report: fc.oneof(hostileString, wrongTypeValue, fc.constant('r'.repeat(10_001))),
        note: fc.oneof(hostileString, wrongTypeValue, fc.constant('n'.repeat(5001))),
        on: fc.oneof(dateText, wrongTypeValue),
        status: fc.constantFrom('accepted'),
      },
      { requiredKeys: [] },
    ),
  );
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((body) => ({ kind: 'offset' as const, body })) },
    { weight: 1, arbitrary: hostile.map((body) => ({ kind: 'raw' as const, body })) },
  );
}

/** Instruction edits (text, deadline, hotspot): one to three fields, valid or hostile. */
export function instructionPatchBody(ref: MeetingRef, heldOn: string) {
  const valid: Record<string, fc.Arbitrary<unknown>> = {
    text: someText(5000),
    due_on: fc.integer({ min: -30, max: 400 }).map((days) => plusDays(heldOn, days)),
    hotspot_id: fc.oneof(fc.constant(null), fc.constantFrom(...ref.hotspots), fc.uuid()),
  };
  const field = fc
    .constantFrom(...Object.keys(valid))
    .chain((key) =>
      fc.tuple(
        fc.constant(key),
        fc.oneof({ weight: 3, arbitrary: valid[key]! }, { weight: 2, arbitrary: replacementValue }),
      ),
    );
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(field, { minLength: 1, maxLength: 3 }).map((pairs) => Object.fromEntries(pairs)) },
    { weight: 1, arbitrary: randomJson },
  );
}
