import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';

/** The one agency the hotspot form tests choose from. */
const AGENCIES = [
  { code: 'housing', name_kk: 'ТКШ бөлімі', name_ru: 'Отдел ЖКХ', name_en: 'Housing department', active: true },
];

/**
 * Renders a hotspot form (or what holds one) with the reference lists it reads already loaded —
 * the given categories, one agency, no areas — and the server's date, at `path`.
 */
export function renderWithReference(
  element: ReactElement,
  { categories, today, path = '/' }: { categories: unknown[]; today: string; path?: string },
) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(['categories'], categories);
  client.setQueryData(['agencies'], AGENCIES);
  client.setQueryData(['areas'], { type: 'FeatureCollection', features: [] });
  client.setQueryData(['config'], { today, time_zone: 'Asia/Almaty', jurisdiction: null });
  const view = render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>{element}</MemoryRouter>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup({ delay: null }), ...view };
}
