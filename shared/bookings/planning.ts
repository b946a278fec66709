/**
 * What a parent sees before booking: the catalogue (children, services, periods, units, rules),
 * the planning of one child over one period (open days, deadline, places, prices, bookings), and
 * the family's planning over a month or two. In garde alternée the other family's bookings of a
 * shared child are shown, read-only, flagged `otherFamily`.
 */
import { addDays, eachDate, type IsoDate } from '../calendar/dates';
import { schoolHolidayOn } from '../calendar/openingDays';
import { publicHolidayName } from '../calendar/publicHolidays';
import { getSchoolZone, schoolHolidaysFor } from '../calendar/store';
import type { BookingStatus } from '../db/tables/bookings.table';
import type { Db } from '../db/types';
import { notFound } from '../errors';
import { incompatibleWith } from '../services/rules';
import { loadFamilyTariffProfile, priceFor, type FamilyTariffProfile } from '../tariffs';
import { childName, familyChildren, type FamilyChild } from './access';
import { childGroup, loadServiceInfos, openingDaysBetween, PlaceBook } from './context';
import { offerRunning } from './processingCore';
import { bookingOutcome, dayStatus, isLate, LIVE_STATUSES, parisToday, rulesText } from './rules';

// ---- catalogue --------------------------------------------------------------------------------

export interface CatalogDto {
  children: { id: number; firstName: string; lastName: string; birthDate: IsoDate; sharedCustody: boolean }[];
  services: {
    id: number;
    code: string;
    name: string;
    approvalMode: 'automatic' | 'manual';
    deadlineDays: number;
    rulesText: string;
    periods: { id: number; name: string; kind: 'school_year' | 'holidays' | 'other'; startDate: IsoDate; endDate: IsoDate; bookingsOpen: boolean; bookingsOpenAt: string | null }[];
    units: { id: number; code: string; name: string; kind: 'accueil' | 'activite'; startTime: string | null; endTime: string | null; incompatibleWith: number[] }[];
  }[];
}

const opened = (bookingsOpenAt: string | null, now: Date): boolean => bookingsOpenAt === null || Date.parse(bookingsOpenAt) <= now.getTime();

/** « Ajouter »: the family's children and the active services with periods not over yet. */
export async function loadCatalog(db: Db, familyId: number, now: Date): Promise<CatalogDto> {
  const today = parisToday(now);
  const [children, periods] = await Promise.all([
    familyChildren(db, familyId),
    db
      .selectFrom('periods as p')
      .innerJoin('services as s', 's.id', 'p.service_id')
      .select(['p.id', 'p.service_id', 'p.name', 'p.kind', 'p.start_date', 'p.end_date', 'p.bookings_open_at'])
      .where('s.active', '=', 1)
      .where('p.end_date', '>=', today)
      .orderBy('p.start_date')
      .orderBy('p.id')
      .execute(),
  ]);
  const services = await loadServiceInfos(db, periods.map((p) => p.service_id));
  const list = [...services.values()].sort((a, b) => a.row.sort_order - b.row.sort_order || a.row.name.localeCompare(b.row.name, 'fr'));
  return {
    children: children.map((c) => ({ id: c.id, firstName: c.firstName, lastName: c.lastName, birthDate: c.birthDate, sharedCustody: c.sharedCustody })),
    services: list.map((s) => ({
      id: s.row.id,
      code: s.row.code,
      name: s.row.name,
      approvalMode: s.row.approval_mode,
      deadlineDays: s.row.deadline_days,
      rulesText: rulesText(s.settings),
      periods: periods
        .filter((p) => p.service_id === s.row.id)
        .map((p) => ({
          id: p.id,
          name: p.name,
          kind: p.kind,
          startDate: p.start_date,
          endDate: p.end_date,
          bookingsOpen: opened(p.bookings_open_at, now),
          bookingsOpenAt: p.bookings_open_at,
        })),
      units: s.units
        .filter((u) => u.active === 1)
        .map((u) => ({
          id: u.id,
          code: u.code,
          name: u.name,
          kind: u.kind,
          startTime: u.start_time,
          endTime: u.end_time,
          incompatibleWith: incompatibleWith(s.pairs, u.id),
        })),
    })),
  };
}

// ---- planning of a child over a period --------------------------------------------------------

export interface PlanningBookingDto {
  id: number;
  unitId: number;
  status: BookingStatus;
  statusReason: string | null;
  late: boolean;
  surchargeCents: number;
  billedIfCancelled: boolean;
  /** Made by the other family of a shared child: shown, not cancellable here. */
  otherFamily: boolean;
  /** A waiting line of this family offered a freed place until then (« PLACE PROPOSÉE »); else null. */
  offerExpiresAt: string | null;
}

export interface PlanningDayDto {
  date: IsoDate;
  open: boolean;
  closedReason: string | null;
  late: boolean;
  units: { unitId: number; placesLeft: number | null; price: { priceCents: number; surchargeCents: number } | null }[];
  activities: { unitId: number; name: string; placesLeft: number | null }[];
  bookings: PlanningBookingDto[];
}

export interface ChildPlanningDto {
  /** The server's today (Europe/Paris): the portal must not trust the phone's clock. */
  today: IsoDate;
  child: { id: number; firstName: string; lastName: string };
  period: { id: number; name: string; startDate: IsoDate; endDate: IsoDate };
  service: { id: number; name: string; approvalMode: 'automatic' | 'manual'; deadlineDays: number };
  groupName: string | null;
  days: PlanningDayDto[];
}

/** The end of a running offer on the family's own waiting line: only that family can answer it. */
function ownOffer(b: { status: BookingStatus; offer_expires_at: string | null; family_id: number }, familyId: number, now: Date): string | null {
  return b.family_id === familyId && offerRunning({ status: b.status, offerExpiresAt: b.offer_expires_at }, now) ? b.offer_expires_at : null;
}

async function requireChild(db: Db, familyId: number, childId: number): Promise<FamilyChild> {
  const child = (await familyChildren(db, familyId)).find((c) => c.id === childId);
  if (!child) throw notFound('Cet enfant est introuvable.');
  return child;
}

/** The planning of one child over one period of a service: every date, with what can be booked. */
export async function loadChildPlanning(db: Db, familyId: number, childId: number, periodId: number, now: Date): Promise<ChildPlanningDto> {
  const child = await requireChild(db, familyId, childId);
  const period = await db.selectFrom('periods').selectAll().where('id', '=', periodId).executeTakeFirst();
  if (!period) throw notFound('Cette période est introuvable.');
  const service = (await loadServiceInfos(db, [period.service_id])).get(period.service_id);
  if (!service || service.row.active !== 1) throw notFound('Cette période est introuvable.');
  const from = period.start_date;
  const to = period.end_date;
  const units = service.units.filter((u) => u.active === 1);
  const accueils = units.filter((u) => u.kind === 'accueil');
  const activities = units.filter((u) => u.kind === 'activite');

  const zone = await getSchoolZone(db);
  const [days, holidays, family, bookings, places] = await Promise.all([
    openingDaysBetween(db, [period.id], from, to),
    schoolHolidaysFor(db, zone),
    loadFamilyTariffProfile(db, familyId),
    db
      .selectFrom('bookings')
      .select(['id', 'unit_id', 'date', 'status', 'status_reason', 'late', 'surcharge_cents', 'billed_if_cancelled', 'family_id', 'offer_expires_at'])
      .where('child_id', '=', child.id)
      .where('service_id', '=', service.row.id)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .where('status', 'in', LIVE_STATUSES)
      .orderBy('date')
      .orderBy('id')
      .execute(),
    PlaceBook.load(db, { unitIds: units.map((u) => u.id), services: [service], from, to }),
  ]);
  const profile: FamilyTariffProfile = family ?? { qf: null, qfValidUntil: null, outsideCommune: false };
  const bookingsOn = new Map<IsoDate, PlanningBookingDto[]>();
  for (const b of bookings) {
    const list = bookingsOn.get(b.date) ?? [];
    list.push({
      id: b.id,
      unitId: b.unit_id,
      status: b.status,
      statusReason: b.status_reason,
      late: b.late === 1,
      surchargeCents: b.surcharge_cents,
      billedIfCancelled: b.billed_if_cancelled === 1,
      otherFamily: b.family_id !== familyId,
      offerExpiresAt: ownOffer(b, familyId, now),
    });
    bookingsOn.set(b.date, list);
  }

  const today = parisToday(now);
  const reference = from > today ? from : to < today ? to : today;
  const groupName = childGroup(service, child.birthDate, reference).group?.name ?? null;

  const out: PlanningDayDto[] = [];
  for (const date of eachDate(from, to)) {
    const day = days.get(`${period.id}|${date}`);
    const status = dayStatus({
      pattern: period.day_pattern,
      openingDay: day ? { closed: day.closed, note: day.note } : null,
      publicHoliday: publicHolidayName(date),
      schoolHoliday: schoolHolidayOn(date, holidays, zone)?.name ?? null,
    });
    const late = isLate(service.settings, date, now);
    const who = childGroup(service, child.birthDate, date);
    const surcharge = bookingOutcome(service.settings, { date, placesLeft: null }, now).surchargeCents;
    const price = (unitId: number) => {
      const quote = priceFor(service.grids, { unitId, date, family: profile });
      return quote.kind === 'price' ? { priceCents: quote.priceCents, surchargeCents: surcharge } : null;
    };
    out.push({
      date,
      open: status.open,
      closedReason: status.closedReason,
      late,
      units: status.open ? accueils.map((u) => ({ unitId: u.id, placesLeft: places.left(service, u, date, who, null), price: price(u.id) })) : [],
      activities:
        status.open && day
          ? activities
              .filter((u) => day.activities.has(u.id))
              .map((u) => ({ unitId: u.id, name: u.name, placesLeft: places.left(service, u, date, who, day.activities.get(u.id) ?? null) }))
          : [],
      bookings: bookingsOn.get(date) ?? [],
    });
  }
  return {
    today,
    child: { id: child.id, firstName: child.firstName, lastName: child.lastName },
    period: { id: period.id, name: period.name, startDate: from, endDate: to },
    service: { id: service.row.id, name: service.row.name, approvalMode: service.row.approval_mode, deadlineDays: service.row.deadline_days },
    groupName,
    days: out,
  };
}

// ---- the family's planning ----------------------------------------------------------------------

export interface FamilyPlanningDto {
  days: {
    date: IsoDate;
    bookings: {
      id: number;
      childId: number;
      childName: string;
      serviceId: number;
      serviceName: string;
      unitId: number;
      unitName: string;
      startTime: string | null;
      endTime: string | null;
      status: BookingStatus;
      otherFamily: boolean;
      /** A waiting line of this family offered a freed place until then (« PLACE PROPOSÉE »); else null. */
      offerExpiresAt: string | null;
    }[];
  }[];
}

/** Every live booking of the family's children from `from` to `to` (at most 62 days), day by day. */
export async function loadFamilyPlanning(db: Db, familyId: number, from: IsoDate, to: IsoDate, now: Date): Promise<FamilyPlanningDto> {
  const rows = await db
    .selectFrom('bookings as b')
    .innerJoin('family_children as fc', (j) => j.onRef('fc.child_id', '=', 'b.child_id').on('fc.family_id', '=', familyId))
    .innerJoin('children as c', 'c.id', 'b.child_id')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .innerJoin('services as s', 's.id', 'b.service_id')
    .select([
      'b.id',
      'b.child_id',
      'c.first_name',
      'c.last_name',
      'b.service_id',
      's.name as service_name',
      'b.unit_id',
      'u.name as unit_name',
      'u.start_time',
      'u.end_time',
      'u.sort_order',
      's.sort_order as service_order',
      'b.date',
      'b.status',
      'b.family_id',
      'b.offer_expires_at',
    ])
    .where('b.date', '>=', from)
    .where('b.date', '<=', to)
    .where('b.status', 'in', LIVE_STATUSES)
    .execute();
  rows.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      a.first_name.localeCompare(b.first_name, 'fr') ||
      a.service_order - b.service_order ||
      a.sort_order - b.sort_order ||
      a.id - b.id,
  );
  const byDate = new Map<IsoDate, FamilyPlanningDto['days'][number]['bookings']>();
  for (const r of rows) {
    const list = byDate.get(r.date) ?? [];
    list.push({
      id: r.id,
      childId: r.child_id,
      childName: childName({ firstName: r.first_name, lastName: r.last_name }),
      serviceId: r.service_id,
      serviceName: r.service_name,
      unitId: r.unit_id,
      unitName: r.unit_name,
      startTime: r.start_time,
      endTime: r.end_time,
      status: r.status,
      otherFamily: r.family_id !== familyId,
      offerExpiresAt: ownOffer(r, familyId, now),
    });
    byDate.set(r.date, list);
  }
  const days: FamilyPlanningDto['days'] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) days.push({ date, bookings: byDate.get(date) ?? [] });
  return { days };
}
