import { Link, useLocation } from 'react-router';
import { useReservations } from '../../../reservations/demande';
import { plural } from '../../../reservations/labels';
import { CalendarLink } from './CalendarLink';
import { FamilyPlanning } from './FamilyPlanning';
import { RequestsHistory } from './RequestsHistory';

/** `/espace/reservations`: the family planning, "Mes demandes", "Ajouter" and "Abonnement calendrier". */
export function ReservationsPage() {
  const { items } = useReservations();
  const location = useLocation();
  return (
    <>
      <title>Réservations — Portail famille</title>
      <h1>Réservations</h1>
      <p className="muted">
        Faire et suivre vos demandes de réservation et d’annulation, voir toutes vos réservations sur un seul planning.
      </p>
      <div className="page-actions">
        <Link to="/espace/reservations/ajouter" className="button button--primary">
          Ajouter
        </Link>
        <CalendarLink />
      </div>
      {items.length > 0 && (
        <div className="notice notice--demande">
          <p>
            <strong>Vous avez une demande en cours, pas encore envoyée ({plural(items.length, 'ligne', 'lignes')}).</strong>
          </p>
          <p>
            <Link to="/espace/reservations/recapitulatif" state={{ from: location.pathname }}>
              Voir le récapitulatif et valider
            </Link>
          </p>
        </div>
      )}
      <section aria-labelledby="mon-planning">
        <h2 id="mon-planning">Mon planning</h2>
        <FamilyPlanning />
      </section>
      <section aria-labelledby="mes-demandes">
        <h2 id="mes-demandes">Mes demandes</h2>
        <RequestsHistory />
      </section>
    </>
  );
}
