/**
 * The API's problems in the interface's language: each field at fault by its code and params, each
 * problem by its type URI (api/src/contract/problems.ts lists both). The API's English `detail` and
 * `message` are for API users; a person reads these. Literal keys, one per code: a code the API can
 * send without words here fails to compile (Record over the contract's codes), and
 * web/test/unit/problem-words.test.ts checks each key in kk, ru and en.
 */
import {
  FIELD_CODES,
  PROBLEM_CODES,
  problemKindOf,
  type FieldCode,
  type ProblemCode,
  type ProblemKind,
} from '@oshaq/api/contract/problems';

export const FIELD_WORDS: Record<FieldCode, string> = {
  required: 'problems.fields.required',
  wrong_type: 'problems.fields.wrong_type',
  too_short: 'problems.fields.too_short',
  too_long: 'problems.fields.too_long',
  too_few: 'problems.fields.tooFew',
  too_many: 'problems.fields.tooMany',
  too_small: 'problems.fields.too_small',
  too_big: 'problems.fields.too_big',
  invalid_format: 'problems.fields.invalid_format',
  not_multiple_of: 'problems.fields.not_multiple_of',
  not_one_of: 'problems.fields.not_one_of',
  unknown_field: 'problems.fields.unknown_field',
  unknown_parameter: 'problems.fields.unknown_parameter',
  nul_character: 'problems.fields.nul_character',
  invalid: 'problems.fields.invalid',
  date_out_of_range: 'problems.fields.date_out_of_range',
  broken_unicode: 'problems.fields.broken_unicode',
  nothing_to_change: 'problems.fields.nothing_to_change',
  repeated_value: 'problems.fields.repeated_value',
  hotspot_or_topic: 'problems.fields.hotspot_or_topic',
  end_before_start: 'problems.fields.end_before_start',
  not_a_bbox: 'problems.fields.not_a_bbox',
  bbox_out_of_range: 'problems.fields.bbox_out_of_range',
  bbox_empty: 'problems.fields.bbox_empty',
  bbox_too_large: 'problems.fields.bbox_too_large',
  longitude_out_of_range: 'problems.fields.longitude_out_of_range',
  latitude_out_of_range: 'problems.fields.latitude_out_of_range',
  ring_not_closed: 'problems.fields.ring_not_closed',
  unknown_code: 'problems.fields.unknown_code',
  retired_code: 'problems.fields.retired_code',
  unknown_area: 'problems.fields.unknown_area',
  unknown_hotspot: 'problems.fields.unknown_hotspot',
  duplicate_other_category: 'problems.fields.duplicate_other_category',
  duplicate_too_far: 'problems.fields.duplicate_too_far',
  duplicates_out_of_reach: 'problems.fields.duplicates_out_of_reach',
  too_many_vertices: 'problems.fields.too_many_vertices',
  invalid_polygon: 'problems.fields.invalid_polygon',
  outside_jurisdiction: 'problems.fields.outside_jurisdiction',
  date_in_future: 'problems.fields.date_in_future',
  due_before_registered: 'problems.fields.due_before_registered',
  before_registered: 'problems.fields.before_registered',
  after_resolved: 'problems.fields.after_resolved',
  before_meeting: 'problems.fields.before_meeting',
  before_report: 'problems.fields.before_report',
  after_instruction_due: 'problems.fields.after_instruction_due',
  after_report: 'problems.fields.after_report',
  note_required: 'problems.fields.note_required',
  out_of_range: 'problems.fields.out_of_range',
  already_on_agenda: 'problems.fields.already_on_agenda',
  not_on_agenda: 'problems.fields.not_on_agenda',
  hotspot_not_of_item: 'problems.fields.hotspot_not_of_item',
  needs_agency_account: 'problems.fields.needs_agency_account',
  required_for_akimat: 'problems.fields.required_for_akimat',
  password_wrong: 'problems.fields.password_wrong',
  password_too_short: 'problems.fields.password_too_short',
  password_too_long: 'problems.fields.password_too_long',
  password_guessable: 'problems.fields.password_guessable',
  mfa_code_wrong: 'problems.fields.mfa_code_wrong',
  mfa_code_required: 'problems.fields.mfa_code_required',
  not_an_etag: 'problems.fields.not_an_etag',
  bad_cursor: 'problems.fields.bad_cursor',
  key_reused: 'problems.fields.key_reused',
  not_a_feature_collection: 'problems.fields.not_a_feature_collection',
  not_a_feature: 'problems.fields.not_a_feature',
  name_missing: 'problems.fields.name_missing',
  code_property_missing: 'problems.fields.code_property_missing',
  code_repeated: 'problems.fields.code_repeated',
  polygon_repaired: 'problems.fields.polygon_repaired',
};

export const CODE_WORDS: Record<ProblemCode, string> = {
  body_too_deep: 'problems.codes.body_too_deep',
  body_too_many_values: 'problems.codes.body_too_many_values',
  body_too_many_keys: 'problems.codes.body_too_many_keys',
  body_too_large: 'problems.codes.body_too_large',
  import_too_many_rows: 'problems.codes.import_too_many_rows',
  idempotency_key_reused: 'problems.codes.idempotency_key_reused',
  jurisdiction_not_loaded: 'problems.codes.jurisdiction_not_loaded',
  outside_jurisdiction: 'problems.codes.outside_jurisdiction',
  password_too_short: 'problems.codes.password_too_short',
  password_too_long: 'problems.codes.password_too_long',
  password_guessable: 'problems.codes.password_guessable',
  mfa_code_wrong: 'problems.codes.mfa_code_wrong',
  mfa_locked: 'problems.codes.mfa_locked',
  mfa_sign_in_over: 'problems.codes.mfa_sign_in_over',
  sign_in_throttled: 'problems.codes.sign_in_throttled',
  token_expired: 'problems.codes.token_expired',
  not_deleted: 'problems.codes.not_deleted',
  restore_window_passed: 'problems.codes.restore_window_passed',
};

export const KIND_WORDS: Record<ProblemKind, string> = {
  'invalid-request': 'problems.kinds.invalid_request',
  'malformed-json': 'problems.kinds.malformed_json',
  'body-too-deep': 'problems.kinds.body_too_deep',
  'body-too-many-values': 'problems.kinds.body_too_many_values',
  'body-too-many-keys': 'problems.kinds.body_too_many_keys',
  unauthorized: 'problems.kinds.unauthorized',
  forbidden: 'problems.kinds.forbidden',
  'not-found': 'problems.kinds.not_found',
  conflict: 'problems.kinds.conflict',
  stale: 'problems.kinds.stale',
  'body-too-large': 'problems.kinds.body_too_large',
  'unsupported-media-type': 'problems.kinds.unsupported_media_type',
  'idempotency-key-reused': 'problems.kinds.idempotency_key_reused',
  'import-refused': 'problems.kinds.import_refused',
  'unprocessable-content': 'problems.kinds.unprocessable_content',
  'precondition-required': 'problems.kinds.precondition_required',
  'rate-limited': 'problems.kinds.rate_limited',
  'internal-error': 'problems.kinds.internal_error',
  'database-unavailable': 'problems.kinds.database_unavailable',
};

/** i18next's t, or any function of a key and its values. */
type Translate = (key: string, params?: Record<string, unknown>) => string;

/** A field at fault as the API sends it (`code` and `params` absent from an older answer). */
export interface FieldProblemLike {
  field?: string;
  code?: unknown;
  params?: Record<string, unknown>;
  message: string;
}

const isFieldCode = (code: unknown): code is FieldCode => typeof code === 'string' && code in FIELD_CODES;

/** The words for a field at fault, or undefined for a code the web does not know. */
export function fieldWords(problem: FieldProblemLike, t: Translate): string | undefined {
  return isFieldCode(problem.code) ? t(FIELD_WORDS[problem.code], problem.params ?? {}) : undefined;
}

/** The words for a problem as a whole, by its type URI; undefined for a type not of this API. */
export function kindWords(type: unknown, t: Translate): string | undefined {
  const kind = problemKindOf(type);
  return kind ? t(KIND_WORDS[kind]) : undefined;
}

const isProblemCode = (code: unknown): code is ProblemCode => typeof code === 'string' && code in PROBLEM_CODES;

/** The words for a problem's finer code (its values, such as `limit`, taken from the problem); undefined if none. */
export function codeWords(problem: Record<string, unknown>, t: Translate): string | undefined {
  return isProblemCode(problem.code) ? t(CODE_WORDS[problem.code], problem) : undefined;
}
