// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AreaImportResult } from '@oshaq/api/contract/area-imports';
import type { AreaLevel } from '@oshaq/api/contract/levels';
import { sessionKey, type Session } from '../../src/api/hooks';
import type { AreaCollection } from '../../src/api/types';
import AdminPage from '../../src/admin/AdminPage';
import { i18n } from '../../src/i18n/i18n';

const session: Session = {
  user: { id: 1, login: 'admin', full_name: 'Әкімші', role: 'admin', agency: null, language: 'kk' },
  csrf_token: 'c',
};

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [68, 43],
      [68.1, 43],
      [68.1, 43.1],
      [68, 43],
    ],
  ],
};
const area = (id: number, level: AreaLevel, code: string | null, name_kk: string, parent_id: number | null) => ({
  type: 'Feature' as const,
  id,
  geometry: square,
  properties: { id, code, level, name_kk, name_ru: `${name_kk} (ru)`, name_en: `${name_kk} (en)`, parent_id },
});
const stored = {
  type: 'FeatureCollection',
  features: [
    area(3, 'city_district', '511020000', 'Әл-Фараби ауданы', 1),
    area(2, 'city_district', '511010000', 'Абай ауданы', 1),
    area(1, 'city', '511000000', 'Шымкент', null),
    area(4, 'city_district', null, 'Қаратау ауданы', 1),
  ],
} as AreaCollection;

/** A geoBoundaries-like file: its property names are not the app's. */
const upload = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: square, properties: { KATO: '511030000', ADM3_KK: 'Тұран ауданы', NAME_RU: 'Туран' } },
    {
      type: 'Feature',
      geometry: square,
      properties: { KATO: '511040000', ADM3_KK: 'Еңбекші ауданы', title_en: 'Enbekshi' },
    },
  ],
};

const clean: AreaImportResult = {
  dry_run: true,
  features: 2,
  added: 1,
  updated: 1,
  repaired: [],
  repaired_total: 0,
  problems: [],
  problems_total: 0,
};

const fetchStub = vi.fn<typeof fetch>();
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

function renderBoundaries() {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(sessionKey, session);
  client.setQueryData(['areas'], stored);
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/admin/boundaries']}>
        <Routes>
          <Route path="/admin/*" element={<AdminPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup({ delay: null });
}

const imports = () =>
  fetchStub.mock.calls
    .filter(([path]) => String(path).startsWith('/api/areas/imports'))
    .map(([path, init]) => ({
      query: Object.fromEntries(new URL(String(path), 'http://app').searchParams),
      type: new Headers(init?.headers).get('Content-Type'),
      body: String(init?.body),
    }));

async function chooseFile(user: ReturnType<typeof userEvent.setup>, text: string, name = 'districts.geojson') {
  await user.upload(screen.getByLabelText('GeoJSON файлы'), new File([text], name, { type: 'application/geo+json' }));
}

async function chooseUpload(user: ReturnType<typeof userEvent.setup>) {
  await chooseFile(user, JSON.stringify(upload, null, 2));
  await screen.findByText('«districts.geojson» файлында 2 нысан бар.');
  await user.selectOptions(screen.getByLabelText('Деңгейі'), 'city_district');
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

describe('Boundaries tab', () => {
  it('lists the stored areas by level, then by Kazakh name, with their parent', async () => {
    renderBoundaries();
    expect(screen.getByRole('link', { name: 'Шекаралар' }).getAttribute('aria-current')).toBe('page');
    const rows = within(screen.getByTestId('areas-table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...(row as HTMLTableRowElement).cells].map((cell) => cell.textContent))).toEqual([
      ['Қала', '511000000', 'Шымкент', '—'],
      ['Қаладағы аудан', '511010000', 'Абай ауданы', 'Шымкент'],
      ['Қаладағы аудан', '511020000', 'Әл-Фараби ауданы', 'Шымкент'],
      ['Қаладағы аудан', '—', 'Қаратау ауданы', 'Шымкент'],
    ]);
    await i18n.changeLanguage('ru');
    expect(await screen.findByText('Абай ауданы (ru)')).toBeTruthy();
  });

  it("offers the chosen file's property keys, with the first feature's values, and picks the usual ones", async () => {
    const user = renderBoundaries();
    await chooseUpload(user);
    const options = [...(screen.getByLabelText('Код қасиеті') as HTMLSelectElement).options];
    expect(options.map((option) => [option.value, option.textContent])).toEqual([
      ['', '— әдеттегі атаулардан іздеу —'],
      ['KATO', 'KATO — 511030000'],
      ['ADM3_KK', 'ADM3_KK — Тұран ауданы'],
      ['NAME_RU', 'NAME_RU — Туран'],
      ['title_en', 'title_en'],
    ]);
    expect((screen.getByLabelText('Код қасиеті') as HTMLSelectElement).value).toBe('KATO');
    expect((screen.getByLabelText('Қазақша атау қасиеті') as HTMLSelectElement).value).toBe('ADM3_KK');
    expect((screen.getByLabelText('Орысша атау қасиеті') as HTMLSelectElement).value).toBe('NAME_RU');
    expect((screen.getByLabelText('Ағылшынша атау қасиеті') as HTMLSelectElement).value).toBe('');

    // The level cannot be guessed: without one, nothing is sent.
    await user.selectOptions(screen.getByLabelText('Деңгейі'), '');
    await user.click(screen.getByRole('button', { name: 'Тексеру' }));
    // The options are checked through a promise: the words appear a moment after the click.
    expect((await screen.findByRole('alert')).textContent).toBe('Деңгейді таңдаңыз.');
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('checks as a dry run with the chosen level and properties and the file as GeoJSON, and lists the problems', async () => {
    fetchStub.mockResolvedValue(
      json({
        ...clean,
        added: 0,
        updated: 0,
        repaired: [{ feature: 0, field: 'geometry', message: 'Self-intersection[68.05 43.05]' }],
        repaired_total: 1,
        problems: [{ feature: 1, field: 'name_ru', message: 'property NAME_RU is missing' }],
        problems_total: 1,
      }),
    );
    const user = renderBoundaries();
    await chooseUpload(user);
    await user.selectOptions(screen.getByLabelText('Ағылшынша атау қасиеті'), 'title_en');
    await user.type(screen.getByLabelText('Дереккөз'), 'geoBoundaries');
    const importButton = screen.getByRole('button', { name: 'Импорттау' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Тексеру' }));

    const problems = await screen.findByTestId('boundary-problems');
    expect(imports()).toEqual([
      {
        query: {
          dry_run: 'true',
          level: 'city_district',
          code: 'KATO',
          name_kk: 'ADM3_KK',
          name_ru: 'NAME_RU',
          name_en: 'title_en',
          source: 'geoBoundaries',
        },
        type: 'application/geo+json',
        body: JSON.stringify(upload, null, 2),
      },
    ]);
    const cells = within(problems)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...(row as HTMLTableRowElement).cells].map((c) => c.textContent));
    expect(cells).toEqual([['2-нысанЕңбекші ауданы', 'name_ru', 'property NAME_RU is missing']]);
    expect(within(screen.getByTestId('boundary-repaired')).getByText('Self-intersection[68.05 43.05]')).toBeTruthy();
    expect(screen.getByText('1 қате табылды: файлды не баптауларды түзетіп, қайта тексеріңіз.')).toBeTruthy();
    expect(importButton.disabled).toBe(true);
  });

  it('imports only after a clean check of the same options, without dry_run, then reloads the areas', async () => {
    await i18n.changeLanguage('en');
    fetchStub.mockImplementation(async (input) => {
      const path = String(input);
      if (path.startsWith('/api/areas/imports?dry_run=true')) return json(clean);
      if (path.startsWith('/api/areas/imports')) return json({ ...clean, dry_run: false, hotspots_reassigned: 3 }, 201);
      if (path.startsWith('/api/areas')) return json(stored);
      return json({});
    });
    const user = renderBoundaries();
    await user.upload(
      screen.getByLabelText('GeoJSON file'),
      new File([JSON.stringify(upload)], 'districts.json', { type: 'application/json' }),
    );
    await user.selectOptions(await screen.findByLabelText('Level'), 'city_district');
    const importButton = screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement;
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText('No problems: the file can be imported.')).toBeTruthy();
    expect(importButton.disabled).toBe(false);

    // Another option than the one checked: the report no longer stands for what would be sent.
    await user.selectOptions(screen.getByLabelText('Level'), 'district');
    expect(importButton.disabled).toBe(true);
    await user.selectOptions(screen.getByLabelText('Level'), 'city_district');
    await user.click(screen.getByRole('button', { name: 'Check' }));
    await screen.findByText('No problems: the file can be imported.');
    fetchStub.mockClear();

    await user.click(importButton);
    expect((await screen.findByTestId('boundary-imported')).textContent).toBe(
      'Import done: 1 added, 1 updated. The area of 3 hotspots was recalculated.',
    );
    expect(imports().map((sent) => sent.query)).toEqual([
      { level: 'city_district', code: 'KATO', name_kk: 'ADM3_KK', name_ru: 'NAME_RU' },
    ]);
    expect(fetchStub.mock.calls.some(([path]) => String(path).startsWith('/api/areas?'))).toBe(true);
    expect(importButton.disabled).toBe(true);
  });

  it('shows the problems of a refused import', async () => {
    fetchStub.mockImplementation(async (input) =>
      String(input).includes('dry_run=true')
        ? json(clean)
        : json(
            {
              type: 'about:blank',
              title: 'Unprocessable Content',
              status: 422,
              detail: '1 feature cannot be imported',
              problems: [{ feature: -1, message: 'the KATO code 511030000 is already taken by a district' }],
            },
            422,
            'application/problem+json',
          ),
    );
    const user = renderBoundaries();
    await chooseUpload(user);
    await user.click(screen.getByRole('button', { name: 'Тексеру' }));
    await user.click(await screen.findByRole('button', { name: 'Импорттау', description: /қатесіз тексерілгеннен/ }));
    const problems = await screen.findByTestId('boundary-problems');
    expect(within(problems).getByText('Бүкіл файл')).toBeTruthy();
    expect(within(problems).getByText('the KATO code 511030000 is already taken by a district')).toBeTruthy();
    expect(screen.getByText(/Импорт қабылданбады, ештеңе өзгерген жоқ/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Импорттау' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('counts every problem of a large file and says the table lists only the first of them', async () => {
    const listed = Array.from({ length: 1000 }, (_, i) => ({ feature: i, field: 'name_ru', message: 'missing' }));
    fetchStub.mockResolvedValue(json({ ...clean, problems: listed, problems_total: 4321 }));
    const user = renderBoundaries();
    await chooseUpload(user);
    await user.click(screen.getByRole('button', { name: 'Тексеру' }));
    expect(await screen.findByText(/^4\D?321 қате табылды/)).toBeTruthy();
    expect(screen.getByText(/^Барлығы 4\D?321 қатенің алғашқы 1\D?000 қатесі$/)).toBeTruthy();
  });

  it("draws the file's outlines on a small map when the preview is opened, the ones at fault in red", async () => {
    fetchStub.mockResolvedValue(
      json({ ...clean, problems: [{ feature: 1, field: 'geometry', message: 'too small' }], problems_total: 1 }),
    );
    const user = renderBoundaries();
    await chooseUpload(user);
    await user.click(screen.getByRole('button', { name: 'Тексеру' }));
    await screen.findByTestId('boundary-problems');
    expect(screen.queryByRole('region', { name: '«districts.geojson» файлындағы шекаралар' })).toBeNull();
    await user.click(screen.getByText('Картада көру'));
    const map = await screen.findByRole('region', { name: '«districts.geojson» файлындағы шекаралар' });
    await waitFor(() => expect(map.querySelectorAll('path.leaflet-interactive')).toHaveLength(2));
    const strokes = [...map.querySelectorAll('path.leaflet-interactive')].map((path) => path.getAttribute('stroke'));
    expect(strokes).toEqual(['#1f5fa8', '#c0392b']);
  });

  it('says plainly when the file is not JSON or not a FeatureCollection, and sends nothing', async () => {
    const user = renderBoundaries();
    await chooseFile(user, '<kml>not json</kml>', 'districts.json');
    expect((await screen.findByRole('alert')).textContent).toBe(
      '«districts.json» файлы JSON емес, оны оқу мүмкін болмады. GeoJSON файлын таңдаңыз.',
    );
    expect(screen.queryByRole('button', { name: 'Тексеру' })).toBeNull();
    await chooseFile(user, JSON.stringify({ type: 'Feature', properties: {}, geometry: square }));
    expect((await screen.findByRole('alert')).textContent).toContain('GeoJSON FeatureCollection емес');
    expect(fetchStub).not.toHaveBeenCalled();
  });
});
