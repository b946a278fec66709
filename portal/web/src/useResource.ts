import { useEffect, useState } from 'react';
import { toApiError, type ApiError } from './api';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: ApiError };

type Loader<T> = (signal: AbortSignal) => Promise<T>;

interface Settled<T> {
  loader: Loader<T>;
  resource: Resource<T>;
}

const LOADING = { status: 'loading' } as const;

/**
 * Runs `load` when it changes (pass a module function or a `useCallback`) and aborts
 * the previous request. Answers `loading` until the current loader settles.
 */
export function useResource<T>(load: Loader<T>): Resource<T> {
  const [settled, setSettled] = useState<Settled<T> | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => setSettled({ loader: load, resource: { status: 'ok', data } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setSettled({ loader: load, resource: { status: 'error', error: toApiError(error) } });
      },
    );
    return () => controller.abort();
  }, [load]);

  return settled !== null && settled.loader === load ? settled.resource : LOADING;
}
