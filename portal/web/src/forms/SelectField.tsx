import type { ReactNode } from 'react';
import { fieldAria } from './fieldProps';
import { FieldError } from './FieldError';
import { FieldHint } from './FieldHint';
import { FieldLabel } from './FieldLabel';
import type { FieldsOf, FormController, FormValues } from './useForm';

export interface Option {
  value: string;
  label: string;
}

interface Props<V extends FormValues> {
  form: FormController<V>;
  name: FieldsOf<V, string>;
  label: string;
  options: readonly Option[];
  autoComplete: string;
  hint?: ReactNode;
  required?: boolean;
}

export function SelectField<V extends FormValues>({ form, name, label, options, hint, required, autoComplete }: Props<V>) {
  const { id, error, hintId, errorId, aria } = fieldAria(form, name, hint !== undefined);
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <FieldLabel htmlFor={id} label={label} required={required} />
      {hint !== undefined && <FieldHint id={hintId}>{hint}</FieldHint>}
      <select
        id={id}
        name={name}
        autoComplete={autoComplete}
        aria-required={required || undefined}
        {...aria}
        value={String(form.value(name))}
        onChange={(e) => form.set(name, e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
