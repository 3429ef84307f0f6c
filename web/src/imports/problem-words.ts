/**
 * An import problem in the person's language: the API sends each with a stable code and the values
 * it names (api/src/imports), worded here; a problem with a code this page does not know yet falls
 * back to the words every problem shares (api/problem-words.ts), then to the API's English. Literal keys, so the completeness test checks each in kk, ru and en.
 */
import type { TFunction } from 'i18next';
import { fieldWords } from '../api/problem-words';
import type { ImportProblem } from './api';

const WORDS: Record<string, string> = {
  required: 'imports.problemCodes.required',
  too_big: 'imports.problemCodes.too_big',
  not_one_of: 'imports.problemCodes.not_one_of',
  invalid: 'imports.problemCodes.invalid',
  unknown_field: 'imports.problemCodes.unknown_field',
  nul_character: 'imports.problemCodes.nul_character',
  too_many_vertices: 'imports.problemCodes.too_many_vertices',
  external_ref_required: 'imports.problemCodes.external_ref_required',
  external_ref_repeated: 'imports.problemCodes.external_ref_repeated',
  unknown_code: 'imports.problemCodes.unknown_code',
  invalid_polygon: 'imports.problemCodes.invalid_polygon',
  outside_jurisdiction: 'imports.problemCodes.outside_jurisdiction',
  date_in_future: 'imports.problemCodes.date_in_future',
  due_before_registered: 'imports.problemCodes.due_before_registered',
  not_a_feature: 'imports.problemCodes.not_a_feature',
  properties_not_object: 'imports.problemCodes.properties_not_object',
  geometry_in_properties: 'imports.problemCodes.geometry_in_properties',
  wkt_too_long: 'imports.problemCodes.wkt_too_long',
  wkt_srid: 'imports.problemCodes.wkt_srid',
  wkt_unreadable: 'imports.problemCodes.wkt_unreadable',
  place_twice: 'imports.problemCodes.place_twice',
  place_required: 'imports.problemCodes.place_required',
  coordinate_required: 'imports.problemCodes.coordinate_required',
  not_degrees: 'imports.problemCodes.not_degrees',
  field_count: 'imports.problemCodes.field_count',
  not_boolean: 'imports.problemCodes.not_boolean',
};

export function problemWords(problem: ImportProblem, t: TFunction): string {
  const key = problem.code ? WORDS[problem.code] : undefined;
  // Codes every 400 shares (contract/field-codes.ts) have their words in one place.
  return key ? t(key, problem.params ?? {}) : (fieldWords(problem, t) ?? problem.message);
}
