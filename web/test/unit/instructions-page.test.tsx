// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { BrowserRouter, MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionKey, type Session } from '../../src/api/hooks';
import type { ClientConfig, Role } from '../../src/api/types';
import { Layout } from '../../src/app/Layout';
import { formatDate, i18n } from '../../src/i18n/i18n';
import InstructionsPage from '../../src/instructions/InstructionsPage';
import type { AssignmentItem } from '../../src/meetings/api';

function person(role: Role, agency: string | null = null): Session {
  return { user: { id: 7, login: 'u', full_name: 'Пайдаланушы', role, agency, language: 'kk' }, csrf_token: 'c' };
}

const agencies = [
  { code: 'housing_utilities', name_kk: 'ТКШ бөлімі', name_ru: 'Отдел ЖКХ', name_en: 'Housing', active: true },
  { code: 'education', name_kk: 'Білім бөлімі', name_ru: 'Отдел образования', name_en: 'Education', active: true },
];
const HOTSPOT = '0b7c1f2e-4a5d-4e6f-8a9b-0c1d2e3f4a5b';

function part(id: number, agency: string, overrides: Partial<AssignmentItem> = {}): AssignmentItem {
  return {
    instruction_id: id,
    agency,
    text: `Тапсырма ${id}`,
    due_on: '2026-11-05',
    meeting: { id: 9, held_on: '2026-10-02', kind: 'interagency_prosecutor', title: 'Кеңес №3' },
    hotspot: null,
    status: 'assigned',
    timeliness: 'pending',
    report: null,
    reported_on: null,
    reported_by: null,
    accepted_on: null,
    accepted_by: null,
    acceptance_note: null,
    returned_on: null,
    return_note: null,
    version: 1,
    ...overrides,
  };
}

const overdue = part(31, 'housing_utilities', {
  text: 'Су беруді қалпына келтіру',
  timeliness: 'overdue',
  hotspot: {
    id: HOTSPOT,
    reference: '2026-018',
    title: 'Су жоқ',
    status: 'in_progress',
    confidential: false,
    deleted: false,
    anchor: [76.9, 43.2],
  },
});
let config: ClientConfig = {
  version: 'test',
  tile_url: null,
  tile_attribution: '',
  jurisdiction: null,
  time_zone: 'Asia/Almaty',
  today: '2026-11-15',
};
let answer: { total: number; items: AssignmentItem[] } = { total: 1, items: [overdue] };
const fetchStub = vi.fn<typeof fetch>(async () => new Response(JSON.stringify(answer), { status: 200 }));

/** The query of each request for instructions, as name → value. */
const instructionRequests = () =>
  fetchStub.mock.calls
    .map(([path]) => new URL(String(path), 'http://app'))
    .filter((url) => url.pathname === '/api/instructions')
    .map((url) => Object.fromEntries(url.searchParams));

function Address() {
  const location = useLocation();
  return <p data-testid="address">{location.pathname + location.search}</p>;
}
const address = () => new URL(screen.getByTestId('address').textContent!, 'http://app');

function client(session: Session) {
  const queries = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  queries.setQueryData(sessionKey, session);
  queries.setQueryData(['agencies'], agencies);
  queries.setQueryData(['config'], config);
  return queries;
}

/** A real browser history (the filters read the address bar, as in the app). */
function renderPage(entry: string, session = person('prosecutor')) {
  window.history.replaceState(null, '', entry);
  render(
    <QueryClientProvider client={client(session)}>
      <BrowserRouter>
        <InstructionsPage />
        <Address />
      </BrowserRouter>
    </QueryClientProvider>,
  );
}

beforeEach(async () => {
  answer = { total: 1, items: [overdue] };
  config = { ...config, today: '2026-11-15' };
  fetchStub.mockClear();
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('InstructionsPage', () => {
  it('sends the filters in the URL to the API, leaving out malformed ones', async () => {
    renderPage(
      '/instructions?agency=education,housing_utilities&status=assigned,bogus&timeliness=overdue' +
        '&due_from=2026-11-01&due_to=2026-11-30&meeting=9&offset=50&given_from=yesterday',
    );
    await screen.findByTestId('instructions-table');
    expect(instructionRequests()).toEqual([
      {
        agency: 'education,housing_utilities',
        status: 'assigned',
        timeliness: 'overdue',
        due_from: '2026-11-01',
        due_to: '2026-11-30',
        meeting: '9',
        limit: '50',
        offset: '50',
      },
    ]);
    expect(screen.getByText(/Тек .*Кеңес №3 кеңесінің тапсырмалары/)).toBeTruthy();
  });

  it('shows each part with its deadline, agency, overdue badge, meeting and hotspot links', async () => {
    renderPage('/instructions');
    const table = await screen.findByTestId('instructions-table');
    expect(instructionRequests()).toEqual([{ limit: '50', offset: '0' }]);
    const row = within(table).getByRole('row', { name: /Су беруді қалпына келтіру/ });
    const cells = within(row).getAllByRole('cell');
    expect(cells[0]!.textContent).toBe(formatDate('2026-11-05'));
    expect(cells[2]!.textContent).toBe('ТКШ бөлімі');
    const badge = within(cells[3]!).getByText(/мерзімі өт/i);
    expect(badge.getAttribute('data-timeliness')).toBe('overdue');
    expect(
      within(row)
        .getByRole('link', { name: /Кеңес №3/ })
        .getAttribute('href'),
    ).toBe('/meetings/9');
    expect(
      within(row)
        .getByRole('link', { name: /2026-018/ })
        .getAttribute('href'),
    ).toBe(`/?period=all&h=${HOTSPOT}`);
  });

  it('says a meeting still ahead is planned for its date, in the rows and in the meeting it narrows to', async () => {
    config = { ...config, today: '2026-09-20' };
    renderPage('/instructions?meeting=9');
    const table = await screen.findByTestId('instructions-table');
    const link = within(table).getByRole('link', { name: /Кеңес №3/ });
    expect(link.textContent).toBe(`жоспарланған: ${formatDate('2026-10-02')} — Кеңес №3`);
    expect(screen.getByText(/Тек .*Кеңес №3 кеңесінің тапсырмалары/).textContent).toContain(
      `жоспарланған: ${formatDate('2026-10-02')}`,
    );
  });

  it('writes a changed filter to the URL, back on the first page, and asks again', async () => {
    answer = { total: 120, items: [overdue] };
    renderPage('/instructions?status=assigned&offset=50');
    await screen.findByTestId('instructions-table');
    fireEvent.click(screen.getByLabelText('Мерзімі өткен'));
    expect(address().searchParams.get('timeliness')).toBe('overdue');
    expect(address().searchParams.get('status')).toBe('assigned');
    expect(address().searchParams.has('offset')).toBe(false);
    fireEvent.change(screen.getByLabelText('Орындау мерзімі, бастап'), { target: { value: '2026-12-01' } });
    expect(address().searchParams.get('due_from')).toBe('2026-12-01');
    await vi.waitFor(() =>
      expect(instructionRequests().at(-1)).toEqual({
        status: 'assigned',
        timeliness: 'overdue',
        due_from: '2026-12-01',
        limit: '50',
        offset: '0',
      }),
    );
  });

  it('pages by 50 and says where the page stands in the whole', async () => {
    answer = { total: 120, items: Array.from({ length: 50 }, (_, i) => part(100 + i, 'education')) };
    renderPage('/instructions?agency=education');
    expect((await screen.findByTestId('instructions-range')).textContent).toBe('1–50, барлығы 120');
    expect(screen.getByRole('button', { name: '← Алдыңғы' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Келесі →' }));
    expect(address().search).toBe('?agency=education&offset=50');
    await vi.waitFor(() => expect(instructionRequests().at(-1)).toMatchObject({ agency: 'education', offset: '50' }));
  });

  it('says so when nothing matches, and offers to clear the filters', async () => {
    answer = { total: 0, items: [] };
    renderPage('/instructions?timeliness=late');
    expect((await screen.findByTestId('instructions-empty')).textContent).toBe('Бұл сүзгілерге сай тапсырма жоқ.');
    fireEvent.click(screen.getByRole('button', { name: 'Сүзгілерді тазарту' }));
    expect(address().search).toBe('');
  });

  it("shows the API's explanation when the list cannot be loaded", async () => {
    fetchStub.mockImplementationOnce(
      async () =>
        new Response(JSON.stringify({ title: 'Bad request', status: 400, detail: 'unknown agency: nope' }), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    renderPage('/instructions?agency=nope');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Тапсырмалар тізімі жүктелмеді.');
    expect(alert.textContent).toContain('unknown agency: nope');
  });

  it('asks nothing for a deadline period that ends before it starts, and says why', async () => {
    renderPage('/instructions?due_from=2026-12-01&due_to=2026-11-01');
    expect(screen.getByRole('alert').textContent).toMatch(/соңы басынан ерте/);
    await act(async () => {});
    expect(instructionRequests()).toEqual([]);
  });
});

describe('the navigation link to the instructions', () => {
  function navLinks(session: Session) {
    render(
      <QueryClientProvider client={client(session)}>
        <MemoryRouter initialEntries={['/']}>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<p>map</p>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const nav = screen.getByRole('navigation');
    return within(nav)
      .getAllByRole('link')
      .map((link) => link.getAttribute('href'));
  }

  it.each(['prosecutor', 'admin', 'viewer'] as const)('is offered to the %s', (role) => {
    expect(navLinks(person(role))).toContain('/instructions');
  });

  it('is not offered to akimat accounts, who have "My tasks"', () => {
    const links = navLinks(person('akimat', 'education'));
    expect(links).toContain('/tasks');
    expect(links).not.toContain('/instructions');
  });
});
