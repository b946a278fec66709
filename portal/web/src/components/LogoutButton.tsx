import { useState } from 'react';
import { useNavigate } from 'react-router';
import { logout, toApiError, type ApiError } from '../api';
import { forgetAllDemandes } from '../reservations/demande';
import { ErrorAlert } from './ErrorAlert';

export function LogoutButton() {
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError | null>(null);

  async function onClick() {
    setError(null);
    try {
      await logout();
    } catch (e) {
      const err = toApiError(e);
      // 401: the session was already over, which is what the parent wanted.
      if (err.status !== 401) {
        setError(err);
        return;
      }
    }
    forgetAllDemandes();
    await navigate('/', { replace: true });
  }

  return (
    <>
      <button type="button" className="button button--ghost" onClick={onClick}>
        Se déconnecter
      </button>
      <ErrorAlert error={error} />
    </>
  );
}
