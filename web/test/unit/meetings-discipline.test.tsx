// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionKey, type Session } from '../../src/api/hooks';
import type { ClientConfig } from '../../src/api/types';
import DisciplinePage from '../../src/discipline/DisciplinePage';
import { periodFrom, quarterOf } from '../../src/discipline/quarter';
import { i18n } from '../../src/i18n/i18n';
import type { DisciplineReport } from '../../src/meetings/api';

const session: Session = {
  user: { id: 5, login: 'p', full_name: 'П', role: 'prosecutor', agency: null, language: 'kk' },
  csrf_token: 'c',
};
const config: ClientConfig = {
  version: 'test',
  tile_url: null,
  tile_attribution: '',
  jurisdiction: null,
  time_zone: 'Asia/Almaty',
  today: '2026-11-15',
};

const meetingRef = { id: 9, held_on: '2026-10-02', kind: 'interagency_prosecutor' as const, title: 'Кеңес №3' };
const report: DisciplineReport = {
  period: { from: '2026-10-01', to: '2026-12-31' },
  basis: 'due',
  as_of: '2026-11-15',
  agencies: [
    { agency: 'housing_utilities', given: 4, done_on_time: 2, done_late: 1, overdue: 1, pending: 0 },
    { agency: 'education', given: 1, done_on_time: 0, done_late: 0, overdue: 0, pending: 1 },
  ],
  totals: { given: 5, done_on_time: 2, done_late: 1, overdue: 1, pending: 1 },
  confidential: 0,
  breakdowns_include_confidential: true,
  overdue: [
    {
      instruction_id: 31,
      agency: 'housing_utilities',
      text: 'Су беруді қалпына келтіру',
      due_on: '2026-11-05',
      meeting: meetingRef,
      hotspot: null,
      status: 'assigned',
      timeliness: 'overdue',
      report: null,
      reported_on: null,
      reported_by: null,
      accepted_on: null,
      accepted_by: null,
      acceptance_note: null,
      returned_on: null,
      return_note: null,
      version: 1,
    },
  ],
};
const agencies = [
  { code: 'housing_utilities', name_kk: 'ТКШ бөлімі', name_ru: 'Отдел ЖКХ', name_en: 'Housing', active: true },
  { code: 'education', name_kk: 'Білім бөлімі', name_ru: 'Отдел образования', name_en: 'Education', active: true },
];

const fetchStub = vi.fn<typeof fetch>();

function renderPage(entry: string) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(sessionKey, session);
  client.setQueryData(['config'], config);
  client.setQueryData(['agencies'], agencies);
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[entry]}>
        <DisciplinePage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const requested = () => fetchStub.mock.calls.map(([path]) => String(path));

beforeEach(async () => {
  fetchStub.mockReset();
  fetchStub.mockImplementation(async () => new Response(JSON.stringify(report), { status: 200 }));
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the discipline period', () => {
  it('is the calendar quarter of the day by default, to its last day', () => {
    expect(quarterOf('2026-11-15')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterOf('2024-02-29')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(quarterOf('2026-06-30')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
  });

  it('takes valid dates from the URL and the quarter for what is missing or malformed', () => {
    const search = new URLSearchParams('from=2026-01-01&to=31.03.2026');
    expect(periodFrom(search, '2026-11-15')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});

describe('DisciplinePage', () => {
  it("asks for the current quarter by the city's today and shows each agency's counts with the totals", async () => {
    renderPage('/discipline');
    const table = await screen.findByTestId('discipline-table');
    expect(requested()).toEqual(['/api/discipline?from=2026-10-01&to=2026-12-31']);
    const housing = within(table).getByRole('row', { name: /ТКШ бөлімі/ });
    expect(
      within(housing)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['4', '2', '1', '1', '0']);
    const total = within(table).getByRole('row', { name: /Барлығы/ });
    expect(
      within(total)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['5', '2', '1', '1', '1']);
  });

  it('lists the agencies by their names in the Kazakh alphabet, whatever order the API sends', async () => {
    renderPage('/discipline');
    const table = await screen.findByTestId('discipline-table');
    const names = () =>
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent)
        .slice(0, -1);
    // Білім before ТКШ in Kazakh, though the report lists ТКШ (housing_utilities) first.
    expect(names()).toEqual(['Білім бөлімі', 'ТКШ бөлімі']);
  });

  it('lists the overdue ones with the days past their deadline and links to the meeting', async () => {
    renderPage('/discipline?from=2026-10-01&to=2026-12-31');
    const overdue = await screen.findByTestId('discipline-overdue');
    const row = within(overdue).getByRole('row', { name: /Су беруді/ });
    expect(row.textContent).toContain('10');
    expect(within(row).getByRole('link').getAttribute('href')).toBe('/meetings/9');
  });

  it('counts by the date given when the URL says basis=given, in the report and in its XLSX', async () => {
    renderPage('/discipline?from=2026-01-01&to=2026-03-31&basis=given');
    await screen.findByTestId('discipline-table');
    expect(requested()).toEqual(['/api/discipline?from=2026-01-01&to=2026-03-31&basis=given']);
    expect(screen.getByText(/кеңестерде берілген тапсырмалар/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'XLSX жүктеу' }).getAttribute('href')).toBe(
      '/api/discipline.xlsx?from=2026-01-01&to=2026-03-31&basis=given&lang=kk',
    );
  });

  it('offers the same period as XLSX in the interface language, and a print button', async () => {
    await i18n.changeLanguage('ru');
    renderPage('/discipline?from=2026-07-01&to=2026-09-30');
    await screen.findByTestId('discipline-table');
    expect(requested()).toEqual(['/api/discipline?from=2026-07-01&to=2026-09-30']);
    const link = screen.getByRole('link', { name: 'Скачать XLSX' });
    expect(link.getAttribute('href')).toBe('/api/discipline.xlsx?from=2026-07-01&to=2026-09-30&lang=ru');
    const print = vi.fn();
    vi.stubGlobal('print', print);
    screen.getByRole('button', { name: 'Печать' }).click();
    expect(print).toHaveBeenCalledOnce();
  });
});
