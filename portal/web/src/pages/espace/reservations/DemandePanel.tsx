import { useId } from 'react';
import { groupByMonth } from '../../../../../../shared/bookings/recopie';
import { formatDate } from '../../../format';
import { sortItems, type DemandeItem } from '../../../reservations/demande';
import { monthTitle, plural, weekdayShort } from '../../../reservations/labels';

/** "Votre demande en cours" under the planning: what will be sent, month by month, each line removable. */
export function DemandePanel({
  items,
  otherCount,
  onRemove,
}: {
  items: DemandeItem[];
  otherCount: number;
  onRemove: (keys: string[]) => void;
}) {
  const headingId = useId();
  const sorted = sortItems(items);
  const months = groupByMonth(sorted.map((i) => i.date));
  return (
    <section className="panel demande" aria-labelledby={headingId}>
      <h2 id={headingId}>
        Votre demande en cours <span className="count">({plural(items.length, 'ligne', 'lignes')})</span>
      </h2>
      {items.length === 0 ? (
        <p className="muted">
          Aucune ligne pour ce planning. Cliquez sur une journée puis « Nouvelle présence », ou utilisez le mode recopie.
        </p>
      ) : (
        <>
          <ul className="month-groups">
            {months.map((m) => {
              const lines = sorted.filter((i) => i.date.startsWith(m.month));
              return (
                <li key={m.month}>
                  <details open={months.length <= 2}>
                    <summary>
                      {monthTitle(m.month)} — {plural(lines.length, 'ligne', 'lignes')}
                    </summary>
                    <ul className="demande__lines">
                      {lines.map((i) => (
                        <li key={i.key}>
                          <span>
                            {weekdayShort(i.date)} {formatDate(i.date)} — {i.action === 'cancel' ? 'Annulation : ' : ''}
                            {i.unitName}
                          </span>
                          <button type="button" className="button--link" onClick={() => onRemove([i.key])}>
                            Retirer<span className="visually-hidden"> : {i.unitName} du {formatDate(i.date)}</span>
                          </button>
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              );
            })}
          </ul>
          <button type="button" className="button button--danger-outline button--small" onClick={() => onRemove(items.map((i) => i.key))}>
            Retirer toutes les lignes de ce planning
          </button>
        </>
      )}
      {otherCount > 0 && (
        <p className="muted">
          Votre demande contient aussi {plural(otherCount, 'ligne', 'lignes')} d’autres plannings : elles figurent au récapitulatif.
        </p>
      )}
    </section>
  );
}

/** Always in view at the bottom of the screen: the size of the request and "Suivant" (no scrolling to find it). */
export function DemandeBar({ count, onNext }: { count: number; onNext: () => void }) {
  return (
    <div className="action-bar" role="region" aria-label="Actions de la demande">
      <p className="action-bar__count">
        {count === 0 ? 'Votre demande est vide' : `Votre demande : ${plural(count, 'ligne', 'lignes')}`}
      </p>
      <button type="button" className="button button--primary" onClick={onNext} disabled={count === 0}>
        Suivant
      </button>
    </div>
  );
}
