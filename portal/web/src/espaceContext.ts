import { useOutletContext } from 'react-router';
import type { Me } from './types';

export interface EspaceContext {
  me: Me;
  /** Reloads `GET /api/me` after a change to the family's name or status. */
  refreshMe: () => Promise<unknown>;
}

/** The signed-in family, provided by EspaceLayout to the /espace/* pages. */
export function useMe(): Me {
  return useOutletContext<EspaceContext>().me;
}

export function useRefreshMe(): () => Promise<unknown> {
  return useOutletContext<EspaceContext>().refreshMe;
}
