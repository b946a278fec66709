/**
 * The school holidays shipped with Marelle (data/calendrier-scolaire.csv, embedded as a string
 * in data/calendrierScolaire.ts so that bundles need no file access). Staff import a newer
 * export of `fr-en-calendrier-scolaire` when the ministry publishes one.
 */
import { CALENDRIER_SCOLAIRE_CSV } from './data/calendrierScolaire';
import { parseSchoolCalendarCsv, type SchoolHoliday } from './schoolHolidays';

let cache: readonly SchoolHoliday[] | undefined;

/** Zone B (académie de Rennes), school years 2026-2027 and 2027-2028. A fresh copy each call. */
export function shippedSchoolHolidays(): SchoolHoliday[] {
  cache ??= parseSchoolCalendarCsv(CALENDRIER_SCOLAIRE_CSV);
  return cache.map((h) => ({ ...h }));
}
