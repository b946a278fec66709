/**
 * The private iCalendar feed of a family's accepted bookings (RFC 5545). The URL carries a random
 * token; the store keeps only its SHA-256 (`families.ical_token`), like every other secret link,
 * so a copy of the database does not open anyone's calendar. Renewing replaces the hash: the old
 * URL stops working at once.
 */
import type { Kysely } from 'kysely';
import { addDays, type IsoDate } from '../calendar/dates';
import { hashToken, newToken } from '../auth/tokens';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';
import { parisToday } from './rules';
import { RESPONSABLE } from '../db/literals';

/** The feed shows accepted bookings from 30 days ago to a year ahead. */
export const FEED_PAST_DAYS = 30;
export const FEED_FUTURE_DAYS = 365;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const calendarUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/+$/, '')}/api/public/calendar/${token}.ics`;

/** Creates or renews the family's private calendar address; returns the new token. */
export async function renewCalendarToken(db: Kysely<Database>, familyId: number, now: Date): Promise<string> {
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('families').set({ ical_token: hashToken(token), updated_at: now.toISOString() }).where('id', '=', familyId).execute();
  });
  return token;
}

// ---- iCalendar writing (pure) -----------------------------------------------------------------

/** TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded: CRLF then one space, never inside a UTF-8 character. */
const encoder = new TextEncoder();

export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compactDate = (date: IsoDate): string => date.replace(/-/g, '');
const localDateTime = (date: IsoDate, time: string): string => `${compactDate(date)}T${time.replace(':', '')}00`;
/** 2026-11-26T08:00:00.000Z → 20261126T080000Z. */
const utcStamp = (iso: string): string => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Europe/Paris since 1996: last Sunday of March 02:00 → CEST, last Sunday of October 03:00 → CET. */
const PARIS_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export interface FeedEvent {
  bookingId: number;
  date: IsoDate;
  startTime: string | null;
  endTime: string | null;
  childFirstName: string;
  serviceName: string;
  unitName: string;
  updatedAt: string;
}

const lowerFirst = (text: string): string => text.charAt(0).toLocaleLowerCase('fr') + text.slice(1);

/** "Léo — ALSH du mercredi (journée)". */
export const eventSummary = (e: Pick<FeedEvent, 'childFirstName' | 'serviceName' | 'unitName'>): string =>
  `${e.childFirstName} — ${e.serviceName} (${lowerFirst(e.unitName)})`;

/** A whole VCALENDAR: timed events in Paris local time, all-day events for units without hours. */
export function buildCalendar(input: { name: string; host: string; now: Date; events: readonly FeedEvent[] }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Marelle//Portail famille//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(input.name)}`,
    'X-WR-TIMEZONE:Europe/Paris',
    ...PARIS_TIMEZONE,
  ];
  const stamp = utcStamp(input.now.toISOString());
  for (const e of input.events) {
    lines.push('BEGIN:VEVENT', `UID:booking-${e.bookingId}@${input.host}`, `DTSTAMP:${stamp}`, `LAST-MODIFIED:${utcStamp(e.updatedAt)}`);
    if (e.startTime !== null && e.endTime !== null) {
      lines.push(`DTSTART;TZID=Europe/Paris:${localDateTime(e.date, e.startTime)}`, `DTEND;TZID=Europe/Paris:${localDateTime(e.date, e.endTime)}`);
    } else {
      lines.push(`DTSTART;VALUE=DATE:${compactDate(e.date)}`, `DTEND;VALUE=DATE:${compactDate(addDays(e.date, 1))}`);
    }
    lines.push(`SUMMARY:${escapeText(eventSummary(e))}`, 'STATUS:CONFIRMED', 'TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** The feed of the family whose token this is, or null for an unknown token. */
export async function calendarFeed(db: Db, token: string, now: Date, publicUrl: string): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const family = await db
    .selectFrom('families as f')
    .leftJoin('guardians as g', (j) => j.onRef('g.family_id', '=', 'f.id').on('g.role', '=', RESPONSABLE))
    .select(['f.id', 'g.last_name'])
    .where('f.ical_token', '=', hashToken(token))
    .executeTakeFirst();
  if (!family) return null;
  const today = parisToday(now);
  const rows = await db
    .selectFrom('bookings as b')
    .innerJoin('children as c', 'c.id', 'b.child_id')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .innerJoin('services as s', 's.id', 'b.service_id')
    .select(['b.id', 'b.date', 'b.updated_at', 'c.first_name', 's.name as service_name', 'u.name as unit_name', 'u.start_time', 'u.end_time'])
    .where('b.family_id', '=', family.id)
    .where('b.status', '=', 'accepted')
    .where('b.date', '>=', addDays(today, -FEED_PAST_DAYS))
    .where('b.date', '<=', addDays(today, FEED_FUTURE_DAYS))
    .orderBy('b.date')
    .orderBy('u.start_time')
    .orderBy('b.id')
    .execute();
  let host = 'marelle';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // A malformed public URL only changes the UIDs' domain part.
  }
  return buildCalendar({
    name: family.last_name ? `Réservations — Famille ${family.last_name}` : 'Réservations',
    host,
    now,
    events: rows.map((r) => ({
      bookingId: r.id,
      date: r.date,
      startTime: r.start_time,
      endTime: r.end_time,
      childFirstName: r.first_name,
      serviceName: r.service_name,
      unitName: r.unit_name,
      updatedAt: r.updated_at,
    })),
  });
}
