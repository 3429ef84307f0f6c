// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionKey, type Session } from '../../src/api/hooks';
import type { Role } from '../../src/api/types';
import { i18n } from '../../src/i18n/i18n';
import type { MeetingDetail } from '../../src/meetings/api';
import { InstructionForm } from '../../src/meetings/InstructionForm';
import MeetingDetailPage from '../../src/meetings/MeetingDetailPage';
import NewMeetingPage from '../../src/meetings/NewMeetingPage';

const HOTSPOT = '0b7e4b8e-3a55-4a43-9a43-6f2b8d1f0a11';
const agencies = [
  { code: 'housing_utilities', name_kk: 'ТКШ бөлімі', name_ru: 'Отдел ЖКХ', name_en: 'Housing', active: true },
  { code: 'education', name_kk: 'Білім бөлімі', name_ru: 'Отдел образования', name_en: 'Education', active: true },
];
const meeting: MeetingDetail = {
  id: 41,
  held_on: '2026-11-20',
  kind: 'interagency_prosecutor',
  title: 'Ведомствоаралық кеңес',
  chair: 'Қала прокуроры',
  agencies: ['housing_utilities'],
  minutes: '',
  version: 3,
  created_by: 'p',
  created_at: '2026-11-20T05:00:00Z',
  updated_by: 'p',
  updated_at: '2026-11-20T05:00:00Z',
  agenda: [
    {
      id: 7,
      position: 1,
      hotspot: {
        id: HOTSPOT,
        reference: '2026-018',
        title: 'Су жоқ',
        status: 'registered',
        confidential: false,
        deleted: false,
        anchor: [68.2, 43.3],
      },
      topic: null,
      notes: '',
      version: 1,
    },
    { id: 8, position: 2, hotspot: null, topic: 'Жылу маусымы', notes: '', version: 1 },
  ],
  instructions: [],
};

function sessionOf(role: Role): Session {
  return { user: { id: 1, login: role, full_name: role, role, agency: null, language: 'kk' }, csrf_token: 'c' };
}

const fetchStub = vi.fn<typeof fetch>();

function Here() {
  return <p data-testid="landed">{useLocation().pathname}</p>;
}

/** Renders `element` at `path`; any other address shows where the page went. */
function renderAt(entry: string, role: Role, element: ReactNode, path = new URL(entry, 'http://app').pathname) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(sessionKey, sessionOf(role));
  client.setQueryData(['agencies'], agencies);
  client.setQueryData(['config'], { today: '2026-11-20', time_zone: 'Asia/Almaty' });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[entry]}>
        <Routes>
          <Route path={path} element={element} />
          <Route path="*" element={<Here />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup({ delay: null });
}

const posted = () =>
  fetchStub.mock.calls
    .filter(([, init]) => init?.method === 'POST')
    .map(([path, init]) => ({ path: String(path), body: JSON.parse(String(init?.body)) as Record<string, unknown> }));

beforeEach(async () => {
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('NewMeetingPage', () => {
  it('puts the hotspot it was opened from first on the agenda, then opens the new meeting', async () => {
    fetchStub.mockImplementation(async (input, init) => {
      if (init?.method === 'POST') return new Response(JSON.stringify({ ...meeting, id: 77 }), { status: 201 });
      if (String(input).startsWith('/api/hotspots/'))
        return new Response(JSON.stringify({ id: HOTSPOT, properties: { reference: '2026-018', title: 'Су жоқ' } }));
      return new Response('[]');
    });
    const user = renderAt(`/meetings/new?hotspot=${HOTSPOT}`, 'prosecutor', <NewMeetingPage />);
    expect((await screen.findByText(/2026-018 Су жоқ/)).textContent).toContain('бірінші мәселесі');
    await user.type(screen.getByLabelText('Атауы'), 'Кеңес');
    await user.click(screen.getByLabelText('ТКШ бөлімі'));
    await user.click(screen.getByRole('button', { name: 'Сақтау' }));
    expect((await screen.findByTestId('landed')).textContent).toBe('/meetings/77');
    expect(posted()).toEqual([
      {
        path: '/api/meetings',
        body: {
          held_on: '2026-11-20',
          kind: 'interagency_prosecutor',
          title: 'Кеңес',
          chair: '',
          agencies: ['housing_utilities'],
          minutes: '',
          agenda: [{ hotspot_id: HOTSPOT }],
        },
      },
    ]);
  });

  it('is refused to a viewer before anything is sent', () => {
    renderAt('/meetings/new', 'viewer', <NewMeetingPage />);
    expect(screen.getByRole('alert').textContent).toBe('Бұл әрекетке рұқсатыңыз жоқ.');
    expect(screen.queryByRole('button', { name: 'Сақтау' })).toBeNull();
  });
});

describe('MeetingDetailPage', () => {
  it('shows a viewer the agenda (hotspot and topic) without any way to change it', async () => {
    fetchStub.mockImplementation(async () => new Response(JSON.stringify(meeting)));
    renderAt('/meetings/41', 'viewer', <MeetingDetailPage />, '/meetings/:id');
    const agenda = await screen.findByTestId('agenda-items');
    expect(agenda.textContent).toContain('2026-018 Су жоқ');
    expect(agenda.textContent).toContain('Жылу маусымы');
    expect(screen.getByRole('link', { name: 'Кеңес режимінде ашу' }).getAttribute('href')).toBe('/meeting?meeting=41');
    expect(screen.queryByRole('button', { name: 'Өзгерту' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Тапсырма беру' })).toBeNull();
  });
});

describe('the agenda editor', () => {
  it('moves an item down on the version the person saw, and cannot move the first one up', async () => {
    fetchStub.mockImplementation(async (_input, init) =>
      init?.method === 'PATCH'
        ? new Response(JSON.stringify({ id: 7, version: 2 }))
        : new Response(JSON.stringify(meeting)),
    );
    const user = renderAt('/meetings/41', 'prosecutor', <MeetingDetailPage />, '/meetings/:id');
    const down = await screen.findByRole('button', { name: '«2026-018» мәселесін төмен жылжыту' });
    expect(screen.getByRole('button', { name: '«2026-018» мәселесін жоғары жылжыту' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(screen.getByRole('button', { name: '«Жылу маусымы» мәселесін төмен жылжыту' })).toHaveProperty(
      'disabled',
      true,
    );
    await user.click(down);
    await vi.waitFor(() => expect(fetchStub.mock.calls.some(([, init]) => init?.method === 'PATCH')).toBe(true));
    const [path, init] = fetchStub.mock.calls.find(([, init]) => init?.method === 'PATCH')!;
    expect(String(path)).toBe('/api/meetings/41/agenda/7');
    expect((init?.headers as Record<string, string>)['If-Match']).toBe('"v1"');
    expect(JSON.parse(String(init?.body))).toEqual({ position: 2 });
  });
});

describe('InstructionForm', () => {
  it('gives the instruction to the ticked agencies under the chosen agenda item', async () => {
    fetchStub.mockImplementation(async () => new Response(JSON.stringify({ id: 5 }), { status: 201 }));
    const user = renderAt('/meetings/41', 'prosecutor', <InstructionForm meeting={meeting} />);
    await user.type(screen.getByLabelText('Тапсырма мәтіні'), 'Суды беру');
    await user.type(screen.getByLabelText('Орындау мерзімі'), '2026-12-01');
    await user.selectOptions(screen.getByLabelText('Күн тәртібінің мәселесі'), '7');
    await user.click(screen.getByLabelText('Білім бөлімі'));
    await user.click(screen.getByRole('button', { name: 'Тапсырма беру' }));
    await vi.waitFor(() => expect(posted()).toHaveLength(1));
    expect(posted()[0]).toEqual({
      path: '/api/meetings/41/instructions',
      body: {
        text: 'Суды беру',
        due_on: '2026-12-01',
        // The meeting had one agency: it is ticked already.
        agencies: ['education', 'housing_utilities'],
        agenda_item_id: 7,
      },
    });
  });

  it('asks for an agency instead of sending an instruction to nobody', async () => {
    const user = renderAt('/meetings/41', 'prosecutor', <InstructionForm meeting={{ ...meeting, agencies: [] }} />);
    await user.type(screen.getByLabelText('Тапсырма мәтіні'), 'Суды беру');
    await user.type(screen.getByLabelText('Орындау мерзімі'), '2026-12-01');
    await user.click(screen.getByRole('button', { name: 'Тапсырма беру' }));
    expect(screen.getByRole('alert').textContent).toBe('Кемінде бір ведомствоны таңдаңыз.');
    expect(posted()).toEqual([]);
  });
});
