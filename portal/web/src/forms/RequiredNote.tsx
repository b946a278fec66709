export function RequiredNote() {
  return (
    <p className="field__hint">
      Les champs marqués d’un astérisque (*) sont obligatoires.
    </p>
  );
}
