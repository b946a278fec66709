/**
 * The opening days of a period: generated from its pattern (school days, Wednesdays, holiday
 * weekdays…) minus the zone's school holidays and the public holidays, then edited day by day by
 * staff (closed with a note, opened exceptionally, activities offered). Regenerating keeps every
 * day staff edited and never deletes a day that has bookings: it reports them instead.
 */
import type { Kysely, Selectable } from 'kysely';
import { writeAudit } from '../audit/audit';
import { eachDate, isIsoDate, isoWeekday, publicHolidayName, type IsoDate, type IsoWeekday } from '../calendar';
import { generateOpeningDays, schoolHolidayOn, type OpeningPattern } from '../calendar/openingDays';
import type { SchoolHoliday, SchoolZone } from '../calendar/schoolHolidays';
import { getSchoolZone, schoolHolidaysFor } from '../calendar/store';
import type { Database } from '../db/schema';
import type { PeriodsTable } from '../db/tables/services.table';
import type { Db, Trx } from '../db/types';
import { AppError, notFound } from '../errors';
import type { DayActivitiesInput, OpeningDayInput } from '../schemas/services';
import { requireService, type ConfigChange } from './catalog';
import { parseWeekdays, periodDto, type PeriodDto } from './presenters';
import { schoolYearOf } from './rules';

/** Bookings that still hold a place or a bill: refused and cancelled lines are history only. */
export const LIVE_BOOKING_STATUSES = ['pending', 'waitlisted', 'accepted', 'cancellation_pending'] as const;

export interface RegenerationReport {
  /** Days opened by the regeneration. */
  added: IsoDate[];
  /** Days no longer in the pattern, removed. */
  removed: IsoDate[];
  /** Days outside the pattern kept because staff edited them (closed, note, opened by hand, activities). */
  keptEdited: IsoDate[];
  /** Days outside the pattern kept because families booked them: staff must deal with those bookings. */
  keptWithBookings: { date: IsoDate; bookings: number }[];
  /** Opening days of the period after the regeneration (open or closed rows). */
  days: number;
  /** French sentences: missing school-holiday data, and the like. */
  warnings: string[];
}

export type DayStatus = 'open' | 'closed' | 'school_holiday' | 'public_holiday' | 'no_service';

export interface CalendarDayDto {
  date: IsoDate;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  status: DayStatus;
  note: string | null;
  /** True when staff set this day by hand. */
  manual: boolean;
  /** Name of the public holiday or school holidays the day falls in, if any. */
  holiday: string | null;
  /** Live bookings of the period on this day. */
  bookings: number;
  activities: { unitId: number; name: string; places: number | null }[];
}

export interface PeriodCalendarDto {
  period: PeriodDto;
  zone: SchoolZone;
  days: CalendarDayDto[];
  /** The service's activities (units of kind `activite`) that a day may offer. */
  activities: { id: number; code: string; name: string; active: boolean }[];
}

const DEFAULT_WEEKDAYS: Record<OpeningPattern, number[]> = {
  school_days: [1, 2, 4, 5],
  wednesdays: [3],
  holiday_weekdays: [1, 2, 3, 4, 5],
  weekdays: [1, 2, 3, 4, 5],
};

/** The ISO weekdays a period opens on. */
export function periodWeekdays(period: Pick<Selectable<PeriodsTable>, 'day_pattern' | 'weekdays'>): number[] {
  const weekdays = parseWeekdays(period.weekdays);
  if (period.day_pattern === 'wednesdays') return DEFAULT_WEEKDAYS.wednesdays;
  return weekdays && weekdays.length > 0 ? weekdays : DEFAULT_WEEKDAYS[period.day_pattern];
}

/** School years from the one of `start` to the one of `end`. */
function schoolYearsBetween(start: IsoDate, end: IsoDate): string[] {
  const first = Number(schoolYearOf(start).slice(0, 4));
  const last = Number(schoolYearOf(end).slice(0, 4));
  const years: string[] = [];
  for (let y = first; y <= last; y += 1) years.push(`${y}-${y + 1}`);
  return years;
}

/** The dates the pattern opens, and what the caller must know about the data behind them. */
export function plannedDates(
  period: Pick<Selectable<PeriodsTable>, 'start_date' | 'end_date' | 'day_pattern' | 'weekdays'>,
  zone: SchoolZone,
  holidays: readonly SchoolHoliday[],
): { dates: IsoDate[]; warnings: string[] } {
  const warnings: string[] = [];
  if (period.day_pattern !== 'weekdays') {
    const known = new Set(holidays.filter((h) => h.zone === zone).map((h) => h.schoolYear));
    for (const year of schoolYearsBetween(period.start_date, period.end_date)) {
      if (!known.has(year)) {
        warnings.push(
          `Les vacances scolaires ${year} de la zone ${zone} ne sont pas connues : les jours de vacances n'ont pas pu être ` +
            "distingués. Importez le calendrier scolaire puis régénérez les jours d'ouverture.",
        );
      }
    }
  }
  const dates = generateOpeningDays({
    start: period.start_date,
    end: period.end_date,
    pattern: period.day_pattern,
    weekdays: periodWeekdays(period) as IsoWeekday[],
    schoolHolidays: holidays,
    zone,
    closures: [],
  });
  return { dates, warnings };
}

export async function requirePeriod(db: Db, serviceId: number, periodId: number): Promise<Selectable<PeriodsTable>> {
  const row = await db.selectFrom('periods').selectAll().where('id', '=', periodId).where('service_id', '=', serviceId).executeTakeFirst();
  if (!row) throw notFound('Période introuvable.');
  return row;
}

/** Live bookings of a period per date. */
async function bookingsPerDate(db: Db, periodId: number): Promise<Map<IsoDate, number>> {
  const rows = await db
    .selectFrom('bookings')
    .select(['date', (eb) => eb.fn.countAll<number>().as('n')])
    .where('period_id', '=', periodId)
    .where('status', 'in', LIVE_BOOKING_STATUSES)
    .groupBy('date')
    .execute();
  return new Map(rows.map((r) => [r.date, Number(r.n)]));
}

/**
 * Brings the stored opening days of a period in line with its pattern, inside the caller's
 * transaction: adds the pattern's missing days, removes the days it no longer has unless staff
 * edited them or families booked them, and leaves every other day (its closed flag, note and
 * activities) as it is.
 */
export async function regenerateInTransaction(trx: Trx, period: Selectable<PeriodsTable>): Promise<RegenerationReport> {
  const zone = await getSchoolZone(trx);
  const holidays = await schoolHolidaysFor(trx, zone);
  const { dates, warnings } = plannedDates(period, zone, holidays);
  const planned = new Set(dates);

  const existing = await trx
    .selectFrom('opening_days as d')
    .select([
      'd.id',
      'd.date',
      'd.closed',
      'd.note',
      'd.manual',
      (eb) => eb.selectFrom('opening_day_activities as a').select(eb.fn.countAll<number>().as('n')).whereRef('a.opening_day_id', '=', 'd.id').as('activities'),
    ])
    .where('d.period_id', '=', period.id)
    .execute();
  const stored = new Map(existing.map((d) => [d.date, d]));
  const bookings = await bookingsPerDate(trx, period.id);

  const report: RegenerationReport = { added: [], removed: [], keptEdited: [], keptWithBookings: [], days: 0, warnings };
  const toDelete: number[] = [];
  for (const day of existing) {
    if (planned.has(day.date)) continue;
    const booked = bookings.get(day.date) ?? 0;
    const inRange = day.date >= period.start_date && day.date <= period.end_date;
    const edited = day.manual === 1 || day.closed === 1 || day.note !== null || Number(day.activities ?? 0) > 0;
    if (booked > 0) report.keptWithBookings.push({ date: day.date, bookings: booked });
    else if (edited && inRange) report.keptEdited.push(day.date);
    else {
      toDelete.push(day.id);
      report.removed.push(day.date);
    }
  }
  const toAdd = dates.filter((d) => !stored.has(d));
  report.added = toAdd;

  for (let i = 0; i < toDelete.length; i += 500) {
    await trx.deleteFrom('opening_days').where('id', 'in', toDelete.slice(i, i + 500)).execute();
  }
  for (let i = 0; i < toAdd.length; i += 500) {
    await trx
      .insertInto('opening_days')
      .values(toAdd.slice(i, i + 500).map((date) => ({ period_id: period.id, date, closed: 0 as const, note: null, manual: 0 as const })))
      .execute();
  }
  report.days = existing.length - toDelete.length + toAdd.length;
  for (const { date } of report.keptWithBookings) {
    if (date < period.start_date || date > period.end_date) {
      report.warnings.push(`Le ${frenchDate(date)} est hors de la période mais a des réservations : il est conservé.`);
    }
  }
  return report;
}

export function frenchDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** Regenerates a period's opening days on staff request, audited. */
export async function regenerateOpeningDays(
  db: Kysely<Database>,
  change: ConfigChange,
  serviceId: number,
  periodId: number,
): Promise<RegenerationReport> {
  return db.transaction().execute(async (trx) => {
    const period = await requirePeriod(trx, serviceId, periodId);
    const report = await regenerateInTransaction(trx, period);
    await writeAudit(
      trx,
      change.actor,
      {
        action: 'opening_days.regenerated',
        entityType: 'period',
        entityId: periodId,
        changes: regenerationChanges(report),
        ip: change.ip,
      },
      change.now,
    );
    return report;
  });
}

export function regenerationChanges(report: RegenerationReport): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  if (report.added.length > 0) changes['added'] = [null, report.added];
  if (report.removed.length > 0) changes['removed'] = [report.removed, null];
  if (report.keptWithBookings.length > 0) changes['keptWithBookings'] = [null, report.keptWithBookings.map((k) => k.date)];
  return changes;
}

// ---- the calendar of a period, day by day -------------------------------------------------------

async function periodCounts(db: Db, periodId: number): Promise<{ open: number; closed: number }> {
  const rows = await db
    .selectFrom('opening_days')
    .select(['closed', (eb) => eb.fn.countAll<number>().as('n')])
    .where('period_id', '=', periodId)
    .groupBy('closed')
    .execute();
  return {
    open: Number(rows.find((r) => r.closed === 0)?.n ?? 0),
    closed: Number(rows.find((r) => r.closed === 1)?.n ?? 0),
  };
}

export async function loadPeriodDto(db: Db, period: Selectable<PeriodsTable>): Promise<PeriodDto> {
  return periodDto(period, await periodCounts(db, period.id));
}

interface DayContext {
  weekdays: Set<number>;
  zone: SchoolZone;
  holidays: readonly SchoolHoliday[];
}

function dayDto(
  date: IsoDate,
  row: { closed: number; note: string | null; manual: number } | undefined,
  ctx: DayContext,
  bookings: number,
  activities: CalendarDayDto['activities'],
): CalendarDayDto {
  const weekday = isoWeekday(date);
  const publicHoliday = publicHolidayName(date);
  const schoolHoliday = schoolHolidayOn(date, ctx.holidays, ctx.zone);
  let status: DayStatus;
  if (row) status = row.closed === 1 ? 'closed' : 'open';
  else if (!ctx.weekdays.has(weekday)) status = 'no_service';
  else if (publicHoliday) status = 'public_holiday';
  else if (schoolHoliday) status = 'school_holiday';
  else status = 'no_service';
  return {
    date,
    weekday,
    status,
    note: row?.note ?? null,
    manual: row?.manual === 1,
    holiday: publicHoliday ?? schoolHoliday?.name ?? null,
    bookings,
    activities,
  };
}

async function dayContext(db: Db, period: Selectable<PeriodsTable>): Promise<DayContext> {
  const zone = await getSchoolZone(db);
  return { weekdays: new Set(periodWeekdays(period)), zone, holidays: await schoolHolidaysFor(db, zone) };
}

async function activitiesOf(db: Db, periodId: number, date?: IsoDate): Promise<Map<IsoDate, CalendarDayDto['activities']>> {
  let query = db
    .selectFrom('opening_day_activities as a')
    .innerJoin('opening_days as d', 'd.id', 'a.opening_day_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['d.date', 'a.unit_id', 'u.name', 'a.places'])
    .where('d.period_id', '=', periodId);
  if (date !== undefined) query = query.where('d.date', '=', date);
  const rows = await query.orderBy('u.sort_order').execute();
  const map = new Map<IsoDate, CalendarDayDto['activities']>();
  for (const r of rows) {
    const list = map.get(r.date) ?? [];
    list.push({ unitId: r.unit_id, name: r.name, places: r.places });
    map.set(r.date, list);
  }
  return map;
}

/** Every date of the period, with its status (open, closed, holidays…), note, bookings and activities. */
export async function loadPeriodCalendar(db: Db, serviceId: number, periodId: number): Promise<PeriodCalendarDto> {
  await requireService(db, serviceId);
  const period = await requirePeriod(db, serviceId, periodId);
  const ctx = await dayContext(db, period);
  const rows = await db.selectFrom('opening_days').select(['date', 'closed', 'note', 'manual']).where('period_id', '=', periodId).execute();
  const byDate = new Map(rows.map((r) => [r.date, r]));
  const bookings = await bookingsPerDate(db, periodId);
  const activities = await activitiesOf(db, periodId);
  const days = [...eachDate(period.start_date, period.end_date)].map((date) =>
    dayDto(date, byDate.get(date), ctx, bookings.get(date) ?? 0, activities.get(date) ?? []),
  );
  // Days kept outside the period (they have bookings) are shown too, so staff can find them.
  for (const r of rows) {
    if (r.date < period.start_date || r.date > period.end_date) {
      days.push(dayDto(r.date, r, ctx, bookings.get(r.date) ?? 0, activities.get(r.date) ?? []));
    }
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const units = await db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'active'])
    .where('service_id', '=', serviceId)
    .where('kind', '=', 'activite')
    .orderBy('sort_order')
    .execute();
  return {
    period: await loadPeriodDto(db, period),
    zone: ctx.zone,
    days,
    activities: units.map((u) => ({ id: u.id, code: u.code, name: u.name, active: u.active === 1 })),
  };
}

async function loadDay(db: Db, period: Selectable<PeriodsTable>, date: IsoDate): Promise<CalendarDayDto> {
  const ctx = await dayContext(db, period);
  const row = await db
    .selectFrom('opening_days')
    .select(['closed', 'note', 'manual'])
    .where('period_id', '=', period.id)
    .where('date', '=', date)
    .executeTakeFirst();
  const bookings = (await bookingsPerDate(db, period.id)).get(date) ?? 0;
  const activities = (await activitiesOf(db, period.id, date)).get(date) ?? [];
  return dayDto(date, row, ctx, bookings, activities);
}

function checkDateInPeriod(date: string, period: Selectable<PeriodsTable>): void {
  if (!isIsoDate(date)) throw new AppError('validation', 'Date invalide, format attendu AAAA-MM-JJ.');
  if (date < period.start_date || date > period.end_date) {
    throw new AppError(
      'validation',
      `Le ${frenchDate(date)} est en dehors de la période « ${period.name} » (du ${frenchDate(period.start_date)} au ${frenchDate(period.end_date)}).`,
    );
  }
}

/**
 * Opens or closes one day by hand, with an optional note ("Journée pédagogique"). The day is
 * marked as edited: regenerating the period keeps it as staff left it. Closing a day that has
 * bookings is allowed (a strike, a flood); the answer carries the number of bookings to deal with.
 */
export async function setOpeningDay(
  db: Kysely<Database>,
  change: ConfigChange,
  serviceId: number,
  periodId: number,
  date: string,
  input: OpeningDayInput,
): Promise<CalendarDayDto> {
  return db.transaction().execute(async (trx) => {
    await requireService(trx, serviceId);
    const period = await requirePeriod(trx, serviceId, periodId);
    checkDateInPeriod(date, period);
    const before = await trx
      .selectFrom('opening_days')
      .select(['id', 'closed', 'note', 'manual'])
      .where('period_id', '=', periodId)
      .where('date', '=', date)
      .executeTakeFirst();
    const closed = input.closed ? 1 : 0;
    const note = input.note === undefined ? (before?.note ?? null) : input.note;
    let id: number;
    if (before) {
      if (before.closed === closed && before.note === note && before.manual === 1) return loadDay(trx, period, date);
      await trx.updateTable('opening_days').set({ closed, note, manual: 1 }).where('id', '=', before.id).execute();
      id = before.id;
    } else {
      const row = await trx
        .insertInto('opening_days')
        .values({ period_id: periodId, date, closed, note, manual: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    const changes: Record<string, [unknown, unknown]> = { date: [date, date] };
    if ((before?.closed ?? null) !== closed) changes['closed'] = [before ? before.closed === 1 : null, closed === 1];
    if ((before?.note ?? null) !== note) changes['note'] = [before?.note ?? null, note];
    await writeAudit(
      trx,
      change.actor,
      { action: input.closed ? 'opening_day.closed' : 'opening_day.opened', entityType: 'opening_day', entityId: id, changes, ip: change.ip },
      change.now,
    );
    return loadDay(trx, period, date);
  });
}

/** The activities (sorties, stages) a day offers, with their places; replaces the day's list. */
export async function setDayActivities(
  db: Kysely<Database>,
  change: ConfigChange,
  serviceId: number,
  periodId: number,
  date: string,
  input: DayActivitiesInput,
): Promise<CalendarDayDto> {
  return db.transaction().execute(async (trx) => {
    await requireService(trx, serviceId);
    const period = await requirePeriod(trx, serviceId, periodId);
    checkDateInPeriod(date, period);
    const day = await trx
      .selectFrom('opening_days')
      .select(['id', 'closed'])
      .where('period_id', '=', periodId)
      .where('date', '=', date)
      .executeTakeFirst();
    if (!day || day.closed === 1) {
      throw new AppError('validation', `Le ${frenchDate(date)} n'est pas un jour d'ouverture : ouvrez-le avant d'y proposer une activité.`);
    }
    const units = await trx
      .selectFrom('units')
      .select(['id', 'name', 'kind'])
      .where('service_id', '=', serviceId)
      .execute();
    for (const a of input.activities) {
      const unit = units.find((u) => u.id === a.unitId);
      if (!unit) throw new AppError('validation', "Une des activités choisies n'appartient pas à ce service.");
      if (unit.kind !== 'activite') {
        throw new AppError('validation', `« ${unit.name} » est un accueil, pas une activité : il est proposé tous les jours d'ouverture.`);
      }
    }
    const beforeRows = await trx.selectFrom('opening_day_activities').select(['unit_id', 'places']).where('opening_day_id', '=', day.id).execute();
    const text = (rows: readonly { unit_id?: number; unitId?: number; places?: number | null }[]) =>
      rows
        .map((r) => `${r.unit_id ?? r.unitId}:${r.places ?? '-'}`)
        .sort()
        .join(',');
    const beforeText = text(beforeRows);
    const afterText = text(input.activities);
    if (beforeText !== afterText) {
      await trx.deleteFrom('opening_day_activities').where('opening_day_id', '=', day.id).execute();
      if (input.activities.length > 0) {
        await trx
          .insertInto('opening_day_activities')
          .values(input.activities.map((a) => ({ opening_day_id: day.id, unit_id: a.unitId, places: a.places ?? null })))
          .execute();
      }
      await writeAudit(
        trx,
        change.actor,
        {
          action: 'opening_day.activities_updated',
          entityType: 'opening_day',
          entityId: day.id,
          changes: { date: [date, date], activities: [beforeText || null, afterText || null] },
          ip: change.ip,
        },
        change.now,
      );
    }
    return loadDay(trx, period, date);
  });
}
