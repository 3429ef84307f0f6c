import { z } from 'zod';

/**
 * The stable words of the API's problems (RFC 9457), for clients that word them themselves: a
 * `type` URI per kind of problem, and per field at fault a `code` with the values it names
 * (`params`). The English `detail` and `message` stay for people reading the API directly; the web
 * words the codes in the interface's language (web/src/api/problem-words.ts), and its tests fail
 * for a code listed here without kk, ru and en words. Imports nothing but zod: the browser uses it.
 */

/**
 * Kinds of problem, each the last segment of its type URI. A URN: stable, the same for every
 * deployment (no configured host in it), and it never pretends to be a page one could fetch.
 */
export const PROBLEM_KINDS = {
  'invalid-request': 'A value sent is wrong: `errors` lists the fields at fault, each with a code.',
  'malformed-json': 'The request body is not valid JSON.',
  'body-too-deep': 'The JSON body nests arrays and objects deeper than the endpoint accepts.',
  'body-too-many-values': 'The JSON body holds more values than the endpoint accepts.',
  'body-too-many-keys': 'An object of the JSON body has more members than the endpoint accepts.',
  unauthorized: 'Sign in first, or send a valid API token.',
  forbidden: 'Your role or agency may not do this.',
  'not-found': 'There is nothing at this address (or it was deleted, or you may not see it).',
  conflict: 'The request contradicts the current state (a taken code, a step not allowed now).',
  stale: 'Someone else changed the resource since you read it: `current` holds its state now.',
  'body-too-large': 'The request body is larger than the endpoint accepts.',
  'unsupported-media-type': 'The body is not in a format (or encoding) the endpoint accepts.',
  'idempotency-key-reused': 'The Idempotency-Key was already used for a different request.',
  'import-refused': 'The file has problems: `problems` lists them (nothing was written).',
  'unprocessable-content': 'The request is well formed but cannot be carried out.',
  'precondition-required': 'Send If-Match with the ETag of the version you edited.',
  'rate-limited': 'Too many attempts: wait `retry_after` seconds (the Retry-After header).',
  'internal-error': 'Something went wrong on the server; it has been logged.',
  'database-unavailable': 'The database cannot be reached just now: retry after a moment.',
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;
export const PROBLEM_TYPE_BASE = 'urn:oshaq:problem:';
export const problemType = (kind: ProblemKind): string => `${PROBLEM_TYPE_BASE}${kind}`;
export const PROBLEM_TYPES = (Object.keys(PROBLEM_KINDS) as ProblemKind[]).map(problemType);

/** The kind named by a type URI, if it is one of ours. */
export function problemKindOf(type: unknown): ProblemKind | undefined {
  if (typeof type !== 'string' || !type.startsWith(PROBLEM_TYPE_BASE)) return undefined;
  const kind = type.slice(PROBLEM_TYPE_BASE.length);
  return kind in PROBLEM_KINDS ? (kind as ProblemKind) : undefined;
}

/**
 * Codes of a field at fault, each with the names of the values its `params` carry. The first
 * group comes from the contract's zod rules (contract/field-codes.ts maps zod's issues), the
 * rest from services' own rules (`invalid(field, code, message, params)` in api/src/errors.ts).
 */
export const FIELD_CODES = {
  // From zod: the kind of rule a value breaks.
  required: [],
  wrong_type: ['expected'],
  too_short: ['min'],
  too_long: ['max'],
  too_few: ['min'],
  too_many: ['max'],
  too_small: ['min'],
  too_big: ['max'],
  invalid_format: ['format'],
  not_multiple_of: ['divisor'],
  not_one_of: ['values'],
  unknown_field: [],
  unknown_parameter: [],
  nul_character: [],
  invalid: [],
  // From the contract's own refinements (each gives its code in `params.code`).
  date_out_of_range: ['min', 'max'],
  broken_unicode: [],
  nothing_to_change: [],
  repeated_value: [],
  hotspot_or_topic: [],
  end_before_start: ['start'],
  not_a_bbox: [],
  bbox_out_of_range: [],
  bbox_empty: [],
  bbox_too_large: ['cells', 'max', 'zoom'],
  longitude_out_of_range: ['value'],
  latitude_out_of_range: ['value'],
  ring_not_closed: [],
  // From services' rules.
  unknown_code: ['code'],
  retired_code: ['code'],
  unknown_area: ['id'],
  unknown_hotspot: ['id'],
  duplicate_other_category: [],
  duplicate_too_far: ['distance', 'radius'],
  duplicates_out_of_reach: ['references', 'distance', 'radius'],
  too_many_vertices: ['max', 'vertices'],
  invalid_polygon: ['reason'],
  outside_jurisdiction: ['kk', 'ru'],
  date_in_future: ['today'],
  due_before_registered: [],
  before_registered: ['date'],
  after_resolved: ['date'],
  before_meeting: ['date'],
  before_report: ['date'],
  after_instruction_due: ['date'],
  after_report: ['date'],
  note_required: ['status'],
  out_of_range: ['min', 'max'],
  already_on_agenda: [],
  not_on_agenda: [],
  hotspot_not_of_item: [],
  needs_agency_account: [],
  required_for_akimat: [],
  password_wrong: [],
  password_too_short: ['min'],
  password_too_long: ['max'],
  password_guessable: [],
  mfa_code_wrong: [],
  mfa_code_required: [],
  not_an_etag: [],
  bad_cursor: [],
  key_reused: [],
  // From the check of an areas' boundaries file (db/src/geodata/import-boundaries.ts).
  not_a_feature_collection: [],
  not_a_feature: [],
  name_missing: [],
  code_property_missing: ['property'],
  code_repeated: ['code', 'feature'],
  polygon_repaired: ['reason'],
} as const satisfies Record<string, readonly string[]>;

export type FieldCode = keyof typeof FIELD_CODES;

/**
 * Finer codes of a problem as a whole (`code` beside `type`), where its kind alone does not say
 * what to do, with the names of the values the problem carries beside them (`limit`, `retry_after`).
 */
export const PROBLEM_CODES = {
  body_too_deep: ['limit'],
  body_too_many_values: ['limit'],
  body_too_many_keys: ['limit'],
  body_too_large: ['limit'],
  import_too_many_rows: ['limit'],
  idempotency_key_reused: [],
  jurisdiction_not_loaded: [],
  outside_jurisdiction: [],
  password_too_short: [],
  password_too_long: [],
  password_guessable: [],
  mfa_code_wrong: [],
  mfa_locked: [],
  mfa_sign_in_over: [],
  sign_in_throttled: ['retry_after'],
  token_expired: [],
  not_deleted: [],
  restore_window_passed: [],
} as const satisfies Record<string, readonly string[]>;

export type ProblemCode = keyof typeof PROBLEM_CODES;
export type ProblemParams = Record<string, string | number | boolean>;

/**
 * A refinement's message with its code, for `.refine(check, coded(...))` and `ctx.addIssue({ code:
 * 'custom', ...coded(...) })`: the code travels in zod's issue params to the problem's `errors`.
 */
export const coded = (code: FieldCode, message: string, params?: ProblemParams) => ({
  message,
  params: { code, ...params },
});

/** One field at fault: where, a code to word it, the values the words name, and English for API users. */
export interface FieldProblem {
  field: string;
  code: FieldCode;
  params?: ProblemParams;
  message: string;
}

export const fieldProblem = z
  .object({
    field: z.string().meta({ description: 'dotted path of the field (or parameter, or header) at fault' }),
    code: z.enum(Object.keys(FIELD_CODES) as [FieldCode, ...FieldCode[]]),
    params: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .meta({ description: 'the values the code names (the most characters, the options, a date)' }),
    message: z.string().meta({ description: 'English words for API users; the web words `code` itself' }),
  })
  .meta({ id: 'FieldProblem' });

export const problem = z
  .object({
    type: z.enum(PROBLEM_TYPES as [string, ...string[]]).meta({
      description: `The kind of problem: ${(Object.entries(PROBLEM_KINDS) as [ProblemKind, string][])
        .map(([kind, what]) => `${problemType(kind)}: ${what}`)
        .join(' ')}`,
    }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: 'English, for API users' }),
    instance: z.string().optional(),
    code: z
      .enum(Object.keys(PROBLEM_CODES) as [ProblemCode, ...ProblemCode[]])
      .optional()
      .meta({
        description: 'a finer stable code of the problem as a whole, where its type alone does not say what to do',
      }),
    errors: z.array(fieldProblem).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
