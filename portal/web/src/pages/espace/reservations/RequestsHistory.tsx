import { useRef, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDate } from '../../../format';
import { getRequests } from '../../../reservations/api';
import { formatInstant, offerUntil, plural, STATUS_LABELS } from '../../../reservations/labels';
import { OfferActions } from '../../../reservations/OfferActions';
import { StatusBadge } from '../../../reservations/StatusBadge';
import type { RequestHistory, RequestHistoryLine } from '../../../reservations/types';
import { useOfferAnswered } from '../../../reservations/offerEvents';
import { useRefreshable } from '../../../reservations/useRefreshable';

const PAGE = 10;

type HistoryItem = RequestHistory['items'][number];

/** "Mes demandes": each request, newest first, with the state of each of its lines (« suivre vos demandes »). */
export function RequestsHistory() {
  // Refreshed after an offer is answered, keeping the list (and what the parent opened) on screen.
  const { resource: history, refresh } = useRefreshable(getRequests);
  useOfferAnswered(refresh);
  const [shown, setShown] = useState(PAGE);
  const [announce, setAnnounce] = useState('');
  if (history.status === 'loading') return <Loading />;
  if (history.status === 'error') return <ErrorAlert error={history.error} />;
  const items = history.data.items;
  if (items.length === 0) return <p className="muted">Vous n’avez encore fait aucune demande sur le portail.</p>;
  return (
    <>
      <ul className="requests">
        {items.slice(0, shown).map((r) => (
          <RequestItem
            key={r.id}
            request={r}
            onOfferAnswered={(message) => {
              setAnnounce(message);
              refresh();
            }}
          />
        ))}
      </ul>
      {items.length > shown && (
        <button type="button" className="button button--secondary" onClick={() => setShown(shown + PAGE)}>
          Afficher les demandes plus anciennes
        </button>
      )}
      <p role="status" className="status-region">
        {announce}
      </p>
    </>
  );
}

/** The state as the plannings word it: a waiting line offered a place reads « PLACE PROPOSÉE jusqu'au … ». */
function stateLabel(line: RequestHistoryLine): string {
  if (line.status === 'waitlisted' && line.offerExpiresAt !== null) return `PLACE PROPOSÉE jusqu’au ${offerUntil(line.offerExpiresAt)}`;
  return STATUS_LABELS[line.status];
}

function summary(lines: readonly RequestHistoryLine[]): string {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(stateLabel(l), (counts.get(stateLabel(l)) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${n} ${label}`).join(', ');
}

function RequestItem({ request, onOfferAnswered }: { request: HistoryItem; onOfferAnswered: (message: string) => void }) {
  const summaryRef = useRef<HTMLElement>(null);
  // A request with a place to answer opens by itself; afterwards the parent opens and closes it.
  const [openAtFirst] = useState(() => request.lines.some((l) => l.offerExpiresAt !== null));
  const cancels = request.lines.filter((l) => l.action === 'cancel').length;
  const kind = cancels === 0 ? 'Réservation' : cancels === request.lines.length ? 'Annulation' : 'Réservation et annulation';
  return (
    <li className="request">
      <details open={openAtFirst}>
        <summary ref={summaryRef}>
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
                    <StatusBadge status={l.status} offered={l.offerExpiresAt !== null} />
                    {/* An offer's reason repeats its deadline: the offer block says it. */}
                    {l.statusReason && l.offerExpiresAt === null && <span className="line-reason">{l.statusReason}</span>}
                    {l.offerExpiresAt !== null && (
                      <OfferActions
                        bookingId={l.bookingId}
                        what={`${l.unitName}, ${l.childName}, ${formatDate(l.date)}`}
                        until={l.offerExpiresAt}
                        onAnswered={(message) => {
                          // The offer block goes away with the answer: focus stays in this request.
                          summaryRef.current?.focus();
                          onOfferAnswered(message);
                        }}
                      />
                    )}
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
