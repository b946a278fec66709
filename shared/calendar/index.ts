/** Calendar core of Marelle: dates, French public holidays, school holidays, opening days. Pure, no clock. */
export {
  addDays,
  compareDates,
  datesBetween,
  daysBetween,
  eachDate,
  formatIsoDate,
  isIsoDate,
  isoWeekday,
  isWithin,
  parisDateOf,
  parisToday,
  parseIsoDate,
  type DateParts,
  type IsoDate,
  type IsoWeekday,
} from './dates';
export {
  easterSunday,
  isPublicHoliday,
  publicHolidayDates,
  publicHolidayName,
  publicHolidays,
  type PublicHoliday,
} from './publicHolidays';
export {
  CalendarImportError,
  effectiveLastDayOff,
  parseSchoolCalendar,
  parseSchoolCalendarCsv,
  parseSchoolCalendarJson,
  SCHOOL_ZONES,
  type SchoolHoliday,
  type SchoolYear,
  type SchoolZone,
} from './schoolHolidays';
export { shippedSchoolHolidays } from './shipped';
export {
  generateOpeningDays,
  schoolHolidayOn,
  type OpeningDaysOptions,
  type OpeningPattern,
} from './openingDays';
