import { Link } from 'react-router';
import { useMe } from '../../espaceContext';
import { COMING_SOON } from '../ComingSoonPage';

/** `/espace/reservations`: closed until staff validate the account. */
export function ReservationsPage() {
  const { family } = useMe();
  return (
    <>
      <title>Réservations — Portail famille</title>
      <h1>Réservations</h1>
      {family.reservationsOpen ? (
        <>
          <p className="muted">
            Faire et suivre vos demandes de réservation et d’annulation, voir toutes vos réservations sur un seul
            planning.
          </p>
          <p className="notice">{COMING_SOON}</p>
        </>
      ) : (
        <div className="notice">
          <p>
            <strong>Les réservations ne sont pas encore ouvertes pour votre compte.</strong>
          </p>
          <p>{family.statusMessage}</p>
          <p>Après validation de votre compte par nos services, vous pourrez accéder à la partie « Réservations ».</p>
          {(family.status === 'profile_incomplete' || family.status === 'rejected') && (
            <p>
              <Link to="/espace">Voir ce qu’il reste à faire et transmettre mon dossier</Link>
            </p>
          )}
        </div>
      )}
    </>
  );
}
