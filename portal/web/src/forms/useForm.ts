import { useEffect, useId, useState, type FormEvent } from 'react';
import { toApiError } from '../api';
import { ClientValidationError, serverIssues, type Issue } from './issues';

export type FormValues = Record<string, string | boolean>;

/** The names of `V`'s fields holding a `T`. */
export type FieldsOf<V, T> = { [K in keyof V]-?: V[K] extends T ? K : never }[keyof V] & string;

export interface FormFailure {
  message: string;
  /** Every issue's sentence, deduplicated. */
  messages: string[];
}

export interface FormController<V extends FormValues> {
  values: V;
  pending: boolean;
  failure: FormFailure | null;
  notice: string | null;
  /** The <form> element's id (focus management finds it by id, so no ref is read during render). */
  formId: string;
  id: (name: string) => string;
  value: (name: string) => string | boolean;
  set: (name: string, value: string | boolean) => void;
  setValues: (values: V) => void;
  fieldError: (name: string) => string | undefined;
  /** `action` may return the success notice (role="status"), a string. */
  handleSubmit: (action: (values: V) => Promise<unknown>) => (event: FormEvent<HTMLFormElement>) => void;
}

/** Which field an issue path points at: `"medical.diet"` → `"diet"` when the form has no `medical`. */
function fieldOf(path: string, fields: string[]): string | null {
  if (fields.includes(path)) return path;
  const parts = path.split('.');
  for (const part of [parts[0], parts[parts.length - 1]]) if (part && fields.includes(part)) return part;
  return null;
}

/**
 * State of one form: values, pending flag, errors mapped to fields (from the shared zod schemas
 * or the server's `issues`), form-level error and success notice. Focus goes to the first field
 * in error after a failed submit, for keyboard and screen-reader users.
 */
export function useForm<V extends FormValues>(initial: V, options: { focusFirst?: boolean } = {}): FormController<V> {
  const prefix = useId();
  const formId = `${prefix}-form`;
  const [values, setValues] = useState<V>(initial);
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const focusFirst = options.focusFirst ?? false;

  // A form opened by a button ("Ajouter un mandat") takes the focus, as a dialog would.
  useEffect(() => {
    if (focusFirst) document.getElementById(formId)?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [focusFirst, formId]);

  useEffect(() => {
    if (failures === 0) return;
    document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failures, formId]);

  function report(message: string, issues: Issue[]) {
    const fields = Object.keys(values);
    const byField: Record<string, string> = {};
    for (const issue of issues) {
      const field = fieldOf(issue.path, fields);
      if (field !== null) byField[field] ??= issue.message;
    }
    setFieldErrors(byField);
    setFailure({ message, messages: [...new Set(issues.map((i) => i.message))] });
    setFailures((n) => n + 1);
  }

  const handleSubmit: FormController<V>['handleSubmit'] = (action) => (event) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setFieldErrors({});
    setFailure(null);
    setNotice(null);
    action(values).then(
      (message) => {
        setPending(false);
        if (typeof message === 'string' && message !== '') setNotice(message);
      },
      (error: unknown) => {
        setPending(false);
        if (error instanceof ClientValidationError) {
          report(error.message, error.issues);
          return;
        }
        const apiError = toApiError(error);
        report(apiError.message, serverIssues(apiError));
      },
    );
  };

  return {
    values,
    pending,
    failure,
    notice,
    formId,
    id: (name) => `${prefix}-${name}`,
    value: (name) => values[name] ?? '',
    set: (name, value) => {
      setValues((v) => ({ ...v, [name]: value }));
    },
    setValues,
    fieldError: (name) => fieldErrors[name],
    handleSubmit,
  };
}
