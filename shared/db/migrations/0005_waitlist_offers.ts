import type { Migration } from './types';

// Waiting lists (issue 6, docs/decisions/0007-waiting-list.md): a waitlisted line offered a freed
// place keeps its status and carries the offer's expiry; the hourly job finds lapsed offers by it.
export const migration: Migration = {
  id: '0005_waitlist_offers',
  statements: [
    `ALTER TABLE bookings ADD COLUMN offer_expires_at TEXT`,
    `CREATE INDEX bookings_offers ON bookings(offer_expires_at) WHERE offer_expires_at IS NOT NULL`,
  ],
};
