// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionKey, type Session } from '../../src/api/hooks';
import type { ClientConfig } from '../../src/api/types';
import { formatDate, i18n } from '../../src/i18n/i18n';
import type { AssignmentItem } from '../../src/meetings/api';
import TasksPage from '../../src/tasks/TasksPage';

function akimat(id: number, agency: string): Session {
  return {
    user: { id, login: `a${id}`, full_name: `Akimat ${id}`, role: 'akimat', agency, language: 'kk' },
    csrf_token: 'c',
  };
}

function task(id: number, agency: string, text: string): AssignmentItem {
  return {
    instruction_id: id,
    agency,
    text,
    due_on: '2026-12-10',
    meeting: { id: 2, held_on: '2026-11-20', kind: 'working_group', title: 'Жұмыс тобы' },
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
  };
}

const config: ClientConfig = {
  version: 'test',
  tile_url: null,
  tile_attribution: '',
  jurisdiction: null,
  time_zone: 'Asia/Almaty',
  today: '2026-12-01',
};

/** The API answers "mine" for whoever the stub is told is signed in, as the server would by the cookie. */
let signedIn = 'housing_utilities';
const tasksOf: Record<string, AssignmentItem[]> = {
  housing_utilities: [task(1, 'housing_utilities', 'Су беруді қалпына келтіру')],
  education: [task(2, 'education', 'Мектеп ғимаратын тексеру')],
};
const fetchStub = vi.fn<typeof fetch>(async () => {
  const items = tasksOf[signedIn] ?? [];
  return new Response(JSON.stringify({ total: items.length, items }), { status: 200 });
});

function renderPage(session: Session, entry = '/tasks', today = '2026-12-01') {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(sessionKey, session);
  client.setQueryData(['config'], { ...config, today });
  client.setQueryData(['agencies'], []);
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[entry]}>
        <TasksPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return client;
}

/** The query of each request for instructions, as name → value (order does not matter). */
const instructionRequests = () =>
  fetchStub.mock.calls
    .map(([path]) => new URL(String(path), 'http://app'))
    .filter((url) => url.pathname === '/api/instructions')
    .map((url) => Object.fromEntries(url.searchParams));

beforeEach(async () => {
  fetchStub.mockClear();
  signedIn = 'housing_utilities';
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('TasksPage', () => {
  it("asks for the signed-in person's open tasks and shows each with its deadline and report form", async () => {
    renderPage(akimat(11, 'housing_utilities'));
    expect((await screen.findByTestId('task-list')).textContent).toContain('Су беруді қалпына келтіру');
    expect(instructionRequests()).toEqual([{ mine: 'true', status: 'assigned,reported', limit: '500' }]);
    expect(screen.getByRole('button', { name: 'Есеп беру' })).toBeTruthy();
  });

  it('says a task from a meeting still ahead comes from a meeting planned for that date, not one held', async () => {
    renderPage(akimat(11, 'housing_utilities'), '/tasks', '2026-11-10');
    const link = await screen.findByRole('link', { name: /Жұмыс тобы/ });
    expect(link.textContent).toBe(`жоспарланған: ${formatDate('2026-11-20')} — Жұмыс тобы`);
    cleanup();
    renderPage(akimat(11, 'housing_utilities'), '/tasks', '2026-11-25');
    expect((await screen.findByRole('link', { name: /Жұмыс тобы/ })).textContent).toBe(
      `${formatDate('2026-11-20')} — Жұмыс тобы`,
    );
  });

  it('asks for accepted ones too when the URL says show=all', async () => {
    renderPage(akimat(11, 'housing_utilities'), '/tasks?show=all');
    await screen.findByTestId('task-list');
    expect(instructionRequests()).toEqual([{ mine: 'true', limit: '500' }]);
  });

  it("never shows the previous person's tasks to the next one signed in on the same browser", async () => {
    const client = renderPage(akimat(11, 'housing_utilities'));
    await screen.findByText('Су беруді қалпына келтіру');
    signedIn = 'education';
    act(() => client.setQueryData(sessionKey, akimat(12, 'education')));
    expect(await screen.findByText('Мектеп ғимаратын тексеру')).toBeTruthy();
    expect(screen.queryByText('Су беруді қалпына келтіру')).toBeNull();
    expect(instructionRequests()).toHaveLength(2);
  });

  it('explains that an account of no agency has no tasks, without asking the server', () => {
    renderPage({ ...akimat(13, 'x'), user: { ...akimat(13, 'x').user, role: 'viewer', agency: null } });
    expect(screen.getByText(/ешбір ведомствоға жатпайды/)).toBeTruthy();
    expect(instructionRequests()).toEqual([]);
  });
});
