// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/client';
import { useProblemText } from '../../src/api/problem-text';
import { i18n } from '../../src/i18n/i18n';

function problemText() {
  return renderHook(() => useProblemText()).result.current;
}

describe('what a person is told when a request fails', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('kk');
  });

  it('answers that carry nothing to act on are said in the interface language, not the API’s English', async () => {
    const text = problemText();
    expect(text(new ApiError(404, 'Not Found', 'No hotspot with id x'))).toBe(i18n.t('common.errors.notFound'));
    expect(text(new ApiError(503, 'Service Unavailable', 'database unavailable'))).toBe(i18n.t('common.errors.server'));
    expect(text(new ApiError(403, 'Forbidden', 'role akimat may not'))).toMatch(/рұқсат/);
    expect(text(new TypeError('Failed to fetch'))).toBe(i18n.t('common.errors.network'));
    await i18n.changeLanguage('ru');
    expect(problemText()(new ApiError(404, 'Not Found', ''))).toMatch(/^Не найдено/);
    await i18n.changeLanguage('kk');
  });

  it('a stale change uses the screen’s own words when it has them', () => {
    const text = problemText();
    const stale = new ApiError(412, 'Precondition Failed', 'version 3 is current');
    expect(text(stale)).toBe(i18n.t('common.errors.stale'));
    expect(text(stale, { staleKey: 'hotspots.panel.conflict' })).toBe(i18n.t('hotspots.panel.conflict'));
  });

  it('a refused value keeps the API’s words naming the field, minus the fields a form shows itself', () => {
    const text = problemText();
    const refused = new ApiError(400, 'Bad Request', 'Please correct 2 fields', [
      { field: 'due_on', message: 'must be on or after registered_on' },
      { field: 'geometry.coordinates', message: 'must be inside Turkestan' },
    ]);
    expect(text(refused)).toContain('due_on: must be on or after registered_on');
    const shortened = text(refused, { withoutFields: ['geometry'] });
    expect(shortened).toContain('due_on');
    expect(shortened).not.toContain('Turkestan');
    expect(text(refused, { withoutFields: ['geometry', 'due_on'] })).toContain('Please correct 2 fields');
  });

  it('a refused value names each field with the words of its code, not the API’s English', () => {
    const text = problemText();
    const refused = new ApiError(
      400,
      'Invalid request',
      'Please correct the request body: due_on must not be before registered_on.',
      [
        { field: 'due_on', code: 'due_before_registered', message: 'must not be before registered_on' },
        { field: 'title', code: 'too_long', params: { max: 300 }, message: 'must be at most 300 characters' },
      ],
      { type: 'urn:oshaq:problem:invalid-request' },
    );
    const shown = text(refused);
    expect(shown).toContain(`due_on: ${i18n.t('problems.fields.due_before_registered')}`);
    expect(shown).toContain(`title: ${i18n.t('problems.fields.too_long', { max: 300 })}`);
    expect(shown).toContain('300');
    expect(shown).not.toMatch(/must|characters|Please/);
  });

  it('a problem with a finer code is worded by that code, with the values it carries', () => {
    const text = problemText();
    const late = new ApiError(409, 'Conflict', 'This hotspot was deleted more than 24 hours ago.', [], {
      type: 'urn:oshaq:problem:conflict',
      code: 'restore_window_passed',
    });
    expect(text(late, { staleKey: 'hotspots.panel.conflict' })).toBe(i18n.t('problems.codes.restore_window_passed'));
    const large = new ApiError(413, 'Request body too large', 'The request body is larger than 8 KB.', [], {
      type: 'urn:oshaq:problem:body-too-large',
      code: 'body_too_large',
      limit: 8192,
    });
    expect(text(large)).toBe(i18n.t('problems.codes.body_too_large', { limit: 8192 }));
    expect(text(large)).toContain('8192');
  });

  it('a problem about no field is worded by its type', () => {
    const malformed = new ApiError(400, 'Malformed JSON', 'The request body is not valid JSON.', [], {
      type: 'urn:oshaq:problem:malformed-json',
    });
    expect(problemText()(malformed)).toContain(i18n.t('problems.kinds.malformed_json'));
    expect(problemText()(malformed)).not.toContain('The request body');
  });
});
