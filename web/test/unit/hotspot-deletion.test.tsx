// @vitest-environment jsdom
import { QueryClient, QueryClientProvider, type UseQueryResult } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionKey } from '../../src/api/hooks';
import type { HotspotDetail } from '../../src/api/types';
import { HotspotPanel } from '../../src/hotspots/HotspotPanel';
import { i18n } from '../../src/i18n/i18n';

/**
 * Deleting a hotspot from its panel: the dialog asks why (the contract's rules, in the person's
 * language) before anything is sent, the DELETE carries the reason and the version seen, and the
 * notice that replaces the panel undoes it with the deleted version — or says the undo came too late.
 */

const ID = '5f0c6c1e-8d8e-4b7a-9a43-0c1d2e3f4a5b';
const hotspot = {
  type: 'Feature',
  id: ID,
  geometry: { type: 'Point', coordinates: [68.26, 43.3] },
  properties: {
    ...{ reference: '2026-041', title: 'Ауыз су жоқ', description: '', category: 'utilities', severity: 'high' },
    ...{ status: 'registered', area_id: null, agency: null, source: null, external_ref: null },
    ...{ registered_on: '2026-11-20', due_on: '2026-12-20', resolved_on: null, resolution_note: null },
    ...{ overdue: false, confidential: false, version: 4, created_by: 'p', updated_by: 'p' },
    ...{ created_at: '2026-11-20T05:00:00Z', updated_at: '2026-11-20T05:00:00Z' },
  },
  history: [],
} as unknown as HotspotDetail;
const shown = { isPending: false, isError: false, data: hotspot } as UseQueryResult<HotspotDetail>;

const fetchStub = vi.fn<typeof fetch>();

function renderPanel(role = 'prosecutor') {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(sessionKey, {
    user: { id: 1, login: 'p', full_name: 'p', role, agency: null, language: 'kk' },
    csrf_token: 'c',
  });
  client.setQueryData(['categories'], []);
  client.setQueryData(['agencies'], []);
  client.setQueryData(['areas'], { type: 'FeatureCollection', features: [] });
  client.setQueryData(['config'], { today: '2026-11-23', time_zone: 'Asia/Almaty' });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <HotspotPanel detail={shown} onClose={() => undefined} onEdit={() => undefined} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup({ delay: null });
}

/** Requests other than reads, as method, path, If-Match and body. */
const writes = () =>
  fetchStub.mock.calls
    .filter(([, init]) => init?.method && init.method !== 'GET')
    .map(([path, init]) => ({
      method: init?.method,
      path: String(path),
      ifMatch: new Headers(init?.headers).get('If-Match'),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }));

function answer(restore: () => Response) {
  fetchStub.mockImplementation(async (input, init) => {
    if (init?.method === 'DELETE') return new Response(null, { status: 204, headers: { ETag: '"v5"' } });
    if (init?.method === 'POST' && String(input).endsWith('/restore')) return restore();
    // The panel's other reads (the meetings that discussed it): nothing.
    return new Response(JSON.stringify({ meetings: [], open_instructions: [] }), {
      headers: { 'Content-Type': 'application/json' },
    });
  });
}

beforeEach(async () => {
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('deleting a hotspot from its panel', () => {
  it('asks for a reason (and a note for "other") before sending, then deletes with the reason and the version seen', async () => {
    answer(() => new Response(JSON.stringify(hotspot), { headers: { 'Content-Type': 'application/geo+json' } }));
    const user = renderPanel();
    await user.click(screen.getByRole('button', { name: i18n.t('hotspotDeletion.delete') }));
    const dialog = screen.getByRole('dialog');
    const confirm = () => screen.getByRole('button', { name: i18n.t('hotspotDeletion.confirm') });
    await user.click(confirm());
    expect(await screen.findByText(i18n.t('hotspotDeletion.reasonRequired'))).toBeTruthy();
    await user.click(screen.getByLabelText(i18n.t('hotspotDeletion.reasons.other')));
    await user.click(confirm());
    expect(await screen.findByText(i18n.t('hotspotDeletion.noteRequired'))).toBeTruthy();
    expect(writes()).toEqual([]);
    expect(dialog.isConnected).toBe(true);

    await user.click(screen.getByLabelText(i18n.t('hotspotDeletion.reasons.registered_in_error')));
    await user.type(screen.getByLabelText(i18n.t('hotspotDeletion.note')), 'Басқа ауданның ісі');
    await user.click(confirm());
    expect(await screen.findByTestId('deleted-notice')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe(i18n.t('hotspotDeletion.deleted', { reference: '2026-041' }));
    expect(writes()).toEqual([
      {
        method: 'DELETE',
        path: `/api/hotspots/${ID}`,
        ifMatch: '"v4"',
        body: { reason: 'registered_in_error', note: 'Басқа ауданның ісі' },
      },
    ]);

    await user.click(screen.getByRole('button', { name: i18n.t('hotspotDeletion.undo') }));
    expect(await screen.findByTestId('hotspot-panel')).toBeTruthy();
    expect(writes()[1]).toEqual({
      method: 'POST',
      path: `/api/hotspots/${ID}/restore`,
      ifMatch: '"v5"',
      body: undefined,
    });
    expect(screen.queryByTestId('deleted-notice')).toBeNull();
  });

  it('says in Russian that the undo came too late when the API answers restore_window_passed', async () => {
    await i18n.changeLanguage('ru');
    answer(
      () =>
        new Response(JSON.stringify({ title: 'Conflict', status: 409, detail: '…', code: 'restore_window_passed' }), {
          status: 409,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    const user = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Удалить' }));
    await user.click(screen.getByLabelText('Дубликат (уже зарегистрирован)'));
    await user.click(screen.getByRole('button', { name: i18n.t('hotspotDeletion.confirm') }));
    await user.click(await screen.findByRole('button', { name: 'Отменить' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'С удаления прошло больше 24 часов: восстановить уже нельзя.',
    );
    expect(screen.getByTestId('deleted-notice')).toBeTruthy();
  });

  it('offers no Delete to akimat staff', async () => {
    answer(() => new Response('{}'));
    renderPanel('akimat');
    expect(await screen.findByTestId('hotspot-panel')).toBeTruthy();
    expect(screen.queryByRole('button', { name: i18n.t('hotspotDeletion.delete') })).toBeNull();
  });
});
