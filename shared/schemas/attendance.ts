import { z } from 'zod';
import { daysBetween, isIsoDate } from '../calendar/dates';

/*
 * Input rules of the attendance registers (issue 7), shared by the staff API and the back-office.
 */

export const ATTENDANCE_STATES = ['present', 'absent_justified', 'absent_unjustified', 'present_unbooked'] as const;
export type AttendanceStateInput = (typeof ATTENDANCE_STATES)[number];

export const JUSTIFICATIONS = ['illness', 'illness_certificate', 'school', 'other'] as const;
export type JustificationInput = (typeof JUSTIFICATIONS)[number];

export const STATE_LABELS: Record<AttendanceStateInput, string> = {
  present: 'Présent',
  absent_justified: 'Absent (justifié)',
  absent_unjustified: 'Absent (non justifié)',
  present_unbooked: 'Présent non inscrit',
};

export const JUSTIFICATION_LABELS: Record<JustificationInput, string> = {
  illness: 'Maladie',
  illness_certificate: 'Maladie avec certificat',
  school: "Justifiée par l'école",
  other: 'Autre motif',
};

/** Exports and the kitchen count read at most a year at a time. */
export const MAX_EXPORT_DAYS = 366;
export const TOO_LONG_PERIOD_MESSAGE = `La période ne peut pas dépasser ${MAX_EXPORT_DAYS} jours : découpez-la.`;

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

/** An id read from a query string ("12"). */
const idText = (what: string) =>
  z
    .string({ error: `${what} : identifiant attendu.` })
    .regex(/^[1-9]\d{0,9}$/, `${what} : identifiant attendu.`)
    .transform(Number);

const isoDate = (what: string) =>
  z.string({ error: `${what} : date attendue (AAAA-MM-JJ).` }).refine(isIsoDate, `${what} : date invalide (format AAAA-MM-JJ).`);

/** One tick: the state of one child for one unit of one day. */
export const tickSchema = strict({
  state: z.enum(ATTENDANCE_STATES, { error: 'État de présence inconnu : présent, absent justifié, absent non justifié ou présent non inscrit.' }),
  justification: z
    .enum(JUSTIFICATIONS, { error: "Motif d'absence inconnu : maladie, maladie avec certificat, justifiée par l'école ou autre." })
    .nullable()
    .optional(),
  /** The version the screen shows; null when the child was not ticked yet. */
  version: z.number({ error: 'Version du pointage attendue (null si pas encore pointé).' }).int().positive().nullable(),
  /** Only for a présent non inscrit: the family billed (a child may have two). */
  familyId: id('Famille').optional(),
}).superRefine((value, ctx) => {
  if (value.state === 'absent_justified' && !value.justification) {
    ctx.addIssue({ code: 'custom', path: ['justification'], message: "Précisez le motif de l'absence justifiée." });
  }
  if (value.state !== 'absent_justified' && value.justification) {
    ctx.addIssue({ code: 'custom', path: ['justification'], message: 'Un motif ne se donne que pour une absence justifiée.' });
  }
  if (value.state !== 'present_unbooked' && value.familyId !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['familyId'], message: "La famille ne se précise que pour un enfant présent non inscrit." });
  }
});
export type TickInput = z.infer<typeof tickSchema>;

export const untickSchema = strict({
  version: z.number({ error: 'Version du pointage attendue.' }).int().positive(),
});

/** GET /day and the daily sheets. */
export const dayQuerySchema = z.object({
  serviceId: idText('Service'),
  date: isoDate('Date'),
  unitId: idText('Accueil').optional(),
  groupId: idText('Groupe').optional(),
});
export type DayQuery = z.infer<typeof dayQuerySchema>;

export const childSearchSchema = z.object({
  serviceId: idText('Service'),
  q: z.string({ error: 'Saisissez au moins deux lettres du nom ou du prénom.' }).trim().min(2, 'Saisissez au moins deux lettres du nom ou du prénom.').max(60, 'Recherche trop longue (60 caractères au plus).'),
});

const periodBase = { from: isoDate('Début'), to: isoDate('Fin') };
const periodChecks = <T extends { from: string; to: string }>(schema: z.ZodType<T>) =>
  schema
    .refine((v) => !isIsoDate(v.from) || !isIsoDate(v.to) || v.from <= v.to, { message: 'La fin de la période précède son début.', path: ['to'] })
    .refine((v) => !isIsoDate(v.from) || !isIsoDate(v.to) || daysBetween(v.from, v.to) < MAX_EXPORT_DAYS, { message: TOO_LONG_PERIOD_MESSAGE, path: ['to'] });

export const periodQuerySchema = periodChecks(z.object(periodBase));
export const servicePeriodQuerySchema = periodChecks(z.object({ ...periodBase, serviceId: idText('Service') }));

export const mealsQuerySchema = z.object({
  date: isoDate('Date'),
  scope: z.enum(['day', 'week'], { error: 'Période : « day » (le jour) ou « week » (du lundi au vendredi).' }).default('day'),
});

export const assignmentsSchema = strict({
  serviceIds: z.array(id('Service'), { error: 'La liste des services est attendue (serviceIds).' }).max(100, 'Trop de services.'),
});
