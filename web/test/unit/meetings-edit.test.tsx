// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { instructionPatch } from '@oshaq/api/contract/meetings';
import { sessionKey, type Session } from '../../src/api/hooks';
import type { Role } from '../../src/api/types';
import { formatDate, i18n } from '../../src/i18n/i18n';
import type { Instruction, MeetingDetail } from '../../src/meetings/api';
import { editProblems, toInstructionPatch } from '../../src/meetings/InstructionEditForm';
import MeetingDetailPage from '../../src/meetings/MeetingDetailPage';

const instruction: Instruction = {
  id: 12,
  meeting_id: 41,
  agenda_item_id: null,
  hotspot: null,
  text: 'Суды беру',
  given_on: '2026-11-20',
  due_on: '2026-12-01',
  version: 4,
  created_by: 'p',
  created_at: '2026-11-20T05:00:00Z',
  updated_by: 'p',
  updated_at: '2026-11-20T05:00:00Z',
  assignments: [],
};
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
  agenda: [{ id: 8, position: 1, hotspot: null, topic: 'Жылу маусымы', notes: 'Алдыңғы ескертпе', version: 5 }],
  instructions: [instruction],
};

const fetchStub = vi.fn<typeof fetch>();
/** What the API answers for the meeting now: a stale-edit test changes it behind the person's back. */
let served: MeetingDetail = meeting;

function sessionOf(role: Role): Session {
  return { user: { id: 1, login: role, full_name: role, role, agency: null, language: 'kk' }, csrf_token: 'c' };
}

function renderMeeting(role: Role, today = '2026-11-20') {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(sessionKey, sessionOf(role));
  client.setQueryData(['agencies'], []);
  client.setQueryData(['config'], { today, time_zone: 'Asia/Almaty' });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/meetings/41']}>
        <Routes>
          <Route path="/meetings/:id" element={<MeetingDetailPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup({ delay: null });
}

/** The API: the meeting on GET; a PATCH answers `patchAnswer` (by default the change, accepted). */
function serve(patchAnswer: () => Response = () => new Response('{}')) {
  fetchStub.mockImplementation(async (_input, init) =>
    init?.method === 'PATCH' ? patchAnswer() : new Response(JSON.stringify(served)),
  );
}

/** The open edit form: the "give an instruction" form below has fields of the same names. */
const editForm = () => within(screen.getByRole('form', { name: 'Тапсырманың мәтіні мен мерзімі' }));

const patches = () =>
  fetchStub.mock.calls
    .filter(([, init]) => init?.method === 'PATCH')
    .map(([path, init]) => ({
      path: String(path),
      ifMatch: (init?.headers as Record<string, string>)['If-Match'],
      body: JSON.parse(String(init?.body)) as Record<string, unknown>,
    }));

beforeEach(async () => {
  served = meeting;
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('editing an instruction on the meeting page', () => {
  it("sends the prosecutor's new text and deadline on the version shown, then closes the form", async () => {
    serve();
    const user = renderMeeting('prosecutor');
    await user.click(await screen.findByRole('button', { name: 'Тапсырманы өзгерту' }));
    const form = editForm();
    const text = form.getByLabelText('Тапсырма мәтіні');
    expect(document.activeElement).toBe(text);
    await user.clear(text);
    await user.type(text, '  Ауызсуды 1 желтоқсанға дейін беру ');
    await user.clear(form.getByLabelText('Орындау мерзімі'));
    await user.type(form.getByLabelText('Орындау мерзімі'), '2026-12-15');
    await user.click(form.getByRole('button', { name: 'Сақтау' }));
    await vi.waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0]).toEqual({
      path: '/api/instructions/12',
      ifMatch: '"v4"',
      body: { text: 'Ауызсуды 1 желтоқсанға дейін беру', due_on: '2026-12-15' },
    });
    await vi.waitFor(() => expect(screen.queryByRole('form', { name: 'Тапсырманың мәтіні мен мерзімі' })).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Тапсырманы өзгерту' }));
  });

  it('sends only the deadline when the text is left as it was', async () => {
    serve();
    const user = renderMeeting('admin');
    await user.click(await screen.findByRole('button', { name: 'Тапсырманы өзгерту' }));
    await user.clear(editForm().getByLabelText('Орындау мерзімі'));
    await user.type(editForm().getByLabelText('Орындау мерзімі'), '2026-12-20');
    await user.click(editForm().getByRole('button', { name: 'Сақтау' }));
    await vi.waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0]!.body).toEqual({ due_on: '2026-12-20' });
  });

  it('says as the person types that the text is empty or the deadline has passed, and sends nothing', async () => {
    serve();
    const user = renderMeeting('prosecutor', '2026-11-25');
    await user.click(await screen.findByRole('button', { name: 'Тапсырманы өзгерту' }));
    const text = editForm().getByLabelText('Тапсырма мәтіні');
    await user.clear(text);
    // The form checks each change as it comes (a promise), so the words appear a moment later.
    expect(await screen.findByText('Тапсырма мәтінін жазыңыз.')).toBeTruthy();
    expect(text.getAttribute('aria-invalid')).toBe('true');
    await user.type(text, 'Жаңа мәтін');
    await vi.waitFor(() => expect(screen.queryByText('Тапсырма мәтінін жазыңыз.')).toBeNull());
    const due = editForm().getByLabelText('Орындау мерзімі');
    await user.clear(due);
    expect(await screen.findByText('Мерзімді толық жазыңыз: күні, айы, жылы.')).toBeTruthy();
    await user.type(due, '2026-11-22');
    expect(
      await screen.findByText(`Мерзімді өткен күнге қоюға болмайды (бүгін — ${formatDate('2026-11-25')}).`),
    ).toBeTruthy();
    expect(due.getAttribute('aria-invalid')).toBe('true');
    await user.click(editForm().getByRole('button', { name: 'Сақтау' }));
    expect(patches()).toEqual([]);
  });

  it('says someone else changed it when the API answers 412, and shows their newer text', async () => {
    const theirs = { ...instruction, text: 'Басқа біреудің мәтіні', version: 5 };
    serve(() => {
      served = { ...meeting, instructions: [theirs] };
      return new Response(JSON.stringify({ title: 'Precondition Failed', status: 412, current: theirs }), {
        status: 412,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    });
    const user = renderMeeting('prosecutor');
    await user.click(await screen.findByRole('button', { name: 'Тапсырманы өзгерту' }));
    await user.type(editForm().getByLabelText('Тапсырма мәтіні'), ' тез арада');
    await user.click(editForm().getByRole('button', { name: 'Сақтау' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Мұны сізден кейін басқа біреу өзгертті: жаңа күйі көрсетілді, қайта қараңыз.',
    );
    await vi.waitFor(() =>
      expect((editForm().getByLabelText('Тапсырма мәтіні') as HTMLTextAreaElement).value).toBe('Басқа біреудің мәтіні'),
    );
    expect(patches()[0]!.ifMatch).toBe('"v4"');
  });

  it('closes on Escape without sending anything', async () => {
    serve();
    const user = renderMeeting('prosecutor');
    await user.click(await screen.findByRole('button', { name: 'Тапсырманы өзгерту' }));
    await user.type(editForm().getByLabelText('Тапсырма мәтіні'), ' өзгеріс');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Тапсырманың мәтіні мен мерзімі' })).toBeNull();
    expect(screen.getByText('Суды беру')).toBeTruthy();
    expect(patches()).toEqual([]);
  });
});

describe('who may edit', () => {
  it('shows an akimat user the instruction and the notes without any edit control', async () => {
    serve();
    renderMeeting('akimat');
    expect(await screen.findByText('Суды беру')).toBeTruthy();
    expect(screen.getByText('Алдыңғы ескертпе')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Тапсырманы өзгерту' })).toBeNull();
    expect(screen.queryByRole('button', { name: '«Жылу маусымы» мәселесінің ескертпесін өзгерту' })).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});

describe("an agenda item's notes", () => {
  it('are saved on the version shown', async () => {
    serve();
    const user = renderMeeting('prosecutor');
    await user.click(await screen.findByRole('button', { name: '«Жылу маусымы» мәселесінің ескертпесін өзгерту' }));
    const notes = screen.getByLabelText('«Жылу маусымы» мәселесі бойынша ескертпе');
    expect((notes as HTMLTextAreaElement).value).toBe('Алдыңғы ескертпе');
    await user.clear(notes);
    await user.type(notes, 'Жылу 15 қазанда берілді.');
    await user.click(screen.getByRole('button', { name: 'Сақтау' }));
    await vi.waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0]).toEqual({
      path: '/api/meetings/41/agenda/8',
      ifMatch: '"v5"',
      body: { notes: 'Жылу 15 қазанда берілді.' },
    });
  });

  it('say someone else changed them when the API answers 412', async () => {
    serve(() => {
      served = { ...meeting, agenda: [{ ...meeting.agenda[0]!, notes: 'Олардың ескертпесі', version: 6 }] };
      return new Response(JSON.stringify({ title: 'Precondition Failed', status: 412 }), { status: 412 });
    });
    const user = renderMeeting('prosecutor');
    await user.click(await screen.findByRole('button', { name: '«Жылу маусымы» мәселесінің ескертпесін өзгерту' }));
    await user.type(screen.getByLabelText('«Жылу маусымы» мәселесі бойынша ескертпе'), '!');
    await user.click(screen.getByRole('button', { name: 'Сақтау' }));
    expect((await screen.findByRole('alert')).textContent).toContain('басқа біреу өзгертті');
    await vi.waitFor(() =>
      expect((screen.getByLabelText('«Жылу маусымы» мәселесі бойынша ескертпе') as HTMLTextAreaElement).value).toBe(
        'Олардың ескертпесі',
      ),
    );
  });
});

describe('the instruction edit rules', () => {
  const original = { text: 'Суды беру', due_on: '2026-11-10', given_on: '2026-11-01' };

  it('build a patch the API contract accepts, with only what changed', () => {
    const patch = toInstructionPatch({ text: ' Жаңа мәтін ', due_on: '2026-12-01' }, original);
    expect(patch).toEqual({ text: 'Жаңа мәтін', due_on: '2026-12-01' });
    expect(instructionPatch.safeParse(patch).success).toBe(true);
    expect(toInstructionPatch({ text: 'Суды беру', due_on: '2026-11-10' }, original)).toEqual({});
  });

  it('refuse what the contract refuses: blank text and dates that are not calendar days', () => {
    for (const values of [
      { text: '   ', due_on: '2026-12-01' },
      { text: 'Мәтін', due_on: '2026-02-30' },
      { text: 'Мәтін', due_on: '' },
    ]) {
      expect(Object.keys(editProblems(values, original, '2026-11-20')).length).toBe(1);
      const parsed = instructionPatch.safeParse(values.text.trim() ? { due_on: values.due_on } : { text: values.text });
      expect(parsed.success).toBe(false);
    }
  });

  it('refuse a deadline moved into the past or before the meeting, but keep an unchanged overdue one', () => {
    expect(editProblems({ text: 'Мәтін', due_on: '2026-11-15' }, original, '2026-11-20')).toEqual({
      due_on: 'duePast',
    });
    expect(editProblems({ text: 'Мәтін', due_on: '2026-10-31' }, original, '2026-11-20')).toEqual({
      due_on: 'dueBeforeMeeting',
    });
    expect(editProblems({ text: 'Жаңа мәтін', due_on: '2026-11-10' }, original, '2026-11-20')).toEqual({});
  });
});
