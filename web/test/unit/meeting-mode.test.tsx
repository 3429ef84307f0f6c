// @vitest-environment jsdom
/**
 * Meeting mode over a meeting's agenda steps through its free topics as well as its hotspots, marks
 * confidential hotspots in words, and a meeting still ahead reads "planned for", not as held.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionKey, type Session } from '../../src/api/hooks';
import type { HotspotDetail, HotspotFeature } from '../../src/api/types';
import { formatDate, i18n } from '../../src/i18n/i18n';
import { Agenda } from '../../src/meeting/Agenda';
import { AgendaDetails } from '../../src/meeting/AgendaDetails';
import { meetingEntries } from '../../src/meeting/agenda';
import type { MeetingDetail } from '../../src/meetings/api';
import MeetingDetailPage from '../../src/meetings/MeetingDetailPage';
import { useMeetingAgenda } from '../../src/meetings/useMeetingAgenda';

const TODAY = '2026-11-20';
const OPEN = '0b7e4b8e-3a55-4a43-9a43-6f2b8d1f0a11';
const SECRET = '5d0f3c1e-9b2a-4c6d-8e7f-1a2b3c4d5e6f';
const GONE = '9e8d7c6b-5a49-4838-a726-15f4e3d2c1b0';

function feature(id: string, reference: string, title: string, confidential: boolean): HotspotDetail {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [68.25, 43.3] },
    properties: {
      id,
      reference,
      title,
      description: 'Сипаттама. '.repeat(200),
      category: 'utilities',
      severity: 'high',
      status: 'in_progress',
      area_id: null,
      agency: 'housing_utilities',
      source: null,
      external_ref: null,
      registered_on: '2026-10-01',
      due_on: '2026-12-01',
      resolved_on: null,
      resolution_note: null,
      overdue: false,
      confidential,
      version: 1,
      created_by: 'p',
      created_at: '2026-10-01T05:00:00Z',
      updated_by: 'p',
      updated_at: '2026-10-01T05:00:00Z',
    },
    history: [],
  } as unknown as HotspotDetail;
}

const ref = (id: string, reference: string, confidential: boolean, deleted = false) => ({
  id,
  reference,
  title: reference,
  status: 'in_progress' as const,
  confidential,
  deleted,
  anchor: [68.25, 43.3] as [number, number],
});

function meetingOn(heldOn: string): MeetingDetail {
  return {
    id: 41,
    held_on: heldOn,
    kind: 'interagency_prosecutor',
    title: 'Ведомствоаралық кеңес',
    chair: '',
    agencies: ['housing_utilities'],
    minutes: '',
    version: 3,
    created_by: 'p',
    created_at: '2026-11-01T05:00:00Z',
    updated_by: 'p',
    updated_at: '2026-11-01T05:00:00Z',
    agenda: [
      { id: 7, position: 1, hotspot: ref(OPEN, '2026-018', false), topic: null, notes: '', version: 1 },
      {
        id: 8,
        position: 2,
        hotspot: null,
        topic: 'Жылу маусымына дайындық',
        notes: 'Қазандықтар тексерілсін.',
        version: 1,
      },
      { id: 9, position: 3, hotspot: ref(SECRET, '2026-015', true), topic: null, notes: '', version: 1 },
      { id: 10, position: 4, hotspot: ref(GONE, '2026-002', false, true), topic: null, notes: '', version: 1 },
    ],
    instructions: [],
  };
}

const session: Session = {
  user: { id: 1, login: 'p', full_name: 'p', role: 'prosecutor', agency: null, language: 'kk' },
  csrf_token: 'c',
};

function renderWith(element: ReactNode, heldOn: string, path = '/meeting?meeting=41', listsLoaded = true) {
  window.history.replaceState(null, '', path);
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(sessionKey, session);
  client.setQueryData(['config'], { today: TODAY, time_zone: 'Asia/Almaty' });
  if (listsLoaded) {
    client.setQueryData(['agencies'], []);
    client.setQueryData(['categories'], []);
  }
  client.setQueryData(['meeting', 1, 41], meetingOn(heldOn));
  client.setQueryData(['hotspot', OPEN], feature(OPEN, '2026-018', 'Су жоқ', false));
  client.setQueryData(['hotspot', SECRET], feature(SECRET, '2026-015', 'Жасырын', true));
  render(
    <QueryClientProvider client={client}>
      <BrowserRouter>
        <Routes>
          <Route path="/meetings/:id" element={element} />
          <Route path="*" element={element} />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup({ delay: null });
}

/** The meeting screen's agenda parts, without the map: what the presenter steps through. */
function Presenter() {
  const agenda = useMeetingAgenda(41);
  return (
    <>
      <span data-testid="position">
        {agenda.index + 1} / {agenda.total}
      </span>
      <button type="button" onClick={() => agenda.step(1)}>
        next
      </button>
      <section data-testid="current">
        {agenda.current && <AgendaDetails entry={agenda.current} today={TODAY} />}
      </section>
      <Agenda entries={agenda.entries} index={agenda.index} onChoose={agenda.go} />
    </>
  );
}

beforeEach(async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('{}')),
  );
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('meeting mode over a meeting’s agenda', () => {
  it('keeps free topics as steps, in the agenda’s order, and leaves out hotspots deleted since', () => {
    const loaded = new Map<string, HotspotFeature>([
      [OPEN, feature(OPEN, '2026-018', 'Су жоқ', false)],
      [SECRET, feature(SECRET, '2026-015', 'Жасырын', true)],
    ]);
    const entries = meetingEntries(meetingOn('2026-11-10').agenda, loaded);
    expect(entries.map((entry) => (entry.kind === 'topic' ? entry.topic : entry.feature.properties.reference))).toEqual(
      ['2026-018', 'Жылу маусымына дайындық', '2026-015'],
    );
  });

  it('steps from a hotspot to the topic after it, showing the topic and its notes', async () => {
    const user = renderWith(<Presenter />, '2026-11-10');
    expect(screen.getByTestId('position').textContent).toBe('1 / 3');
    expect(within(screen.getByTestId('current')).getByRole('heading', { level: 2 }).textContent).toBe('Су жоқ');
    await user.click(screen.getByRole('button', { name: 'next' }));
    expect(screen.getByTestId('position').textContent).toBe('2 / 3');
    const current = screen.getByTestId('current');
    expect(within(current).getByRole('heading', { level: 2 }).textContent).toBe('Жылу маусымына дайындық');
    expect(current.textContent).toContain('Мәселе');
    expect(current.textContent).toContain('Қазандықтар тексерілсін.');
    const items = within(screen.getByTestId('agenda')).getAllByRole('listitem');
    expect(items.map((item) => item.dataset.kind)).toEqual(['hotspot', 'topic', 'hotspot']);
    expect(items[1]?.querySelector('[aria-current="step"]')).not.toBeNull();
  });

  it('shows no category or agency code while their names load, and the code only for one the lists lack', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>(() => {})),
    );
    renderWith(<Presenter />, '2026-11-10', '/meeting?meeting=41', false);
    const loading = screen.getByTestId('current').textContent ?? '';
    expect(loading).not.toContain('utilities');
    expect(loading).not.toContain('housing');
    expect(loading).toContain('…');
    cleanup();
    renderWith(<Presenter />, '2026-11-10');
    expect(screen.getByTestId('current').textContent).toContain('utilities');
  });

  it('marks the confidential hotspot, and only it, in the list and when it is shown', async () => {
    const user = renderWith(<Presenter />, '2026-11-10');
    const items = within(screen.getByTestId('agenda')).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('[data-confidential]')?.textContent ?? '')).toEqual([
      '',
      '',
      'Құпия',
    ]);
    await user.click(items[2]!.querySelector('button')!);
    expect(within(screen.getByTestId('current')).getByText('Құпия')).toBeTruthy();
  });
});

describe('a meeting’s date', () => {
  it('reads "planned for" when the meeting is still ahead', async () => {
    renderWith(<MeetingDetailPage />, '2026-12-04', '/meetings/41');
    await screen.findByTestId('meeting-detail');
    const dates = document.querySelectorAll('.meeting-date');
    expect([...dates].map((node) => node.textContent)).toEqual([`жоспарланған: ${formatDate('2026-12-04')}`]);
  });

  it('is the date alone once the meeting has been held, with the planned wording gone', async () => {
    renderWith(<MeetingDetailPage />, '2026-11-10', '/meetings/41');
    await screen.findByTestId('meeting-detail');
    const dates = document.querySelectorAll('.meeting-date');
    expect([...dates].map((node) => node.textContent)).toEqual([formatDate('2026-11-10')]);
    expect(screen.queryByText(/жоспарланған/)).toBeNull();
  });

  it('marks confidential hotspots on the meeting’s agenda', async () => {
    renderWith(<MeetingDetailPage />, '2026-11-10', '/meetings/41');
    const agenda = await screen.findByTestId('agenda-items');
    const marks = agenda.querySelectorAll('[data-confidential]');
    expect([...marks].map((mark) => mark.closest('li')?.dataset.item)).toEqual(['9']);
  });
});
