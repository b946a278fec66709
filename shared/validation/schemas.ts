import { z } from 'zod';

// Inputs of the staff's validation screens, shared by the API and the back-office forms: keep this
// module free of database imports so that the back-office can bundle it.

export const SEARCH_MAX_RESULTS = 50;
export const REASON_MAX_LENGTH = 500;

const FAMILY_STATUSES = [
  'email_unverified',
  'profile_incomplete',
  'awaiting_validation',
  'validated',
  'rejected',
  'suspended',
  'archived',
] as const;

/** The motive of a refusal (family file or document), read by the family. */
export const reasonSchema = z
  .string({ error: 'Indiquez le motif.' })
  .trim()
  .min(1, 'Indiquez le motif.')
  .max(REASON_MAX_LENGTH, `Le motif ne doit pas dépasser ${REASON_MAX_LENGTH} caractères.`);

export const reasonInputSchema = z.strictObject({ reason: reasonSchema });

/** `?q=&status=&limit=` of the family search (query-string values are strings). */
export const familySearchQuerySchema = z.object({
  q: z.string().max(200, 'La recherche ne doit pas dépasser 200 caractères.').optional(),
  status: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(FAMILY_STATUSES, { error: 'Statut de famille inconnu.' }).optional(),
  ),
  limit: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number({ error: 'Le nombre de résultats doit être un nombre.' })
      .int('Le nombre de résultats doit être un nombre entier.')
      .min(1, 'Le nombre de résultats doit être au moins 1.')
      .max(SEARCH_MAX_RESULTS, `${SEARCH_MAX_RESULTS} résultats au plus.`)
      .optional(),
  ),
});

export const custodyLinkInputSchema = z.strictObject({
  familyId: z
    .number({ error: 'Indiquez la famille à laquelle rattacher l’enfant.' })
    .int('Identifiant de famille invalide.')
    .positive('Identifiant de famille invalide.'),
});
