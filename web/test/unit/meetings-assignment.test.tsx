// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionKey, type Session } from '../../src/api/hooks';
import type { Role } from '../../src/api/types';
import { i18n } from '../../src/i18n/i18n';
import type { Assignment } from '../../src/meetings/api';
import { AssignmentActions } from '../../src/meetings/AssignmentActions';

const AGENCY = 'housing_utilities';

function sessionOf(role: Role, agency: string | null = null): Session {
  return {
    user: { id: 3, login: role, full_name: `Test ${role}`, role, agency, language: 'kk' },
    csrf_token: 'csrf-1',
  };
}

function part(change: Partial<Assignment> = {}): Assignment {
  return {
    agency: AGENCY,
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
    version: 4,
    ...change,
  };
}

const fetchStub = vi.fn<typeof fetch>();

function renderActions(session: Session, assignment: Assignment) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(sessionKey, session);
  client.setQueryData(['agencies'], []);
  render(
    <QueryClientProvider client={client}>
      <AssignmentActions instructionId={17} part={assignment} />
    </QueryClientProvider>,
  );
  return userEvent.setup({ delay: null });
}

/** The one change request the component sent: path, method, If-Match and body. */
function sent() {
  const changes = fetchStub.mock.calls.filter(([, init]) => init?.method === 'POST');
  expect(changes).toHaveLength(1);
  const [path, init] = changes[0]!;
  const headers = init?.headers as Record<string, string>;
  return { path: String(path), ifMatch: headers['If-Match'], body: JSON.parse(String(init?.body)) as unknown };
}

beforeEach(async () => {
  fetchStub.mockReset();
  fetchStub.mockImplementation(async () => new Response(JSON.stringify(part({ status: 'reported' })), { status: 200 }));
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('AssignmentActions', () => {
  it("lets the agency's own akimat staff report, on the version they saw", async () => {
    const user = renderActions(sessionOf('akimat', AGENCY), part());
    await user.click(screen.getByLabelText('Не істелгені туралы есеп'));
    await user.paste('Құбыр жөнделді');
    await user.click(screen.getByRole('button', { name: 'Есеп беру' }));
    await vi.waitFor(() => expect(fetchStub.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(true));
    expect(sent()).toEqual({
      path: `/api/instructions/17/assignments/${AGENCY}/report`,
      ifMatch: '"v4"',
      body: { report: 'Құбыр жөнделді' },
    });
    expect(screen.queryByRole('button', { name: 'Қабылдау' })).toBeNull();
  });

  it('offers nothing to akimat staff of another agency, nor to a viewer', () => {
    renderActions(sessionOf('akimat', 'education'), part());
    expect(screen.queryByRole('button')).toBeNull();
    cleanup();
    renderActions(sessionOf('viewer'), part({ status: 'reported', report: 'Жасалды' }));
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByTestId('assignment-report').textContent).toContain('Жасалды');
  });

  it('asks for the report text instead of sending an empty report', async () => {
    const user = renderActions(sessionOf('akimat', AGENCY), part());
    await user.click(screen.getByRole('button', { name: 'Есеп беру' }));
    expect(screen.getByRole('alert').textContent).toBe('Есеп мәтінін жазыңыз.');
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('lets the secretary accept a reported part, and return it only with a note', async () => {
    const user = renderActions(sessionOf('prosecutor'), part({ status: 'reported', report: 'Жасалды', version: 6 }));
    expect(screen.queryByRole('button', { name: 'Есеп беру' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Қайтару' }));
    expect(screen.getByRole('alert').textContent).toBe('Қайтару себебін жазыңыз.');
    expect(fetchStub).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Қабылдау' }));
    await vi.waitFor(() => expect(fetchStub).toHaveBeenCalled());
    expect(sent()).toEqual({ path: `/api/instructions/17/assignments/${AGENCY}/accept`, ifMatch: '"v6"', body: {} });
  });

  it("says someone else changed it when the API answers 412, in the person's language", async () => {
    await i18n.changeLanguage('ru');
    fetchStub.mockImplementation(
      async () => new Response(JSON.stringify({ title: 'Precondition Failed', status: 412 }), { status: 412 }),
    );
    const user = renderActions(sessionOf('prosecutor'), part({ status: 'reported', report: 'Сделано' }));
    await user.click(screen.getByRole('button', { name: 'Принять' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/кто-то другой/);
  });
});
