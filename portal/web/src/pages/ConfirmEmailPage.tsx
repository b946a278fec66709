import { useCallback } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { confirmEmailChange, verifyEmail } from '../accountApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { ResendLinkForm } from '../components/ResendLinkForm';
import { SuccessPanel } from '../components/SuccessPanel';
import { useResource } from '../useResource';

// A link works once: React's development double effects (and a double render) must not spend it twice.
const attempts = new Map<string, Promise<{ message: string }>>();

function confirmOnce(token: string, change: boolean): Promise<{ message: string }> {
  const key = `${change ? 'change' : 'verify'}:${token}`;
  let attempt = attempts.get(key);
  if (!attempt) {
    attempt = change ? confirmEmailChange(token) : verifyEmail(token);
    attempts.set(key, attempt);
  }
  return attempt;
}

const INCOMPLETE_LINK = 'Ce lien est incomplet : copiez l’adresse entière reçue par e-mail.';

/** `/confirmer-email?token=…[&change=1]`: the link of the confirmation e-mail. */
export function ConfirmEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const change = params.get('change') === '1';
  const load = useCallback(
    () => (token ? confirmOnce(token, change) : Promise.reject(new Error(INCOMPLETE_LINK))),
    [token, change],
  );
  const result = useResource(load);
  const title = change ? 'Confirmation de votre nouvelle adresse e-mail' : 'Confirmation de votre adresse e-mail';

  if (result.status === 'ok' && !change) {
    // ÉTAPE 2: the parent is logged in now, the profile comes next.
    return <Navigate to="/espace/profil" replace state={{ notice: result.data.message }} />;
  }
  return (
    <>
      <title>{`${title} — Portail famille`}</title>
      <h1>{title}</h1>
      {result.status === 'loading' && <Loading label="Vérification du lien…" />}
      {result.status === 'ok' && (
        <>
          <SuccessPanel>
            <p>{result.data.message}</p>
          </SuccessPanel>
          <p>
            <Link to="/espace/profil">Aller à Mon profil</Link>
          </p>
        </>
      )}
      {result.status === 'error' && (
        <>
          <ErrorAlert message={token ? result.error.message : INCOMPLETE_LINK} />
          {change ? (
            <p>
              <Link to="/espace/profil">Aller à Mon profil</Link>
            </p>
          ) : (
            <section className="panel" aria-labelledby="nouveau-lien">
              <h2 id="nouveau-lien">Recevoir un nouveau lien de confirmation</h2>
              <ResendLinkForm />
              <p>
                Votre adresse est déjà confirmée ? <Link to="/">Connectez-vous</Link>.
              </p>
            </section>
          )}
        </>
      )}
    </>
  );
}
