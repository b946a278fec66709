import type { Migration } from './types';

// A booking's creation is recorded on the booking itself (docs/decisions/0016): the state and the
// reason it was given when its request was validated; who asked is the request's. Bookings written
// before this migration keep their creation event in booking_events (these columns stay null).
export const migration: Migration = {
  id: '0013_booking_creation',
  statements: [`ALTER TABLE bookings ADD COLUMN created_status TEXT`, `ALTER TABLE bookings ADD COLUMN created_reason TEXT`],
};
