import { useState } from 'react';
import { resendVerification } from '../accountApi';
import { toApiError, type ApiError } from '../api';
import { StatusNotice } from '../forms/StatusNotice';
import { ErrorAlert } from './ErrorAlert';

/** "Renvoyer le lien": a new confirmation e-mail to an address already typed. */
export function ResendLinkButton({ email }: { email: string }) {
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function resend() {
    if (pending) return;
    setPending(true);
    setNotice(null);
    setError(null);
    try {
      setNotice((await resendVerification(email)).message);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="resend">
      <button type="button" className="button button--secondary" onClick={resend} aria-disabled={pending || undefined}>
        Renvoyer le lien
      </button>
      {pending && <p className="muted">Envoi en cours…</p>}
      <StatusNotice message={notice} />
      <ErrorAlert error={error} />
    </div>
  );
}
