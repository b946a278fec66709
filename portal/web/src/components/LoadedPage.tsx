import type { ReactNode } from 'react';
import type { Resource } from '../useResource';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Loading';

/** A page's title and h1, then its content once loaded (or the error). */
export function LoadedPage<T>({
  title,
  resource,
  children,
}: {
  title: string;
  resource: Resource<T>;
  children: (data: T) => ReactNode;
}) {
  return (
    <>
      <title>{`${title} — Portail famille`}</title>
      <h1>{title}</h1>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <ErrorAlert error={resource.error} />}
      {resource.status === 'ok' && children(resource.data)}
    </>
  );
}
