import { createContext, useContext } from 'react';
import type { Id } from '../types';
import type { Catalog, RequestLine } from './types';

// "La demande en cours": the lines the parent is building before the recap, kept for the tab
// (sessionStorage) so that a reload or a detour by another planning does not lose them.

interface ItemBase {
  key: string;
  childId: Id;
  childName: string;
  serviceName: string;
  periodId: Id | null;
  date: string;
  unitName: string;
}

export interface BookItem extends ItemBase {
  action: 'book';
  unitId: Id;
}

export interface CancelItem extends ItemBase {
  action: 'cancel';
  bookingId: Id;
  /** Unknown when cancelled from the family planning (it names units only). */
  unitId: Id | null;
}

export type DemandeItem = BookItem | CancelItem;

export const bookKey = (childId: Id, date: string, unitId: Id) => `b:${childId}:${date}:${unitId}`;
export const cancelKey = (bookingId: Id) => `c:${bookingId}`;

export function toRequestLine(item: DemandeItem): RequestLine {
  return item.action === 'book'
    ? { action: 'book', childId: item.childId, date: item.date, unitId: item.unitId }
    : { action: 'cancel', bookingId: item.bookingId };
}

/** Calendar order, then child, then unit: the order of the recap. */
export function sortItems(items: readonly DemandeItem[]): DemandeItem[] {
  return [...items].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.childName.localeCompare(b.childName, 'fr') ||
      a.serviceName.localeCompare(b.serviceName, 'fr') ||
      a.unitName.localeCompare(b.unitName, 'fr'),
  );
}

export interface ReservationsContextValue {
  catalog: Catalog;
  items: DemandeItem[];
  /** Adds lines (a line already there is kept once). */
  add: (items: DemandeItem[]) => void;
  remove: (keys: readonly string[]) => void;
  /** Replaces the booking lines of one child, one day and one service (the "Nouvelle présence" window). */
  replaceDay: (childId: Id, date: string, serviceName: string, items: BookItem[]) => void;
  clear: () => void;
}

export const ReservationsContext = createContext<ReservationsContextValue | null>(null);

export function useReservations(): ReservationsContextValue {
  const value = useContext(ReservationsContext);
  if (!value) throw new Error('useReservations hors de ReservationsLayout');
  return value;
}

const STORAGE_PREFIX = 'marelle.demande.';

export function loadItems(familyId: Id): DemandeItem[] {
  try {
    const raw = sessionStorage.getItem(`${STORAGE_PREFIX}${familyId}`);
    if (!raw) return [];
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? (parsed as DemandeItem[]).filter((i) => typeof i?.key === 'string') : [];
  } catch {
    return [];
  }
}

export function saveItems(familyId: Id, items: readonly DemandeItem[]): void {
  try {
    if (items.length === 0) sessionStorage.removeItem(`${STORAGE_PREFIX}${familyId}`);
    else sessionStorage.setItem(`${STORAGE_PREFIX}${familyId}`, JSON.stringify(items));
  } catch {
    // Private browsing without storage: the request lives as long as the page.
  }
}

/** At logout: nothing of the family stays in the tab. */
export function forgetAllDemandes(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(STORAGE_PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // No storage: nothing to forget.
  }
}
