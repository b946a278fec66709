import { Link, Outlet, useOutletContext } from 'react-router';
import type { EspaceContext } from '../espaceContext';
import { ResendLinkButton } from './ResendLinkButton';

/** The guide's rule: until the confirmation link is clicked, the account cannot go further. */
export function RequireVerifiedEmail() {
  const context = useOutletContext<EspaceContext>();
  if (context.me.family.status !== 'email_unverified') return <Outlet context={context} />;
  return (
    <>
      <title>Adresse e-mail à confirmer — Portail famille</title>
      <h1>Confirmez d’abord votre adresse e-mail</h1>
      <div className="notice">
        <p>
          Pensez à bien confirmer votre adresse mail en cliquant sur le lien de validation que vous avez reçu par mail
          à l’adresse <strong>{context.me.account.email}</strong>. Vous pourrez ensuite compléter votre profil.
        </p>
      </div>
      <ResendLinkButton email={context.me.account.email} />
      <p>
        <Link to="/espace">Retour à Mon espace</Link>
      </p>
    </>
  );
}
