/**
 * French public holidays (jours fériés), métropole — Code du travail, art. L3133-1.
 * The extra days of Alsace-Moselle (Vendredi saint, Saint-Étienne) and of the overseas
 * departments are not included.
 */
import { addDays, formatIsoDate, parseIsoDate, type IsoDate } from './dates';

export interface PublicHoliday {
  date: IsoDate;
  /** French name, as shown to staff and parents. */
  name: string;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Année invalide : ${year} (calendrier grégorien, 1583 à 9999).`);
  }
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate(year, month, day);
}

/** The eleven public holidays of `year`, sorted by date. */
export function publicHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number): IsoDate => formatIsoDate(year, month, day);
  const list: PublicHoliday[] = [
    { date: fixed(1, 1), name: "Jour de l'an" },
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    { date: fixed(5, 1), name: 'Fête du travail' },
    { date: fixed(5, 8), name: 'Victoire 1945' },
    { date: addDays(easter, 39), name: 'Ascension' },
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    { date: fixed(7, 14), name: 'Fête nationale' },
    { date: fixed(8, 15), name: 'Assomption' },
    { date: fixed(11, 1), name: 'Toussaint' },
    { date: fixed(11, 11), name: 'Armistice 1918' },
    { date: fixed(12, 25), name: 'Noël' },
  ];
  // Ascension can fall on 1 or 8 May (e.g. 2008): keep both entries, sorted.
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** The French name of the public holiday on `date`, or null if it is not one. */
export function publicHolidayName(date: IsoDate): string | null {
  const { year } = parseIsoDate(date);
  const names = publicHolidays(year)
    .filter((h) => h.date === date)
    .map((h) => h.name);
  return names.length > 0 ? names.join(' / ') : null;
}

/** True when `date` is a French public holiday (métropole). */
export function isPublicHoliday(date: IsoDate): boolean {
  return publicHolidayName(date) !== null;
}

/** The set of public-holiday dates of every year from `fromYear` to `toYear`, both included. */
export function publicHolidayDates(fromYear: number, toYear: number): Set<IsoDate> {
  const set = new Set<IsoDate>();
  for (let y = fromYear; y <= toYear; y += 1) {
    for (const h of publicHolidays(y)) set.add(h.date);
  }
  return set;
}
