/** Loads data once per mounted component (remount with a `key` to load other data). */
import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from './api';

export type ResourceState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: T };

export interface Resource<T> {
  state: ResourceState<T>;
  /** Loads again, keeping the current data on screen until the answer comes. */
  reload: () => void;
  /** Replaces the data (after a successful change). */
  setData: (data: T) => void;
}

export function useResource<T>(load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    load().then(
      (data) => {
        if (!cancelled) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [load, version]);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  const setData = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return { state, reload, setData };
}
