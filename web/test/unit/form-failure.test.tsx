// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/client';
import type { HotspotFeature } from '../../src/api/types';
import { HotspotForm } from '../../src/hotspots/HotspotForm';
import { i18n } from '../../src/i18n/i18n';

const TODAY = '2026-11-23';
const point: GeoJSON.Point = { type: 'Point', coordinates: [68.26, 43.3] };
const existing = {
  type: 'Feature',
  id: '5f0c6c1e-8d8e-4b7a-9a43-0c1d2e3f4a5b',
  geometry: point,
  properties: {
    reference: '2026-007',
    title: 'Жер дауы',
    description: 'Шекара туралы дау',
    category: 'utilities',
    severity: 'high',
    status: 'in_progress',
    area_id: null,
    agency: 'housing',
    registered_on: '2026-02-02',
    due_on: '2026-03-02',
    confidential: false,
    version: 4,
  },
} as unknown as HotspotFeature;

function renderEditing(onSubmit: () => Promise<void>, onReload?: () => void) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(
    ['categories'],
    [
      {
        code: 'utilities',
        name_kk: 'Коммуналдық',
        name_ru: 'ЖКХ',
        name_en: 'Utilities',
        colour: '#123456',
        sort_order: 1,
        active: true,
        due_days: {},
      },
    ],
  );
  client.setQueryData(
    ['agencies'],
    [{ code: 'housing', name_kk: 'ТКШ бөлімі', name_ru: 'Отдел ЖКХ', name_en: 'Housing', active: true }],
  );
  client.setQueryData(['areas'], { type: 'FeatureCollection', features: [] });
  client.setQueryData(['config'], { today: TODAY, time_zone: 'Asia/Almaty', jurisdiction: null });
  const view = render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <HotspotForm
          feature={existing}
          geometry={point}
          today={TODAY}
          onSubmit={onSubmit}
          onCancel={() => undefined}
          onReload={onReload}
        />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup({ delay: null }), ...view };
}

beforeEach(async () => {
  await i18n.changeLanguage('kk');
});
afterEach(() => cleanup());

describe('a refused save is shown where the person is looking', () => {
  it('someone else changed the hotspot: the notice sits above the Save button, takes the focus and opens the current version', async () => {
    const onReload = vi.fn();
    const stale = new ApiError(412, 'Precondition Failed', 'The hotspot changed since version 4');
    const { user, container } = renderEditing(() => Promise.reject(stale), onReload);
    const save = container.querySelector('button[type=submit]') as HTMLButtonElement;
    await user.click(save);

    const notice = await screen.findByTestId('form-failure');
    expect(notice.textContent).toContain(i18n.t('hotspots.panel.conflict'));
    // In the form the button belongs to, just before its row of buttons: not at the top of the page.
    expect(save.form!.contains(notice)).toBe(true);
    expect(notice.nextElementSibling?.contains(save)).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(notice));

    const reload = screen.getByRole('button', { name: i18n.t('forms.reload') });
    await user.click(reload);
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it('a refusal about a field stays beside that field, which takes the focus', async () => {
    const refused = new ApiError(400, 'Bad Request', 'Invalid body', [
      { field: 'title', message: 'must not be empty', code: 'too_short', params: { minimum: 3 } },
    ]);
    const { user, container } = renderEditing(() => Promise.reject(refused));
    await user.click(container.querySelector('button[type=submit]') as HTMLButtonElement);
    const title = container.querySelector('#hotspot-title') as HTMLInputElement;
    await waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(title);
    expect(container.querySelector('#hotspot-title-error')).not.toBeNull();
    // No reload offered for a refusal that is not about versions.
    expect(screen.queryByRole('button', { name: i18n.t('forms.reload') })).toBeNull();
  });
});
