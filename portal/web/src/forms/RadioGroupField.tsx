import type { Option } from './SelectField';
import { FieldError } from './FieldError';
import type { FieldsOf, FormController, FormValues } from './useForm';

interface Props<V extends FormValues> {
  form: FormController<V>;
  name: FieldsOf<V, string>;
  legend: string;
  options: readonly Option[];
}

/** A short choice shown whole (fieldset + legend), easier than a select on a phone. */
export function RadioGroupField<V extends FormValues>({ form, name, legend, options }: Props<V>) {
  const id = form.id(name);
  const error = form.fieldError(name);
  return (
    <fieldset
      className={error ? 'field field--radios field--invalid' : 'field field--radios'}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {options.map((o, i) => (
        <div key={o.value} className="field--check">
          <input
            id={`${id}-${i}`}
            type="radio"
            name={id}
            autoComplete="off"
            value={o.value}
            aria-invalid={error && i === 0 ? true : undefined}
            checked={form.value(name) === o.value}
            onChange={() => form.set(name, o.value)}
          />
          <label htmlFor={`${id}-${i}`}>{o.label}</label>
        </div>
      ))}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
