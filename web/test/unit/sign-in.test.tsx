// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionKey, type Session } from '../../src/api/hooks';
import { safeNext, SignInPage } from '../../src/auth/SignInPage';
import { i18n } from '../../src/i18n/i18n';

function problem(status: number, title: string, detail: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

const session: Session = {
  user: { id: 7, login: 'omarova', full_name: 'А. Омарова', role: 'akimat', agency: 'housing', language: 'ru' },
  csrf_token: 'csrf-123',
};

/** Answers POST /api/session as the API would; anything else is a request the page should not make. */
let answer: () => Response | Promise<Response>;
const fetchStub = vi.fn<typeof fetch>(async (input, init) => {
  const path = String(input);
  if (path === '/api/session' && init?.method === 'POST') return answer();
  throw new Error(`unexpected request ${init?.method ?? 'GET'} ${path}`);
});

function Here() {
  const location = useLocation();
  return <p data-testid="landed">{location.pathname + location.search}</p>;
}

function renderPage(entry: string) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(sessionKey, null);
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[entry]}>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="*" element={<Here />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return client;
}

/** Fills a field as a person would (focus, then text arrives); pasting keeps the test fast. */
async function fill(user: ReturnType<typeof userEvent.setup>, label: string, text: string) {
  await user.click(screen.getByLabelText(label));
  await user.paste(text);
}

async function signIn(login = 'omarova', password = 'wrong horse') {
  const user = userEvent.setup({ delay: null });
  await fill(user, 'Логин', login);
  await fill(user, 'Құпиясөз', password);
  await user.click(screen.getByRole('button', { name: 'Кіру' }));
}

beforeEach(async () => {
  fetchStub.mockClear();
  vi.stubGlobal('fetch', fetchStub);
  localStorage.clear();
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SignInPage', () => {
  it('shows the sign-in form in Kazakh when nobody is signed in', () => {
    renderPage('/sign-in');
    expect(screen.getByRole('heading', { name: 'Жүйеге кіру' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('says the login or password is wrong when the API answers 401', async () => {
    answer = () => problem(401, 'Unauthorized', 'Wrong login or password');
    renderPage('/sign-in');
    await signIn();
    expect((await screen.findByRole('alert')).textContent).toBe('Логин немесе құпиясөз қате.');
    expect(screen.queryByTestId('landed')).toBeNull();
  });

  it('sends the login and password as JSON to POST /api/session', async () => {
    answer = () => problem(401, 'Unauthorized', 'Wrong login or password');
    renderPage('/sign-in');
    await signIn('omarova', 'pass word');
    await screen.findByRole('alert');
    const [, init] = fetchStub.mock.calls[0]!;
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ login: 'omarova', password: 'pass word' });
  });

  it('says the account is locked for a while when the API answers 429', async () => {
    answer = () => problem(429, 'Too Many Requests', 'Too many failed attempts');
    renderPage('/sign-in');
    await signIn();
    expect((await screen.findByRole('alert')).textContent).toBe('Тым көп сәтсіз әрекет. Кейінірек қайталаңыз.');
  });

  it("shows the API's own explanation for another refusal", async () => {
    answer = () => problem(400, 'Bad Request', 'login: must be at most 64 characters');
    renderPage('/sign-in');
    await signIn();
    expect((await screen.findByRole('alert')).textContent).toBe('login: must be at most 64 characters');
  });

  it('says the server could not be reached when the request fails', async () => {
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    renderPage('/sign-in');
    await signIn();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Серверге қосылу мүмкін болмады. Желіні тексеріп, қайталаңыз.',
    );
  });

  it('shows the wrong-password message in Russian once Russian is chosen', async () => {
    await i18n.changeLanguage('ru');
    answer = () => problem(401, 'Unauthorized', 'Wrong login or password');
    renderPage('/sign-in');
    const user = userEvent.setup({ delay: null });
    await fill(user, 'Логин', 'x');
    await fill(user, 'Пароль', 'y');
    await user.click(screen.getByRole('button', { name: 'Войти' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Неверный логин или пароль.');
  });

  it("goes on to the page asked for, in the person's own language, once signed in", async () => {
    answer = () => new Response(JSON.stringify(session), { status: 201 });
    const client = renderPage(`/sign-in?next=${encodeURIComponent('/dashboard?period=all')}`);
    await signIn('omarova', 'right');
    expect((await screen.findByTestId('landed')).textContent).toBe('/dashboard?period=all');
    expect(i18n.language).toBe('ru');
    expect(localStorage.getItem('oshaq.language')).toBe('ru');
    expect(client.getQueryData(sessionKey)).toEqual(session);
  });

  it('goes to the start page, not another site, when the next address points elsewhere', async () => {
    answer = () => new Response(JSON.stringify(session), { status: 201 });
    renderPage(`/sign-in?next=${encodeURIComponent('//evil.example/steal')}`);
    await signIn('omarova', 'right');
    expect((await screen.findByTestId('landed')).textContent).toBe('/');
  });

  it('tells the person their session ended when sent back to sign in', () => {
    renderPage('/sign-in?expired=1&next=%2F');
    expect(screen.getByRole('status').textContent).toBe('Сессия аяқталды. Қайта кіріңіз — сіз сол бетке ораласыз.');
  });

  it('does not show the form to someone already signed in, but sends them on', () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
    client.setQueryData(sessionKey, session);
    render(
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={['/sign-in?next=%2Fmeeting']}>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="*" element={<Here />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(screen.getByTestId('landed').textContent).toBe('/meeting');
  });
});

describe('safeNext', () => {
  it('keeps a path of this app with its query', () => {
    expect(safeNext('/dashboard?period=all')).toBe('/dashboard?period=all');
    expect(safeNext('/')).toBe('/');
  });

  it.each(['//evil.example', '//evil.example/path', 'https://x', 'http://evil.example/', 'javascript:alert(1)'])(
    'refuses %s, which leaves the app',
    (next) => {
      expect(safeNext(next)).toBe('/');
    },
  );

  it('refuses a path that browsers read as another host because they treat a backslash as a slash', () => {
    // new URL('/\\evil.example', 'https://oshaq.example').host is 'evil.example'.
    expect(new URL('/\\evil.example', 'https://oshaq.example').host).toBe('evil.example');
    expect(safeNext('/\\evil.example')).toBe('/');
  });

  it.each([null, '', 'dashboard'])('falls back to the start page for %j', (next) => {
    expect(safeNext(next)).toBe('/');
  });
});
