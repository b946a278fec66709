import { useId, type ReactNode } from 'react';
import { StatusBadge } from './StatusBadge';
import type { BookingStatus } from './types';

const STATES: BookingStatus[] = ['pending', 'accepted', 'refused', 'waitlisted', 'cancellation_pending'];

/** What the badges and marks of a planning mean (words first, colours as a reminder). */
export function StateLegend({ extra }: { extra?: ReactNode }) {
  const id = useId();
  return (
    <div className="legend">
      <p className="legend__title" id={id}>
        Légende
      </p>
      <ul className="legend__list" aria-labelledby={id}>
        {STATES.map((s) => (
          <li key={s}>
            <StatusBadge status={s} />
          </li>
        ))}
        <li>
          <StatusBadge status="waitlisted" offered /> une place s’est libérée : à accepter ou refuser avant l’échéance
        </li>
        <li>
          <span className="chip chip--other">
            <span className="chip__other">autre compte</span>
          </span>{' '}
          réservation liée à un autre compte (garde alternée), en consultation
        </li>
        {extra}
      </ul>
    </div>
  );
}
