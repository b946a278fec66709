/**
 * Calendar-date helpers on ISO strings `YYYY-MM-DD`.
 *
 * A calendar date is a civil day, not an instant: every computation here is done in UTC on
 * the string's year/month/day, so the result never depends on the machine's time zone nor
 * on daylight-saving changes. No function reads the clock.
 */

/** A calendar date written `YYYY-MM-DD` (validated at run time by the helpers below). */
export type IsoDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface DateParts {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this month.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads `YYYY-MM-DD` into its parts; throws a RangeError if it is not a real calendar date. */
export function parseIsoDate(date: string): DateParts {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Date invalide « ${date} » : format attendu AAAA-MM-JJ.`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Date invalide « ${date} » : ce jour n'existe pas.`);
  }
  return { year, month, day };
}

/** True when `value` is a string `YYYY-MM-DD` naming a real calendar day. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Writes a date `YYYY-MM-DD` (year 0..9999). Throws a RangeError for a day that does not exist. */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  if (!Number.isInteger(year) || year < 0 || year > 9999) {
    throw new RangeError(`Année invalide : ${year}.`);
  }
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  parseIsoDate(text);
  return text;
}

/*
 * The booking rules convert the same few hundred dates again and again (a request's deadlines,
 * a year of cantine): the conversions are remembered, both ways, for the valid dates seen.
 */
const CACHE_MAX = 50_000;
const epochDays = new Map<string, number>();
const isoDates = new Map<number, IsoDate>();

/** Days since 1970-01-01 (UTC) of a calendar date. */
function toEpochDay(date: IsoDate): number {
  const known = epochDays.get(date);
  if (known !== undefined) return known;
  const { year, month, day } = parseIsoDate(date);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years 0..99 literal
  const epochDay = Math.round(d.getTime() / MS_PER_DAY);
  if (epochDays.size >= CACHE_MAX) epochDays.clear();
  epochDays.set(date, epochDay);
  return epochDay;
}

function fromEpochDay(epochDay: number): IsoDate {
  const known = isoDates.get(epochDay);
  if (known !== undefined) return known;
  const d = new Date(epochDay * MS_PER_DAY);
  const date = formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  if (isoDates.size >= CACHE_MAX) isoDates.clear();
  isoDates.set(epochDay, date);
  return date;
}

/** `date` plus `days` (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Nombre de jours invalide : ${days}.`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Number of days from `from` to `to` (negative when `to` is before `from`). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  const n = (((toEpochDay(date) + 3) % 7) + 7) % 7; // 0 = Monday
  return (n + 1) as IsoWeekday;
}

/** -1, 0 or 1 as `a` is before, equal to or after `b` (both validated). */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  // Validates both (a date already converted is known valid).
  toEpochDay(a);
  toEpochDay(b);
  // Validated `YYYY-MM-DD` strings sort lexicographically in calendar order.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every date from `start` to `end`, both included; nothing when `end` is before `start`. */
export function* eachDate(start: IsoDate, end: IsoDate): Generator<IsoDate, void, undefined> {
  const last = toEpochDay(end);
  for (let day = toEpochDay(start); day <= last; day += 1) yield fromEpochDay(day);
}

/** The dates from `start` to `end`, both included, as an array. */
export function datesBetween(start: IsoDate, end: IsoDate): IsoDate[] {
  return [...eachDate(start, end)];
}

/** True when `start <= date <= end`. */
export function isWithin(date: IsoDate, start: IsoDate, end: IsoDate): boolean {
  return compareDates(start, date) <= 0 && compareDates(date, end) <= 0;
}

// An instant: date, time, optional seconds/fraction, and a mandatory zone (Z or ±HH:MM / ±HHMM / ±HH).
const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)$/;

let parisFormatter: Intl.DateTimeFormat | undefined;

function parisParts(instant: Date): DateParts {
  parisFormatter ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const parts = parisFormatter.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    if (!part) throw new Error(`Intl.DateTimeFormat n'a pas rendu la partie « ${type} ».`);
    return Number(part.value);
  };
  return { year: get('year'), month: get('month'), day: get('day') };
}

/**
 * The Europe/Paris calendar date of an instant written in ISO 8601 with an offset or `Z`
 * (`2026-10-16T22:00:00+00:00` → `2026-10-17`). Throws a RangeError for anything else,
 * including a timestamp without offset (ambiguous).
 */
export function parisDateOf(isoTimestamp: string): IsoDate {
  const m = ISO_INSTANT.exec(isoTimestamp.trim());
  if (!m) {
    throw new RangeError(
      `Horodatage invalide « ${isoTimestamp} » : format attendu AAAA-MM-JJTHH:MM:SS avec un décalage (+02:00) ou Z.`,
    );
  }
  const [, datePart, hh, mm, ss, frac, zone] = m;
  if (datePart === undefined || hh === undefined || mm === undefined || zone === undefined) {
    throw new RangeError(`Horodatage invalide « ${isoTimestamp} ».`);
  }
  parseIsoDate(datePart);
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? '0') > 59) {
    throw new RangeError(`Horodatage invalide « ${isoTimestamp} » : heure impossible.`);
  }
  let offset = zone.toUpperCase();
  if (offset !== 'Z') {
    const sign = offset[0];
    const digits = offset.slice(1).replace(':', '');
    const oh = digits.slice(0, 2);
    const om = digits.slice(2, 4) || '00';
    if (Number(oh) > 23 || Number(om) > 59) {
      throw new RangeError(`Horodatage invalide « ${isoTimestamp} » : décalage impossible.`);
    }
    offset = `${sign}${oh}:${om}`;
  }
  const normalized = `${datePart}T${hh}:${mm}:${ss ?? '00'}${frac ?? ''}${offset}`;
  const instant = new Date(normalized);
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError(`Horodatage invalide « ${isoTimestamp} ».`);
  }
  const { year, month, day } = parisParts(instant);
  return formatIsoDate(year, month, day);
}

let lastToday: { at: number; date: IsoDate } | null = null;

/**
 * The Europe/Paris calendar day of an instant: what "today" means for every date rule, whatever
 * the machine's time zone. A request asks many times with the same instant: the last answer is kept.
 */
export function parisToday(now: Date): IsoDate {
  const at = now.getTime();
  if (lastToday?.at !== at) lastToday = { at, date: parisDateOf(now.toISOString()) };
  return lastToday.date;
}
