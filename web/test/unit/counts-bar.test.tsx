// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Stats } from '../../src/api/types';
import { CountsBar } from '../../src/dashboard/CountsBar';
import type { ApiFilters } from '../../src/filters/filters';
import { i18n } from '../../src/i18n/i18n';

const filters: ApiFilters = { registered_from: '2026-01-01', registered_to: '2026-03-15', status: ['registered'] };

const stats: Stats = {
  period: { from: '2026-01-01', to: '2026-03-15' },
  entered: 12345,
  resolved: 21,
  registered: 100,
  in_progress: 3,
  dismissed: 0,
  overdue: 0,
  confidential: 0,
  breakdowns_include_confidential: true,
  by_category: [],
  by_area: [],
  by_agency: [],
  by_severity: [],
  by_month: [],
};

const fetchStub = vi.fn<typeof fetch>();

function renderBar(seed: Stats | undefined) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  if (seed) client.setQueryData(['stats', filters], seed);
  render(
    <QueryClientProvider client={client}>
      <CountsBar filters={filters} />
    </QueryClientProvider>,
  );
}

const value = (name: string) =>
  within(screen.getByTestId(`count-${name}`)).getByText(/./, { selector: '.count-value' });
const label = (name: string) =>
  within(screen.getByTestId(`count-${name}`)).getByText(/./, { selector: '.count-label' });

beforeEach(async () => {
  fetchStub.mockReset();
  fetchStub.mockImplementation(() => new Promise<Response>(() => undefined));
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CountsBar', () => {
  it('shows the four numbers of the seeded statistics without asking the server', () => {
    renderBar(stats);
    expect(value('entered').textContent?.replace(/\D/g, '')).toBe('12345');
    expect(value('resolved').textContent).toBe('21');
    expect(value('in_progress').textContent).toBe('3');
    expect(value('overdue').textContent).toBe('0');
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('labels the numbers in Kazakh by default', () => {
    renderBar(stats);
    expect(label('entered').textContent).toBe('енгізілді');
    expect(label('resolved').textContent).toBe('шешілді');
    expect(label('in_progress').textContent).toBe('жұмыста');
    expect(label('overdue').textContent).toBe('мерзімі өткен');
    expect(screen.getByRole('region', { name: 'Таңдалған кезеңдегі көрсеткіштер' })).toBeTruthy();
  });

  it('groups thousands as the language does: a space in Kazakh and Russian, a comma in English', async () => {
    renderBar(stats);
    expect(value('entered').textContent).toMatch(/^12[\s\u00a0\u202f]345$/);
    await act(() => i18n.changeLanguage('ru'));
    expect(value('entered').textContent).toMatch(/^12[\s\u00a0\u202f]345$/);
    await act(() => i18n.changeLanguage('en'));
    expect(value('entered').textContent).toBe('12,345');
  });

  it('switches the labels from Kazakh to Russian at once, with Russian plural forms for each number', async () => {
    renderBar(stats);
    expect(label('resolved').textContent).toBe('шешілді');
    await act(() => i18n.changeLanguage('ru'));
    expect(label('entered').textContent).toBe('внесено'); // 12345: many
    expect(label('resolved').textContent).toBe('решён'); // 21: one
    expect(label('in_progress').textContent).toBe('в работе'); // 3: few
    expect(label('overdue').textContent).toBe('просрочено'); // 0: many
    expect(screen.getByRole('region', { name: 'Показатели за выбранный период' })).toBeTruthy();
  });

  it('shows a placeholder, not zeros, while the numbers are loading', () => {
    renderBar(undefined);
    for (const name of ['entered', 'resolved', 'in_progress', 'overdue']) expect(value(name).textContent).toBe('…');
    expect(fetchStub).toHaveBeenCalledTimes(1);
    expect(String(fetchStub.mock.calls[0]![0])).toMatch(/^\/api\/stats\?/);
  });

  it('asks for the statistics of exactly the filters on screen', () => {
    renderBar(undefined);
    const url = new URL(String(fetchStub.mock.calls[0]![0]), 'http://local');
    expect(url.pathname).toBe('/api/stats');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      registered_from: '2026-01-01',
      registered_to: '2026-03-15',
      status: 'registered',
    });
  });

  it("tells the person when the statistics could not be loaded, with the server's explanation", async () => {
    fetchStub.mockResolvedValue(
      new Response(
        JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'registered_to: bad date' }),
        { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    renderBar(undefined);
    expect((await screen.findByRole('alert')).textContent).toBe('Қате: registered_to: bad date');
  });
});
