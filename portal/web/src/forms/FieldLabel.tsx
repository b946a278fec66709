/**
 * The label, and the "required" star beside it rather than inside it, so that the label's text
 * (and the field's accessible name) stays exactly "Mot de passe".
 */
export function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: string; required: boolean | undefined }) {
  return (
    <div className="field__label">
      <label htmlFor={htmlFor}>{label}</label>
      {required && (
        <span className="required" aria-hidden="true">
          {' '}
          *
        </span>
      )}
    </div>
  );
}
