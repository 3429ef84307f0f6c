// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Agency, Category, HotspotCollection, HotspotFeature } from '../../src/api/types';
import type { ApiFilters } from '../../src/filters/filters';
import { HotspotList } from '../../src/hotspots/HotspotList';
import { i18n } from '../../src/i18n/i18n';

const names = (kk: string, ru: string, en: string) => ({ name_kk: kk, name_ru: ru, name_en: en });
const categories: Category[] = [
  {
    code: 'water',
    ...names('Ауыз су', 'Питьевая вода', 'Drinking water'),
    colour: '#1f77b4',
    sort_order: 1,
    active: true,
    due_days: {},
    duplicate_radius_m: 300,
    version: 1,
  },
];
const agencies: Agency[] = [
  { code: 'housing', ...names('ТКШ бөлімі', 'Отдел ЖКХ', 'Housing department'), active: true, version: 1 },
];

function feature(n: number, overrides: Partial<HotspotFeature['properties']> = {}): HotspotFeature {
  return {
    type: 'Feature',
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    geometry: { type: 'Point', coordinates: [69.6, 42.3] },
    properties: {
      reference: `2026-${String(n).padStart(3, '0')}`,
      title: `Ошақ ${n}`,
      description: '',
      category: 'water',
      severity: 'high',
      status: 'registered',
      area_id: null,
      agency: 'housing',
      source: null,
      external_ref: null,
      registered_on: '2026-03-05',
      due_on: null,
      resolved_on: null,
      resolution_note: null,
      overdue: false,
      confidential: false,
      version: 1,
      created_by: 'prosecutor',
      created_at: '2026-03-05T09:00:00.000Z',
      updated_by: 'prosecutor',
      updated_at: '2026-03-05T09:00:00.000Z',
      ...overrides,
    },
  };
}

const first = feature(1, { title: 'Су жоқ', overdue: true, status: 'in_progress' });
const second = feature(2, { title: 'Жер дауы', agency: null, category: 'unknown_code' });
const third = feature(3);

function collection(features: HotspotFeature[], matched = features.length, next?: string): HotspotCollection {
  return {
    type: 'FeatureCollection',
    numberMatched: matched,
    numberReturned: features.length,
    links: next ? [{ rel: 'next', href: `/api/hotspots?limit=20&cursor=${next}` }] : [],
    features,
  };
}

const filters: ApiFilters = { registered_from: '2026-01-01', registered_to: '2026-03-15', status: ['registered'] };

/** Answers GET /api/hotspots with a page chosen by the cursor; records what was asked. */
let pages: Record<string, HotspotCollection>;
const fetchStub = vi.fn<typeof fetch>(async (input) => {
  const url = new URL(String(input), 'http://local');
  if (url.pathname !== '/api/hotspots') throw new Error(`unexpected request ${url.pathname}`);
  const page = pages[url.searchParams.get('cursor') ?? ''];
  if (!page) return new Response('{"title":"Not Found","status":404,"detail":"no such page"}', { status: 404 });
  return new Response(JSON.stringify(page), { status: 200, headers: { 'Content-Type': 'application/geo+json' } });
});
const asked = () => fetchStub.mock.calls.map(([input]) => new URL(String(input), 'http://local').searchParams);

function renderList(selectedId?: string) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(['categories'], categories);
  client.setQueryData(['agencies'], agencies);
  const onChoose = vi.fn<(feature: HotspotFeature) => void>();
  const list = (id: string | undefined, shown: ApiFilters) => (
    <QueryClientProvider client={client}>
      <HotspotList filters={shown} selectedId={id} onChoose={onChoose} />
    </QueryClientProvider>
  );
  const view = render(list(selectedId, filters));
  const rerender = (id: string | undefined, shown = filters) => view.rerender(list(id, shown));
  return { onChoose, rerender };
}

const rows = async () => within(await screen.findByTestId('hotspot-list')).findAllByRole('button');
const row = (reference: string) =>
  screen.getAllByRole('button').find((button) => button.getAttribute('data-reference') === reference)!;

beforeEach(async () => {
  pages = { '': collection([first, second, third]) };
  fetchStub.mockClear();
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('HotspotList', () => {
  it('lists the hotspots the API returns, in its order', async () => {
    renderList();
    const buttons = await rows();
    expect(buttons.map((b) => b.getAttribute('data-reference'))).toEqual(['2026-001', '2026-002', '2026-003']);
    expect(within(buttons[0]!).getByText('Су жоқ')).toBeTruthy();
  });

  it('asks for the filtered selection, newest first, one page of 20', async () => {
    renderList();
    await rows();
    const params = asked()[0]!;
    expect(Object.fromEntries(params)).toEqual({
      registered_from: '2026-01-01',
      registered_to: '2026-03-15',
      status: 'registered',
      sort: '-registered_on',
      limit: '20',
    });
  });

  it('shows status, overdue mark, category, severity and agency in the chosen language', async () => {
    renderList();
    const [overdueRow, noAgencyRow] = await rows();
    expect(overdueRow!.textContent).toContain('Жұмыста');
    expect(overdueRow!.textContent).toContain('мерзімі өткен');
    expect(overdueRow!.textContent).toContain('Ауыз су · Жоғары · ТКШ бөлімі');
    // No overdue mark on a hotspot that is not overdue; unknown codes shown as they are; no agency as a dash.
    expect(noAgencyRow!.textContent).not.toContain('мерзімі өткен');
    expect(noAgencyRow!.textContent).toContain('unknown_code · Жоғары · —');
  });

  it('passes the chosen hotspot to onChoose when its row is clicked', async () => {
    const { onChoose } = renderList();
    await rows();
    await userEvent.setup({ delay: null }).click(row('2026-002'));
    expect(onChoose).toHaveBeenCalledTimes(1);
    expect(onChoose).toHaveBeenCalledWith(second);
  });

  it('marks the selected hotspot with aria-current and no other', async () => {
    const { rerender } = renderList(second.id);
    await rows();
    expect(row('2026-002').getAttribute('aria-current')).toBe('true');
    expect(row('2026-001').hasAttribute('aria-current')).toBe(false);
    expect(row('2026-003').hasAttribute('aria-current')).toBe(false);
    rerender(third.id);
    expect(row('2026-003').getAttribute('aria-current')).toBe('true');
    expect(row('2026-002').hasAttribute('aria-current')).toBe(false);
  });

  it('says so when nothing matches', async () => {
    pages = { '': collection([]) };
    renderList();
    expect(await screen.findByText('Таңдауға сәйкес ошақ жоқ.')).toBeTruthy();
  });

  it('pages forward with the cursor the API gave, and back again', async () => {
    const firstPage = Array.from({ length: 20 }, (_, i) => feature(i + 1));
    const secondPage = Array.from({ length: 5 }, (_, i) => feature(i + 21));
    pages = { '': collection(firstPage, 25, 'abc'), abc: collection(secondPage, 25) };
    renderList();
    const user = userEvent.setup({ delay: null });
    await rows();
    expect(screen.getByTestId('list-range').textContent).toBe('1–20, барлығы 25');
    expect((screen.getByRole('button', { name: 'Алдыңғы' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Келесі' }));
    await waitFor(() => expect(screen.getByTestId('list-range').textContent).toBe('21–25, барлығы 25'));
    expect(asked().at(-1)!.get('cursor')).toBe('abc');
    expect((screen.getByRole('button', { name: 'Келесі' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Алдыңғы' }));
    await waitFor(() => expect(screen.getByTestId('list-range').textContent).toBe('1–20, барлығы 25'));
  });

  it('starts again from the first page when the filters change, never sending the old cursor with them', async () => {
    pages = {
      '': collection(
        Array.from({ length: 20 }, (_, i) => feature(i + 1)),
        25,
        'abc',
      ),
      abc: collection([third], 25),
    };
    const { rerender } = renderList();
    const user = userEvent.setup({ delay: null });
    await rows();
    await user.click(screen.getByRole('button', { name: 'Келесі' }));
    await waitFor(() => expect(screen.getByTestId('list-range').textContent).toBe('21–21, барлығы 25'));
    rerender(undefined, { ...filters, status: ['resolved'] });
    await waitFor(() => expect(screen.getByTestId('list-range').textContent).toBe('1–20, барлығы 25'));
    const withNewFilters = asked().filter((params) => params.get('status') === 'resolved');
    expect(withNewFilters.map((params) => params.get('cursor'))).toEqual([null]);
  });

  it('asks again in the new order when the sort changes, from the first page', async () => {
    renderList();
    await rows();
    await userEvent.setup({ delay: null }).selectOptions(screen.getByRole('combobox'), 'due_on');
    await waitFor(() => expect(asked().at(-1)!.get('sort')).toBe('due_on'));
    expect(asked().filter((params) => params.get('sort') === 'due_on')).toHaveLength(1);
  });

  it('says "more than" the count the API stopped at, in each language, when it did not count them all', async () => {
    const { numberMatched: _exact, ...page } = collection(
      Array.from({ length: 20 }, (_, i) => feature(i + 1)),
      0,
      'abc',
    );
    pages = { '': { ...page, numberMatchedMoreThan: 1000 } };
    renderList();
    await rows();
    expect(screen.getByTestId('list-range').textContent).toBe('1–20, барлығы 1\u00a0000-нан астам');
    await i18n.changeLanguage('ru');
    await waitFor(() => expect(screen.getByTestId('list-range').textContent).toBe('1–20 из более чем 1\u00a0000'));
    await i18n.changeLanguage('en');
    await waitFor(() => expect(screen.getByTestId('list-range').textContent).toBe('1–20 of more than 1,000'));
  });

  it('shows the error when the list cannot be loaded, in the interface language rather than the API’s English', async () => {
    pages = {};
    renderList();
    const alert = (await screen.findByRole('alert')).textContent;
    expect(alert).toBe(i18n.t('common.errors.notFound'));
    expect(alert).not.toContain('no such page');
  });
});
