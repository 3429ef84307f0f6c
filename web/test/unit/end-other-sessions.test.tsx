// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionsSection } from '../../src/account/SessionsSection';
import { sessionKey } from '../../src/api/hooks';
import { i18n } from '../../src/i18n/i18n';

/**
 * "End my other sessions" on the account page: a button that opens a confirmation asking for the
 * password (and the code once there is a factor) before anything is sent; the answer says how
 * many ended, and the sessions are read again.
 */

const fetchStub = vi.fn<typeof fetch>();
const session = (current: boolean, ip: string) => ({
  current,
  auth_method: 'password',
  created_at: '2026-12-01T05:00:00Z',
  last_seen_at: '2026-12-01T06:00:00Z',
  expires_at: '2026-12-01T17:00:00Z',
  ip,
  user_agent: null,
});

function renderSessions(sessions: unknown[], enrolled = false) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(sessionKey, {
    user: { id: 1, login: 'v', full_name: 'v', role: 'viewer', agency: null, language: 'kk' },
    csrf_token: 'c',
  });
  client.setQueryData(['config'], { today: '2026-12-07', time_zone: 'Asia/Almaty' });
  client.setQueryData(['account', 'sessions'], sessions);
  client.setQueryData(['account', 'mfa'], { enrolled });
  render(
    <QueryClientProvider client={client}>
      <SessionsSection />
    </QueryClientProvider>,
  );
  return userEvent.setup({ delay: null });
}

const posts = () =>
  fetchStub.mock.calls
    .filter(([, init]) => init?.method === 'POST')
    .map(([path, init]) => ({ path: String(path), body: JSON.parse(String(init?.body)) }));

beforeEach(async () => {
  fetchStub.mockReset();
  fetchStub.mockImplementation(async (input) => {
    if (String(input).endsWith('/end-others')) {
      return new Response(JSON.stringify({ ended: 2 }), { headers: { 'Content-Type': 'application/json' } });
    }
    return new Response(JSON.stringify([session(true, '192.0.2.1')]), {
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ending my other sessions', () => {
  const open = () => screen.getByRole('button', { name: i18n.t('account.sessions.endOthers.open') });
  const confirm = () => screen.getByRole('button', { name: i18n.t('account.sessions.endOthers.submit') });
  const password = () => screen.getByLabelText(i18n.t('account.proof.password'));

  it('asks for the password before sending, then ends them and says how many', async () => {
    const user = renderSessions([session(true, '192.0.2.1'), session(false, '192.0.2.2'), session(false, '192.0.2.3')]);
    await user.click(open());
    expect(screen.getByText(i18n.t('account.sessions.endOthers.confirm'))).toBeTruthy();
    await user.click(confirm());
    expect(posts()).toEqual([]);
    await user.type(password(), 'my password');
    await user.click(confirm());
    expect(await screen.findByText(i18n.t('account.sessions.endOthers.done', { count: 2 }))).toBeTruthy();
    expect(posts()).toEqual([{ path: '/api/me/sessions/end-others', body: { password: 'my password' } }]);
    // The confirmation closed; the sessions are read again.
    expect(screen.queryByLabelText(i18n.t('account.proof.password'))).toBeNull();
    expect(
      fetchStub.mock.calls.some(([path, init]) => String(path) === '/api/me/sessions' && !init?.method?.match(/POST/)),
    ).toBe(true);
  });

  it('sends the code too once the account has a second factor, and nothing when cancelled', async () => {
    const user = renderSessions([session(true, '192.0.2.1'), session(false, '192.0.2.2')], true);
    await user.click(open());
    await user.click(screen.getByRole('button', { name: i18n.t('common.cancel') }));
    expect(posts()).toEqual([]);
    await user.click(open());
    await user.type(password(), 'my password');
    await user.type(screen.getByLabelText(i18n.t('account.proof.code')), '123456');
    await user.click(confirm());
    await screen.findByRole('status');
    expect(posts()).toEqual([
      { path: '/api/me/sessions/end-others', body: { password: 'my password', code: '123456' } },
    ]);
  });

  it('offers nothing to end when this is the only session', () => {
    renderSessions([session(true, '192.0.2.1')]);
    const section = screen.getByTestId('end-other-sessions');
    expect(within(section).getByRole('button', { name: i18n.t('account.sessions.endOthers.open') })).toHaveProperty(
      'disabled',
      true,
    );
  });
});
