/**
 * Opening days of a service, from a pattern, the school holidays of the commune's zone,
 * the public holidays and the service's own closures. Pure: no clock, no I/O.
 */
import { compareDates, eachDate, isoWeekday, parseIsoDate, type IsoDate, type IsoWeekday } from './dates';
import { publicHolidayDates } from './publicHolidays';
import { effectiveLastDayOff, type SchoolHoliday, type SchoolZone } from './schoolHolidays';

/**
 * - `school_days`: school days outside school holidays — Monday, Tuesday, Thursday, Friday by
 *   default (French primary schools have no class on Wednesday), or the given `weekdays`
 *   (e.g. add Wednesday for a 4.5-day week);
 * - `wednesdays`: Wednesdays outside school holidays (ALSH mercredi);
 * - `holiday_weekdays`: Monday–Friday (or the given `weekdays`) inside the zone's school holidays (ALSH vacances);
 * - `weekdays`: the given `weekdays`, holidays or not.
 * Public holidays and the closure dates are always removed.
 */
export type OpeningPattern = 'school_days' | 'wednesdays' | 'holiday_weekdays' | 'weekdays';

export interface OpeningDaysOptions {
  /** First date considered (included). */
  start: IsoDate;
  /** Last date considered (included). */
  end: IsoDate;
  pattern: OpeningPattern;
  /** ISO weekdays (1 = Monday … 7 = Sunday). Defaults per pattern; required for `weekdays`; ignored for `wednesdays`. */
  weekdays?: readonly IsoWeekday[];
  schoolHolidays: readonly SchoolHoliday[];
  zone: SchoolZone;
  /** Dates the service is closed (pont, staff training…). */
  closures: readonly IsoDate[];
}

const DEFAULT_WEEKDAYS: Record<Exclude<OpeningPattern, 'weekdays'>, readonly IsoWeekday[]> = {
  school_days: [1, 2, 4, 5],
  wednesdays: [3],
  holiday_weekdays: [1, 2, 3, 4, 5],
};

/** The school holiday of `zone` that includes `date`, or null. An open summer holiday runs to 31 August. */
export function schoolHolidayOn(
  date: IsoDate,
  holidays: readonly SchoolHoliday[],
  zone: SchoolZone,
): SchoolHoliday | null {
  parseIsoDate(date);
  for (const h of holidays) {
    if (h.zone !== zone) continue;
    if (date >= h.firstDayOff && date <= effectiveLastDayOff(h)) return h;
  }
  return null;
}

function checkWeekdays(weekdays: readonly number[]): Set<IsoWeekday> {
  for (const d of weekdays) {
    if (!Number.isInteger(d) || d < 1 || d > 7) {
      throw new RangeError(`Jour de la semaine invalide : ${d} (1 = lundi … 7 = dimanche).`);
    }
  }
  return new Set(weekdays as readonly IsoWeekday[]);
}

/** The opening dates of a service between `start` and `end` (both included), sorted. */
export function generateOpeningDays(options: OpeningDaysOptions): IsoDate[] {
  const { start, end, pattern, schoolHolidays, zone, closures } = options;
  const first = parseIsoDate(start);
  const last = parseIsoDate(end);
  if (compareDates(start, end) > 0) return [];

  let weekdays: Set<IsoWeekday>;
  if (pattern === 'weekdays') {
    if (!options.weekdays || options.weekdays.length === 0) {
      throw new RangeError("Le modèle « weekdays » demande la liste des jours d'ouverture (weekdays).");
    }
    weekdays = checkWeekdays(options.weekdays);
  } else if (pattern === 'wednesdays') {
    weekdays = checkWeekdays(DEFAULT_WEEKDAYS.wednesdays);
  } else if (pattern === 'school_days' || pattern === 'holiday_weekdays') {
    weekdays = checkWeekdays(options.weekdays ?? DEFAULT_WEEKDAYS[pattern]);
  } else {
    throw new RangeError(`Modèle d'ouverture inconnu : ${String(pattern)}.`);
  }

  for (const c of closures) parseIsoDate(c);
  const closed = new Set(closures);
  const publicHolidays = publicHolidayDates(first.year, last.year);
  const zoneHolidays = schoolHolidays.filter((h) => h.zone === zone);

  const result: IsoDate[] = [];
  for (const date of eachDate(start, end)) {
    if (!weekdays.has(isoWeekday(date))) continue;
    if (publicHolidays.has(date) || closed.has(date)) continue;
    if (pattern !== 'weekdays') {
      const inHolidays = schoolHolidayOn(date, zoneHolidays, zone) !== null;
      if (pattern === 'holiday_weekdays' ? !inHolidays : inHolidays) continue;
    }
    result.push(date);
  }
  return result;
}
