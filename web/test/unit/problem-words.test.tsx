// @vitest-environment jsdom
/**
 * Kazakh everywhere, by construction (issue 13): every code the API can send — each kind of problem
 * and each code of a field at fault, as listed in api/src/contract/problems.ts — has words in kk, ru
 * and en, naming only the values the code carries; and a form showing the API's refusal in Kazakh
 * shows no English, whatever English the API's detail and messages hold.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FIELD_CODES,
  PROBLEM_CODES,
  PROBLEM_KINDS,
  type FieldCode,
  type ProblemCode,
  type ProblemKind,
} from '@oshaq/api/contract/problems';
import { UserCreateForm } from '../../src/admin/UserCreateForm';
import { SignInPage } from '../../src/auth/SignInPage';
import { sessionKey } from '../../src/api/hooks';
import { CODE_WORDS, FIELD_WORDS, KIND_WORDS, kindWords } from '../../src/api/problem-words';
import { i18n } from '../../src/i18n/i18n';
import { LANGUAGES, resources } from '../../src/i18n/resources';

/** The string at a dotted key in one language's resources, without falling back to another. */
function wordsAt(language: (typeof LANGUAGES)[number], key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      resources[language].translation,
    );
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]!);

/** Latin words a Kazakh or Russian sentence may hold: names of formats and standards, not English. */
const LATIN_ALLOWED = new Set(['NUL', 'U', 'GeoJSON', 'Feature', 'FeatureCollection', 'JSON', 'ETag', 'lon', 'lat']);
const englishIn = (text: string) =>
  [...text.replace(/\{\{[^}]*\}\}/g, '').matchAll(/[A-Za-z]+/g)].map((m) => m[0]).filter((w) => !LATIN_ALLOWED.has(w));

describe('words for every code the API can send', () => {
  const fieldCodes = Object.keys(FIELD_CODES) as FieldCode[];
  const kinds = Object.keys(PROBLEM_KINDS) as ProblemKind[];
  const problemCodes = Object.keys(PROBLEM_CODES) as ProblemCode[];

  it('lists the codes it checks (the contract’s lists are not empty)', () => {
    expect(fieldCodes).toEqual(expect.arrayContaining(['required', 'too_long', 'unknown_code', 'end_before_start']));
    expect(kinds).toEqual(expect.arrayContaining(['invalid-request', 'not-found', 'database-unavailable']));
  });

  it.each(LANGUAGES)('has %s words for each field code, naming only the values the code carries', (language) => {
    const faults: string[] = [];
    for (const code of fieldCodes) {
      const words = wordsAt(language, FIELD_WORDS[code]);
      if (typeof words !== 'string' || !words.trim()) faults.push(`${code}: no words`);
      else
        for (const name of placeholders(words))
          if (!(FIELD_CODES[code] as readonly string[]).includes(name)) faults.push(`${code}: {{${name}}} is not sent`);
    }
    expect(faults).toEqual([]);
  });

  it.each(LANGUAGES)('has %s words for each code of a problem as a whole, naming only its values', (language) => {
    const faults: string[] = [];
    for (const code of problemCodes) {
      const words = wordsAt(language, CODE_WORDS[code]);
      if (typeof words !== 'string' || !words.trim()) faults.push(`${code}: no words`);
      else
        for (const name of placeholders(words))
          if (!(PROBLEM_CODES[code] as readonly string[]).includes(name))
            faults.push(`${code}: {{${name}}} is not sent`);
    }
    expect(faults).toEqual([]);
  });

  it.each(LANGUAGES)('has %s words for each kind of problem', (language) => {
    const missing = kinds.filter((kind) => {
      const words = wordsAt(language, KIND_WORDS[kind]);
      return typeof words !== 'string' || !words.trim();
    });
    expect(missing).toEqual([]);
  });

  it.each(['kk', 'ru'] as const)('words the codes in %s without English', (language) => {
    const keys = [
      ...fieldCodes.map((code) => FIELD_WORDS[code]),
      ...problemCodes.map((code) => CODE_WORDS[code]),
      ...kinds.map((kind) => KIND_WORDS[kind]),
    ];
    const english = keys.flatMap((key) => englishIn(String(wordsAt(language, key))).map((word) => `${key}: ${word}`));
    expect(english).toEqual([]);
  });
});

describe('a form showing the API’s refusal in Kazakh', () => {
  const fetchStub = vi.fn<typeof fetch>();
  beforeEach(async () => {
    fetchStub.mockReset();
    vi.stubGlobal('fetch', fetchStub);
    await i18n.changeLanguage('kk');
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('words each field the API names by its code, and shows none of the API’s English', async () => {
    const english = {
      detail:
        'Please correct the request body: password is too easy to guess; full_name must be at most 200 characters.',
      password:
        'is too easy to guess (a common password, a pattern or your name); use a longer phrase of unrelated words',
      fullName: 'must be at most 200 characters',
    };
    const problem = {
      type: 'urn:oshaq:problem:invalid-request',
      title: 'Invalid request',
      status: 400,
      detail: english.detail,
      errors: [
        { field: 'password', code: 'password_guessable', message: english.password },
        { field: 'full_name', code: 'too_long', params: { max: 200 }, message: english.fullName },
      ],
    };
    fetchStub.mockResolvedValue(
      new Response(JSON.stringify(problem), { status: 400, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
    const admin = { id: 1, login: 'admin', full_name: 'Әкімші', role: 'admin', agency: null, language: 'kk' };
    client.setQueryData(sessionKey, { user: admin, csrf_token: 'c' });
    client.setQueryData(['agencies'], []);
    const { container } = render(
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <UserCreateForm onCreated={() => undefined} onCancel={() => undefined} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const user = userEvent.setup({ delay: null });
    await user.type(container.querySelector('#new-user-login') as HTMLInputElement, 'a.nurlanov');
    await user.type(container.querySelector('#new-user-full_name') as HTMLInputElement, 'Айгүл Нұрланова');
    await user.type(container.querySelector('#new-user-password') as HTMLInputElement, 'password1234');
    await user.click(screen.getByRole('button', { name: i18n.t('admin.userForm.create') }));

    const guessable = await screen.findByText(i18n.t(FIELD_WORDS.password_guessable));
    expect(guessable.id).toBe('new-user-password-error');
    expect(container.querySelector('#new-user-full_name-error')?.textContent).toBe(
      i18n.t(FIELD_WORDS.too_long, { max: 200 }),
    );
    const shown = container.textContent ?? '';
    for (const text of Object.values(english)) expect(shown).not.toContain(text);
    // Latin letters left are what the person typed (the login the form repeats), none of the API's words.
    expect(englishIn(shown).filter((word) => !'a.nurlanov'.includes(word))).toEqual([]);
  });

  it('a sign-in refused for a reason of no field says the kind of problem, not the API’s detail', async () => {
    const detail = 'The request body is larger than the 8 KB this endpoint accepts.';
    const problem = { type: 'urn:oshaq:problem:body-too-large', title: 'Request body too large', status: 413, detail };
    fetchStub.mockResolvedValue(
      new Response(JSON.stringify(problem), { status: 413, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
    client.setQueryData(sessionKey, null);
    const { container } = render(
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={['/sign-in']}>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByLabelText('Логин'));
    await user.paste('omarova');
    await user.click(screen.getByLabelText('Құпиясөз'));
    await user.paste('тау-дала-өзен');
    await user.click(container.querySelector('button[type="submit"]') as HTMLButtonElement);
    await screen.findByText(kindWords(problem.type, i18n.t)!);
    expect(container.textContent).not.toContain(detail);
  });
});
