// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionKey, type Session } from '../../src/api/hooks';
import type { Agency, Category } from '../../src/api/types';
import { i18n } from '../../src/i18n/i18n';
import type { ImportResult } from '../../src/imports/api';
import ImportsPage from '../../src/imports/ImportsPage';

const prosecutor: Session = {
  user: { id: 1, login: 'p', full_name: 'Prosecutor', role: 'prosecutor', agency: null, language: 'kk' },
  csrf_token: 'c',
};
const categories: Category[] = [
  {
    code: 'utilities',
    name_kk: 'Коммуналдық қызметтер',
    name_ru: 'ЖКХ',
    name_en: 'Utilities',
    colour: '#1f77b4',
    sort_order: 1,
    active: true,
    due_days: {},
    duplicate_radius_m: 300,
    version: 1,
  },
];
const agencies: Agency[] = [
  {
    code: 'housing_utilities',
    name_kk: 'ТКШ бөлімі',
    name_ru: 'Отдел ЖКХ',
    name_en: 'Housing department',
    active: true,
    version: 1,
  },
];

const CSV = 'external_ref,title,category,severity,lon,lat\nR-1,Су,utilities,high,68.25,43.3\n';
const clean: ImportResult = { dry_run: true, rows: 3, created: 2, unchanged: 1, problems: [], problems_total: 0 };

/** What the fake API answers to each POST /api/imports, in turn; every call is recorded with its body. */
let answers: Response[] = [];
const sent: { url: URL; contentType: string; body: string }[] = [];
const fetchStub = vi.fn<typeof fetch>(async (input, init) => {
  const url = new URL(String(input), 'http://app');
  if (url.pathname !== '/api/imports') return new Response('[]', { status: 200 });
  const headers = (init?.headers ?? {}) as Record<string, string>;
  sent.push({ url, contentType: headers['Content-Type'] ?? '', body: await (init?.body as Blob).text() });
  const answer = answers.shift();
  if (!answer) throw new Error('no answer prepared');
  return answer;
});

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(sessionKey, prosecutor);
  client.setQueryData(['categories'], categories);
  client.setQueryData(['agencies'], agencies);
  client.setQueryData(['hotspots', { period: 'year' }], { type: 'FeatureCollection', features: [] });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/imports']}>
        <ImportsPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return client;
}

async function choose(file: File) {
  const user = userEvent.setup();
  await user.upload(screen.getByLabelText('Файл (.csv, .geojson, .json)'), file);
  return user;
}

const checkButton = () => screen.getByRole('button', { name: 'Тексеру' });
const importButton = () => screen.getByRole('button', { name: 'Импорттау' });

beforeEach(async () => {
  answers = [];
  sent.length = 0;
  fetchStub.mockClear();
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('ImportsPage', () => {
  it('checks a CSV file as a dry run, sending its text as UTF-8 CSV, and shows what an import would do', async () => {
    renderPage();
    const user = await choose(new File([CSV], 'register.csv', { type: 'text/csv' }));
    expect(screen.getByTestId('import-file-chosen').textContent).toContain('register.csv');
    answers.push(json(200, clean));
    await user.click(checkButton());

    expect(await screen.findByTestId('import-rows')).toHaveProperty('textContent', '3');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url.pathname + sent[0]!.url.search).toBe('/api/imports?dry_run=true');
    expect(sent[0]!.contentType).toBe('text/csv; charset=utf-8');
    expect(sent[0]!.body).toBe(CSV);
    expect(screen.getByTestId('import-created').textContent).toBe('2');
    expect(screen.getByTestId('import-unchanged').textContent).toBe('1');
  });

  it('sends a GeoJSON file as application/geo+json', async () => {
    renderPage();
    const user = await choose(new File(['{"type":"FeatureCollection","features":[]}'], 'old.geojson'));
    answers.push(json(200, clean));
    await user.click(checkButton());
    await screen.findByTestId('import-check');
    expect(sent[0]!.contentType).toBe('application/geo+json');
  });

  it('lists the problems by row with their count, sortable either way, and keeps Import off', async () => {
    renderPage();
    const user = await choose(new File([CSV], 'register.csv', { type: 'text/csv' }));
    const problems = [
      { row: 7, line: 8, field: 'category', message: 'has an unknown code: utility' },
      { row: 2, line: 3, field: 'lat', message: 'is not a number' },
      { row: 7, line: 8, field: 'due_on', message: 'is before registered_on' },
    ];
    answers.push(json(200, { ...clean, created: 0, problems }));
    await user.click(checkButton());

    const table = await screen.findByTestId('import-problems');
    expect(table.querySelector('caption')?.textContent).toBe('Қателер: 3, қатесі бар жолдар: 2');
    const firstCells = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => (row as HTMLTableRowElement).cells[0]!.textContent);
    expect(firstCells()).toEqual(['2', '7', '7']);
    expect(within(table).getAllByRole('row')[2]!.textContent).toContain('has an unknown code: utility');
    await user.click(within(table).getByRole('button', { name: /Жол/ }));
    expect(firstCells()).toEqual(['7', '7', '2']);
    expect(importButton()).toHaveProperty('disabled', true);
  });

  it('words each problem by its code in the interface language, with the values it names', async () => {
    renderPage();
    const user = await choose(new File([CSV], 'register.csv', { type: 'text/csv' }));
    const problems = [
      {
        row: 3,
        line: 4,
        field: 'category',
        message: 'has an unknown code: utility',
        code: 'unknown_code',
        params: { code: 'utility' },
      },
      {
        row: 4,
        line: 5,
        field: 'lat',
        message: 'must be a number in degrees',
        code: 'not_degrees',
        params: { example: '43.30' },
      },
    ];
    answers.push(json(200, { ...clean, created: 0, problems }));
    await user.click(checkButton());
    const text = (await screen.findByTestId('import-problems')).textContent ?? '';
    expect(text).toContain('Белгісіз код: utility');
    expect(text).toContain('Градуспен берілген сан болуы керек, мысалы 43.30.');
    expect(text).not.toContain('must be a number');
  });

  it('says "first 1000 of 100,000" when the API lists only the first problems of a large bad file', async () => {
    renderPage();
    const user = await choose(new File([CSV], 'register.csv', { type: 'text/csv' }));
    const problems = Array.from({ length: 1000 }, (_, i) => ({ row: i + 1, field: 'lat', message: 'is not a number' }));
    answers.push(json(200, { ...clean, rows: 100_000, created: 0, problems, problems_total: 100_000 }));
    await user.click(checkButton());
    const table = await screen.findByTestId('import-problems');
    expect(table.querySelector('caption')?.textContent).toMatch(/^Барлығы 100.000 қатенің алғашқы 1.000 қатесі/);
    for (const [language, words] of [
      ['ru', /^Первые 1.000 из 100.000 ошибок/],
      ['en', /^First 1,000 of 100,000 problems/],
    ] as const) {
      await i18n.changeLanguage(language);
      await waitFor(() => expect(table.querySelector('caption')?.textContent).toMatch(words));
    }
    await i18n.changeLanguage('kk');
  });

  it('words a file refused for its shape (too deep, too many rows) with the limit, in the reader’s language', async () => {
    renderPage();
    const user = await choose(new File([CSV], 'register.csv', { type: 'text/csv' }));
    const problem = { type: 'urn:oshaq:problem:body-too-deep', title: 'Body nested too deeply', status: 400 };
    answers.push(json(400, { ...problem, detail: 'x', code: 'body_too_deep', limit: 64 }, 'application/problem+json'));
    await user.click(checkButton());
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Файлда массивтер мен объектілер 64 деңгейден терең салынған: бұл ГАЖ экспорттайтын GeoJSON емес.',
    );
  });

  it('enables Import only after a clean check of the same file, then imports without dry_run and refreshes the map', async () => {
    const client = renderPage();
    const user = await choose(new File([CSV], 'register.csv', { type: 'text/csv' }));
    expect(importButton()).toHaveProperty('disabled', true);
    answers.push(json(200, clean));
    await user.click(checkButton());
    await waitFor(() => expect(importButton()).toHaveProperty('disabled', false));

    answers.push(json(201, { ...clean, dry_run: false }));
    await user.click(importButton());
    const done = await screen.findByTestId('import-done');
    expect(done.textContent).toContain('Құрылған ошақтар: 2, өзгеріссіз қалғандары: 1.');
    expect(within(done).getByRole('link').getAttribute('href')).toBe('/?period=all');
    expect(sent.map((call) => call.url.search)).toEqual(['?dry_run=true', '']);
    expect(sent[1]!.body).toBe(CSV);
    expect(client.getQueryState(['hotspots', { period: 'year' }])?.isInvalidated).toBe(true);
    expect(importButton()).toHaveProperty('disabled', true);
  });

  it('needs a new check when another file is chosen after a clean one', async () => {
    renderPage();
    const user = await choose(new File([CSV], 'register.csv', { type: 'text/csv' }));
    answers.push(json(200, clean));
    await user.click(checkButton());
    await waitFor(() => expect(importButton()).toHaveProperty('disabled', false));
    await user.upload(screen.getByLabelText('Файл (.csv, .geojson, .json)'), new File(['x'], 'other.csv'));
    expect(importButton()).toHaveProperty('disabled', true);
    expect(screen.queryByTestId('import-check')).toBeNull();
  });

  it('lists the problems of a refused import (422) and asks for a new check', async () => {
    renderPage();
    const user = await choose(new File([CSV], 'register.csv', { type: 'text/csv' }));
    answers.push(json(200, clean));
    await user.click(checkButton());
    await waitFor(() => expect(importButton()).toHaveProperty('disabled', false));
    const refusal = {
      type: 'about:blank',
      title: 'Import refused',
      status: 422,
      detail: '1 of 3 row(s) have problems',
      problems: [{ row: 3, line: 4, field: 'category', message: 'has an unknown code: gone' }],
    };
    answers.push(json(422, refusal, 'application/problem+json'));
    await user.click(importButton());

    const refused = await screen.findByTestId('import-refused');
    expect(refused.textContent).toContain('Импорт қабылданбады');
    expect(within(refused).getByRole('table').textContent).toContain('has an unknown code: gone');
    expect(importButton()).toHaveProperty('disabled', true);
  });

  it('refuses a file above the 20 MB limit before sending anything', async () => {
    renderPage();
    const big = new File(['x'], 'huge.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: 21 * 1024 * 1024 });
    await choose(big);
    expect(screen.getByRole('alert').textContent).toContain('Файл тым үлкен (21 МБ): ең көбі 20 МБ қабылданады');
    expect(checkButton()).toHaveProperty('disabled', true);
    expect(sent).toEqual([]);
  });

  it('offers a template made in the browser: UTF-8 with a BOM, the header, then a Kazakh example', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return `blob:template-${blobs.length}`;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    renderPage();
    const link = await screen.findByRole('link', { name: 'Үлгіні жүктеп алу (CSV)' });
    expect(link.getAttribute('download')).toMatch(/\.csv$/);
    const blob = blobs.at(-1)!;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe(
      'external_ref,title,description,category,severity,agency,registered_on,due_on,source,confidential,lon,lat',
    );
    expect(lines[1]).toContain('Ауыз судың жиі үзілуі');
    expect(lines[1]).toContain(',utilities,medium,housing_utilities,');
    expect(screen.getByText('Коммуналдық қызметтер')).toBeTruthy();
  });
});
