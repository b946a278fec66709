import type { FormController, FormValues } from './useForm';

/** ids and ARIA wiring shared by every field: label, hint and error bound to the control. */
export function fieldAria<V extends FormValues>(form: FormController<V>, name: string, hasHint: boolean) {
  const id = form.id(name);
  const error = form.fieldError(name);
  const describedBy = [hasHint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return {
    id,
    error,
    hintId: `${id}-hint`,
    errorId: `${id}-error`,
    aria: {
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy || undefined,
    },
  };
}
