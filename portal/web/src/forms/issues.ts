import type { ZodType } from 'zod';
import type { ApiError } from '../api';

/** One problem with one field (`path` as the server writes it: `"phoneMobile"`, `"medical.diet"`). */
export interface Issue {
  path: string;
  message: string;
}

/** Thrown by client-side checks; rendered exactly like the server's `validation` answers. */
export class ClientValidationError extends Error {
  override readonly name = 'ClientValidationError';
  readonly issues: Issue[];

  constructor(issues: Issue[]) {
    super(issues[0]?.message ?? 'Données invalides.');
    this.issues = issues;
  }
}

export function serverIssues(error: ApiError): Issue[] {
  return error.issues.map((i) => ({
    path: Array.isArray(i.path) ? i.path.map(String).join('.') : i.path,
    message: i.message,
  }));
}

/**
 * Checks a request body with the API's own zod schema (from `shared/schemas`) before sending it,
 * so that the parent reads the server's words without a round trip. Returns the body unchanged:
 * the server does its own parsing and normalising.
 */
export function checkWith<T>(schema: ZodType, body: T): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new ClientValidationError(
      result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  return body;
}

/** A client-side rule that the server cannot check (the confirmation of a password). */
export function fail(path: string, message: string): never {
  throw new ClientValidationError([{ path, message }]);
}
