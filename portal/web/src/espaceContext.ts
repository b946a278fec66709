import { useOutletContext } from 'react-router';
import type { Me } from './types';

/** The signed-in family, provided by EspaceLayout to the /espace/* pages. */
export function useMe(): Me {
  return useOutletContext<Me>();
}
