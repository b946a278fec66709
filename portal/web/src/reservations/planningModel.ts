import { addDays } from '../../../../shared/calendar/dates';
import type { Id } from '../types';
import { fullName } from './catalog';
import { bookKey, cancelKey, type BookItem, type CancelItem, type DemandeItem } from './demande';
import { HOLDING_STATUSES, LIVE_STATUSES, STATUS_LABELS } from './labels';
import type { CatalogService, DayBooking, PeriodPlanning, PlanningDay } from './types';

// What a period planning shows and allows, from the server's planning and the request being built.

/**
 * The server's today. The planning says it (`today`); otherwise the last day past the deadline
 * bounds it: a day more than the deadline before that one is surely past.
 */
export function planningToday(planning: PeriodPlanning): string | null {
  if (planning.today) return planning.today;
  const late = planning.days.filter((d) => d.late);
  const last = late[late.length - 1];
  return last ? addDays(last.date, 1 - planning.service.deadlineDays) : null;
}

export const isPast = (date: string, today: string | null) => today !== null && date < today;

/** A day on which "Nouvelle présence" is offered. */
export const isBookable = (day: PlanningDay | undefined, today: string | null): day is PlanningDay =>
  day !== undefined && day.open && !isPast(day.date, today);

/** Bookings that hold the day for the child (theirs or the other family's). */
export const holdingBookings = (day: PlanningDay | undefined): DayBooking[] =>
  (day?.bookings ?? []).filter((b) => HOLDING_STATUSES.has(b.status));

/** The family's own bookings that can still be cancelled. */
export const cancellableBookings = (day: PlanningDay | undefined, today: string | null): DayBooking[] =>
  day && !isPast(day.date, today) ? day.bookings.filter((b) => !b.otherFamily && LIVE_STATUSES.has(b.status)) : [];

export interface UnitOption {
  unitId: Id;
  name: string;
  kind: 'accueil' | 'activite';
  startTime: string | null;
  endTime: string | null;
  placesLeft: number | null;
  priceCents: number | null;
  surchargeCents: number;
  incompatibleWith: Id[];
}

/** The accueils and activities of a day, as "Nouvelle présence" lists them. */
export function unitOptions(service: CatalogService, day: PlanningDay): UnitOption[] {
  const options: UnitOption[] = [];
  const seen = new Set<Id>();
  const catalogUnit = (id: Id) => service.units.find((u) => u.id === id);
  for (const du of day.units) {
    const unit = catalogUnit(du.unitId);
    seen.add(du.unitId);
    options.push({
      unitId: du.unitId,
      name: unit?.name ?? day.activities.find((a) => a.unitId === du.unitId)?.name ?? `Accueil ${du.unitId}`,
      kind: unit?.kind ?? 'accueil',
      startTime: unit?.startTime ?? null,
      endTime: unit?.endTime ?? null,
      placesLeft: du.placesLeft,
      priceCents: du.price?.priceCents ?? null,
      surchargeCents: du.price?.surchargeCents ?? 0,
      incompatibleWith: unit?.incompatibleWith ?? [],
    });
  }
  for (const a of day.activities) {
    if (seen.has(a.unitId)) {
      // The activity's own places (the day's session) win over the unit's.
      const o = options.find((x) => x.unitId === a.unitId);
      if (o) {
        o.kind = 'activite';
        o.placesLeft = a.placesLeft;
        o.name = a.name;
      }
      continue;
    }
    const unit = catalogUnit(a.unitId);
    options.push({
      unitId: a.unitId,
      name: a.name,
      kind: 'activite',
      startTime: unit?.startTime ?? null,
      endTime: unit?.endTime ?? null,
      placesLeft: a.placesLeft,
      priceCents: null,
      surchargeCents: 0,
      incompatibleWith: unit?.incompatibleWith ?? [],
    });
  }
  return options.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'accueil' ? -1 : 1));
}

const incompatible = (service: CatalogService, a: Id, b: Id): boolean => {
  const ua = service.units.find((u) => u.id === a);
  const ub = service.units.find((u) => u.id === b);
  return Boolean(ua?.incompatibleWith.includes(b) || ub?.incompatibleWith.includes(a));
};

export const unitName = (service: CatalogService, unitId: Id): string =>
  service.units.find((u) => u.id === unitId)?.name ?? `Accueil ${unitId}`;

/**
 * Why a unit cannot be checked on a day: already booked, or incompatible with a booking of the
 * day or with another checked unit ("incompatible avec Journée (repas compris)"); null if it can.
 */
export function blockedReason(service: CatalogService, unitId: Id, holding: DayBooking[], checked: ReadonlySet<Id>): string | null {
  const own = holding.find((b) => b.unitId === unitId);
  if (own) return `déjà réservé (${STATUS_LABELS[own.status]}${own.otherFamily ? ', autre compte' : ''})`;
  const booked = holding.find((b) => incompatible(service, unitId, b.unitId));
  if (booked) return `incompatible avec ${unitName(service, booked.unitId)} (déjà réservée)`;
  for (const other of checked) {
    if (other !== unitId && incompatible(service, unitId, other)) return `incompatible avec ${unitName(service, other)}`;
  }
  return null;
}

export interface PlanningContext {
  planning: PeriodPlanning;
  service: CatalogService;
}

export function bookItem(ctx: PlanningContext, date: string, unitId: Id, name: string): BookItem {
  return {
    action: 'book',
    key: bookKey(ctx.planning.child.id, date, unitId),
    childId: ctx.planning.child.id,
    childName: fullName(ctx.planning.child),
    serviceName: ctx.service.name,
    periodId: ctx.planning.period.id,
    date,
    unitId,
    unitName: name,
  };
}

export function cancelItem(ctx: PlanningContext, date: string, booking: DayBooking): CancelItem {
  return {
    action: 'cancel',
    key: cancelKey(booking.id),
    bookingId: booking.id,
    childId: ctx.planning.child.id,
    childName: fullName(ctx.planning.child),
    serviceName: ctx.service.name,
    periodId: ctx.planning.period.id,
    date,
    unitId: booking.unitId,
    unitName: unitName(ctx.service, booking.unitId),
  };
}

export interface RecopieResult {
  items: DemandeItem[];
  /** Dates that get at least one new line. */
  dates: string[];
  /** Dates selected by the rule where nothing is added (already booked, already asked, unit not offered). */
  skipped: string[];
}

/** MODE RECOPIE, booking: the selected units on each selected date, where they can be booked. */
export function recopieBookings(
  ctx: PlanningContext,
  days: ReadonlyMap<string, PlanningDay>,
  dates: readonly string[],
  unitIds: readonly Id[],
  inDemande: ReadonlySet<string>,
): RecopieResult {
  const items: DemandeItem[] = [];
  const added: string[] = [];
  const skipped: string[] = [];
  for (const date of dates) {
    const day = days.get(date);
    if (!day) continue;
    const holding = holdingBookings(day);
    let any = false;
    for (const unitId of unitIds) {
      if (!day.units.some((u) => u.unitId === unitId)) continue;
      if (blockedReason(ctx.service, unitId, holding, new Set()) !== null) continue;
      const item = bookItem(ctx, date, unitId, unitName(ctx.service, unitId));
      if (inDemande.has(item.key)) continue;
      items.push(item);
      any = true;
    }
    (any ? added : skipped).push(date);
  }
  return { items, dates: added, skipped };
}

/** MODE RECOPIE, cancelling ("Plus de jours"): the child's live bookings of the selected units on the selected dates. */
export function recopieCancellations(
  ctx: PlanningContext,
  days: ReadonlyMap<string, PlanningDay>,
  dates: readonly string[],
  unitIds: readonly Id[],
  today: string | null,
  inDemande: ReadonlySet<string>,
): RecopieResult {
  const items: DemandeItem[] = [];
  const added: string[] = [];
  const skipped: string[] = [];
  for (const date of dates) {
    const bookings = cancellableBookings(days.get(date), today).filter((b) => unitIds.includes(b.unitId));
    const fresh = bookings.filter((b) => !inDemande.has(cancelKey(b.id)));
    for (const b of fresh) items.push(cancelItem(ctx, date, b));
    (fresh.length > 0 ? added : skipped).push(date);
  }
  return { items, dates: added, skipped };
}
