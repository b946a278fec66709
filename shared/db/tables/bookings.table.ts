import type { Generated } from 'kysely';
import type { ActorType } from './system.table';
import type { Bool, Id, IsoDate, IsoInstant } from './common';

export interface EnrolmentsTable {
  id: Id;
  family_id: number;
  child_id: number;
  service_id: number;
  period_id: number;
  group_id: number | null;
  status: 'pending' | 'accepted' | 'refused' | 'cancelled';
  reason: string | null;
  created_at: IsoInstant;
  decided_at: IsoInstant | null;
  decided_by: number | null;
}

export interface RequestsTable {
  id: Id;
  family_id: number;
  created_by_account_id: number | null;
  created_by_staff_id: number | null;
  staff_reason: string | null;
  created_at: IsoInstant;
  /**
   * The confirmation e-mail still to compose: each line's state as validated (JSON, written by
   * `submitRequest`, read and cleared by `composeDueConfirmations`); null once queued.
   */
  confirmation_lines: Generated<string | null>;
}

export type BookingStatus =
  | 'pending'
  | 'waitlisted'
  | 'accepted'
  | 'refused'
  | 'cancellation_pending'
  | 'cancelled';

export interface BookingsTable {
  id: Id;
  family_id: number;
  child_id: number;
  service_id: number;
  period_id: number;
  unit_id: number;
  group_id: number | null;
  date: IsoDate;
  status: BookingStatus;
  status_reason: string | null;
  request_id: number | null;
  cancel_request_id: number | null;
  late: Generated<Bool>;
  surcharge_cents: Generated<number>;
  billed_if_cancelled: Generated<Bool>;
  exceptional_absence: Generated<Bool>;
  booked_by_staff_id: number | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
  version: Generated<number>;
  /** A waitlisted line offered a freed place until then (migration 0005); null otherwise. */
  offer_expires_at: IsoInstant | null;
  /**
   * The state and the line's reason given when the request was validated: the booking's first
   * event, not written in booking_events (decision 0016). Null for bookings written before
   * migration 0013, whose first event is a row of booking_events.
   */
  created_status: Generated<BookingStatus | null>;
  created_reason: Generated<string | null>;
}

export interface BookingEventsTable {
  id: Id;
  booking_id: number;
  at: IsoInstant;
  from_status: BookingStatus | null;
  to_status: BookingStatus;
  actor_type: ActorType;
  actor_id: number | null;
  reason: string | null;
}

export type AttendanceState = 'present' | 'absent_justified' | 'absent_unjustified' | 'present_unbooked';

export interface AttendanceTable {
  id: Id;
  booking_id: number | null;
  family_id: number;
  child_id: number;
  service_id: number;
  unit_id: number;
  group_id: number | null;
  date: IsoDate;
  state: AttendanceState;
  justification: 'illness' | 'illness_certificate' | 'school' | 'other' | null;
  recorded_by: number | null;
  recorded_at: IsoInstant;
  version: Generated<number>;
}

