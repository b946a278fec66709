import { z } from 'zod';
import { isoDate } from './bookings';

/*
 * Input rules of the staff's processing of requests (issue 6), shared by the staff API and the
 * back-office's « Demandes » page.
 */

/** A refusal reason is read by the family in an e-mail: a sentence, not a letter. */
export const REASON_MAX_LENGTH = 300;
/** Lines decided at once (a whole selection of the page). */
export const MAX_DECISION_LINES = 500;

export const REASON_REQUIRED_MESSAGE = 'Indiquez le motif du refus.';
export const REASON_TOO_LONG_MESSAGE = `Le motif du refus ne peut pas dépasser ${REASON_MAX_LENGTH} caractères : raccourcissez-le.`;
export const EMPTY_SELECTION_MESSAGE = 'Sélectionnez au moins une ligne.';
export const TOO_MANY_DECISIONS_MESSAGE = `Au plus ${MAX_DECISION_LINES} lignes à la fois : réduisez la sélection.`;

/** The standard reasons offered in the refusal dialog (free text is allowed too). */
export const STANDARD_REFUSAL_REASONS: readonly string[] = [
  'Plus de place disponible ce jour-là.',
  "Le dossier de l'enfant est incomplet (fiche sanitaire ou pièces justificatives manquantes).",
  "L'âge de l'enfant ne correspond pas à cet accueil.",
  'Demande en double : une autre réservation couvre déjà cette journée.',
  "L'accueil est réservé ce jour-là aux enfants déjà inscrits à la période.",
  'Annulation hors délai : la réservation est maintenue.',
];

/** `z.strictObject` whose refusal of an unknown field says which one, in French. */
function strict<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Champ${issue.keys.length > 1 ? 's' : ''} non reconnu${issue.keys.length > 1 ? 's' : ''} : ${issue.keys.map((k) => `« ${k} »`).join(', ')}.`
        : undefined,
  });
}

const positive = (message: string) => z.number({ error: message }).int(message).positive(message);

/** A line as the page showed it: its id and the version read, so a line changed since is refused. */
export const decisionLineSchema = strict({
  bookingId: positive('Ligne : numéro de ligne invalide.'),
  version: positive('Ligne : version invalide.'),
});

const lines = z
  .array(decisionLineSchema, { error: 'Les lignes à traiter sont attendues (lines).' })
  .min(1, EMPTY_SELECTION_MESSAGE)
  .max(MAX_DECISION_LINES, TOO_MANY_DECISIONS_MESSAGE)
  .refine((list) => new Set(list.map((l) => l.bookingId)).size === list.length, 'Une même ligne figure deux fois dans la sélection.');

export const acceptSchema = strict({ lines });

export const refusalReasonSchema = z
  .string({ error: REASON_REQUIRED_MESSAGE })
  .trim()
  .min(1, REASON_REQUIRED_MESSAGE)
  .max(REASON_MAX_LENGTH, REASON_TOO_LONG_MESSAGE);

export const refuseSchema = strict({ lines, reason: refusalReasonSchema });

const queryId = (what: string) =>
  z.coerce
    .number({ error: `${what} : identifiant attendu.` })
    .int(`${what} : identifiant attendu.`)
    .positive(`${what} : identifiant attendu.`);

/** Filters of the list: service, period, day, group (each optional). */
export const processingQuerySchema = z.object({
  serviceId: queryId('Service').optional(),
  periodId: queryId('Période').optional(),
  groupId: queryId('Groupe').optional(),
  date: isoDate('Jour').optional(),
});

export type DecisionLineInput = z.infer<typeof decisionLineSchema>;
export type AcceptInput = z.infer<typeof acceptSchema>;
export type RefuseInput = z.infer<typeof refuseSchema>;
export type ProcessingQuery = z.infer<typeof processingQuerySchema>;
