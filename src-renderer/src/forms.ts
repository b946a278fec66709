/**
 * A small form state in the spirit of `@mantine/form` (not installed), with the zod schemas of
 * `shared/schemas/` as validators: the same schema checks the API body on the server and the form
 * here, so both say the same sentence about the same mistake. Form fields carry the API body's
 * keys, so a server `issues[].path` lands on the right field too.
 */
import { useCallback, useMemo, useState, type ChangeEvent } from 'react';
import { z } from 'zod';
import { fr } from 'zod/locales';
import type { ValidationIssue } from './types';

z.config(fr());

/** Field path ("responsable.lastName") → French message. */
export type FormErrors = Record<string, string>;

function pathKey(path: ValidationIssue['path'] | PropertyKey[]): string {
  if (typeof path === 'string') return path;
  return path.map((part) => String(part)).join('.');
}

/** zod's `safeParse` issues → form errors (the first message of each field wins). */
export function zodErrors(schema: z.ZodType, value: unknown): FormErrors {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const key = pathKey(issue.path);
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/** A server `validation` answer's issues → form errors. */
export function issuesToErrors(issues: readonly ValidationIssue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const key = pathKey(issue.path);
    if (key !== '' && !(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/** Errors whose path starts with `prefix.`, re-keyed without it (a nested object edited by its own fields). */
export function nestedErrors(errors: FormErrors, prefix: string): FormErrors {
  const nested: FormErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key.startsWith(`${prefix}.`)) nested[key.slice(prefix.length + 1)] = message;
  }
  return nested;
}

type KeysOf<V, T> = { [K in keyof V]: V[K] extends T ? K : never }[keyof V] & string;

export interface Form<V extends object> {
  values: V;
  errors: FormErrors;
  setFieldValue: <K extends keyof V>(key: K, value: V[K]) => void;
  setValues: (values: V) => void;
  setErrors: (errors: FormErrors) => void;
  /** Runs the validator; returns true when the values are valid. */
  validate: () => boolean;
  /** `TextInput`, `Textarea`, `NativeSelect` (string values). */
  getInputProps: (key: KeysOf<V, string>) => {
    value: string;
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
    error: string | undefined;
  };
  /** `Checkbox`, `Switch`. */
  getCheckboxProps: (key: KeysOf<V, boolean>) => {
    checked: boolean;
    onChange: (event: ChangeEvent<HTMLInputElement>) => void;
    error: string | undefined;
  };
}

/**
 * `validate(values)` returns the errors of the whole form (typically
 * `zodErrors(schema, toBody(values))`); a field's error disappears as soon as it is edited.
 */
export function useForm<V extends object>(options: {
  initialValues: V;
  validate?: (values: V) => FormErrors;
}): Form<V> {
  const { initialValues, validate: validator } = options;
  const [values, setValuesState] = useState<V>(initialValues);
  const [errors, setErrors] = useState<FormErrors>({});

  const setFieldValue = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValuesState((current) => ({ ...current, [key]: value }));
    setErrors((current) => {
      const name = String(key);
      if (!(name in current)) return current;
      return Object.fromEntries(Object.entries(current).filter(([field]) => field !== name));
    });
  }, []);

  const setValues = useCallback((next: V) => {
    setValuesState(next);
    setErrors({});
  }, []);

  const validate = useCallback((): boolean => {
    const found = validator ? validator(values) : {};
    setErrors(found);
    return Object.keys(found).length === 0;
  }, [validator, values]);

  return useMemo<Form<V>>(
    () => ({
      values,
      errors,
      setFieldValue,
      setValues,
      setErrors,
      validate,
      getInputProps: (key) => ({
        value: values[key] as string,
        onChange: (event) => setFieldValue(key, event.currentTarget.value as V[typeof key]),
        error: errors[key],
      }),
      getCheckboxProps: (key) => ({
        checked: values[key] as boolean,
        onChange: (event) => setFieldValue(key, event.currentTarget.checked as V[typeof key]),
        error: errors[key],
      }),
    }),
    [values, errors, setFieldValue, setValues, validate],
  );
}

// ---- Conversions between the API's values and the form's strings ---------------------------

/** '' → null; other text trimmed. */
export function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** `YYYY-MM-DD` (API) → `jj/mm/aaaa` (what staff type). */
export function dateToInput(value: string | null): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

/**
 * `jj/mm/aaaa` (also `j/m/aaaa`, with - or .) → `YYYY-MM-DD`; '' → null. Anything else is returned
 * as typed, so that the schema refuses it with its own message.
 */
export function inputToDate(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (!match) return trimmed;
  const [, day = '', month = '', year = ''] = match;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** A whole number typed in a text field; '' → null; anything else left for the schema to refuse. */
export function inputToInteger(value: string): number | string | null {
  const trimmed = value.trim().replace(/\s+/g, '');
  if (trimmed === '') return null;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function integerToInput(value: number | null): string {
  return value === null ? '' : String(value);
}

/** A real calendar date `YYYY-MM-DD` (for the local schemas). */
export const isoDate = (message: string) =>
  z.string(message).refine((value) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return false;
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return date.toISOString().slice(0, 10) === value;
  }, message);
