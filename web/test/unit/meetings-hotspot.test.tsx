// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionKey, type Session } from '../../src/api/hooks';
import type { Role } from '../../src/api/types';
import { i18n } from '../../src/i18n/i18n';
import type { HotspotMeetings as About, MeetingSummary } from '../../src/meetings/api';
import { HotspotMeetings } from '../../src/meetings/HotspotMeetings';

const HOTSPOT = '0b7e4b8e-3a55-4a43-9a43-6f2b8d1f0a11';
const about: About = {
  meetings: [{ id: 3, held_on: '2026-10-12', kind: 'working_group', title: 'Жұмыс тобы №4', agenda_item_id: 9 }],
  open_instructions: [
    {
      instruction_id: 21,
      agency: 'housing_utilities',
      text: 'Құбырды жөндеу',
      due_on: '2026-11-01',
      meeting: { id: 3, held_on: '2026-10-12', kind: 'working_group', title: 'Жұмыс тобы №4' },
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
const coming: MeetingSummary = {
  id: 5,
  held_on: '2026-11-25',
  kind: 'interagency_prosecutor',
  title: 'Қарашадағы кеңес',
  chair: '',
  agencies: [],
  agenda_count: 2,
  instruction_count: 0,
  version: 1,
};

const fetchStub = vi.fn<typeof fetch>(async (input, init) => {
  const url = new URL(String(input), 'http://app');
  if (init?.method === 'POST') return new Response(JSON.stringify({ id: 40, version: 1 }), { status: 201 });
  if (url.pathname === `/api/hotspots/${HOTSPOT}/meetings`) return new Response(JSON.stringify(about));
  if (url.pathname === '/api/meetings') return new Response(JSON.stringify({ total: 1, meetings: [coming] }));
  throw new Error(`unexpected request ${url.pathname}`);
});

function renderFor(role: Role) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  const session: Session = {
    user: { id: 1, login: role, full_name: role, role, agency: null, language: 'kk' },
    csrf_token: 'c',
  };
  client.setQueryData(sessionKey, session);
  client.setQueryData(['agencies'], []);
  client.setQueryData(['config'], { today: '2026-11-20', time_zone: 'Asia/Almaty' });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <HotspotMeetings hotspotId={HOTSPOT} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup({ delay: null });
}

const requests = () =>
  fetchStub.mock.calls.map(([input, init]) => `${init?.method ?? 'GET'} ${String(input)}`.replace(/\?.*$/, ''));

beforeEach(async () => {
  fetchStub.mockClear();
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('HotspotMeetings', () => {
  it('lists the meetings that discussed the hotspot and its open instructions, to anyone signed in', async () => {
    renderFor('viewer');
    const meeting = await screen.findByRole('link', { name: /Жұмыс тобы №4/ });
    expect(meeting.getAttribute('href')).toBe('/meetings/3');
    const open = screen.getByTestId('hotspot-open-instructions');
    expect(within(open).getByText(/Құбырды жөндеу/)).toBeTruthy();
    expect(open.textContent).toContain('мерзімі өтті');
    // Nothing to prepare for a viewer, and no list of meetings to choose from is asked for.
    expect(screen.queryByRole('button', { name: 'Күн тәртібіне қосу' })).toBeNull();
    expect(requests()).toEqual([`GET /api/hotspots/${HOTSPOT}/meetings`]);
  });

  it("puts the hotspot on a coming meeting's agenda, or offers a new meeting with it", async () => {
    const user = renderFor('prosecutor');
    const add = await screen.findByRole('button', { name: 'Күн тәртібіне қосу' });
    expect(screen.getByRole('link', { name: 'Осы ошақпен жаңа кеңес дайындау' }).getAttribute('href')).toBe(
      `/meetings/new?hotspot=${HOTSPOT}`,
    );
    const meetingsAsked = fetchStub.mock.calls.find(([input]) => String(input).startsWith('/api/meetings?'));
    expect(new URL(String(meetingsAsked![0]), 'http://app').searchParams.get('from')).toBe('2026-11-20');
    await user.click(add);
    expect((await screen.findByRole('status')).textContent).toBe('Күн тәртібіне қосылды.');
    const post = fetchStub.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(String(post[0])).toBe('/api/meetings/5/agenda');
    expect(JSON.parse(String(post[1]?.body))).toEqual({ hotspot_id: HOTSPOT });
  });
});
