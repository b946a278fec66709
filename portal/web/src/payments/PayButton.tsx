import { useState } from 'react';
import { formatEuros } from '../../../../shared/tariffs/money';
import { toApiError, type ApiError } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { startPayfip } from './api';

/**
 * « Régler » (issue 9): starts the PayFiP payment of one invoice and sends the parent to PayFiP's
 * page. The amount shown is the invoice's; the one charged is read again by the server.
 */
export function PayButton({ invoiceId, invoiceNumber, amountDueCents }: { invoiceId: number; invoiceNumber: string; amountDueCents: number }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      const { redirectUrl } = await startPayfip(invoiceId);
      window.location.assign(redirectUrl);
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button button--primary" onClick={() => void pay()} disabled={busy} aria-busy={busy}>
        {busy ? 'Redirection vers PayFiP…' : 'Régler'}
        <span className="visually-hidden">
          {' '}
          la facture {invoiceNumber} ({formatEuros(amountDueCents)}) par carte bancaire
        </span>
      </button>
      <ErrorAlert error={error} />
    </>
  );
}
