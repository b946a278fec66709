import type { HTMLAttributes, ReactNode } from 'react';
import { fieldAria } from './fieldProps';
import { FieldError } from './FieldError';
import { FieldHint } from './FieldHint';
import { FieldLabel } from './FieldLabel';
import type { FieldsOf, FormController, FormValues } from './useForm';

interface Props<V extends FormValues> {
  form: FormController<V>;
  name: FieldsOf<V, string>;
  label: string;
  autoComplete: string;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'tel' | 'password' | 'date' | 'number';
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  required?: boolean;
  maxLength?: number;
  min?: string;
  max?: string;
  list?: string;
  spellCheck?: boolean;
  autoCapitalize?: string;
}

export function TextField<V extends FormValues>({ form, name, label, hint, type = 'text', required, ...rest }: Props<V>) {
  const { id, error, hintId, errorId, aria } = fieldAria(form, name, hint !== undefined);
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <FieldLabel htmlFor={id} label={label} required={required} />
      {hint !== undefined && <FieldHint id={hintId}>{hint}</FieldHint>}
      <input
        id={id}
        name={name}
        type={type}
        aria-required={required || undefined}
        {...aria}
        {...rest}
        value={String(form.value(name))}
        onChange={(e) => form.set(name, e.target.value)}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}
