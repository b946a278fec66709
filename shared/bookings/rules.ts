/**
 * The booking rules of the guide as pure functions of (service settings, line, now): deadline,
 * outcome of a booking, outcome of a cancellation, places left, whether a day is open. The clock
 * is always a parameter; nothing here reads the store.
 */
import { addDays, parisToday, type IsoDate } from '../calendar/dates';
import type { BookingStatus } from '../db/tables/bookings.table';
import type {
  ApprovalMode,
  DayPattern,
  LateBookingPolicy,
  LateCancellationPolicy,
  ServiceKind,
} from '../db/tables/services.table';
import type { Ratio } from '../services/rules';
import { formatEuros } from '../tariffs/money';

/** The settings of a service the booking rules read. */
export interface BookingSettings {
  kind: ServiceKind;
  approvalMode: ApprovalMode;
  deadlineDays: number;
  lateBookingPolicy: LateBookingPolicy;
  lateCancellationPolicy: LateCancellationPolicy;
  bookingsFinal: boolean;
  lateBookingSurchargeCents: number;
  noPlacePolicy: 'refuse' | 'waitlist';
}

/** Bookings that hold a place: staff accept pending lines later, in arrival order, while places remain. */
export const PLACE_HOLDING_STATUSES = ['accepted', 'cancellation_pending'] as const satisfies readonly BookingStatus[];
/** Bookings that are still "on": refused and cancelled rows are history only. */
export const LIVE_STATUSES = ['pending', 'waitlisted', 'accepted', 'cancellation_pending'] as const satisfies readonly BookingStatus[];

/** The guide's words for each state, as parents read them in the portal and the e-mails. */
export const STATUS_LABELS: Record<BookingStatus, string> = {
  pending: 'EN ATTENTE DE TRAITEMENT',
  waitlisted: "LISTE D'ATTENTE",
  accepted: 'ACCEPTÉE',
  refused: 'REFUSÉE',
  cancellation_pending: 'ANNULATION DEMANDÉE',
  cancelled: 'ANNULÉE',
};

// ---- messages -------------------------------------------------------------------------------------

export const PAST_DATE_MESSAGE = 'Cette date est passée.';
export const NO_PLACE_MESSAGE = 'Plus de place disponible ce jour-là.';
export const WAITLIST_MESSAGE = "Plus de place disponible ce jour-là : la demande est inscrite sur la liste d'attente.";
export const FINAL_BILLED_MESSAGE = 'Les réservations des vacances sont définitives : la journée reste facturée.';
export const LATE_CANCELLATION_BILLED_MESSAGE = 'Annulation hors délai : la réservation reste facturée.';

const days = (n: number): string => `${n} jour${n > 1 ? 's' : ''}`;

export function lateRefusedMessage(deadlineDays: number): string {
  return `Réservation hors délai : au plus tard ${days(deadlineDays)} avant.`;
}

/** "Repas majoré de 1,00 € : réservation hors délai." (cantine), "Majoration de … " elsewhere. */
export function surchargeMessage(settings: Pick<BookingSettings, 'kind' | 'lateBookingSurchargeCents'>): string {
  const amount = formatEuros(settings.lateBookingSurchargeCents);
  return settings.kind === 'restauration'
    ? `Repas majoré de ${amount} : réservation hors délai.`
    : `Majoration de ${amount} : réservation hors délai.`;
}

// ---- deadline -------------------------------------------------------------------------------------

export { parisToday } from '../calendar/dates';

/**
 * The last day on which a date can still be booked or cancelled in time: D − deadlineDays, a whole
 * Paris day (until 23:59:59 that day). "Au plus tard 7 jours avant": for Thursday 3 December, the
 * Thursday 26 November included.
 */
export const lastDayInTime = (date: IsoDate, deadlineDays: number): IsoDate => addDays(date, -deadlineDays);

/** Past the deadline: today (Paris) is after D − deadlineDays. */
export function isLate(settings: Pick<BookingSettings, 'deadlineDays'>, date: IsoDate, now: Date): boolean {
  return parisToday(now) > lastDayInTime(date, settings.deadlineDays);
}

/** Before today (Paris); today itself is not past. */
export const isPast = (date: IsoDate, now: Date): boolean => date < parisToday(now);

// ---- booking --------------------------------------------------------------------------------------

export type BookingOutcome = 'accepted' | 'pending' | 'waitlisted' | 'refused';

export interface BookingDecision {
  outcome: BookingOutcome;
  /** Why refused or waitlisted, or why surcharged; null otherwise. */
  reason: string | null;
  late: boolean;
  surchargeCents: number;
}

/**
 * What a booking line becomes:
 * - a past date is refused;
 * - past the deadline, the late-booking policy: refused, accepted with the surcharge (repas
 *   majoré), or accepted as usual;
 * - automatic approval: accepted while a place remains (`placesLeft` null = no limit), else refused
 *   or put on the waiting list per the service's no-place policy;
 * - manual approval: pending (EN ATTENTE DE TRAITEMENT), places are counted when staff accept.
 */
export function bookingOutcome(settings: BookingSettings, line: { date: IsoDate; placesLeft: number | null }, now: Date): BookingDecision {
  if (isPast(line.date, now)) return { outcome: 'refused', reason: PAST_DATE_MESSAGE, late: true, surchargeCents: 0 };
  const late = isLate(settings, line.date, now);
  let surchargeCents = 0;
  let reason: string | null = null;
  if (late) {
    if (settings.lateBookingPolicy === 'refuse') {
      return { outcome: 'refused', reason: lateRefusedMessage(settings.deadlineDays), late, surchargeCents: 0 };
    }
    if (settings.lateBookingPolicy === 'surcharge' && settings.lateBookingSurchargeCents > 0) {
      surchargeCents = settings.lateBookingSurchargeCents;
      reason = surchargeMessage(settings);
    }
  }
  if (settings.approvalMode === 'manual') return { outcome: 'pending', reason, late, surchargeCents };
  if (line.placesLeft === null || line.placesLeft > 0) return { outcome: 'accepted', reason, late, surchargeCents };
  return settings.noPlacePolicy === 'waitlist'
    ? { outcome: 'waitlisted', reason: WAITLIST_MESSAGE, late, surchargeCents }
    : { outcome: 'refused', reason: NO_PLACE_MESSAGE, late, surchargeCents: 0 };
}

// ---- cancellation ---------------------------------------------------------------------------------

export type CancellationDecision =
  | {
      ok: true;
      outcome: 'cancelled' | 'cancellation_pending';
      /** Why the day stays billed; null when it does not. */
      reason: string | null;
      stillBilled: boolean;
      late: boolean;
    }
  | { ok: false; message: string };

/**
 * What a cancellation line does to a booking:
 * - a pending or waitlisted line is withdrawn (cancelled), never billed;
 * - an accepted line: holiday bookings are final (cancelled, still billed); past the deadline and
 *   under a "billed" policy, cancelled and still billed; otherwise cancelled free;
 * - on a manual-approval service, an accepted line becomes `cancellation_pending` (staff confirm
 *   it) with the same billing flag;
 * - a past day, an already requested cancellation, a refused or cancelled line: not cancellable.
 */
export function cancellationOutcome(settings: BookingSettings, booking: { date: IsoDate; status: BookingStatus }, now: Date): CancellationDecision {
  if (booking.status === 'cancellation_pending') return { ok: false, message: "L'annulation de cette réservation est déjà demandée." };
  if (booking.status === 'refused' || booking.status === 'cancelled') {
    return { ok: false, message: 'Cette réservation est déjà annulée ou refusée.' };
  }
  if (isPast(booking.date, now)) return { ok: false, message: 'Cette journée est passée : elle ne peut plus être annulée.' };
  const late = isLate(settings, booking.date, now);
  if (booking.status === 'pending' || booking.status === 'waitlisted') {
    return { ok: true, outcome: 'cancelled', reason: null, stillBilled: false, late };
  }
  let reason: string | null = null;
  if (settings.bookingsFinal) reason = FINAL_BILLED_MESSAGE;
  else if (late && settings.lateCancellationPolicy === 'billed') reason = LATE_CANCELLATION_BILLED_MESSAGE;
  const outcome = settings.approvalMode === 'manual' ? 'cancellation_pending' : 'cancelled';
  return { ok: true, outcome, reason, stillBilled: reason !== null, late };
}

// ---- staff on a family's behalf -------------------------------------------------------------------

export const STAFF_CANCELLATION_BILLED_MESSAGE = 'Annulation enregistrée par le service : la journée reste facturée.';

/**
 * What a booking line asked by staff on a family's behalf (an unforeseeable need) becomes: the
 * deadline neither refuses nor surcharges it and the approval mode does not apply (staff decide
 * now); places still do — accepted while one remains, else refused or waitlisted per the service,
 * exactly as for parents. A past day is still refused: presence without a booking is recorded by
 * the attendance, not by a request.
 */
export function staffBookingOutcome(settings: BookingSettings, line: { date: IsoDate; placesLeft: number | null }, now: Date): BookingDecision {
  if (isPast(line.date, now)) return { outcome: 'refused', reason: PAST_DATE_MESSAGE, late: true, surchargeCents: 0 };
  const late = isLate(settings, line.date, now);
  if (line.placesLeft === null || line.placesLeft > 0) return { outcome: 'accepted', reason: null, late, surchargeCents: 0 };
  return settings.noPlacePolicy === 'waitlist'
    ? { outcome: 'waitlisted', reason: WAITLIST_MESSAGE, late, surchargeCents: 0 }
    : { outcome: 'refused', reason: NO_PLACE_MESSAGE, late, surchargeCents: 0 };
}

/**
 * A cancellation by staff on a family's behalf: never refused by the deadline nor by final holiday
 * bookings, and confirmed at once (an ANNULATION DEMANDÉE included). Staff choose whether the day
 * stays billed (`billed`); a pending or waitlisted line is never billed. A past day, or a line
 * already refused or cancelled, cannot be cancelled (an absence is the attendance's business).
 */
export function staffCancellationOutcome(
  settings: Pick<BookingSettings, 'deadlineDays'>,
  booking: { date: IsoDate; status: BookingStatus },
  now: Date,
  billed: boolean,
): CancellationDecision {
  if (booking.status === 'refused' || booking.status === 'cancelled') {
    return { ok: false, message: 'Cette réservation est déjà annulée ou refusée.' };
  }
  if (isPast(booking.date, now)) return { ok: false, message: 'Cette journée est passée : elle ne peut plus être annulée.' };
  const late = isLate(settings, booking.date, now);
  if (booking.status === 'pending' || booking.status === 'waitlisted') {
    return { ok: true, outcome: 'cancelled', reason: null, stillBilled: false, late };
  }
  return { ok: true, outcome: 'cancelled', reason: billed ? STAFF_CANCELLATION_BILLED_MESSAGE : null, stillBilled: billed, late };
}

// ---- places ---------------------------------------------------------------------------------------

/** The limits that apply to one (date, unit, group); null = no limit of that kind. */
export interface PlaceLimits {
  /** The group's places (per day and unit). */
  groupMaxPlaces: number | null;
  /** The service's places (per day and unit, all groups together). */
  serviceMaxPlaces: number | null;
  /** The activity's places that day (all groups together). */
  activityPlaces: number | null;
  /** Animators planned that day for the group, with the ratio that applies; null = no plan. */
  staffing: { animators: number; ratio: Ratio } | null;
  /** The child is under six on that day (the ratio differs). */
  underSix: boolean;
  /**
   * The group takes children under six and of six and over: the places held do not say their
   * ages, so they are counted as under-sixes (the stricter ratio) — never more children than the
   * animators may look after, at the cost of a place or two in a truly mixed group.
   */
  mixedAges?: boolean;
}

/** Places taken by bookings that hold one: in the child's group, and in every group of the day. */
export interface PlacesHeld {
  group: number;
  day: number;
}

/** Children the planned animators may look after: animators × the ratio for the child's age. */
export function ratioPlaces(staffing: { animators: number; ratio: Ratio }, underSix: boolean): number {
  return staffing.animators * (underSix ? staffing.ratio.underSix : staffing.ratio.sixPlus);
}

/**
 * Places left for one more child: the tightest of the group's places, the service's places, the
 * activity's places and the staffing (ratio × animators), each minus what already holds a place in
 * its scope; null when nothing limits the day.
 */
export function placesLeft(limits: PlaceLimits, held: PlacesHeld): number | null {
  const candidates: number[] = [];
  if (limits.groupMaxPlaces !== null) candidates.push(limits.groupMaxPlaces - held.group);
  if (limits.staffing !== null) {
    const { animators, ratio } = limits.staffing;
    if (limits.mixedAges) {
      // Free room in under-six seats; a child of six or more takes underSix/sixPlus of a seat.
      const free = animators * ratio.underSix - held.group;
      candidates.push(limits.underSix ? free : Math.floor((free * ratio.sixPlus) / ratio.underSix));
    } else {
      candidates.push(ratioPlaces(limits.staffing, limits.underSix) - held.group);
    }
  }
  if (limits.serviceMaxPlaces !== null) candidates.push(limits.serviceMaxPlaces - held.day);
  if (limits.activityPlaces !== null) candidates.push(limits.activityPlaces - held.day);
  if (candidates.length === 0) return null;
  return Math.max(0, Math.min(...candidates));
}

// ---- days -----------------------------------------------------------------------------------------

export interface DayFacts {
  /** The period's pattern: school holidays close school-day and Wednesday patterns only. */
  pattern: DayPattern;
  /** The opening-day row of the period for that date, if any. */
  openingDay: { closed: boolean; note: string | null } | null;
  publicHoliday: string | null;
  /** Name of the zone's school holidays that include the date, if any. */
  schoolHoliday: string | null;
}

export const SCHOOL_HOLIDAYS_REASON = 'Vacances scolaires';
export const NO_SERVICE_REASON = "Pas d'accueil ce jour-là.";
export const CLOSED_REASON = 'Accueil fermé ce jour-là.';

/**
 * Whether children are welcome on a day, and why not: the staff's note for a closed day, the
 * public holiday, the school holidays (for school-day and Wednesday patterns), or simply not an
 * opening day of the period (a weekend). A day staff opened by hand is open.
 */
export function dayStatus(facts: DayFacts): { open: boolean; closedReason: string | null } {
  if (facts.openingDay && !facts.openingDay.closed) return { open: true, closedReason: null };
  if (facts.openingDay?.closed) {
    const note = facts.openingDay.note?.trim();
    if (note) return { open: false, closedReason: note };
    return { open: false, closedReason: facts.publicHoliday ? `Jour férié : ${facts.publicHoliday}` : CLOSED_REASON };
  }
  if (facts.publicHoliday) return { open: false, closedReason: `Jour férié : ${facts.publicHoliday}` };
  if (facts.schoolHoliday && (facts.pattern === 'school_days' || facts.pattern === 'wednesdays')) {
    return { open: false, closedReason: SCHOOL_HOLIDAYS_REASON };
  }
  return { open: false, closedReason: NO_SERVICE_REASON };
}

// ---- children and groups --------------------------------------------------------------------------

/** Whole years between a birth date and a date. */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The child's age group on a day: the group whose ages include the child's, else the nearest one
 * (the youngest group for a younger child, the oldest for an older one); null for a service
 * without groups.
 */
export function groupFor<G extends { id: number; minAge: number; maxAge: number }>(groups: readonly G[], age: number): G | null {
  if (groups.length === 0) return null;
  const fitting = groups.find((g) => age >= g.minAge && age <= g.maxAge);
  if (fitting) return fitting;
  const sorted = [...groups].sort((a, b) => a.minAge - b.minAge);
  const first = sorted[0] ?? null;
  const last = sorted[sorted.length - 1] ?? null;
  return first && age < first.minAge ? first : last;
}

// ---- rules in plain French ------------------------------------------------------------------------

/** The service's rules as parents read them before booking. */
export function rulesText(settings: BookingSettings): string {
  const sentences: string[] = [];
  sentences.push(
    settings.deadlineDays === 0
      ? "Réservation et annulation possibles jusqu'au jour même."
      : `Réservation et annulation au plus tard ${days(settings.deadlineDays)} avant la date.`,
  );
  switch (settings.lateBookingPolicy) {
    case 'refuse':
      sentences.push("Passé ce délai, la réservation n'est plus possible.");
      break;
    case 'surcharge':
      sentences.push(
        settings.lateBookingSurchargeCents > 0
          ? settings.kind === 'restauration'
            ? `Passé ce délai, la réservation reste possible avec une majoration de ${formatEuros(settings.lateBookingSurchargeCents)} par repas (repas majoré).`
            : `Passé ce délai, la réservation reste possible avec une majoration de ${formatEuros(settings.lateBookingSurchargeCents)}.`
          : 'Passé ce délai, la réservation reste possible.',
      );
      break;
    case 'accept':
      sentences.push('Passé ce délai, la réservation reste possible.');
      break;
  }
  if (settings.approvalMode === 'automatic') {
    sentences.push(
      settings.noPlacePolicy === 'waitlist'
        ? "Les réservations sont acceptées aussitôt dans la limite des places ; au-delà, elles sont inscrites sur liste d'attente."
        : 'Les réservations sont acceptées aussitôt dans la limite des places disponibles.',
    );
  } else {
    sentences.push("Les réservations sont examinées par le service dans l'ordre d'arrivée (EN ATTENTE DE TRAITEMENT), selon les places disponibles.");
  }
  if (settings.bookingsFinal) {
    sentences.push('Les réservations sont définitives : toute annulation ou absence est facturée, sauf absence exceptionnelle.');
  } else if (settings.lateCancellationPolicy === 'billed') {
    sentences.push('Une annulation hors délai reste facturée.');
  } else {
    sentences.push("Une annulation hors délai n'est pas facturée.");
  }
  if (settings.approvalMode === 'manual') sentences.push('Les annulations sont confirmées par le service.');
  return sentences.join(' ');
}

/** The booking settings of a service row. */
export function bookingSettingsOf(row: {
  kind: ServiceKind;
  approval_mode: ApprovalMode;
  deadline_days: number;
  late_booking_policy: LateBookingPolicy;
  late_cancellation_policy: LateCancellationPolicy;
  bookings_final: number;
  late_booking_surcharge_cents: number;
  no_place_policy: 'refuse' | 'waitlist';
}): BookingSettings {
  return {
    kind: row.kind,
    approvalMode: row.approval_mode,
    deadlineDays: row.deadline_days,
    lateBookingPolicy: row.late_booking_policy,
    lateCancellationPolicy: row.late_cancellation_policy,
    bookingsFinal: row.bookings_final === 1,
    lateBookingSurchargeCents: row.late_booking_surcharge_cents,
    noPlacePolicy: row.no_place_policy,
  };
}

/** dd/mm/yyyy, as French letters and messages write a date. */
export const frenchDate = (date: IsoDate): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
