import { z } from 'zod';
import { daysBetween, isIsoDate } from '../calendar/dates';
import { isoDate, MAX_REQUEST_LINES, requestLineSchema, TOO_MANY_LINES_MESSAGE, EMPTY_REQUEST_MESSAGE } from './bookings';

/*
 * Input rules of the bookings made by staff on a family's behalf, of exceptional absences and of
 * the Excel exports (issue 6), shared by the staff API and the back-office forms.
 */

/** Same bound as the booking service's: a reason is a sentence, not a letter. */
export const STAFF_REASON_MAX = 500;
export const STAFF_REASON_REQUIRED_MESSAGE = 'Indiquez le motif de la demande faite pour la famille.';
export const STAFF_REASON_TOO_LONG_MESSAGE = `Le motif ne peut pas dépasser ${STAFF_REASON_MAX} caractères.`;
export const ABSENCE_REASON_REQUIRED_MESSAGE = 'Indiquez le motif de l’absence exceptionnelle.';
/** An export reads at most a year of bookings at once. */
export const MAX_EXPORT_DAYS = 366;
export const EXPORT_RANGE_ORDER_MESSAGE = 'La date de fin doit être postérieure ou égale à la date de début.';
export const EXPORT_RANGE_TOO_LONG_MESSAGE = 'Un export couvre au plus un an : réduisez la période.';

function strict<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Champ${issue.keys.length > 1 ? 's' : ''} non reconnu${issue.keys.length > 1 ? 's' : ''} : ${issue.keys.map((k) => `« ${k} »`).join(', ')}.`
        : undefined,
  });
}

const reason = (required: string) =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(STAFF_REASON_MAX, STAFF_REASON_TOO_LONG_MESSAGE);

/** « Réserver / annuler pour la famille »: the parents' lines plus the staff's reason and billing choice. */
export const staffRequestSchema = strict({
  lines: z
    .array(requestLineSchema, { error: 'Les lignes de la demande sont attendues (lines).' })
    .min(1, EMPTY_REQUEST_MESSAGE)
    .max(MAX_REQUEST_LINES, TOO_MANY_LINES_MESSAGE),
  reason: reason(STAFF_REASON_REQUIRED_MESSAGE),
  /** Cancelled days stay billed (default: not billed, an unforeseeable need is not the family's doing). */
  billed: z.boolean({ error: 'Facturation des annulations : oui ou non attendu.' }).optional(),
});
export type StaffRequestInput = z.infer<typeof staffRequestSchema>;

/** Mark (or unmark) an exceptional absence on a final holiday booking. */
export const exceptionalAbsenceSchema = strict({
  exceptional: z.boolean({ error: 'Absence exceptionnelle : oui ou non attendu.' }),
  reason: reason(ABSENCE_REASON_REQUIRED_MESSAGE),
});
export type ExceptionalAbsenceInput = z.infer<typeof exceptionalAbsenceSchema>;

const queryId = (what: string) =>
  z.coerce
    .number({ error: `${what} : identifiant attendu.` })
    .int(`${what} : identifiant attendu.`)
    .positive(`${what} : identifiant attendu.`);

const optionalQueryId = (what: string) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), queryId(what).optional());

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The family's bookings of one month, optionally of one child or one service. */
export const familyBookingsQuerySchema = z.object({
  month: z
    .string({ error: 'Mois : format AAAA-MM attendu.' })
    .regex(MONTH, 'Mois : format AAAA-MM attendu.')
    .optional(),
  childId: optionalQueryId('Enfant'),
  serviceId: optionalQueryId('Service'),
});
export type FamilyBookingsQuery = z.infer<typeof familyBookingsQuerySchema>;

/** The bookings of a day or a period for one service, optionally one group. */
export const bookingExportQuerySchema = z
  .object({
    serviceId: queryId('Service'),
    from: isoDate('Début'),
    to: isoDate('Fin'),
    groupId: optionalQueryId('Groupe'),
  })
  .refine((q) => !isIsoDate(q.from) || !isIsoDate(q.to) || daysBetween(q.from, q.to) >= 0, {
    message: EXPORT_RANGE_ORDER_MESSAGE,
    path: ['to'],
  })
  .refine((q) => !isIsoDate(q.from) || !isIsoDate(q.to) || daysBetween(q.from, q.to) < MAX_EXPORT_DAYS, {
    message: EXPORT_RANGE_TOO_LONG_MESSAGE,
    path: ['to'],
  });
export type BookingExportQuery = z.infer<typeof bookingExportQuerySchema>;
