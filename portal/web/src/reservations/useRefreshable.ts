import { useCallback, useMemo, useState } from 'react';
import { useResource, type Resource } from '../useResource';

type Loader<T> = (signal: AbortSignal) => Promise<T>;

// A new loader per version is what makes useResource load the same resource again.
const versioned =
  <T>(load: Loader<T>, _version: number): Loader<T> =>
  (signal) =>
    load(signal);

/**
 * useResource plus `refresh()`: loads the same resource again after the page changed it (an offer
 * answered) and meanwhile keeps showing the data already there, so that the page neither flashes
 * nor loses its state (month shown, focus). Another resource (`load` changed) loads as usual.
 */
export function useRefreshable<T>(load: Loader<T>): { resource: Resource<T>; refresh: () => void } {
  const [version, setVersion] = useState(0);
  const current = useMemo(() => versioned(load, version), [load, version]);
  const resource = useResource(current);
  const [kept, setKept] = useState<{ load: Loader<T>; data: T } | null>(null);
  if (resource.status === 'ok' && (kept?.data !== resource.data || kept.load !== load)) setKept({ load, data: resource.data });
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  if (resource.status === 'loading' && kept && kept.load === load) return { resource: { status: 'ok', data: kept.data }, refresh };
  return { resource, refresh };
}
