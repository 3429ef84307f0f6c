// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReferenceForm } from '../../src/admin/ReferenceForm';
import type { ReferenceItem } from '../../src/admin/api';
import { sessionKey } from '../../src/api/hooks';
import { i18n } from '../../src/i18n/i18n';

/**
 * Two administrators editing one category: the form sends the version it opened in If-Match; when
 * someone else saved first (412, with the current one) it says so and offers to open the current
 * version, from which the edit is sent again with that version.
 */

const fetchStub = vi.fn<typeof fetch>();
const water = {
  code: 'water',
  name_kk: 'Су',
  name_ru: 'Вода',
  name_en: 'Water',
  colour: '#123456',
  sort_order: 1,
  active: true,
  due_days: {},
  duplicate_radius_m: 300,
  version: 3,
} as ReferenceItem;
const theirs = { ...water, name_en: 'Water supply', version: 4 };

function renderForm() {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(sessionKey, {
    user: { id: 1, login: 'a', full_name: 'a', role: 'admin', agency: null, language: 'kk' },
    csrf_token: 'c',
  });
  const done = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <ReferenceForm kind="categories" item={water} onDone={done} onCancel={() => undefined} />
    </QueryClientProvider>,
  );
  return { user: userEvent.setup({ delay: null }), done };
}

const patches = () =>
  fetchStub.mock.calls
    .filter(([, init]) => init?.method === 'PATCH')
    .map(([, init]) => ({
      ifMatch: new Headers(init?.headers).get('If-Match'),
      body: JSON.parse(String(init?.body)),
    }));

beforeEach(async () => {
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('editing a category someone else changed meanwhile', () => {
  it('sends the version it opened, says someone else changed it, and saves again from the current version', async () => {
    let answers = 0;
    fetchStub.mockImplementation(async (_input, init) => {
      if (init?.method !== 'PATCH') return new Response('[]', { headers: { 'Content-Type': 'application/json' } });
      answers += 1;
      if (answers === 1) {
        return new Response(
          JSON.stringify({ type: 'about:blank', title: 'Precondition Failed', status: 412, current: theirs }),
          { status: 412, headers: { 'Content-Type': 'application/problem+json' } },
        );
      }
      return new Response(JSON.stringify({ ...theirs, sort_order: 5, version: 5 }), {
        headers: { 'Content-Type': 'application/json', ETag: '"v5"' },
      });
    });
    const { user, done } = renderForm();
    const order = screen.getByLabelText(i18n.t('admin.reference.sort_order'));
    await user.clear(order);
    await user.type(order, '5');
    await user.click(screen.getByRole('button', { name: i18n.t('common.save') }));
    expect(await screen.findByText(i18n.t('admin.reference.stale'))).toBeTruthy();
    expect(done).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: i18n.t('forms.reload') }));
    // The current version is in the form: their new name, and the order to set again.
    expect((screen.getByLabelText(i18n.t('admin.reference.name_en')) as HTMLInputElement).value).toBe('Water supply');
    expect(screen.queryByText(i18n.t('admin.reference.stale'))).toBeNull();
    await user.clear(order);
    await user.type(order, '5');
    await user.click(screen.getByRole('button', { name: i18n.t('common.save') }));
    await vi.waitFor(() => expect(done).toHaveBeenCalledTimes(1));
    expect(patches()).toEqual([
      { ifMatch: '"v3"', body: { sort_order: 5 } },
      { ifMatch: '"v4"', body: { sort_order: 5 } },
    ]);
  });
});
