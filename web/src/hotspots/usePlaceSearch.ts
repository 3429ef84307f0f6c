import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { PlaceSearchResult } from '@oshaq/api/contract/places';
import { get } from '../api/client';

/** How long typing must pause before the names are looked up: one request per word, not per letter. */
const PAUSE_MS = 200;

/** Settlements and areas whose names hold `text` (empty: no lookup), after a short pause in typing. */
export function usePlaceSearch(text: string) {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const query = useQuery({
    queryKey: ['places', settled],
    queryFn: ({ signal }) => get<PlaceSearchResult>('/api/places', { q: settled, limit: 8 }, signal),
    enabled: settled !== '',
    staleTime: 600_000,
  });
  return { ...query, pending: text !== settled || (settled !== '' && query.isFetching) };
}
