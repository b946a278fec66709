/** A field's own error, read with the field (aria-describedby); the form's alert announces it. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field__error">
      {message}
    </p>
  );
}

/**
 * The label, and the "required" star beside it rather than inside it, so that the label's text
 * (and the field's accessible name) stays exactly "Mot de passe".
 */
