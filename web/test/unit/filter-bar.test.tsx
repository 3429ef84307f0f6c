// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Selection } from '../../src/filters/filters';
import { FilterBar } from '../../src/hotspots/FilterBar';
import { i18n } from '../../src/i18n/i18n';

const base: Selection = {
  period: 'all',
  status: [],
  category: [],
  severity: [],
  agency: [],
  overdue: false,
  overdueInstructions: false,
  q: '',
};

function renderBar(selection: Selection, onChange = vi.fn()) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(['categories'], []);
  client.setQueryData(['agencies'], []);
  render(
    <QueryClientProvider client={client}>
      <FilterBar selection={selection} onChange={onChange} />
    </QueryClientProvider>,
  );
  return onChange;
}

beforeEach(async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('{"type":"FeatureCollection","features":[]}')),
  );
  await i18n.changeLanguage('kk');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the map’s filter bar', () => {
  it('keeps the area and the two overdue filters behind "More filters", closed, so the bar stays one row', () => {
    renderBar(base);
    const more = document.querySelector<HTMLDetailsElement>('details[data-filter=more]')!;
    expect(more.open).toBe(false);
    expect(more.querySelector('summary')!.textContent).toBe('Тағы сүзгілер');
    for (const name of ['area', 'overdue', 'overdue_instructions'])
      expect(more.querySelector(`[name=${name}]`), name).not.toBeNull();
    // The main filters stay on the bar itself.
    for (const name of ['period', 'q']) expect(more.querySelector(`[name=${name}]`), name).toBeNull();
  });

  it('counts the folded filters that are set, so a narrowed map is never unexplained', () => {
    renderBar({ ...base, overdue: true, area: 4 });
    const summary = document.querySelector('details[data-filter=more] summary')!;
    expect(summary.textContent).toBe('Тағы сүзгілер: 2');
    expect(summary.className).toBe('active');
  });

  it('writes a folded filter into the selection as before (the URL is unchanged)', () => {
    const onChange = renderBar(base);
    const more = document.querySelector<HTMLElement>('details[data-filter=more]')!;
    fireEvent.click(within(more).getByLabelText('Тапсырмасы мерзімінен кешіккендер'));
    expect(onChange).toHaveBeenCalledWith({ ...base, overdueInstructions: true });
    expect(screen.getByLabelText('Тек мерзімі өткендер')).toBeTruthy();
  });
});
