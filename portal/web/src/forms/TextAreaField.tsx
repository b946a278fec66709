import type { ReactNode } from 'react';
import { fieldAria } from './fieldProps';
import { FieldError } from './FieldError';
import { FieldHint } from './FieldHint';
import { FieldLabel } from './FieldLabel';
import type { FieldsOf, FormController, FormValues } from './useForm';

interface Props<V extends FormValues> {
  form: FormController<V>;
  name: FieldsOf<V, string>;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  rows?: number;
  maxLength?: number;
}

export function TextAreaField<V extends FormValues>({ form, name, label, hint, required, rows = 3, maxLength }: Props<V>) {
  const { id, error, hintId, errorId, aria } = fieldAria(form, name, hint !== undefined);
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <FieldLabel htmlFor={id} label={label} required={required} />
      {hint !== undefined && <FieldHint id={hintId}>{hint}</FieldHint>}
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        autoComplete="off"
        aria-required={required || undefined}
        {...aria}
        value={String(form.value(name))}
        onChange={(e) => form.set(name, e.target.value)}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}
