import { useEffect } from 'react';

// « Mon planning » and « Mes demandes » sit on the same page and each loads its own data: an offer
// answered in one must show in the other without a reload.
const answered = new EventTarget();

/** Tells every section showing bookings that an offer was just accepted or refused. */
export function announceOfferAnswered(): void {
  answered.dispatchEvent(new Event('answered'));
}

/** Calls `refresh` whenever an offer is answered anywhere on the page. */
export function useOfferAnswered(refresh: () => void): void {
  useEffect(() => {
    answered.addEventListener('answered', refresh);
    return () => answered.removeEventListener('answered', refresh);
  }, [refresh]);
}
