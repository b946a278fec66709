import type { ReactNode } from 'react';
import { getPortal } from '../api';
import { PortalContext } from '../portalContext';
import { useResource } from '../useResource';

export function PortalProvider({ children }: { children: ReactNode }) {
  const portal = useResource(getPortal);
  return <PortalContext value={portal}>{children}</PortalContext>;
}
