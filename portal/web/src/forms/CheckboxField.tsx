import type { ReactNode } from 'react';
import { fieldAria } from './fieldProps';
import { FieldError } from './FieldError';
import { FieldHint } from './FieldHint';
import type { FieldsOf, FormController, FormValues } from './useForm';

interface Props<V extends FormValues> {
  form: FormController<V>;
  name: FieldsOf<V, boolean>;
  label: string;
  hint?: ReactNode;
}

export function CheckboxField<V extends FormValues>({ form, name, label, hint }: Props<V>) {
  const { id, error, hintId, errorId, aria } = fieldAria(form, name, hint !== undefined);
  return (
    <div className={error ? 'field field--check field--invalid' : 'field field--check'}>
      <input
        id={id}
        name={name}
        type="checkbox"
        autoComplete="off"
        {...aria}
        checked={form.value(name) === true}
        onChange={(e) => form.set(name, e.target.checked)}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        {hint !== undefined && <FieldHint id={hintId}>{hint}</FieldHint>}
        <FieldError id={errorId} message={error} />
      </div>
    </div>
  );
}
