/**
 * The days of a service between two dates as staffing reads them: inside a period or not, open or
 * closed and why — the same facts and the same rule (dayStatus) as the parents' planning.
 */
import { eachDate, type IsoDate } from '../calendar/dates';
import { schoolHolidayOn } from '../calendar/openingDays';
import { publicHolidayName } from '../calendar/publicHolidays';
import { getSchoolZone, schoolHolidaysFor } from '../calendar/store';
import { dayStatus } from '../bookings/rules';
import { openingDaysBetween, periodsBetween } from '../bookings/context';
import type { Db } from '../db/types';

export interface ServiceDay {
  date: IsoDate;
  /** Inside one of the service's periods. */
  inPeriod: boolean;
  open: boolean;
  closedReason: string | null;
  /** Closed by staff on a day the period would open (its opening-day row says so). */
  closedByStaff: boolean;
  /** The period the day belongs to (the open one when several overlap). */
  periodId: number | null;
  /** Activities offered that day: unit id → places (null = no limit). */
  activities: Map<number, number | null>;
}

export async function serviceDays(db: Db, serviceId: number, from: IsoDate, to: IsoDate): Promise<Map<IsoDate, ServiceDay>> {
  const periods = await periodsBetween(db, [serviceId], from, to);
  const zone = await getSchoolZone(db);
  const [openingDays, holidays] = await Promise.all([
    openingDaysBetween(
      db,
      periods.map((p) => p.id),
      from,
      to,
    ),
    schoolHolidaysFor(db, zone),
  ]);
  const result = new Map<IsoDate, ServiceDay>();
  for (const date of eachDate(from, to)) {
    let day: ServiceDay = { date, inPeriod: false, open: false, closedReason: null, closedByStaff: false, periodId: null, activities: new Map() };
    for (const p of periods) {
      if (date < p.start_date || date > p.end_date) continue;
      const row = openingDays.get(`${p.id}|${date}`);
      const status = dayStatus({
        pattern: p.day_pattern,
        openingDay: row ? { closed: row.closed, note: row.note } : null,
        publicHoliday: publicHolidayName(date),
        schoolHoliday: schoolHolidayOn(date, holidays, zone)?.name ?? null,
      });
      if (!day.inPeriod || (status.open && !day.open)) {
        day = { date, inPeriod: true, open: status.open, closedReason: status.closedReason, closedByStaff: row?.closed ?? false, periodId: p.id, activities: row?.activities ?? new Map() };
      }
    }
    result.set(date, day);
  }
  return result;
}
