import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate } from '../../../format';
import { fullName } from '../../../reservations/catalog';
import { FocusedTitle } from '../../../reservations/FocusedTitle';
import { useReservations } from '../../../reservations/demande';
import { formatInstant } from '../../../reservations/labels';
import type { CatalogService } from '../../../reservations/types';

/** "Ajouter", first step: « Choisissez l’enfant concerné … dans le menu déroulant puis cliquez sur suivant ». */
export function ChooseChildPage() {
  const { catalog } = useReservations();
  const navigate = useNavigate();
  const selectId = useId();
  const [childId, setChildId] = useState(() => String(catalog.children[0]?.id ?? ''));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (childId) void navigate(`/espace/reservations/ajouter/${childId}`);
  }

  return (
    <>
      <title>Nouvelle réservation — Portail famille</title>
      <p className="breadcrumb">
        <Link to="/espace/reservations">Réservations</Link>
      </p>
      <FocusedTitle>Nouvelle réservation</FocusedTitle>
      <ol className="steps--inline" aria-label="Étapes">
        <li aria-current="step">Enfant</li>
        <li>Service</li>
        <li>Planning</li>
        <li>Récapitulatif</li>
      </ol>
      {catalog.children.length === 0 ? (
        <p className="notice">
          Aucun enfant de votre dossier ne peut encore être inscrit. <Link to="/espace/enfants">Voir mes enfants</Link>
        </p>
      ) : (
        <form className="form panel" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor={selectId}>Enfant concerné par la demande</label>
            <select id={selectId} value={childId} onChange={(e) => setChildId(e.target.value)}>
              {catalog.children.map((c) => (
                <option key={c.id} value={c.id}>
                  {fullName(c)}
                  {c.sharedCustody ? ' (garde alternée)' : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary">
              Suivant
            </button>
            <Link to="/espace/reservations">Retour aux réservations</Link>
          </div>
        </form>
      )}
    </>
  );
}

/** "Ajouter", second step: « Sélectionnez le service. Dépliez les catégories … ». */
export function ChooseServicePage() {
  const { catalog } = useReservations();
  const { childId } = useParams();
  const child = catalog.children.find((c) => String(c.id) === childId);
  if (!child) {
    return (
      <>
        <title>Nouvelle réservation — Portail famille</title>
        <h1>Nouvelle réservation</h1>
        <p className="alert alert--error" role="alert">
          Cet enfant n’est pas dans votre dossier.
        </p>
        <Link to="/espace/reservations/ajouter">Choisir l’enfant</Link>
      </>
    );
  }
  return (
    <>
      <title>{`Nouvelle réservation pour ${child.firstName} — Portail famille`}</title>
      <p className="breadcrumb">
        <Link to="/espace/reservations">Réservations</Link> › <Link to="/espace/reservations/ajouter">Nouvelle réservation</Link>
      </p>
      <FocusedTitle>Nouvelle réservation pour {fullName(child)}</FocusedTitle>
      <ol className="steps--inline" aria-label="Étapes">
        <li>Enfant</li>
        <li aria-current="step">Service</li>
        <li>Planning</li>
        <li>Récapitulatif</li>
      </ol>
      <p>Sélectionnez le service, puis dépliez ses catégories pour ouvrir le planning de la période souhaitée.</p>
      <ul className="services-accordion">
        {catalog.services.map((s) => (
          <ServiceDisclosure key={s.id} service={s} childId={child.id} />
        ))}
      </ul>
      <p>
        <Link to="/espace/reservations/ajouter">Choisir un autre enfant</Link>
      </p>
    </>
  );
}

function ServiceDisclosure({ service, childId }: { service: CatalogService; childId: number }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <li className="service-item">
      <h2 className="service-item__heading">
        <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)} className="disclosure">
          <span className="disclosure__icon" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {service.name}
        </button>
      </h2>
      <div id={panelId} hidden={!open} className="service-item__panel">
        <p className="muted">
          {service.approvalMode === 'manual'
            ? 'Les demandes sont validées par le service en fonction des places disponibles.'
            : 'Les demandes sont acceptées immédiatement tant qu’il reste des places.'}
        </p>
        {service.periods.length === 0 ? (
          <p>Aucune période ouverte à la réservation pour le moment.</p>
        ) : (
          <ul className="periods">
            {service.periods.map((p) => (
              <li key={p.id} className="period">
                <p className="period__name">
                  <strong>{p.name}</strong>{' '}
                  <span className="muted">
                    du {formatDate(p.startDate)} au {formatDate(p.endDate)}
                  </span>
                </p>
                {p.bookingsOpen ? (
                  <Link to={`/espace/reservations/planning/${childId}/${p.id}`} className="button button--primary button--small">
                    Ouvrir le planning<span className="visually-hidden"> : {p.name}</span>
                  </Link>
                ) : (
                  <p className="period__closed">
                    {p.bookingsOpenAt
                      ? `Réservations ouvertes à partir du ${formatInstant(p.bookingsOpenAt)}.`
                      : 'Réservations pas encore ouvertes.'}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
