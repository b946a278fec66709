import { createContext, useContext } from 'react';
import type { PublicPortal } from './types';
import type { Resource } from './useResource';

export const PortalContext = createContext<Resource<PublicPortal>>({ status: 'loading' });

/** `GET /api/public/portal`, loaded once for the whole app. */
export function usePortal(): Resource<PublicPortal> {
  return useContext(PortalContext);
}

/** The portal data once loaded, else null. */
export function usePortalData(): PublicPortal | null {
  const portal = usePortal();
  return portal.status === 'ok' ? portal.data : null;
}
