// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HotspotForm } from '../../src/hotspots/HotspotForm';
import { placeOf } from '../../src/hotspots/NearbyWarning';
import { useHotspotEditing } from '../../src/hotspots/useHotspotEditing';
import { i18n } from '../../src/i18n/i18n';
import { renderWithReference } from './reference-render';

/**
 * Registering near an open hotspot of the same category: once category and place are set, the
 * form asks the API what is near and warns; the person may mark the new hotspot as a duplicate of
 * one (the registration then names it), or continue (the registration is as it would have been).
 */

const TODAY = '2026-11-23';
const point: GeoJSON.Point = { type: 'Point', coordinates: [68.26, 43.3] };
const ORIGINAL = '0b9a7f6e-1111-4c2d-8e3f-9a8b7c6d5e4f';
const created = { type: 'Feature', id: '5f0c6c1e-8d8e-4b7a-9a43-0c1d2e3f4a5b', geometry: point, properties: {} };
const nearAnswer = {
  radius_m: 300,
  hotspots: [
    {
      ...{ id: ORIGINAL, reference: '2026-017', title: 'Су құбыры жарылды', status: 'in_progress' },
      ...{ registered_on: '2026-11-02', resolved_on: null, distance_m: 120 },
    },
  ],
};

const fetchStub = vi.fn<typeof fetch>();

function Creating() {
  const editing = useHotspotEditing();
  const { setGeometry } = editing;
  useEffect(() => {
    setGeometry(point);
  }, [setGeometry]);
  return <HotspotForm geometry={editing.geometry} today={TODAY} onSubmit={editing.submit} onCancel={editing.stop} />;
}

function renderForm() {
  return renderWithReference(<Creating />, {
    categories: [
      {
        ...{ code: 'utilities', name_kk: 'Коммуналдық', name_ru: 'ЖКХ', name_en: 'Utilities', colour: '#123456' },
        ...{ sort_order: 1, active: true, due_days: {}, duplicate_radius_m: 300 },
      },
      {
        ...{ code: 'roads', name_kk: 'Жолдар', name_ru: 'Дороги', name_en: 'Roads', colour: '#654321' },
        ...{ sort_order: 2, active: true, due_days: {}, duplicate_radius_m: 300 },
      },
    ],
    today: TODAY,
    path: '/?new=point',
  });
}

const nearbyAsked = () => fetchStub.mock.calls.map(([path]) => String(path)).filter((p) => p.includes('/nearby'));
const registered = () =>
  fetchStub.mock.calls
    .filter(([path, init]) => String(path) === '/api/hotspots' && init?.method === 'POST')
    .map(([, init]) => JSON.parse(String(init?.body)));

async function fill(user: ReturnType<typeof userEvent.setup>, container: HTMLElement) {
  await user.type(container.querySelector('#hotspot-title') as HTMLInputElement, 'Ауыз су жоқ');
  await user.selectOptions(container.querySelector('#hotspot-category') as HTMLSelectElement, 'utilities');
  await user.selectOptions(container.querySelector('#hotspot-agency') as HTMLSelectElement, 'housing');
  fireEvent.change(container.querySelector('#hotspot-due_on') as HTMLInputElement, { target: { value: '2026-12-23' } });
}

beforeEach(async () => {
  fetchStub.mockReset();
  fetchStub.mockImplementation(async (input) =>
    String(input).includes('/nearby')
      ? new Response(
          // Nothing of the other category is near: only utilities has the original.
          JSON.stringify(String(input).includes('category=roads') ? { radius_m: 300, hotspots: [] } : nearAnswer),
          { headers: { 'Content-Type': 'application/json' } },
        )
      : new Response(JSON.stringify(created), { status: 201 }),
  );
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the warning of hotspots near the place being registered', () => {
  it('asks once the category and place are set, and a duplicate marked there is named by the registration', async () => {
    const { user, container } = renderForm();
    await fill(user, container);
    const warning = await screen.findByTestId('nearby-warning', {}, { timeout: 3000 });
    expect(nearbyAsked()).toEqual(['/api/hotspots/nearby?category=utilities&lon=68.260000&lat=43.300000']);
    expect(warning.textContent).toContain('2026-017');
    expect(warning.textContent).toContain(i18n.t('hotspotNearby.title', { count: 1 }));
    const open = screen.getByRole('link', { name: i18n.t('hotspotNearby.open') });
    expect([open.getAttribute('href'), open.getAttribute('target')]).toEqual([`/?period=all&h=${ORIGINAL}`, '_blank']);
    await user.click(screen.getByRole('button', { name: i18n.t('hotspotNearby.markDuplicate') }));
    expect(screen.getByRole('button', { name: i18n.t('hotspotNearby.markedDuplicate') })).toBeTruthy();
    await user.click(container.querySelector('button[type="submit"]') as HTMLButtonElement);
    await vi.waitFor(() => expect(registered()).toHaveLength(1));
    expect(registered()[0]).toMatchObject({ category: 'utilities', duplicate_of: ORIGINAL });
  });

  it('forgets a duplicate marked before the category changed once the answer for the new one does not list it', async () => {
    const { user, container } = renderForm();
    await fill(user, container);
    await screen.findByTestId('nearby-warning', {}, { timeout: 3000 });
    await user.click(screen.getByRole('button', { name: i18n.t('hotspotNearby.markDuplicate') }));
    await user.selectOptions(container.querySelector('#hotspot-category') as HTMLSelectElement, 'roads');
    await vi.waitFor(() => expect(nearbyAsked().some((path) => path.includes('category=roads'))).toBe(true), {
      timeout: 3000,
    });
    await vi.waitFor(() => expect(screen.queryByTestId('nearby-warning')).toBeNull());
    await user.click(container.querySelector('button[type="submit"]') as HTMLButtonElement);
    await vi.waitFor(() => expect(registered()).toHaveLength(1));
    expect(registered()[0]).toMatchObject({ category: 'roads' });
    expect(registered()[0]).not.toHaveProperty('duplicate_of');
  });

  it('lets the person continue: the warning goes and the registration names no duplicate', async () => {
    const { user, container } = renderForm();
    await fill(user, container);
    await screen.findByTestId('nearby-warning', {}, { timeout: 3000 });
    await user.click(screen.getByRole('button', { name: i18n.t('hotspotNearby.continue') }));
    expect(screen.queryByTestId('nearby-warning')).toBeNull();
    await user.click(container.querySelector('button[type="submit"]') as HTMLButtonElement);
    await vi.waitFor(() => expect(registered()).toHaveLength(1));
    expect(registered()[0]).not.toHaveProperty('duplicate_of');
  });

  it('measures a polygon from the middle of its outer ring, counting the closing vertex once', () => {
    const square: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [68, 43],
          [68.2, 43],
          [68.2, 43.2],
          [68, 43.2],
          [68, 43],
        ],
      ],
    };
    const [lon, lat] = placeOf(square);
    expect(lon).toBeCloseTo(68.1, 9);
    expect(lat).toBeCloseTo(43.1, 9);
  });
});
