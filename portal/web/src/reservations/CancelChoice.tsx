import { useId, useState } from 'react';
import { useFocusById } from '../useFocusById';

interface Props {
  /** What is cancelled, for the accessible names: "Repas, Léo". */
  what: string;
  /** "Cette demande": this day only. */
  onThisDay: () => void;
  /** "Plus de jours": the MODE RECOPIE on the child's bookings of the service; absent when the period is unknown. */
  onMoreDays: (() => void) | null;
  /** Why the booking would still be billed if cancelled now (the service's rule), if so. */
  billedNotice: string | null;
}

/** The guide's "Demander l'annulation", then « Cette demande » or « Plus de jours ». */
export function CancelChoice({ what, onThisDay, onMoreDays, billedNotice }: Props) {
  const [open, setOpen] = useState(false);
  const groupId = useId();
  const triggerId = useId();
  const focus = useFocusById();

  if (!open) {
    return (
      <button
        id={triggerId}
        type="button"
        className="button button--danger-outline button--small"
        onClick={() => {
          setOpen(true);
          focus(groupId);
        }}
      >
        Demander l’annulation<span className="visually-hidden"> : {what}</span>
      </button>
    );
  }
  return (
    <div className="cancel-choice" role="group" aria-labelledby={`${groupId}-label`}>
      <p id={`${groupId}-label`}>
        <strong>Annuler : {what}</strong>
      </p>
      {billedNotice && <p className="cancel-choice__billed">{billedNotice}</p>}
      <div className="form__actions">
        <button id={groupId} type="button" className="button button--danger" onClick={onThisDay}>
          Cette demande
        </button>
        {onMoreDays && (
          <button type="button" className="button button--secondary" onClick={onMoreDays}>
            Plus de jours
          </button>
        )}
        <button
          type="button"
          className="button--link"
          onClick={() => {
            setOpen(false);
            focus(triggerId);
          }}
        >
          Ne pas annuler
        </button>
      </div>
      <p className="field__hint">
        « Cette demande » annule ce jour seulement{onMoreDays ? ' ; « Plus de jours » ouvre le mode recopie pour annuler plusieurs jours' : ''}. Vous
        verrez le récapitulatif avant de valider.
      </p>
    </div>
  );
}
