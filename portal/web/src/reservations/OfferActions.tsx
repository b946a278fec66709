import { useId, useState } from 'react';
import { toApiError, type ApiError } from '../api';
import { ConfirmAction } from '../components/ConfirmAction';
import { ErrorAlert } from '../components/ErrorAlert';
import type { Id } from '../types';
import { acceptOffer, declineOffer } from './api';
import { offerUntil } from './labels';
import { announceOfferAnswered } from './offerEvents';

interface Props {
  bookingId: Id;
  /** What is offered, for the accessible names: "Journée (repas compris), Léo". */
  what: string;
  /** When the offer lapses (ISO instant). */
  until: string;
  /** The server's sentence once answered: the parent reloads the planning and announces it. */
  onAnswered: (message: string) => void;
}

/**
 * A place offered from the waiting list (decision 0007): « Accepter la place » at once (it only
 * confirms what the family asked for), « Refuser la place » asked twice (the place goes to the
 * next family and cannot be taken back).
 */
export function OfferActions({ bookingId, what, until, onAnswered }: Props) {
  const titleId = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function accept() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      onAnswered((await acceptOffer(bookingId)).message);
      announceOfferAnswered();
    } catch (e) {
      setError(toApiError(e));
      setPending(false);
    }
  }

  return (
    <div className="offer" role="group" aria-labelledby={titleId}>
      <p id={titleId} className="offer__title">
        <strong>PLACE PROPOSÉE jusqu’au {offerUntil(until)}</strong>
        <span className="visually-hidden"> : {what}</span>
      </p>
      <p className="offer__hint">
        Une place s’est libérée. Acceptez-la ou refusez-la avant cette échéance : sans réponse, elle sera proposée à la famille suivante de la liste d’attente.
      </p>
      <div className="offer__actions">
        <button type="button" className="button button--primary" onClick={() => void accept()} aria-disabled={pending || undefined}>
          Accepter la place<span className="visually-hidden"> : {what}</span>
        </button>
        <ConfirmAction
          label={`Refuser la place : ${what}`}
          visibleLabel="Refuser la place"
          question={`Refuser la place proposée (${what}) ? La demande sera close et la place proposée à la famille suivante : vous ne pourrez pas revenir en arrière.`}
          confirmLabel="Oui, refuser la place"
          onConfirm={async () => {
            onAnswered((await declineOffer(bookingId)).message);
            announceOfferAnswered();
          }}
        />
      </div>
      <ErrorAlert error={error} />
    </div>
  );
}
