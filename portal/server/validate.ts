import { z } from 'zod';
import { AppError } from '../../shared/errors';

z.config(z.locales.fr());

/** Parses input with a zod schema or throws a 400 listing each problem in French. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  // The sentence is for people: field paths stay in `issues`, for forms to place each message.
  const message = first ? first.message : 'Données invalides.';
  throw new AppError('validation', message, issues);
}

/** A positive integer id taken from a route parameter. */
export function idParam(value: string | undefined): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new AppError('not_found', 'Élément introuvable.');
  return n;
}
