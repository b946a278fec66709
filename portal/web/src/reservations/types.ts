// Response shapes of the reservation endpoints (docs/API.md, "Reservations (issue 5)").
import type { Id } from '../types';

/** Booking states; a line's `outcome` is one of them too. */
export type BookingStatus = 'pending' | 'waitlisted' | 'accepted' | 'refused' | 'cancellation_pending' | 'cancelled';

export interface CatalogChild {
  id: Id;
  firstName: string;
  lastName: string;
  birthDate: string;
  sharedCustody: boolean;
}

export interface CatalogPeriod {
  id: Id;
  name: string;
  kind: string;
  startDate: string;
  endDate: string;
  bookingsOpen: boolean;
  /** ISO timestamp: when the parents may book this period. */
  bookingsOpenAt: string | null;
}

export interface CatalogUnit {
  id: Id;
  code: string;
  name: string;
  kind: 'accueil' | 'activite';
  startTime: string | null;
  endTime: string | null;
  incompatibleWith: Id[];
}

export interface CatalogService {
  id: Id;
  code: string;
  name: string;
  approvalMode: 'automatic' | 'manual';
  deadlineDays: number;
  /** The service's rules in plain French (deadline, surcharge, cancellation, final). */
  rulesText: string;
  periods: CatalogPeriod[];
  units: CatalogUnit[];
}

export interface Catalog {
  children: CatalogChild[];
  services: CatalogService[];
}

export interface DayUnit {
  unitId: Id;
  placesLeft: number | null;
  price: { priceCents: number; surchargeCents: number } | null;
}

export interface DayActivity {
  unitId: Id;
  name: string;
  placesLeft: number | null;
}

export interface DayBooking {
  id: Id;
  unitId: Id;
  status: BookingStatus;
  statusReason: string | null;
  late: boolean;
  surchargeCents: number;
  billedIfCancelled: boolean;
  /** Shared custody: a booking of the other family, read-only. */
  otherFamily: boolean;
  /** A waiting line offered a freed place until then (« PLACE PROPOSÉE »): the family accepts or refuses it. */
  offerExpiresAt: string | null;
}

export interface PlanningDay {
  date: string;
  open: boolean;
  closedReason: string | null;
  /** Past the deadline: a booking now follows the late policy. */
  late: boolean;
  units: DayUnit[];
  activities: DayActivity[];
  bookings: DayBooking[];
}

export interface PeriodPlanning {
  child: { id: Id; firstName: string; lastName: string };
  period: { id: Id; name: string; startDate: string; endDate: string };
  service: { id: Id; name: string; approvalMode: 'automatic' | 'manual'; deadlineDays: number };
  groupName: string | null;
  days: PlanningDay[];
  /** The server's today, when it says it (days before it cannot be booked). */
  today?: string;
}

export interface FamilyPlanningBooking {
  id: Id;
  childId: Id;
  childName: string;
  serviceId?: Id;
  serviceName: string;
  unitId?: Id;
  unitName: string;
  startTime?: string | null;
  endTime?: string | null;
  status: BookingStatus;
  otherFamily: boolean;
  /** A waiting line offered a freed place until then (« PLACE PROPOSÉE »). */
  offerExpiresAt: string | null;
}

export interface FamilyPlanning {
  days: { date: string; bookings: FamilyPlanningBooking[] }[];
}

export interface RequestHistoryLine {
  bookingId: Id;
  action: 'book' | 'cancel';
  childName: string;
  serviceName: string;
  unitName: string;
  date: string;
  status: BookingStatus;
  statusReason: string | null;
  /** A waiting line offered a freed place until then (« PLACE PROPOSÉE »): the family accepts or refuses it. */
  offerExpiresAt: string | null;
}

export interface RequestHistory {
  items: { id: Id; createdAt: string; lines: RequestHistoryLine[] }[];
}

export type RequestLine = { action: 'book'; childId: Id; date: string; unitId: Id } | { action: 'cancel'; bookingId: Id };

export interface PreviewLine {
  action: 'book' | 'cancel';
  childId: Id;
  childName: string;
  date: string;
  unitId: Id;
  unitName: string;
  serviceName: string;
  outcome: BookingStatus;
  /** Why refused / why billed. */
  reason: string | null;
  priceCents: number | null;
  surchargeCents: number;
  stillBilled: boolean;
}

export interface Preview {
  lines: PreviewLine[];
  totalCents: number;
}

/** The family's answer to an offered place. */
export interface OfferAnswer {
  bookingId: Id;
  status: 'accepted' | 'refused';
  /** The outcome in one French sentence. */
  message: string;
}

export interface Submitted {
  requestId: Id;
  lines: PreviewLine[];
}
