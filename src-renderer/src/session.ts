/** The signed-in staff member, for every page of the app shell. */
import { createContext, useContext } from 'react';
import type { StaffUser } from './types';

export interface SessionValue {
  user: StaffUser;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside the app shell');
  return value;
}
