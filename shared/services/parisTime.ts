/**
 * Paris wall-clock time ↔ UTC instants, for the date bookings open ("le 1er juin à 8 h") typed
 * by staff in Paris and stored in UTC. Pure (Intl only): the browser forms use it too.
 */
import { formatIsoDate, parseIsoDate, type IsoDate } from '../calendar/dates';

let offsetFormatter: Intl.DateTimeFormat | undefined;

const HOUR_MS = 3_600_000;
/** Offsets by UTC hour: Paris changes its offset only on a whole UTC hour (01:00 UTC). */
const offsets = new Map<number, number>();

/** Minutes east of UTC of Europe/Paris at an instant (60 in winter, 120 in summer). */
function parisOffsetMinutes(instant: Date): number {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  const known = offsets.get(hour);
  if (known !== undefined) return known;
  offsetFormatter ??= new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' });
  const name = offsetFormatter.formatToParts(new Date(hour * HOUR_MS)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  let minutes = 0;
  if (m) {
    minutes = Number(m[2]) * 60 + Number(m[3]);
    if (m[1] === '-') minutes = -minutes;
  }
  if (offsets.size >= 100_000) offsets.clear();
  offsets.set(hour, minutes);
  return minutes;
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
  // The wall clock is the instant shifted by the offset, read in UTC.
  const wall = new Date(d.getTime() + parisOffsetMinutes(d) * 60_000);
  const hh = String(wall.getUTCHours()).padStart(2, '0');
  const mm = String(wall.getUTCMinutes()).padStart(2, '0');
  return { date: formatIsoDate(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate()), time: `${hh}:${mm}` };
}
