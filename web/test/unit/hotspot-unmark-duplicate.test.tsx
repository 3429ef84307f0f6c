// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HotspotDetail } from '../../src/api/types';
import { HotspotForm } from '../../src/hotspots/HotspotForm';
import { useHotspotEditing } from '../../src/hotspots/useHotspotEditing';
import { i18n } from '../../src/i18n/i18n';
import { renderWithReference } from './reference-render';

const TODAY = '2026-11-23';
const ID = '5f0c6c1e-8d8e-4b7a-9a43-0c1d2e3f4a5b';
const ORIGINAL = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const point: GeoJSON.Point = { type: 'Point', coordinates: [68.26, 43.3] };

function hotspot(duplicateOf: string | null): HotspotDetail {
  return {
    type: 'Feature',
    id: ID,
    geometry: point,
    properties: {
      reference: '2026-019',
      title: 'Ауыз су жоқ',
      description: '',
      category: 'utilities',
      severity: 'medium',
      status: 'registered',
      agency: 'housing',
      registered_on: '2026-11-20',
      due_on: '2026-12-20',
      confidential: false,
      duplicate_of: duplicateOf,
      version: 3,
    },
    history: [],
  } as unknown as HotspotDetail;
}

const fetchStub = vi.fn<typeof fetch>();

/** The map page's editing path: the editing hook holding the hotspot, and the form beside it. */
function Editing({ detail }: { detail: HotspotDetail }) {
  const editing = useHotspotEditing();
  const { startEditing } = editing;
  useEffect(() => startEditing(detail), [startEditing, detail]);
  if (!editing.editing) return null;
  return (
    <HotspotForm
      feature={editing.editing}
      geometry={editing.geometry}
      today={TODAY}
      onSubmit={editing.submit}
      onCancel={editing.stop}
    />
  );
}

function renderEditing(detail: HotspotDetail) {
  return renderWithReference(<Editing detail={detail} />, {
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
    path: '/',
  });
}

/** The bodies of the PATCHes sent so far. */
const patchesSent = () =>
  fetchStub.mock.calls
    .filter(([path, init]) => String(path) === `/api/hotspots/${ID}` && init?.method === 'PATCH')
    .map(([, init]) => JSON.parse(String(init?.body)) as Record<string, unknown>);

const notDuplicateBox = () => screen.queryByRole('checkbox', { name: i18n.t('hotspots.form.notDuplicate') });

beforeEach(async () => {
  fetchStub.mockReset();
  fetchStub.mockImplementation(async () => new Response(JSON.stringify(hotspot(null)), { status: 200 }));
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('un-marking a duplicate from the edit form', () => {
  it('sends duplicate_of: null when the person says it is no duplicate', async () => {
    const { user, container } = renderEditing(hotspot(ORIGINAL));
    const box = await vi.waitFor(() => {
      const found = notDuplicateBox();
      if (!found) throw new Error('the form has not opened yet');
      return found as HTMLInputElement;
    });
    expect(box.checked).toBe(false);
    await user.click(box);
    await user.click(container.querySelector('button[type="submit"]') as HTMLButtonElement);
    await vi.waitFor(() => expect(patchesSent()).toHaveLength(1));
    expect(patchesSent()[0]).toMatchObject({ duplicate_of: null, title: 'Ауыз су жоқ' });
  });

  it('leaves duplicate_of out of an edit that does not clear it, so the hotspot stays a duplicate', async () => {
    const { user, container } = renderEditing(hotspot(ORIGINAL));
    await vi.waitFor(() => expect(notDuplicateBox()).not.toBeNull());
    await user.click(container.querySelector('button[type="submit"]') as HTMLButtonElement);
    await vi.waitFor(() => expect(patchesSent()).toHaveLength(1));
    expect(patchesSent()[0]).not.toHaveProperty('duplicate_of');
  });

  it('offers nothing to clear on a hotspot that is no duplicate', async () => {
    const { container } = renderEditing(hotspot(null));
    await vi.waitFor(() => expect(container.querySelector('#hotspot-title')).not.toBeNull());
    expect(notDuplicateBox()).toBeNull();
  });

  it('shows the refusal of a duplicate moved beyond the radius beside the box that clears it', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Invalid request',
      errors: [
        {
          field: 'duplicate_of',
          code: 'duplicate_too_far',
          message: 'names a hotspot 900 m away',
          params: { distance: 900, radius: 300 },
        },
      ],
    };
    fetchStub.mockImplementation(
      async () =>
        new Response(JSON.stringify(problem), { status: 400, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    const { user, container } = renderEditing(hotspot(ORIGINAL));
    await vi.waitFor(() => expect(notDuplicateBox()).not.toBeNull());
    await user.click(container.querySelector('button[type="submit"]') as HTMLButtonElement);
    const words = i18n.t('problems.fields.duplicate_too_far', { distance: 900, radius: 300 });
    await vi.waitFor(() => expect(container.querySelector('#hotspot-clear_duplicate-error')?.textContent).toBe(words));
    expect(notDuplicateBox()!.getAttribute('aria-invalid')).toBe('true');
  });
});
