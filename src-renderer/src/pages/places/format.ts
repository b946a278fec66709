import type { CSSProperties } from 'react';
import type { CellStatus, MonthCellDto } from '../../placesApi';
import { plural } from '../services/format';

export { formatLongDate, formatMonth, plural } from '../services/format';

// Light backgrounds with near-black text: every pair passes 4.5:1; the status is also written in
// the cell, never told by the colour alone.
const TEXT = 'var(--mantine-color-gray-9)';
export const CELL_STYLES: Record<CellStatus, CSSProperties> = {
  missing: { background: 'var(--mantine-color-red-1)', color: TEXT, borderColor: 'var(--mantine-color-red-7)' },
  no_plan: { background: 'var(--mantine-color-yellow-1)', color: TEXT, borderColor: 'var(--mantine-color-yellow-7)' },
  full: { background: 'var(--mantine-color-orange-1)', color: TEXT, borderColor: 'var(--mantine-color-orange-7)' },
  ok: { background: 'var(--mantine-color-green-1)', color: TEXT, borderColor: 'var(--mantine-color-green-7)' },
};

export const CELL_LABELS: Record<CellStatus, string> = {
  missing: 'Animateurs manquants',
  no_plan: 'Encadrement non saisi',
  full: 'Complet',
  ok: 'Places disponibles',
};

/** "1 manquant", "2 en trop", "au complet" for the animators' balance. */
export function balanceText(balance: number | null): string {
  if (balance === null) return '—';
  if (balance < 0) return plural(-balance, 'manquant', 'manquants');
  if (balance > 0) return `${plural(balance, 'animateur', 'animateurs')} en trop`;
  return 'juste ce qu’il faut';
}

export const placesText = (places: number | null): string => (places === null ? 'sans limite' : String(places));

/** What a month cell says, in words (its accessible name too). */
export function cellSentence(cell: MonthCellDto): string {
  const parts = [`${plural(cell.booked, 'inscrit', 'inscrits')} sur ${cell.places === null ? 'places illimitées' : plural(cell.places, 'place', 'places')}`];
  if (cell.pending > 0) parts.push(`${cell.pending} en attente`);
  if (cell.waitlisted > 0) parts.push(`${cell.waitlisted} en liste d’attente`);
  parts.push(cell.planned === null ? 'encadrement non saisi' : `${plural(cell.planned, 'encadrant', 'encadrants')}`);
  if (cell.balance !== null && cell.balance < 0) parts.push(`${plural(-cell.balance, 'animateur manquant', 'animateurs manquants')}`);
  else if (cell.balance !== null && cell.balance > 0) parts.push(`${cell.balance} en trop`);
  return parts.join(', ');
}

/** The current month moved by `delta` months: "2026-12" + 1 → "2027-01". */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
