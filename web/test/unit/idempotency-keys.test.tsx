// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionKey } from '../../src/api/hooks';
import { useIdempotencyKey } from '../../src/api/idempotency-key';
import type { HotspotDetail } from '../../src/api/types';
import { HotspotActions } from '../../src/hotspots/HotspotActions';
import { i18n } from '../../src/i18n/i18n';
import { AgendaItemForm } from '../../src/meetings/AgendaForms';
import type { MeetingDetail } from '../../src/meetings/api';
import { InstructionForm } from '../../src/meetings/InstructionForm';

/**
 * The forms that create meetings' records and hotspot comments keep one Idempotency-Key per form: Save pressed again
 * after a lost answer sends the same key (the API then answers what the first made, never a
 * duplicate), and the next record after a success gets a new one.
 */

const meeting: MeetingDetail = {
  ...{ id: 41, held_on: '2026-11-20', kind: 'interagency_prosecutor', title: 'Кеңес', chair: '' },
  ...{ agencies: ['housing_utilities'], minutes: '', version: 3, agenda: [], instructions: [] },
  ...{ created_by: 'p', created_at: '2026-11-20T05:00:00Z', updated_by: 'p', updated_at: '2026-11-20T05:00:00Z' },
};

const fetchStub = vi.fn<typeof fetch>();

function renderWith(element: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(sessionKey, {
    user: { id: 1, login: 'p', full_name: 'p', role: 'prosecutor', agency: null, language: 'kk' },
    csrf_token: 'c',
  });
  client.setQueryData(
    ['agencies'],
    [{ code: 'housing_utilities', name_kk: 'ТКШ бөлімі', name_ru: 'ЖКХ', name_en: 'Housing', active: true }],
  );
  client.setQueryData(['config'], { today: '2026-11-20', time_zone: 'Asia/Almaty' });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{element}</MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup({ delay: null });
}

/** The Idempotency-Key of each POST sent so far. */
const keysSent = () =>
  fetchStub.mock.calls
    .filter(([, init]) => init?.method === 'POST')
    .map(([, init]) => new Headers(init?.headers).get('Idempotency-Key'));

/** The first POST's answer is lost (a 503 from a proxy); every later one succeeds. */
function loseFirstAnswer() {
  let posts = 0;
  fetchStub.mockImplementation(async (_input, init) => {
    if (init?.method !== 'POST') return new Response('[]');
    posts += 1;
    if (posts === 1) return new Response('', { status: 503 });
    return new Response(JSON.stringify({ id: 100 + posts, version: 1 }), { status: 201 });
  });
}

beforeEach(async () => {
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('useIdempotencyKey', () => {
  it('keeps a key until renewed, and gives each scope its own', () => {
    const { result } = renderHook(() => useIdempotencyKey());
    const first = result.current.keyFor();
    expect(result.current.keyFor()).toBe(first);
    expect(result.current.keyFor('meeting-2')).not.toBe(first);
    act(() => result.current.renew());
    expect(result.current.keyFor()).not.toBe(first);
  });
});

describe('forms that create', () => {
  it('sends an instruction again with the same key after a lost answer, and the next one with a new key', async () => {
    loseFirstAnswer();
    const user = renderWith(<InstructionForm meeting={meeting} />);
    const give = async (text: string) => {
      await user.type(screen.getByLabelText('Тапсырма мәтіні'), text);
      await user.type(screen.getByLabelText('Орындау мерзімі'), '2026-12-01');
      await user.click(screen.getByRole('button', { name: 'Тапсырма беру' }));
    };
    await give('Суды беру');
    await vi.waitFor(() => expect(keysSent()).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Тапсырма беру' }));
    await vi.waitFor(() => expect(keysSent()).toHaveLength(2));
    await vi.waitFor(() => expect(screen.getByLabelText<HTMLTextAreaElement>('Тапсырма мәтіні').value).toBe(''));
    await give('Жолды жөндеу');
    await vi.waitFor(() => expect(keysSent()).toHaveLength(3));
    const [first, retry, next] = keysSent();
    expect(first).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(retry).toBe(first);
    expect(next).not.toBe(first);
  });

  it('adds a topic again with the same key after a lost answer, and the next topic with a new key', async () => {
    loseFirstAnswer();
    const user = renderWith(<AgendaItemForm meetingId={41} />);
    const topic = () => screen.getByLabelText<HTMLInputElement>('Немесе тақырып');
    await user.type(topic(), 'Жылу маусымы');
    await user.keyboard('{Enter}');
    await vi.waitFor(() => expect(keysSent()).toHaveLength(1));
    await user.keyboard('{Enter}');
    await vi.waitFor(() => expect(keysSent()).toHaveLength(2));
    await vi.waitFor(() => expect(topic().value).toBe(''));
    await user.type(topic(), 'Қоқыс');
    await user.keyboard('{Enter}');
    await vi.waitFor(() => expect(keysSent()).toHaveLength(3));
    const [first, retry, next] = keysSent();
    expect(retry).toBe(first);
    expect(next).not.toBe(first);
  });

  it('adds a comment on a hotspot again with the same key after a lost answer, and the next with a new key', async () => {
    loseFirstAnswer();
    const hotspot = {
      type: 'Feature',
      id: '5f0c6c1e-8d8e-4b7a-9a43-0c1d2e3f4a5b',
      geometry: { type: 'Point', coordinates: [68.26, 43.3] },
      properties: { status: 'in_progress', version: 4, agency: null },
      history: [],
    } as unknown as HotspotDetail;
    const user = renderWith(<HotspotActions hotspot={hotspot} onEdit={() => undefined} />);
    const note = () => screen.getByLabelText<HTMLTextAreaElement>(i18n.t('hotspots.panel.note'));
    const comment = () => screen.getByRole('button', { name: i18n.t('hotspots.panel.comment') });
    await user.type(note(), 'Құбыр әкелінді');
    await user.click(comment());
    await vi.waitFor(() => expect(keysSent()).toHaveLength(1));
    await vi.waitFor(() => expect(comment()).toHaveProperty('disabled', false));
    await user.click(comment());
    await vi.waitFor(() => expect(keysSent()).toHaveLength(2));
    await vi.waitFor(() => expect(note().value).toBe(''));
    await user.type(note(), 'Жөндеу басталды');
    await user.click(comment());
    await vi.waitFor(() => expect(keysSent()).toHaveLength(3));
    const [first, retry, next] = keysSent();
    expect(first).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(retry).toBe(first);
    expect(next).not.toBe(first);
  });
});
