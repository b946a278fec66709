import { addDays, isoWeekday, parseIsoDate } from '../../../../shared/calendar/dates';
import type { BookingStatus } from './types';

// The guide's wording of the booking states and the dates of the plannings.

export const STATUS_LABELS: Record<BookingStatus, string> = {
  pending: 'EN ATTENTE DE TRAITEMENT',
  waitlisted: 'LISTE D’ATTENTE',
  accepted: 'ACCEPTÉE',
  refused: 'REFUSÉE',
  cancellation_pending: 'ANNULATION DEMANDÉE',
  cancelled: 'ANNULÉE',
};

/** A booking that still holds (or asks for) a place: it can be cancelled. */
export const LIVE_STATUSES: ReadonlySet<BookingStatus> = new Set(['pending', 'waitlisted', 'accepted']);

/** Still on the planning (refused and cancelled bookings free the day). */
export const HOLDING_STATUSES: ReadonlySet<BookingStatus> = new Set(['pending', 'waitlisted', 'accepted', 'cancellation_pending']);

const money = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** Cents → "4,15 €". */
export const formatCents = (cents: number): string => money.format(cents / 100);

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
export const WEEKDAYS_SHORT = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'] as const;
const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

export const weekdayName = (date: string): string => WEEKDAYS[isoWeekday(date) - 1] ?? '';
export const weekdayShort = (date: string): string => WEEKDAYS_SHORT[isoWeekday(date) - 1] ?? '';

/** `2026-12-09` → "mercredi 9 décembre 2026". */
export function longDate(date: string): string {
  const { year, month, day } = parseIsoDate(date);
  return `${weekdayName(date)} ${day === 1 ? '1er' : day} ${MONTHS[month - 1]} ${year}`;
}

/** `2026-12` → "décembre 2026". */
export function monthLabel(month: string): string {
  const { year, month: m } = parseIsoDate(`${month}-01`);
  return `${MONTHS[m - 1]} ${year}`;
}

/** `2026-12` → "Décembre 2026" (headings). */
export const monthTitle = (month: string): string => {
  const label = monthLabel(month);
  return label.charAt(0).toUpperCase() + label.slice(1);
};

/** First and last days of a month `YYYY-MM`. */
export function monthBounds(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  const { year, month: m } = parseIsoDate(first);
  const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
  return { first, last: addDays(next, -1) };
}

/** The month after (`delta` = 1) or before (-1) `YYYY-MM`. */
export function shiftMonth(month: string, delta: number): string {
  const { year, month: m } = parseIsoDate(`${month}-01`);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "1 réservation", "3 réservations". */
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "07:30–18:30", or null without times. */
export function timeRange(start: string | null, end: string | null): string | null {
  if (!start || !end) return null;
  return `${start.replace(':', 'h')}–${end.replace(':', 'h')}`;
}

/** "2026-11-26T08:00:00Z" → "26/11/2026 à 09h00" (French time). */
export function formatInstant(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = new Intl.DateTimeFormat('fr-FR', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} à ${get('hour')}h${get('minute')}`;
}

/** The end of an offer, "28/11 à 09 h 00" (French time), as « PLACE PROPOSÉE jusqu'au … » says it. */
export function offerUntil(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')} à ${get('hour')} h ${get('minute')}`;
}

/** "1 réservation", "2 réservations dont 1 liée à un autre compte", "aucune réservation". */
export function bookingsCount(bookings: readonly { otherFamily: boolean }[]): string {
  if (bookings.length === 0) return 'aucune réservation';
  const others = bookings.filter((b) => b.otherFamily).length;
  const count = plural(bookings.length, 'réservation', 'réservations');
  if (others === 0) return count;
  if (others === bookings.length) return `${count} liée${others > 1 ? 's' : ''} à un autre compte`;
  return `${count} dont ${others} liée${others > 1 ? 's' : ''} à un autre compte`;
}
