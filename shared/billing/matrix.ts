/**
 * The billing matrix (PRODUCT.md): whether one child-day of one unit is billed, with what
 * surcharge and why, from the booking (if any), the attendance ticked by the animators (if any)
 * and the service's settings. Pure: invoicing and the attendance screens both ask it, so what an
 * animator ticks and what the invoice says can never disagree.
 */
import type { AttendanceState, BookingStatus } from '../db/tables/bookings.table';
import type { ServiceKind } from '../db/tables/services.table';

export type AbsenceJustification = 'illness' | 'illness_certificate' | 'school' | 'other';

export interface BillingServiceSettings {
  kind: ServiceKind;
  /** Holiday bookings are final: absences stay billed unless staff record an exceptional absence. */
  bookingsFinal: boolean;
  /** A justified absence is billed all the same (a commune's choice; off by default). */
  justifiedAbsenceBilled: boolean;
  /** Added when a child is present without a booking (cantine: the repas majoré, 1 €). */
  unbookedPresenceSurchargeCents: number;
}

export interface BillingBooking {
  status: BookingStatus;
  /** Set when the cancellation was late (or the booking final): the day stays billed. */
  billedIfCancelled: boolean;
  /** The late-booking surcharge fixed when the booking was made (repas majoré). */
  surchargeCents: number;
  exceptionalAbsence: boolean;
}

export interface BillingAttendance {
  state: AttendanceState;
  justification: AbsenceJustification | null;
}

export type BillingCode =
  | 'present'
  | 'not_recorded'
  | 'absent_unjustified'
  | 'absent_justified'
  | 'absent_final'
  | 'absent_justified_billed'
  | 'exceptional_absence'
  | 'cancelled_in_time'
  | 'cancelled_late'
  | 'cancellation_pending'
  | 'refused'
  | 'not_processed'
  | 'present_unbooked'
  | 'present_not_processed'
  | 'nothing';

export interface BillingOutcome {
  billed: boolean;
  /** Surcharge billed on top of the unit's price, in cents (0 when not billed). */
  surchargeCents: number;
  code: BillingCode;
  /** Why, in the words an invoice line and a parent understand. */
  explanation: string;
}

export const BILLING_EXPLANATIONS: Record<BillingCode, string> = {
  present: 'Présence',
  not_recorded: 'Réservation acceptée',
  absent_unjustified: 'Absence non justifiée : facturée',
  absent_justified: 'Absence justifiée : non facturée',
  absent_final: 'Vacances : réservation définitive, absence facturée',
  absent_justified_billed: 'Absence justifiée : facturée selon le règlement du service',
  exceptional_absence: 'Absence exceptionnelle accordée : non facturée',
  cancelled_in_time: 'Annulation dans les délais : non facturée',
  cancelled_late: 'Annulation hors délai : facturée',
  cancellation_pending: 'Annulation en attente de traitement : non facturée',
  refused: 'Demande refusée : non facturée',
  not_processed: 'Demande non traitée : non facturée',
  present_unbooked: 'Présence sans réservation : facturée avec majoration',
  present_not_processed: 'Présence (demande en attente de traitement)',
  nothing: 'Ni réservation ni présence',
};

const billed = (code: BillingCode, surchargeCents: number): BillingOutcome => ({
  billed: true,
  surchargeCents,
  code,
  explanation: BILLING_EXPLANATIONS[code],
});
const free = (code: BillingCode): BillingOutcome => ({ billed: false, surchargeCents: 0, code, explanation: BILLING_EXPLANATIONS[code] });

const isPresence = (a: BillingAttendance | null): boolean => a !== null && (a.state === 'present' || a.state === 'present_unbooked');

/** One child-day of one unit: billed or not, the surcharge, and why. */
export function billingOutcome(
  service: BillingServiceSettings,
  booking: BillingBooking | null,
  attendance: BillingAttendance | null,
): BillingOutcome {
  const present = isPresence(attendance);
  const unbooked = (): BillingOutcome => billed('present_unbooked', service.unbookedPresenceSurchargeCents);

  if (booking === null) return present ? unbooked() : free('nothing');

  switch (booking.status) {
    case 'refused':
      return present ? unbooked() : free('refused');
    case 'pending':
    case 'waitlisted':
      // The family asked in time and nobody answered: a child who came is billed, never surcharged.
      return present ? billed('present_not_processed', 0) : free('not_processed');
    case 'cancelled':
      // Staff may waive a cancelled holiday day that stays billed (a hospital stay): exceptional absence.
      if (booking.billedIfCancelled) return booking.exceptionalAbsence && !present ? free('exceptional_absence') : billed('cancelled_late', 0);
      return present ? unbooked() : free('cancelled_in_time');
    case 'cancellation_pending':
      // Decided when the parent asked: a late cancellation stays billed whatever staff answer.
      if (booking.billedIfCancelled) return booking.exceptionalAbsence && !present ? free('exceptional_absence') : billed('cancelled_late', 0);
      return present ? billed('present', booking.surchargeCents) : free('cancellation_pending');
    case 'accepted':
      break;
  }

  if (present) return billed('present', booking.surchargeCents);
  if (booking.exceptionalAbsence) return free('exceptional_absence');
  if (attendance === null) return billed('not_recorded', booking.surchargeCents);
  if (attendance.state === 'absent_unjustified') return billed('absent_unjustified', booking.surchargeCents);
  // A justified absence.
  if (service.bookingsFinal) return billed('absent_final', booking.surchargeCents);
  if (service.justifiedAbsenceBilled) return billed('absent_justified_billed', booking.surchargeCents);
  return free('absent_justified');
}

/** The billing settings of a service row. */
export function billingSettingsOf(row: {
  kind: ServiceKind;
  bookings_final: number;
  justified_absence_billed: number;
  unbooked_presence_surcharge_cents: number;
}): BillingServiceSettings {
  return {
    kind: row.kind,
    bookingsFinal: row.bookings_final === 1,
    justifiedAbsenceBilled: row.justified_absence_billed === 1,
    unbookedPresenceSurchargeCents: row.unbooked_presence_surcharge_cents,
  };
}
