import type { Migration } from './types';
import { migration as m0001 } from './0001_initial';
import { migration as m0002 } from './0002_family_search';
import { migration as m0003 } from './0003_opening_day_edits';
import { migration as m0004 } from './0004_bookings';

// Bundled with the app (a static import list, no directory scan at run time); a unit test checks
// that every file of this folder is registered here, in order.
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004];
