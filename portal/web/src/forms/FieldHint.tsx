import type { ReactNode } from 'react';

export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field__hint">
      {children}
    </p>
  );
}

/** A field's own error, read with the field (aria-describedby); the form's alert announces it. */
