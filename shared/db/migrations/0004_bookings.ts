import type { Migration } from './types';

// Reservations (issue 5): a request's history reads its bookings by request; the private
// calendar feed finds its family by the hash of the feed's token (never the token itself).
export const migration: Migration = {
  id: '0004_bookings',
  statements: [
    `CREATE INDEX bookings_request ON bookings(request_id)`,
    `CREATE INDEX bookings_cancel_request ON bookings(cancel_request_id) WHERE cancel_request_id IS NOT NULL`,
    `CREATE UNIQUE INDEX families_ical_token ON families(ical_token) WHERE ical_token IS NOT NULL`,
  ],
};
