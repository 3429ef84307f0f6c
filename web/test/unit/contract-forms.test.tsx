// @vitest-environment jsdom
/**
 * Forms check what they would send with the API's own schemas (api/src/contract): a value the API
 * would refuse is told beside its field, in the interface's language, with the focus on the first
 * field to fix; a refusal the API sends anyway is placed beside the field it names. These tests read
 * the limits from the contract, so they fail when the form and the API disagree.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userCreate } from '@oshaq/api/contract/auth';
import { hotspotCreate } from '@oshaq/api/contract/hotspots';
import { categoryCreate } from '@oshaq/api/contract/reference';
import { ReferenceForm } from '../../src/admin/ReferenceForm';
import { UserCreateForm } from '../../src/admin/UserCreateForm';
import { sessionKey } from '../../src/api/hooks';
import type { HotspotDetail } from '../../src/api/types';
import { HotspotActions } from '../../src/hotspots/HotspotActions';
import { HotspotForm } from '../../src/hotspots/HotspotForm';
import { SignInPage } from '../../src/auth/SignInPage';
import { i18n } from '../../src/i18n/i18n';

const fetchStub = vi.fn<typeof fetch>();

function renderWith(ui: ReactNode, signedIn = true, setup?: (client: QueryClient) => void) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  const user = { id: 1, login: 'prokuror', full_name: 'Прокурор', role: 'prosecutor', agency: null, language: 'kk' };
  client.setQueryData(sessionKey, signedIn ? { user, csrf_token: 'c' } : null);
  client.setQueryData(
    ['agencies'],
    [{ code: 'housing', name_kk: 'ТКШ бөлімі', name_ru: 'Отдел ЖКХ', name_en: 'Housing department', active: true }],
  );
  client.setQueryData(
    ['categories'],
    [
      {
        code: 'water',
        name_kk: 'Су',
        name_ru: 'Вода',
        name_en: 'Water',
        colour: '#123456',
        sort_order: 1,
        active: true,
        due_days: { high: 10, critical: 3 },
      },
    ],
  );
  client.setQueryData(['areas'], { type: 'FeatureCollection', features: [] });
  client.setQueryData(['config'], { today: '2026-03-15', time_zone: 'Asia/Almaty', jurisdiction: null });
  setup?.(client);
  const view = render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup({ delay: null }), ...view };
}

const refusal = (errors: { field: string; message: string }[]) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Invalid request', status: 400, detail: 'x', errors }), {
    status: 400,
    headers: { 'Content-Type': 'application/problem+json' },
  });

const byId = (container: HTMLElement, id: string) => container.querySelector(`#${id}`) as HTMLInputElement;

beforeEach(async () => {
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the new account form', () => {
  it('refuses a login the API’s pattern refuses, in Kazakh, and puts the focus on it', async () => {
    expect(userCreate.shape.login.safeParse('Ab').success).toBe(false);
    const { user, container } = renderWith(<UserCreateForm onCreated={() => undefined} onCancel={() => undefined} />);
    await user.type(byId(container, 'new-user-login'), 'Ab');
    await user.click(screen.getByRole('button', { name: i18n.t('admin.userForm.create') }));
    expect((await screen.findByText(i18n.t('admin.userForm.loginRule'))).id).toBe('new-user-login-error');
    expect(document.activeElement).toBe(byId(container, 'new-user-login'));
    expect(byId(container, 'new-user-login').getAttribute('aria-invalid')).toBe('true');
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('puts the API’s refusal of the password beside the password, with the focus there', async () => {
    fetchStub.mockResolvedValue(refusal([{ field: 'password', message: 'is too easy to guess' }]));
    const created = vi.fn();
    const { user, container } = renderWith(<UserCreateForm onCreated={created} onCancel={() => undefined} />);
    await user.type(byId(container, 'new-user-login'), 'a.nurlanov');
    await user.type(byId(container, 'new-user-full_name'), 'Айгүл Нұрланова');
    await user.type(byId(container, 'new-user-password'), 'password1234');
    await user.click(screen.getByRole('button', { name: i18n.t('admin.userForm.create') }));
    const problem = await screen.findByText('is too easy to guess');
    expect(problem.id).toBe('new-user-password-error');
    expect(document.activeElement).toBe(byId(container, 'new-user-password'));
    const body = JSON.parse(String(fetchStub.mock.calls[0]![1]!.body)) as Record<string, unknown>;
    expect(userCreate.safeParse(body).success).toBe(true);
    expect(created).not.toHaveBeenCalled();
  });
});

describe('the category form', () => {
  it('refuses a name longer than the API stores, naming the contract’s limit', async () => {
    const max = categoryCreate.shape.name_kk.maxLength!;
    const { user, container } = renderWith(
      <ReferenceForm kind="categories" onDone={() => undefined} onCancel={() => undefined} />,
    );
    await user.type(byId(container, 'reference-code'), 'water_supply');
    fireEvent.change(byId(container, 'reference-name_kk'), { target: { value: 'с'.repeat(max + 1) } });
    await user.type(byId(container, 'reference-name_ru'), 'Водоснабжение');
    await user.type(byId(container, 'reference-name_en'), 'Water supply');
    await user.click(screen.getByRole('button', { name: i18n.t('admin.reference.add') }));
    expect(await screen.findByText(i18n.t('admin.reference.tooLong', { max }))).toBeTruthy();
    expect(document.activeElement).toBe(byId(container, 'reference-name_kk'));
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('sets a category’s default deadlines per severity, refusing what is not a number of days beside its field', async () => {
    const water = {
      code: 'water',
      name_kk: 'Су',
      name_ru: 'Вода',
      name_en: 'Water',
      colour: '#123456',
      sort_order: 1,
      active: true,
      due_days: { high: 10 },
      duplicate_radius_m: 300,
      version: 1,
    };
    fetchStub.mockResolvedValue(new Response(JSON.stringify({ ...water, due_days: { high: 12, low: 60 } })));
    const { user, container } = renderWith(
      <ReferenceForm kind="categories" item={water} onDone={() => undefined} onCancel={() => undefined} />,
    );
    expect((byId(container, 'reference-due_high') as HTMLInputElement).value).toBe('10');
    await user.type(byId(container, 'reference-due_low'), '6x');
    await user.click(screen.getByRole('button', { name: i18n.t('common.save') }));
    expect((await screen.findByText(i18n.t('admin.reference.daysRule'))).id).toBe('reference-due_low-error');
    expect(fetchStub).not.toHaveBeenCalled();
    await user.clear(byId(container, 'reference-due_low'));
    await user.type(byId(container, 'reference-due_low'), '60');
    await user.clear(byId(container, 'reference-due_high'));
    await user.type(byId(container, 'reference-due_high'), '12');
    await user.click(screen.getByRole('button', { name: i18n.t('common.save') }));
    await vi.waitFor(() => expect(fetchStub).toHaveBeenCalledTimes(1));
    const [path, init] = fetchStub.mock.calls[0]!;
    expect(String(path)).toBe('/api/categories/water');
    expect(JSON.parse(String(init!.body))).toEqual({ due_days: { low: 60, high: 12 } });
  });

  it('refuses a code the API’s code pattern refuses', async () => {
    const { user, container } = renderWith(
      <ReferenceForm kind="agencies" onDone={() => undefined} onCancel={() => undefined} />,
    );
    await user.type(byId(container, 'reference-code'), 'Housing Dept');
    await user.click(screen.getByRole('button', { name: i18n.t('admin.reference.add') }));
    expect((await screen.findByText(i18n.t('admin.reference.codeRule'))).id).toBe('reference-code-error');
  });
});

describe('the hotspot form', () => {
  const point: GeoJSON.Point = { type: 'Point', coordinates: [68.26, 43.3] };

  it('refuses a description longer than the API stores, as the person types', async () => {
    const { container } = renderWith(
      <HotspotForm geometry={point} today="2026-03-15" onSubmit={async () => undefined} onCancel={() => undefined} />,
    );
    const max = hotspotCreate.shape.description.unwrap().maxLength!;
    fireEvent.change(byId(container, 'hotspot-description'), { target: { value: 'x'.repeat(max + 1) } });
    expect((await screen.findByText(i18n.t('common.form.tooLong', { max }))).id).toBe('hotspot-description-error');
  });

  it('says where a place is filed before saving, and refuses one outside the jurisdiction beside the map, in Kazakh', async () => {
    const square = (code: string, level: string, [w, s, e, n]: number[]) => ({
      type: 'Feature',
      id: code.length,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [w, s],
            [e, s],
            [e, n],
            [w, n],
            [w, s],
          ],
        ],
      },
      properties: {
        id: code.length,
        code,
        level,
        name_kk: `${code} kk`,
        name_ru: code,
        name_en: code,
        parent_id: null,
      },
    });
    const areas = {
      type: 'FeatureCollection',
      features: [square('region', 'region', [60, 40, 70, 45]), square('city', 'city', [68, 43, 69, 44])],
    };
    const setup = (client: QueryClient) => {
      client.setQueryData(['areas'], areas);
      client.setQueryData(['config'], { today: '2026-03-15', time_zone: 'Asia/Almaty', jurisdiction: ['city'] });
    };
    const inside = renderWith(
      <HotspotForm geometry={point} today="2026-03-15" onSubmit={vi.fn()} onCancel={() => undefined} />,
      true,
      setup,
    );
    expect(inside.getByTestId('geometry-check').textContent).toBe(
      i18n.t('hotspots.form.geometryOk', { area: 'city kk' }),
    );
    inside.unmount();
    const onSubmit = vi.fn();
    const far: GeoJSON.Point = { type: 'Point', coordinates: [66.5, 42.5] }; // in the region, 150 km off
    const { user, container, getByTestId } = renderWith(
      <HotspotForm geometry={far} today="2026-03-15" onSubmit={onSubmit} onCancel={() => undefined} />,
      true,
      setup,
    );
    expect(getByTestId('geometry-check').textContent).toBe(i18n.t('hotspots.form.outside', { area: 'city kk' }));
    expect(getByTestId('geometry-check').className).toBe('field-error');
    await user.type(byId(container, 'hotspot-title'), 'Алыс');
    await user.selectOptions(byId(container, 'hotspot-category'), 'water');
    await user.selectOptions(byId(container, 'hotspot-agency'), 'housing');
    fireEvent.change(byId(container, 'hotspot-due_on'), { target: { value: '2026-04-01' } });
    await user.click(screen.getByRole('button', { name: i18n.t('hotspots.form.create') }));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('proposes the category’s default deadline for the severity, and keeps a date the person chose', async () => {
    const { user, container } = renderWith(
      <HotspotForm geometry={point} today="2026-03-15" onSubmit={vi.fn()} onCancel={() => undefined} />,
    );
    const due = byId(container, 'hotspot-due_on') as HTMLInputElement;
    await user.selectOptions(byId(container, 'hotspot-category'), 'water');
    expect(due.value).toBe(''); // medium: this category has no default
    await user.selectOptions(byId(container, 'hotspot-severity'), 'high');
    expect(due.value).toBe('2026-03-25');
    await user.selectOptions(byId(container, 'hotspot-severity'), 'critical');
    expect(due.value).toBe('2026-03-18');
    fireEvent.change(due, { target: { value: '2026-04-30' } });
    await user.selectOptions(byId(container, 'hotspot-severity'), 'high');
    expect(due.value).toBe('2026-04-30');
  });

  it('shows the API’s refusal of a field beside that field and keeps the whole refusal in an alert', async () => {
    const { ApiError } = await import('../../src/api/client');
    const onSubmit = vi.fn(async () => {
      throw new ApiError(400, 'Invalid request', 'title is taken', [{ field: 'title', message: 'is taken' }]);
    });
    const { user, container } = renderWith(
      <HotspotForm geometry={point} today="2026-03-15" onSubmit={onSubmit} onCancel={() => undefined} />,
    );
    await user.type(byId(container, 'hotspot-title'), 'Ауыз су жоқ');
    await user.selectOptions(byId(container, 'hotspot-category'), 'water');
    await user.selectOptions(byId(container, 'hotspot-agency'), 'housing');
    fireEvent.change(byId(container, 'hotspot-due_on'), { target: { value: '2026-04-01' } });
    await user.click(screen.getByRole('button', { name: i18n.t('hotspots.form.create') }));
    expect((await screen.findByText('is taken')).id).toBe('hotspot-title-error');
    expect(document.activeElement).toBe(byId(container, 'hotspot-title'));
    const whole = i18n.t('common.errors.generic', { detail: 'title: is taken' });
    expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toContain(whole);
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });
});

describe('the hotspot’s status change', () => {
  const hotspot = {
    type: 'Feature',
    id: '5f0c6c1e-8d8e-4b7a-9a43-0c1d2e3f4a5b',
    geometry: { type: 'Point', coordinates: [68.26, 43.3] },
    properties: { status: 'in_progress', version: 4, agency: null },
    history: [],
  } as unknown as HotspotDetail;

  it('asks for a note beside the note field before closing, and sends nothing', async () => {
    const { user, container } = renderWith(<HotspotActions hotspot={hotspot} onEdit={() => undefined} />);
    await user.click(container.querySelector('[data-action=resolved]') as HTMLButtonElement);
    expect((await screen.findByText(i18n.t('hotspots.panel.noteRequired'))).id).toBe('hotspot-note-error');
    expect(document.activeElement).toBe(byId(container, 'hotspot-note'));
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('sends the trimmed note with the move, as the contract’s transitionRequest', async () => {
    fetchStub.mockResolvedValue(new Response(JSON.stringify({}), { status: 200 }));
    const { user, container } = renderWith(<HotspotActions hotspot={hotspot} onEdit={() => undefined} />);
    await user.type(byId(container, 'hotspot-note'), '  Құбыр ауыстырылды ');
    await user.click(container.querySelector('[data-action=resolved]') as HTMLButtonElement);
    await vi.waitFor(() => expect(fetchStub).toHaveBeenCalled());
    const [path, init] = fetchStub.mock.calls[0]!;
    expect(String(path)).toBe(`/api/hotspots/${hotspot.id}/transitions`);
    expect(JSON.parse(String(init!.body))).toEqual({ to: 'resolved', note: 'Құбыр ауыстырылды' });
    expect((await screen.findByTestId('action-message')).textContent).toBe(i18n.t('hotspots.panel.done'));
  });
});

describe('signing in', () => {
  const signInPage = () => renderWith(<SignInPage />, false);

  it('says beside the login that it is missing, and sends nothing', async () => {
    const { user, container } = signInPage();
    await user.click(screen.getByRole('button', { name: i18n.t('auth.submit') }));
    expect((await screen.findAllByText(i18n.t('common.form.required'))).map((node) => node.id)).toEqual([
      'sign-in-login-error',
      'sign-in-password-error',
    ]);
    expect(document.activeElement).toBe(byId(container, 'sign-in-login'));
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('places a wrong second-factor code (mfa_code_wrong) beside the code field', async () => {
    fetchStub.mockImplementation(async (input) =>
      String(input) === '/api/session'
        ? new Response(JSON.stringify({ mfa: 'required', challenge: 'c-1', expires_at: '2026-03-15T10:00:00Z' }))
        : new Response(
            JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'wrong', code: 'mfa_code_wrong' }),
            { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
          ),
    );
    const { user, container } = signInPage();
    await user.type(byId(container, 'sign-in-login'), 'prokuror');
    await user.type(byId(container, 'sign-in-password'), 'a long password');
    await user.click(screen.getByRole('button', { name: i18n.t('auth.submit') }));
    await user.type(await screen.findByLabelText(i18n.t('auth.mfa.code')), '123456');
    await user.click(screen.getByRole('button', { name: i18n.t('auth.mfa.submit') }));
    expect((await screen.findByText(i18n.t('auth.mfa.wrong'))).id).toBe('mfa-code-error');
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(JSON.parse(String(fetchStub.mock.calls[1]![1]!.body))).toEqual({ challenge: 'c-1', code: '123456' });
  });
});
