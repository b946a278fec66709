import type { ReactNode } from 'react';

/** Submit (and cancel) buttons; the submit button stays enabled so keyboard focus is never lost. */
export function FormActions({
  submitLabel,
  pending,
  onCancel,
  pendingLabel = 'Enregistrement en cours…',
  children,
}: {
  submitLabel: string;
  pending: boolean;
  onCancel?: () => void;
  pendingLabel?: string;
  children?: ReactNode;
}) {
  return (
    <div className="form__actions">
      <button type="submit" className="button button--primary" aria-disabled={pending || undefined}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Annuler
        </button>
      )}
      {children}
      {pending && <p className="muted form__pending">{pendingLabel}</p>}
    </div>
  );
}
