// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaceSearchResult } from '@oshaq/api/contract/places';
import { PlaceEntry, type PlaceChoice } from '../../src/hotspots/PlaceEntry';
import { i18n } from '../../src/i18n/i18n';

const fetchStub = vi.fn<typeof fetch>();

const keles = { id: 3, name_kk: 'Келес ауданы', name_ru: 'Келесский район', name_en: 'Keles District' };
const RESULT: PlaceSearchResult = {
  items: [
    {
      type: 'place',
      id: 1,
      kind: 'village',
      name_kk: 'Шұқырсай',
      name_ru: 'Шукурсай',
      name_en: 'Shukyrsai',
      population: 1729,
      lon: 68.92144,
      lat: 41.35851,
      area: keles,
    },
    {
      type: 'place',
      id: 2,
      kind: 'hamlet',
      name_kk: '<img src=x onerror=alert(1)>',
      name_ru: 'x',
      name_en: 'x',
      population: null,
      lon: 68.9,
      lat: 41.4,
      area: keles,
    },
    {
      type: 'area',
      kind: 'district',
      ...keles,
      population: null,
      lon: 68.9,
      lat: 41.4,
      bbox: [68.5, 41.0, 69.3, 41.8],
      area: null,
    },
  ],
};

function renderEntry() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const onPlace = vi.fn<(choice: PlaceChoice) => void>();
  const onSubmit = vi.fn((event: SubmitEvent) => event.preventDefault());
  render(
    <QueryClientProvider client={client}>
      <form onSubmit={(event) => onSubmit(event.nativeEvent as SubmitEvent)}>
        <PlaceEntry onPlace={onPlace} />
        <button type="submit">save</button>
      </form>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup({ delay: null }), onPlace, onSubmit, input: screen.getByRole('combobox') };
}

describe('the place entry', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('kk');
    fetchStub.mockReset();
    fetchStub.mockImplementation(
      async () => new Response(JSON.stringify(RESULT), { headers: { 'Content-Type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetchStub);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('places typed coordinates with Enter, and Enter never sends the form', async () => {
    const { user, onPlace, onSubmit, input } = renderEntry();
    await user.type(input, '68.27037 43.30195{Enter}');
    expect(onPlace).toHaveBeenCalledWith(expect.objectContaining({ kind: 'point', lat: 43.30195, lon: 68.27037 }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(fetchStub).not.toHaveBeenCalled(); // coordinates are not looked up as a name
    expect(screen.getByRole('status').textContent).toContain('43.30195');
  });

  it('looks a name up once typing pauses, and is a combobox the arrows and Enter work', async () => {
    const { user, onPlace, onSubmit, input } = renderEntry();
    await user.type(input, 'шұқ');
    await waitFor(() => expect(input.getAttribute('aria-expanded')).toBe('true'));
    expect(fetchStub).toHaveBeenCalledTimes(1);
    expect(String(fetchStub.mock.calls[0]?.[0])).toContain(`q=${encodeURIComponent('шұқ')}`);
    const options = screen.getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      expect.stringContaining('Шұқырсай'),
      expect.any(String),
      expect.stringContaining('аудан'),
    ]);
    expect(options[0]?.textContent).toContain('Келес ауданы');
    expect(input.getAttribute('aria-controls')).toBe(screen.getByRole('listbox').id);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1]?.id);
    expect(options[1]?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowUp}{Enter}');
    expect(onPlace).toHaveBeenCalledWith({ kind: 'point', lon: 68.92144, lat: 41.35851, name: 'Шұқырсай' });
    expect(onSubmit).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect((input as HTMLInputElement).value).toBe('Шұқырсай');
  });

  it('frames an area chosen by name instead of placing a point, and Escape closes the list', async () => {
    const { user, onPlace, input } = renderEntry();
    await user.type(input, 'келес');
    await waitFor(() => expect(input.getAttribute('aria-expanded')).toBe('true'));
    await user.keyboard('{Escape}');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('{ArrowUp}{Enter}');
    expect(onPlace).toHaveBeenCalledWith({ kind: 'area', bbox: [68.5, 41.0, 69.3, 41.8], name: 'Келес ауданы' });
  });

  it('shows a name from the data as text, never as markup', async () => {
    const { user, input } = renderEntry();
    await user.type(input, 'шұқ');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getAllByRole('option')[1]?.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('says beside the field why coordinates cannot be read, in the interface’s language', async () => {
    const { user, onPlace, input } = renderEntry();
    await user.type(input, `43°61'07"N 68°16'13"E{Enter}`);
    expect(screen.getByRole('alert').textContent).toBe(i18n.t('places.problems.minutes_seconds'));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(onPlace).not.toHaveBeenCalled();
    await i18n.changeLanguage('ru');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Минуты'));
  });
});
