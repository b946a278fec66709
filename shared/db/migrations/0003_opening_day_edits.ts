import type { Migration } from './types';

// Opening days are generated from a period's pattern, then edited by hand (a day closed for a
// staff training, a holiday Wednesday opened exceptionally). Regenerating must keep those edits:
// `manual` says which rows staff set themselves, including a reopened day that carries neither a
// closed flag nor a note.
export const migration: Migration = {
  id: '0003_opening_day_edits',
  statements: [
    `ALTER TABLE opening_days ADD COLUMN manual INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1))`,
    // The calendar of a period counts its bookings per day; regeneration and deletion check them.
    `CREATE INDEX bookings_period_date ON bookings(period_id, date)`,
  ],
};
