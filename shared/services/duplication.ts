/**
 * Where next year's periods fall when a service's configuration is duplicated: pure, from the
 * periods of the year copied and the school holidays of the commune's zone.
 *
 * - school-year periods (kind `school_year`) run from the next rentrée (the day after the summer
 *   holidays of the year copied) to the last day before the next summer holidays;
 * - holiday periods move to the holidays of the same name next year; a period that covers only part
 *   of its holidays (July of the summer) keeps its weekdays, moved by whole weeks, within them;
 * - other periods move by 52 weeks (same weekdays).
 */
import { addDays, daysBetween, type IsoDate } from '../calendar/dates';
import { effectiveLastDayOff, type SchoolHoliday, type SchoolZone } from '../calendar/schoolHolidays';
import type { DayPattern } from '../db/tables/services.table';
import { AppError } from '../errors';
import { parisInstant, parisWallTime } from './parisTime';
import { nextSchoolYear, shiftYearsInName } from './rules';

export interface SourcePeriod {
  id: number;
  name: string;
  kind: 'school_year' | 'holidays' | 'other';
  schoolYear: string;
  startDate: IsoDate;
  endDate: IsoDate;
  dayPattern: DayPattern;
  weekdays: number[] | null;
  bookingsOpenAt: string | null;
}

export interface PlannedPeriod extends Omit<SourcePeriod, 'id'> {
  sourceId: number;
  /** The school holidays the period was matched with, for the summary ("Vacances de la Toussaint"). */
  holidayName: string | null;
}

export interface PeriodPlan {
  fromSchoolYear: string;
  toSchoolYear: string;
  /** First day of the next school year. */
  rentree: IsoDate;
  /** Last day before next summer's holidays. */
  yearEnd: IsoDate;
  periods: PlannedPeriod[];
}

/** A holiday that starts or ends within this many days of the period is considered covered whole. */
const SNAP_DAYS = 6;
const WEEKS_52 = 364;

/** Names matched without case or accents ("Vacances d'Été" = "vacances d'ete"). */
export function holidayKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const isSummer = (h: SchoolHoliday): boolean => /\bete\b/.test(holidayKey(h.name));

export function unknownHolidaysMessage(schoolYear: string, zone: SchoolZone): string {
  return (
    `Les vacances scolaires ${schoolYear} de la zone ${zone} ne sont pas connues : importez le calendrier scolaire ` +
    "de l'Éducation nationale (menu « Calendrier scolaire ») avant de dupliquer."
  );
}

/** The same Paris wall-clock time, `days` later. */
function shiftInstant(instant: string, days: number): string {
  const { date, time } = parisWallTime(instant);
  return parisInstant(addDays(date, days), time);
}

const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

function overlapDays(aStart: IsoDate, aEnd: IsoDate, bStart: IsoDate, bEnd: IsoDate): number {
  const start = maxDate(aStart, bStart);
  const end = minDate(aEnd, bEnd);
  return end < start ? 0 : daysBetween(start, end) + 1;
}

/** The holidays of `schoolYear` a period overlaps most, or null. */
function holidayOf(period: SourcePeriod, holidays: readonly SchoolHoliday[]): SchoolHoliday | null {
  let best: SchoolHoliday | null = null;
  let bestDays = 0;
  for (const h of holidays) {
    const days = overlapDays(period.startDate, period.endDate, h.firstDayOff, effectiveLastDayOff(h));
    if (days > bestDays) {
      best = h;
      bestDays = days;
    }
  }
  return best;
}

/**
 * Next year's periods for the periods of `fromSchoolYear`. Throws a 409 AppError when the zone's
 * holidays of the next year are not known, or lack the holidays a period needs.
 */
export function planNextYearPeriods(
  periods: readonly SourcePeriod[],
  options: { fromSchoolYear: string; zone: SchoolZone; holidays: readonly SchoolHoliday[] },
): PeriodPlan {
  const { fromSchoolYear, zone } = options;
  const toSchoolYear = nextSchoolYear(fromSchoolYear);
  const zoneHolidays = options.holidays.filter((h) => h.zone === zone);
  const fromHolidays = zoneHolidays.filter((h) => h.schoolYear === fromSchoolYear);
  const toHolidays = zoneHolidays.filter((h) => h.schoolYear === toSchoolYear);

  const nextSummer = toHolidays.find(isSummer);
  if (toHolidays.length === 0 || !nextSummer) {
    throw new AppError('conflict', unknownHolidaysMessage(toSchoolYear, zone));
  }
  const thisSummer = fromHolidays.find(isSummer);
  // Without this summer's restart date, school restarts on 1 September, as it nearly always does.
  const rentree = thisSummer ? addDays(effectiveLastDayOff(thisSummer), 1) : `${toSchoolYear.slice(0, 4)}-09-01`;
  const yearEnd = addDays(nextSummer.firstDayOff, -1);

  const planned = periods.map((p): PlannedPeriod => {
    let startDate: IsoDate;
    let endDate: IsoDate;
    let holidayName: string | null = null;

    if (p.kind === 'school_year') {
      startDate = rentree;
      endDate = yearEnd;
    } else {
      const source = p.kind === 'holidays' ? holidayOf(p, fromHolidays) : null;
      if (source) {
        const target = toHolidays.find((h) => holidayKey(h.name) === holidayKey(source.name));
        if (!target) {
          throw new AppError(
            'conflict',
            `Les ${source.name.charAt(0).toLowerCase()}${source.name.slice(1)} ${toSchoolYear} de la zone ${zone} ne sont pas connues ` +
              `(période « ${p.name} ») : importez le calendrier scolaire de l'Éducation nationale avant de dupliquer.`,
          );
        }
        holidayName = target.name;
        const targetEnd = effectiveLastDayOff(target);
        const weeks = Math.round(daysBetween(source.firstDayOff, target.firstDayOff) / 7) * 7;
        startDate =
          daysBetween(source.firstDayOff, p.startDate) <= SNAP_DAYS ? target.firstDayOff : addDays(p.startDate, weeks);
        endDate = daysBetween(p.endDate, effectiveLastDayOff(source)) <= SNAP_DAYS ? targetEnd : addDays(p.endDate, weeks);
        startDate = maxDate(startDate, target.firstDayOff);
        endDate = minDate(endDate, targetEnd);
        if (endDate < startDate) {
          startDate = target.firstDayOff;
          endDate = targetEnd;
        }
      } else {
        startDate = addDays(p.startDate, WEEKS_52);
        endDate = addDays(p.endDate, WEEKS_52);
      }
    }

    const shift = daysBetween(p.startDate, startDate);
    return {
      sourceId: p.id,
      name: shiftYearsInName(p.name),
      kind: p.kind,
      schoolYear: toSchoolYear,
      startDate,
      endDate,
      dayPattern: p.dayPattern,
      weekdays: p.weekdays,
      bookingsOpenAt: p.bookingsOpenAt === null ? null : shiftInstant(p.bookingsOpenAt, shift),
      holidayName,
    };
  });

  return { fromSchoolYear, toSchoolYear, rentree, yearEnd, periods: planned };
}
