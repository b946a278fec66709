/** Search as you type: debounced, and an answer that arrives late never replaces a newer one. */
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { toApiError, type ApiError } from '../../api';
import { familiesApi } from '../../familiesApi';
import type { FamilyListItem, FamilyStatus } from '../../types';

export const SEARCH_DEBOUNCE_MS = 150;
/** The server answers 50 results at most. */
export const SEARCH_LIMIT = 50;

type Answer = { key: string; items: FamilyListItem[]; error: null } | { key: string; items: null; error: ApiError };

export interface FamilySearchState {
  /** The query the shown results answer (debounced). */
  query: string;
  loading: boolean;
  items: FamilyListItem[] | null;
  error: ApiError | null;
}

export function useFamilySearch(q: string, status: FamilyStatus | null, enabled = true): FamilySearchState {
  const [debounced] = useDebouncedValue(q.trim(), SEARCH_DEBOUNCE_MS);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const key = `${status ?? ''}|${debounced}`;

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    familiesApi.search({ q: debounced, status }, controller.signal).then(
      (list) => setAnswer({ key, items: list.items, error: null }),
      (caught: unknown) => {
        if (!controller.signal.aborted) setAnswer({ key, items: null, error: toApiError(caught) });
      },
    );
    return () => controller.abort();
  }, [debounced, status, key, enabled]);

  return {
    query: debounced,
    loading: enabled && (answer?.key !== key || debounced !== q.trim()),
    items: answer?.items ?? null,
    error: answer?.error ?? null,
  };
}
