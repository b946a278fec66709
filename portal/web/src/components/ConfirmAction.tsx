import { useId, useState } from 'react';
import { toApiError, type ApiError } from '../api';
import { useFocusById } from '../useFocusById';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  /** The first button's accessible name: "Retirer le conjoint", "Révoquer le mandat MAR-12-1". */
  label: string;
  /** Visible text of the first button when shorter than its accessible name (its beginning). */
  visibleLabel?: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
}

/** A destructive action asked twice, inline (no modal): keyboard focus moves to the answer. */
export function ConfirmAction({ label, visibleLabel, question, confirmLabel, onConfirm }: Props) {
  const triggerId = useId();
  const confirmId = useId();
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const focus = useFocusById();

  function toggle(next: boolean) {
    setError(null);
    setAsking(next);
    focus(next ? confirmId : triggerId);
  }

  async function confirm() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setPending(false);
    }
  }

  if (!asking) {
    return (
      <button id={triggerId} type="button" className="button button--danger-outline" onClick={() => toggle(true)}>
        {visibleLabel ?? label}
        {visibleLabel && <span className="visually-hidden">{label.slice(visibleLabel.length)}</span>}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={label}>
      <p>{question}</p>
      <div className="form__actions">
        <button id={confirmId} type="button" className="button button--danger" onClick={confirm} aria-disabled={pending || undefined}>
          {confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={() => toggle(false)}>
          Annuler
        </button>
      </div>
      <ErrorAlert error={error} />
    </div>
  );
}
