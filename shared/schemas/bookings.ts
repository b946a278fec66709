import { z } from 'zod';
import { daysBetween, isIsoDate } from '../calendar/dates';

/*
 * Input rules of the reservations (issue 5), shared by the family API and the portal's forms.
 */

/** A request is read, checked and written at once: beyond this, the parent splits it. */
export const MAX_REQUEST_LINES = 500;
/** The family planning shows at most two months at a time. */
export const MAX_PLANNING_DAYS = 62;

export const TOO_MANY_LINES_MESSAGE = `Une demande ne peut pas dépasser ${MAX_REQUEST_LINES} lignes : découpez-la.`;
export const EMPTY_REQUEST_MESSAGE = 'La demande ne contient aucune journée : choisissez au moins une date.';

/** `z.strictObject` whose refusal of an unknown field says which one, in French. */
function strict<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Champ${issue.keys.length > 1 ? 's' : ''} non reconnu${issue.keys.length > 1 ? 's' : ''} : ${issue.keys.map((k) => `« ${k} »`).join(', ')}.`
        : undefined,
  });
}

const id = (what: string) =>
  z
    .number({ error: `${what} : identifiant attendu.` })
    .int(`${what} : identifiant attendu.`)
    .positive(`${what} : identifiant attendu.`);

export const isoDate = (what: string) =>
  z.string({ error: `${what} : date attendue (AAAA-MM-JJ).` }).refine(isIsoDate, `${what} : date invalide (format AAAA-MM-JJ).`);

export const bookLineSchema = strict({
  action: z.literal('book'),
  childId: id('Enfant'),
  date: isoDate('Date'),
  unitId: id('Accueil'),
});

export const cancelLineSchema = strict({
  action: z.literal('cancel'),
  bookingId: id('Réservation'),
});

export const requestLineSchema = z.discriminatedUnion('action', [bookLineSchema, cancelLineSchema], {
  error: 'Chaque ligne doit être une réservation (« book ») ou une annulation (« cancel »).',
});

export const requestSchema = strict({
  lines: z
    .array(requestLineSchema, { error: 'Les lignes de la demande sont attendues (lines).' })
    .min(1, EMPTY_REQUEST_MESSAGE)
    .max(MAX_REQUEST_LINES, TOO_MANY_LINES_MESSAGE),
});

export type BookLineInput = z.infer<typeof bookLineSchema>;
export type CancelLineInput = z.infer<typeof cancelLineSchema>;
export type RequestLineInput = z.infer<typeof requestLineSchema>;
export type RequestInput = z.infer<typeof requestSchema>;

const queryId = (what: string) =>
  z.coerce
    .number({ error: `${what} : identifiant attendu.` })
    .int(`${what} : identifiant attendu.`)
    .positive(`${what} : identifiant attendu.`);

export const childPlanningQuerySchema = z.object({
  childId: queryId('Enfant'),
  periodId: queryId('Période'),
});

export const familyPlanningQuerySchema = z
  .object({ from: isoDate('Début'), to: isoDate('Fin') })
  .refine((q) => !isIsoDate(q.from) || !isIsoDate(q.to) || daysBetween(q.from, q.to) >= 0, {
    message: 'La date de fin doit être postérieure à la date de début.',
    path: ['to'],
  })
  .refine((q) => !isIsoDate(q.from) || !isIsoDate(q.to) || daysBetween(q.from, q.to) < MAX_PLANNING_DAYS, {
    message: `Le planning affiche au plus ${MAX_PLANNING_DAYS} jours à la fois.`,
    path: ['to'],
  });
