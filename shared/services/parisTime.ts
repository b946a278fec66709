/**
 * Paris wall-clock time ↔ UTC instants, for the date bookings open ("le 1er juin à 8 h") typed
 * by staff in Paris and stored in UTC. Pure (Intl only): the browser forms use it too.
 */
import { formatIsoDate, parseIsoDate, type IsoDate } from '../calendar/dates';

let offsetFormatter: Intl.DateTimeFormat | undefined;
let wallFormatter: Intl.DateTimeFormat | undefined;

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
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) throw new RangeError(`Heure invalide « ${time} » : format attendu HH:MM.`);
  const wall = Date.UTC(year, month - 1, day, Number(m[1]), Number(m[2]));
  let utc = wall - parisOffsetMinutes(new Date(wall)) * 60_000;
  // A second pass settles the hours around a daylight-saving change.
  utc = wall - parisOffsetMinutes(new Date(utc)) * 60_000;
  return new Date(utc).toISOString();
}

/** The Paris date and time ("HH:MM") of an ISO instant. */
export function parisWallTime(instant: string): { date: IsoDate; time: string } {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Horodatage invalide « ${instant} ».`);
  wallFormatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const parts = wallFormatter.formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const hh = String(get('hour')).padStart(2, '0');
  const mm = String(get('minute')).padStart(2, '0');
  return { date: formatIsoDate(get('year'), get('month'), get('day')), time: `${hh}:${mm}` };
}
