import { Link } from 'react-router';
import { useMe } from '../espaceContext';
import { FAMILY_STATUS_LABELS } from '../status';

/** `/espace`: welcome, account state and whether "Réservations" is open (guide, ÉTAPE 4). */
export function EspaceHomePage() {
  const { family } = useMe();
  return (
    <>
      <title>Mon espace — Portail famille</title>
      <h1>Mon espace</h1>
      <p className="lead">Bienvenue, {family.displayName}.</p>

      <section className="panel" aria-labelledby="etat-compte">
        <h2 id="etat-compte">État de votre compte</h2>
        <p className={`badge badge--${family.status}`}>{FAMILY_STATUS_LABELS[family.status]}</p>
        <p>{family.statusMessage}</p>
      </section>

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

      <section className="panel" aria-labelledby="a-faire">
        <h2 id="a-faire">Votre dossier</h2>
        <p>
          Passez toutes les rubriques en revue&nbsp;: visualisez, complétez et modifiez les informations de votre profil,
          de votre foyer et de vos enfants, et transmettez vos pièces justificatives.
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
