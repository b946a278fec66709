import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDate } from '../../../format';
import { getRequests } from '../../../reservations/api';
import { formatInstant, plural, STATUS_LABELS } from '../../../reservations/labels';
import { StatusBadge } from '../../../reservations/StatusBadge';
import type { BookingStatus, RequestHistory } from '../../../reservations/types';
import { useResource } from '../../../useResource';

const PAGE = 10;

/** "Mes demandes": each request, newest first, with the state of each of its lines (« suivre vos demandes »). */
export function RequestsHistory() {
  const history = useResource(getRequests);
  const [shown, setShown] = useState(PAGE);
  if (history.status === 'loading') return <Loading />;
  if (history.status === 'error') return <ErrorAlert error={history.error} />;
  const items = history.data.items;
  if (items.length === 0) return <p className="muted">Vous n’avez encore fait aucune demande sur le portail.</p>;
  return (
    <>
      <ul className="requests">
        {items.slice(0, shown).map((r) => (
          <RequestItem key={r.id} request={r} />
        ))}
      </ul>
      {items.length > shown && (
        <button type="button" className="button button--secondary" onClick={() => setShown(shown + PAGE)}>
          Afficher les demandes plus anciennes
        </button>
      )}
    </>
  );
}

function summary(lines: RequestHistory['items'][number]['lines']): string {
  const counts = new Map<BookingStatus, number>();
  for (const l of lines) counts.set(l.status, (counts.get(l.status) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${STATUS_LABELS[s]}`).join(', ');
}

function RequestItem({ request }: { request: RequestHistory['items'][number] }) {
  const cancels = request.lines.filter((l) => l.action === 'cancel').length;
  const kind = cancels === 0 ? 'Réservation' : cancels === request.lines.length ? 'Annulation' : 'Réservation et annulation';
  return (
    <li className="request">
      <details>
        <summary>
          <span className="request__title">
            {kind} — demande du {formatInstant(request.createdAt)}
          </span>{' '}
          <span className="request__count">
            {plural(request.lines.length, 'ligne', 'lignes')} : {summary(request.lines)}
          </span>
        </summary>
        <div className="table-wrap">
          <table className="lines-table">
            <caption className="visually-hidden">Lignes de la demande du {formatInstant(request.createdAt)}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Enfant</th>
                <th scope="col">Service</th>
                <th scope="col">Accueil</th>
                <th scope="col">Demande</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {request.lines.map((l, i) => (
                <tr key={`${l.bookingId}-${i}`}>
                  <td data-label="Date">{formatDate(l.date)}</td>
                  <td data-label="Enfant">{l.childName}</td>
                  <td data-label="Service">{l.serviceName}</td>
                  <td data-label="Accueil">{l.unitName}</td>
                  <td data-label="Demande">{l.action === 'cancel' ? 'Annulation' : 'Réservation'}</td>
                  <td data-label="État">
                    <StatusBadge status={l.status} />
                    {l.statusReason && <span className="line-reason">{l.statusReason}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </li>
  );
}
