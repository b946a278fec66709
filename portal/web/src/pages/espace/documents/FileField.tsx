import { fieldAria } from '../../../forms/fieldProps';
import { FieldError } from '../../../forms/FieldError';
import { FieldHint } from '../../../forms/FieldHint';
import { FieldLabel } from '../../../forms/FieldLabel';
import type { FormController } from '../../../forms/useForm';
import { ACCEPTED_FILES, FILE_RULES } from './fileCheck';

type Values = { type: string; childId: string; file: string };

export function FileField({
  form,
  name,
  onFile,
}: {
  form: FormController<Values>;
  name: 'file';
  onFile: (file: File | null) => void;
}) {
  const { id, error, hintId, errorId, aria } = fieldAria(form, name, true);
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <FieldLabel htmlFor={id} label="Fichier" required />
      <FieldHint id={hintId}>{FILE_RULES} Une photo nette du document convient.</FieldHint>
      <input
        id={id}
        name={name}
        type="file"
        accept={ACCEPTED_FILES}
        autoComplete="off"
        aria-required
        {...aria}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}
