import { useCallback, useEffect, useState } from 'react';
import { toApiError } from './api';
import type { Resource } from './useResource';

export interface Loaded<T> {
  resource: Resource<T>;
  /** Replaces the data with what a write answered (most writes answer the whole object). */
  set: (data: T) => void;
  /** Loads again, keeping the current data on screen meanwhile; rejects on failure. */
  refresh: () => Promise<T>;
}

/**
 * Like useResource, for data that the page changes: writes replace it in place, so forms and
 * focus stay where they are instead of flashing back to "Chargement…".
 */
export function useLoaded<T>(load: (signal?: AbortSignal) => Promise<T>): Loaded<T> {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => setResource({ status: 'ok', data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setResource({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [load]);

  const set = useCallback((data: T) => setResource({ status: 'ok', data }), []);
  const refresh = useCallback(async () => {
    const data = await load();
    setResource({ status: 'ok', data });
    return data;
  }, [load]);

  return { resource, set, refresh };
}
