import { Link, useLocation } from 'react-router';
import { SuccessPanel } from '../../components/SuccessPanel';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ResendLinkButton } from '../../components/ResendLinkButton';
import { Loading } from '../../components/Loading';
import { useMe } from '../../espaceContext';
import { useFamilyFile } from '../../family/useFamilyFile';
import { FAMILY_STATUS_LABELS } from '../../status';
import { SubmitPanel } from './SubmitPanel';

/** `/espace` (ÉTAPE 3 and 4 of the guide): account state, what is missing, submission, "Réservations". */
export function EspaceHomePage() {
  const { family, account } = useMe();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice ?? null;
  const { resource, set } = useFamilyFile();

  return (
    <>
      <title>Mon espace — Portail famille</title>
      <h1>Mon espace</h1>
      <p className="lead">Bienvenue, {family.displayName}.</p>
      {notice && (
        <SuccessPanel>
          <p>{notice}</p>
        </SuccessPanel>
      )}

      <section className="panel" aria-labelledby="etat-compte">
        <h2 id="etat-compte">État de votre compte</h2>
        <p className={`badge badge--${family.status}`}>{FAMILY_STATUS_LABELS[family.status]}</p>
        <p>{family.statusMessage}</p>
        {family.status === 'email_unverified' && <ResendLinkButton email={account.email} />}
      </section>

      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <ErrorAlert error={resource.error} />}
      {resource.status === 'ok' && <SubmitPanel file={resource.data} onSubmitted={set} />}

      <section className="panel" aria-labelledby="etat-reservations">
        <h2 id="etat-reservations">Réservations</h2>
        {family.reservationsOpen ? (
          <p>
            La rubrique « Réservations » est ouverte : vous pouvez faire et suivre vos demandes de réservation et
            d’annulation. <Link to="/espace/reservations">Accéder aux réservations</Link>
          </p>
        ) : (
          <p>
            La rubrique « Réservations » n’est pas encore ouverte : vous pourrez y accéder après la validation de
            votre compte par nos services.
          </p>
        )}
      </section>

      <section className="panel" aria-labelledby="rubriques">
        <h2 id="rubriques">Votre dossier</h2>
        <p>
          Passez toutes les rubriques en revue en cliquant sur le bouton «&nbsp;crayon&nbsp;»&nbsp;: visualisez,
          complétez et modifiez les informations de votre profil, de votre foyer et de vos enfants, et transmettez vos
          pièces justificatives.
        </p>
        <ul className="link-list">
          <li>
            <Link to="/espace/profil">Mon profil</Link>&nbsp;: connexion, coordonnées, informations personnelles et
            professionnelles
          </li>
          <li>
            <Link to="/espace/foyer">Mon foyer</Link>&nbsp;: conjoint, informations complémentaires, mandats SEPA
          </li>
          <li>
            <Link to="/espace/enfants">Mes enfants</Link>&nbsp;: fiches enfants, renseignements médicaux, autorisations
          </li>
          <li>
            <Link to="/espace/documents">Documents</Link>&nbsp;: attestation de responsabilité civile, RIB, mandat SEPA
          </li>
        </ul>
      </section>
    </>
  );
}
