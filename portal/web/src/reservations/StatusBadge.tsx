import { STATUS_LABELS } from './labels';
import type { BookingStatus } from './types';

/**
 * A booking state as the guide writes it, its colour only a reminder of the words. A waiting line
 * offered a freed place reads « PLACE PROPOSÉE »: the family has to answer it.
 */
export function StatusBadge({ status, offered = false }: { status: BookingStatus; offered?: boolean }) {
  if (offered && status === 'waitlisted') return <span className="state state--offered">PLACE PROPOSÉE</span>;
  return <span className={`state state--${status}`}>{STATUS_LABELS[status]}</span>;
}
