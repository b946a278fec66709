/** Instants for the demo data: Paris wall-clock times as UTC ISO strings, never later than `now`. */
import { parseIsoDate, type IsoDate } from '../calendar';

let offsetFormatter: Intl.DateTimeFormat | undefined;

/** Minutes east of UTC of Europe/Paris at an instant (60 in winter, 120 in summer). */
function parisOffsetMinutes(instant: Date): number {
  offsetFormatter ??= new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' });
  const name = offsetFormatter.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** The UTC instant (ISO) of `time` ("HH:MM") on `date` in Paris. */
export function parisInstant(date: IsoDate, time: string): string {
  const { year, month, day } = parseIsoDate(date);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hh ?? 0, mm ?? 0);
  let utc = wall - parisOffsetMinutes(new Date(wall)) * 60_000;
  // A second pass settles the rare hour around a daylight-saving change.
  utc = wall - parisOffsetMinutes(new Date(utc)) * 60_000;
  return new Date(utc).toISOString();
}

/** The earlier of an ISO instant and `now`: demo history never lies in the future. */
export function notAfter(now: Date, iso: string): string {
  return iso < now.toISOString() ? iso : now.toISOString();
}

/** `now` minus some minutes, as ISO. */
export function minutesBefore(now: Date, minutes: number): string {
  return new Date(now.getTime() - minutes * 60_000).toISOString();
}

export { parisToday } from '../calendar/dates';
