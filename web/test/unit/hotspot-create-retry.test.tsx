// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newIdempotencyKey } from '../../src/api/hooks';
import { HotspotForm } from '../../src/hotspots/HotspotForm';
import { useHotspotEditing } from '../../src/hotspots/useHotspotEditing';
import { i18n } from '../../src/i18n/i18n';
import { renderWithReference } from './reference-render';

const TODAY = '2026-11-23';
const point: GeoJSON.Point = { type: 'Point', coordinates: [68.26, 43.3] };
const created = { type: 'Feature', id: '5f0c6c1e-8d8e-4b7a-9a43-0c1d2e3f4a5b', geometry: point, properties: {} };

const fetchStub = vi.fn<typeof fetch>();

/** The map page's creating path: the editing hook with a point drawn, and the form beside it. */
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
        code: 'utilities',
        name_kk: 'Коммуналдық',
        name_ru: 'ЖКХ',
        name_en: 'Utilities',
        colour: '#123456',
        sort_order: 1,
        active: true,
      },
    ],
    today: TODAY,
    path: '/?new=point',
  });
}

/** The Idempotency-Key of every POST to /api/hotspots so far. */
const keysSent = () =>
  fetchStub.mock.calls
    .filter(([path, init]) => String(path) === '/api/hotspots' && init?.method === 'POST')
    .map(([, init]) => (init?.headers as Record<string, string>)['Idempotency-Key']);

async function fillAndSave(user: ReturnType<typeof userEvent.setup>, container: HTMLElement) {
  await user.type(container.querySelector('#hotspot-title') as HTMLInputElement, 'Ауыз су жоқ');
  await user.selectOptions(container.querySelector('#hotspot-category') as HTMLSelectElement, 'utilities');
  // Registering names who owns it and by when.
  await user.selectOptions(container.querySelector('#hotspot-agency') as HTMLSelectElement, 'housing');
  fireEvent.change(container.querySelector('#hotspot-due_on') as HTMLInputElement, { target: { value: '2026-12-23' } });
  await user.click(container.querySelector('button[type="submit"]') as HTMLButtonElement);
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

describe('saving a new hotspot again after a failed answer', () => {
  it('sends the same Idempotency-Key on the retry, so the API cannot register it twice', async () => {
    const problem = { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Try again.' };
    fetchStub
      .mockResolvedValueOnce(
        new Response(JSON.stringify(problem), { status: 503, headers: { 'Content-Type': 'application/problem+json' } }),
      )
      .mockImplementation(async () => new Response(JSON.stringify(created), { status: 201 }));
    const { user, container } = renderForm();
    await fillAndSave(user, container);
    await screen.findByRole('alert');
    await user.click(container.querySelector('button[type="submit"]') as HTMLButtonElement);
    await vi.waitFor(() => expect(keysSent()).toHaveLength(2));
    const [first, retry] = keysSent();
    expect(first).toMatch(/^[\x21-\x7e]{1,255}$/);
    expect(retry).toBe(first);
  });

  it('draws a new key for a new form, so the next hotspot is registered in its own right', async () => {
    fetchStub.mockImplementation(async () => new Response(JSON.stringify(created), { status: 201 }));
    const first = renderForm();
    await fillAndSave(first.user, first.container);
    await vi.waitFor(() => expect(keysSent()).toHaveLength(1));
    cleanup();
    const second = renderForm();
    await fillAndSave(second.user, second.container);
    await vi.waitFor(() => expect(keysSent()).toHaveLength(2));
    expect(keysSent()[1]).not.toBe(keysSent()[0]);
  });
});

describe('newIdempotencyKey', () => {
  it('falls back to 128 random bits in hex where crypto.randomUUID is missing (plain HTTP on a LAN)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => real.getRandomValues(bytes) });
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    vi.unstubAllGlobals();
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
  });
});
