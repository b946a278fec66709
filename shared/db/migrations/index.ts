import type { Migration } from './types';
import { migration as m0001 } from './0001_initial';
import { migration as m0002 } from './0002_family_search';
import { migration as m0003 } from './0003_opening_day_edits';
import { migration as m0004 } from './0004_bookings';
import { migration as m0005 } from './0005_waitlist_offers';
import { migration as m0006 } from './0006_staff_plan_qualifications';
import { migration as m0008 } from './0008_attendance';
import { migration as m0009 } from './0009_invoicing';
import { migration as m0011 } from './0011_config_version';
import { migration as m0012 } from './0012_request_confirmations';
import { migration as m0013 } from './0013_booking_creation';

// Bundled with the app (a static import list, no directory scan at run time); a unit test checks
// that every file of this folder is registered here, in order. Numbers 0007 and 0010 were reserved
// for work that needed no migration: the gaps are deliberate, ids are never reused.
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0008, m0009, m0011, m0012, m0013];
