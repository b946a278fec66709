import { STATUS_LABELS } from './labels';
import type { BookingStatus } from './types';

/** A booking state as the guide writes it, its colour only a reminder of the words. */
export function StatusBadge({ status }: { status: BookingStatus }) {
  return <span className={`state state--${status}`}>{STATUS_LABELS[status]}</span>;
}
