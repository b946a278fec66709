import { z } from 'zod';
import { daysBetween, isIsoDate } from '../calendar/dates';

/*
 * Input rules of the staff plans (issue 6, places from staffing), shared by the staff API and the
 * back-office editor so both say the same sentence about the same mistake.
 */

export const ANIMATORS_MAX = 200;
export const MEMBER_NAME_MAX = 80;
/** A school year fits; a copy over more is a typing mistake. */
export const COPY_MAX_DAYS = 366;
export const QUALIFICATIONS = ['bafa', 'stagiaire', 'non_qualifie'] as const;

export const NEGATIVE_ANIMATORS_MESSAGE = "Le nombre d'animateurs doit être un nombre entier positif ou nul.";
export const TOO_MANY_QUALIFIED_MESSAGE = "Les animateurs diplômés et stagiaires ne peuvent pas être plus nombreux que les animateurs.";
export const COPY_ORDER_MESSAGE = 'La date de fin doit être postérieure ou égale à la date de début.';
export const COPY_LENGTH_MESSAGE = `Une copie porte sur ${COPY_MAX_DAYS} jours au plus.`;

/** `z.strictObject` whose refusal of an unknown field says which one, in French. */
function strict<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Champ${issue.keys.length > 1 ? 's' : ''} non reconnu${issue.keys.length > 1 ? 's' : ''} : ${issue.keys.map((k) => `« ${k} »`).join(', ')}.`
        : undefined,
  });
}

/** A whole number of people; "3" typed in a form is read as 3, "-1" gets the sentence about its sign. */
const people = (label: string, negative: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: `${label} : nombre entier attendu.` })
      .int(`${label} : nombre entier attendu.`)
      .min(0, negative)
      .max(ANIMATORS_MAX, `${label} : ${ANIMATORS_MAX} au maximum.`),
  );

const id = (what: string) =>
  z
    .number({ error: `${what} : identifiant attendu.` })
    .int(`${what} : identifiant attendu.`)
    .positive(`${what} : identifiant attendu.`);

export const isoDate = (what: string) =>
  z.string({ error: `${what} : date attendue (AAAA-MM-JJ).` }).refine(isIsoDate, `${what} : date invalide (format AAAA-MM-JJ).`);

const directorCounted = z.boolean({ error: 'Directeur compté dans le taux : oui ou non attendu.' });

export const staffMemberSchema = strict({
  name: z
    .string({ error: "Saisissez le nom de l'animateur." })
    .trim()
    .min(1, "Saisissez le nom de l'animateur.")
    .max(MEMBER_NAME_MAX, `Nom de l'animateur : ${MEMBER_NAME_MAX} caractères au maximum.`),
  qualification: z.enum(QUALIFICATIONS, { error: 'Qualification : BAFA, stagiaire ou non qualifié.' }),
});
export type StaffMemberInput = z.output<typeof staffMemberSchema>;

/** A count of animators, with how many are BAFA-qualified and how many are trainees. */
export const countPlanSchema = strict({
  mode: z.literal('count'),
  animators: people("Nombre d'animateurs", NEGATIVE_ANIMATORS_MESSAGE),
  qualified: people('Animateurs diplômés (BAFA)', 'Le nombre d’animateurs diplômés doit être positif ou nul.'),
  trainees: people('Stagiaires BAFA', 'Le nombre de stagiaires doit être positif ou nul.'),
  directorCounted,
}).superRefine((value, ctx) => {
  if (value.qualified + value.trainees > value.animators) ctx.addIssue({ code: 'custom', path: ['qualified'], message: TOO_MANY_QUALIFIED_MESSAGE });
});

/** The animators by name, each with a qualification. */
export const namesPlanSchema = strict({
  mode: z.literal('names'),
  members: z
    .array(staffMemberSchema, { error: 'La liste des animateurs est attendue.' })
    .min(1, 'Ajoutez au moins un animateur, ou saisissez un nombre.')
    .max(ANIMATORS_MAX, `${ANIMATORS_MAX} animateurs au maximum.`),
  directorCounted,
});

export const staffPlanInputSchema = z.discriminatedUnion('mode', [countPlanSchema, namesPlanSchema], {
  error: 'Choisissez un nombre d’animateurs (« count ») ou une liste de noms (« names »).',
});
export type StaffPlanInput = z.output<typeof staffPlanInputSchema>;

/** Copies the plans of one day onto every opening day of a range. */
export const copyPlanInputSchema = strict({
  sourceDate: isoDate('Jour copié'),
  startDate: isoDate('Du'),
  endDate: isoDate('Au'),
  /** null: every group planned on the day copied. */
  groupId: id('Groupe').nullable(),
}).superRefine((value, ctx) => {
  if (!isIsoDate(value.startDate) || !isIsoDate(value.endDate)) return;
  if (value.endDate < value.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: COPY_ORDER_MESSAGE });
  else if (daysBetween(value.startDate, value.endDate) + 1 > COPY_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['endDate'], message: COPY_LENGTH_MESSAGE });
});
export type CopyPlanInput = z.output<typeof copyPlanInputSchema>;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const MONTH_MESSAGE = 'Mois invalide : format attendu AAAA-MM.';
export const isMonth = (value: unknown): value is string => typeof value === 'string' && MONTH.test(value);
