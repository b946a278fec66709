import { z } from 'zod';
import { daysBetween, isIsoDate } from '../calendar/dates';
import { normalizeFrenchPhone } from './family';

/*
 * Input rules of the services configuration (issue 4), shared by the staff API and the
 * back-office forms so both say the same sentence about the same mistake.
 *
 * Optional fields: absent = unchanged (on an update) or the guide's default (on a creation),
 * `null` or "" = emptied.
 */

// ---- enumerations -----------------------------------------------------------------------------

export const SERVICE_KINDS = ['restauration', 'periscolaire', 'alsh_mercredi', 'alsh_vacances', 'autre'] as const;
export const APPROVAL_MODES = ['automatic', 'manual'] as const;
export const LATE_BOOKING_POLICIES = ['refuse', 'surcharge', 'accept'] as const;
export const LATE_CANCELLATION_POLICIES = ['billed', 'free'] as const;
export const NO_PLACE_POLICIES = ['refuse', 'waitlist'] as const;
export const WAITLIST_PROMOTIONS = ['automatic', 'offer'] as const;
export const RATIO_REGIMES = ['periscolaire', 'extrascolaire', 'none'] as const;
export const PERIOD_KINDS = ['school_year', 'holidays', 'other'] as const;
export const DAY_PATTERNS = ['school_days', 'wednesdays', 'holiday_weekdays', 'weekdays'] as const;
export const UNIT_KINDS = ['accueil', 'activite'] as const;

export const DEADLINE_MAX_DAYS = 90;
/** 1,000 € : a surcharge beyond that is a typing mistake. */
export const SURCHARGE_MAX_CENTS = 100_000;
export const AGE_MAX = 17;
export const PLACES_MAX = 10_000;
export const CHILDREN_PER_ANIMATOR_MAX = 50;
/** The years a period may fall in: anything else is a typing mistake (2062 for 2026). */
export const PERIOD_FIRST_YEAR = 2000;
export const PERIOD_LAST_YEAR = 2099;
/** A school year, Monday 1 September to Sunday 31 August, fits; two do not. */
export const PERIOD_MAX_DAYS = 366;

export const DEADLINE_MESSAGE = 'Le délai doit être un nombre de jours positif ou nul.';
export const PERIOD_ORDER_MESSAGE = 'La date de fin doit être postérieure à la date de début.';
export const TIME_ORDER_MESSAGE = "L'heure de fin doit être postérieure à l'heure de début.";

// ---- field builders ---------------------------------------------------------------------------

/** `z.strictObject` whose refusal of an unknown field says which one, in French. */
function strict<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Champ${issue.keys.length > 1 ? 's' : ''} non reconnu${issue.keys.length > 1 ? 's' : ''} : ${issue.keys.map((k) => `« ${k} »`).join(', ')}.`
        : undefined,
  });
}

const requiredText = (label: string, max: number) =>
  z
    .string({ error: `Saisissez ${label}.` })
    .trim()
    .min(1, `Saisissez ${label}.`)
    .max(max, `${capitalise(label)} : ${max} caractères au maximum.`);

function capitalise(label: string): string {
  const bare = label.replace(/^(le |la |l'|les |un |une )/, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/** Optional free text: "" and null store nothing; absent leaves the value unchanged. */
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} : texte attendu.` })
    .trim()
    .max(max, `${label} : ${max} caractères au maximum.`)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v === null || v === '' ? null : v));

const boolean = (label: string) => z.boolean({ error: `${label} : oui ou non attendu.` });

const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { error: message });

/**
 * A whole number between `min` and `max`, with one sentence per way of getting it wrong. A number
 * written as text ("-1") is read as the number, so that it gets the sentence about its value.
 */
const integer = (label: string, min: number, max: number, messages: { min?: string; max?: string } = {}) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: `${label} : nombre entier attendu.` })
      .int(`${label} : nombre entier attendu.`)
      .min(min, messages.min ?? `${label} : ${min} au minimum.`)
      .max(max, messages.max ?? `${label} : ${max} au maximum.`),
  );

const cents = (label: string) =>
  z
    .number({ error: `${label} : montant en centimes attendu.` })
    .int(`${label} : montant en centimes attendu.`)
    .min(0, `${label} : le montant doit être positif ou nul.`)
    .max(SURCHARGE_MAX_CENTS, `${label} : 1 000 € au maximum.`);

const SLUG = /^[a-z0-9]+(?:[_-][a-z0-9]+)*$/;

/** A code used in addresses and exports: lower case letters, digits, "-" or "_". */
const code = (label: string) =>
  z
    .string({ error: `Saisissez ${label}.` })
    .trim()
    .min(1, `Saisissez ${label}.`)
    .max(40, `${capitalise(label)} : 40 caractères au maximum.`)
    .regex(SLUG, `${capitalise(label)} : lettres minuscules sans accent, chiffres, « - » ou « _ » (exemple : alsh_mercredi).`);

const dateMessage = (label: string) => `${label} : date invalide, format attendu AAAA-MM-JJ.`;
const date = (label: string) => z.string({ error: dateMessage(label) }).refine(isIsoDate, dateMessage(label));

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const timeMessage = (label: string) => `${label} : heure invalide, format attendu HH:MM (exemple : 07:30).`;
const optionalTime = (label: string) =>
  z
    .string({ error: timeMessage(label) })
    .trim()
    .nullish()
    .transform((v) => (v === undefined ? undefined : v === null || v === '' ? null : v))
    .refine((v) => v === undefined || v === null || TIME.test(v), timeMessage(label));

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const instantMessage = "Date d'ouverture des réservations invalide.";

/** An instant with its offset (or Z), answered and stored in UTC. */
const optionalInstant = z
  .string({ error: instantMessage })
  .nullish()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    if (v === null || v.trim() === '') return null;
    const text = v.trim();
    const parsed = new Date(text);
    if (!INSTANT.test(text) || Number.isNaN(parsed.getTime()) || !isIsoDate(text.slice(0, 10))) {
      ctx.addIssue({ code: 'custom', message: instantMessage });
      return z.NEVER;
    }
    return parsed.toISOString();
  });

const optionalEmail = z
  .string({ error: 'Adresse e-mail : texte attendu.' })
  .trim()
  .max(254, 'Adresse e-mail trop longue.')
  .nullish()
  .transform((v) => (v === undefined ? undefined : v === null || v === '' ? null : v.toLowerCase()))
  .refine((v) => v === undefined || v === null || z.email().safeParse(v).success, 'Adresse e-mail invalide.');

const optionalPhone = z
  .string({ error: 'Téléphone : texte attendu.' })
  .nullish()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    if (v === null || v.trim() === '') return null;
    const phone = normalizeFrenchPhone(v);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'Téléphone invalide : 10 chiffres attendus, par exemple 02 61 91 00 16.' });
      return z.NEVER;
    }
    return phone;
  });

const optionalUrl = z
  .string({ error: 'Adresse du site : texte attendu.' })
  .trim()
  .max(500, 'Adresse du site : 500 caractères au maximum.')
  .nullish()
  .transform((v) => (v === undefined ? undefined : v === null || v === '' ? null : v))
  .refine(
    (v) => v === undefined || v === null || /^https?:\/\/[^\s/]+\.[^\s]+$/.test(v),
    'Adresse du site invalide : elle doit commencer par https:// (exemple : https://www.mairie.fr/alsh).',
  );

const optionalPlaces = (label: string) => integer(label, 0, PLACES_MAX, { min: `${label} : nombre positif ou nul attendu.` }).nullish();

const id = (label: string) => z.number({ error: `${label} : identifiant attendu.` }).int(`${label} : identifiant attendu.`).positive(`${label} : identifiant attendu.`);

// ---- service ----------------------------------------------------------------------------------

/** The rules of a service (onglet « Règles »): every field optional, the guide's defaults fill the gaps on creation. */
const rulesShape = {
  approvalMode: choice(APPROVAL_MODES, 'Mode de validation : automatique ou par le personnel.').optional(),
  deadlineDays: integer('Délai', 0, DEADLINE_MAX_DAYS, {
    min: DEADLINE_MESSAGE,
    max: `Le délai ne peut pas dépasser ${DEADLINE_MAX_DAYS} jours.`,
  }).optional(),
  lateBookingPolicy: choice(LATE_BOOKING_POLICIES, 'Réservation hors délai : refusée, acceptée avec majoration ou acceptée.').optional(),
  lateCancellationPolicy: choice(LATE_CANCELLATION_POLICIES, 'Annulation hors délai : facturée ou non facturée.').optional(),
  bookingsFinal: boolean('Réservations définitives').optional(),
  lateBookingSurchargeCents: cents('Majoration hors délai').optional(),
  unbookedPresenceSurchargeCents: cents('Majoration sans réservation').optional(),
  justifiedAbsenceBilled: boolean('Absence justifiée facturée').optional(),
  noPlacePolicy: choice(NO_PLACE_POLICIES, "Sans place : refus ou liste d'attente.").optional(),
  waitlistPromotion: choice(WAITLIST_PROMOTIONS, "Liste d'attente : automatique ou sur proposition.").optional(),
  maxPlaces: optionalPlaces('Places'),
  ratioRegime: choice(RATIO_REGIMES, "Régime d'encadrement : périscolaire, extrascolaire ou aucun.").optional(),
  pedt: boolean('PEDT').optional(),
  requiresEnrolment: boolean('Inscription préalable').optional(),
};

const serviceShape = {
  name: requiredText('le nom du service', 80),
  code: code('le code du service'),
  kind: choice(SERVICE_KINDS, 'Type de service : restauration, périscolaire, ALSH du mercredi, ALSH vacances ou autre.'),
  description: optionalText('Description', 2000),
  contactEmail: optionalEmail,
  contactPhone: optionalPhone,
  contactUrl: optionalUrl,
  active: boolean('Service actif').optional(),
  ...rulesShape,
};

export const serviceCreateSchema = strict(serviceShape);
export type ServiceCreateInput = z.output<typeof serviceCreateSchema>;

/** A `PUT`: the fields sent are changed, the others kept. */
export const serviceUpdateSchema = strict({
  ...serviceShape,
  name: serviceShape.name.optional(),
  code: serviceShape.code.optional(),
  kind: serviceShape.kind.optional(),
});
export type ServiceUpdateInput = z.output<typeof serviceUpdateSchema>;

// ---- period -----------------------------------------------------------------------------------

const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;

export function isSchoolYear(value: string): boolean {
  const m = SCHOOL_YEAR.exec(value);
  return m !== null && Number(m[2]) === Number(m[1]) + 1;
}

export const schoolYearSchema = z
  .string({ error: 'Année scolaire : format attendu 2026-2027.' })
  .trim()
  .refine(isSchoolYear, 'Année scolaire : format attendu 2026-2027.');

const weekdays = z
  .array(integer('Jour de la semaine', 1, 7, { min: 'Jour de la semaine : 1 (lundi) à 7 (dimanche).', max: 'Jour de la semaine : 1 (lundi) à 7 (dimanche).' }), {
    error: 'Jours de la semaine : liste attendue.',
  })
  .max(7, 'Jours de la semaine : 7 au maximum.')
  .refine((days) => new Set(days).size === days.length, 'Chaque jour de la semaine ne doit figurer qu’une fois.')
  .transform((days) => [...days].sort((a, b) => a - b));

export const periodInputSchema = strict({
  name: requiredText('le nom de la période', 80),
  kind: choice(PERIOD_KINDS, 'Type de période : année scolaire, vacances ou autre.'),
  /** Derived from the start date when absent (September starts a school year). */
  schoolYear: schoolYearSchema.optional(),
  startDate: date('Date de début'),
  endDate: date('Date de fin'),
  dayPattern: choice(DAY_PATTERNS, "Jours d'ouverture : jours d'école, mercredis, jours de vacances ou jours choisis."),
  weekdays: weekdays.nullish(),
  bookingsOpenAt: optionalInstant,
}).superRefine((value, ctx) => {
  const { startDate, endDate } = value;
  if (!isIsoDate(startDate) || !isIsoDate(endDate)) return;
  for (const [field, d] of [
    ['startDate', startDate],
    ['endDate', endDate],
  ] as const) {
    const year = Number(d.slice(0, 4));
    if (year < PERIOD_FIRST_YEAR || year > PERIOD_LAST_YEAR) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `${field === 'startDate' ? 'Date de début' : 'Date de fin'} : l'année doit être comprise entre ${PERIOD_FIRST_YEAR} et ${PERIOD_LAST_YEAR}.`,
      });
      return;
    }
  }
  const days = daysBetween(startDate, endDate);
  if (days < 0) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: PERIOD_ORDER_MESSAGE });
    return;
  }
  if (days >= PERIOD_MAX_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Une période ne peut pas dépasser un an : créez une période par année scolaire.' });
  }
  if (value.dayPattern === 'weekdays' && (!value.weekdays || value.weekdays.length === 0)) {
    ctx.addIssue({ code: 'custom', path: ['weekdays'], message: "Cochez au moins un jour d'ouverture." });
  }
  if (value.bookingsOpenAt && value.bookingsOpenAt.slice(0, 10) > endDate) {
    ctx.addIssue({
      code: 'custom',
      path: ['bookingsOpenAt'],
      message: "L'ouverture des réservations doit précéder la fin de la période.",
    });
  }
});
export type PeriodInput = z.output<typeof periodInputSchema>;

// ---- units and incompatibilities --------------------------------------------------------------

export const unitInputSchema = strict({
  code: code("le code de l'accueil"),
  name: requiredText("le nom de l'accueil", 80),
  kind: choice(UNIT_KINDS, 'Type : accueil ou activité.'),
  startTime: optionalTime('Heure de début'),
  endTime: optionalTime('Heure de fin'),
  active: boolean('Accueil proposé').optional(),
  /** Units of the same service that cannot be booked the same day (stored both ways). */
  incompatibleWith: z.array(id('Accueil incompatible'), { error: 'Accueils incompatibles : liste attendue.' }).max(50).optional(),
}).superRefine((value, ctx) => {
  const { startTime, endTime } = value;
  const start = startTime ?? null;
  const end = endTime ?? null;
  if ((start === null) !== (end === null)) {
    ctx.addIssue({
      code: 'custom',
      path: [start === null ? 'startTime' : 'endTime'],
      message: "Indiquez l'heure de début et l'heure de fin, ou aucune des deux.",
    });
    return;
  }
  if (start !== null && end !== null && TIME.test(start) && TIME.test(end) && end <= start) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: TIME_ORDER_MESSAGE });
  }
});
export type UnitInput = z.output<typeof unitInputSchema>;

export const incompatibilitiesInputSchema = strict({
  unitIds: z.array(id('Accueil'), { error: 'Accueils incompatibles : liste attendue.' }).max(50, 'Accueils incompatibles : 50 au maximum.'),
});

// ---- groups -----------------------------------------------------------------------------------

export const groupInputSchema = strict({
  name: requiredText('le nom du groupe', 80),
  minAge: integer('Âge minimum', 0, AGE_MAX, { min: "L'âge minimum doit être compris entre 0 et 17 ans.", max: "L'âge minimum doit être compris entre 0 et 17 ans." }),
  maxAge: integer('Âge maximum', 0, AGE_MAX, { min: "L'âge maximum doit être compris entre 0 et 17 ans.", max: "L'âge maximum doit être compris entre 0 et 17 ans." }),
  maxPlaces: optionalPlaces('Places'),
}).superRefine((value, ctx) => {
  if (value.minAge > value.maxAge) {
    ctx.addIssue({ code: 'custom', path: ['maxAge'], message: "L'âge maximum doit être supérieur ou égal à l'âge minimum." });
  }
});
export type GroupInput = z.output<typeof groupInputSchema>;

// ---- staffing ---------------------------------------------------------------------------------

const perAnimator = (label: string) =>
  integer(label, 1, CHILDREN_PER_ANIMATOR_MAX, {
    min: `${label} : au moins 1 enfant par animateur.`,
    max: `${label} : ${CHILDREN_PER_ANIMATOR_MAX} enfants par animateur au maximum.`,
  });

export const staffingRuleSchema = strict({
  /** null: the whole service; otherwise one group of it. */
  groupId: id('Groupe').nullable(),
  longSession: boolean('Séance de plus de 5 heures'),
  underSixPerAnimator: perAnimator('Moins de 6 ans'),
  sixPlusPerAnimator: perAnimator('6 ans et plus'),
});
export type StaffingRuleInput = z.output<typeof staffingRuleSchema>;

export const staffingInputSchema = strict({
  rules: z.array(staffingRuleSchema, { error: 'Règles : liste attendue.' }).max(200),
}).superRefine((value, ctx) => {
  const seen = new Set<string>();
  value.rules.forEach((rule, index) => {
    const key = `${rule.groupId ?? 'service'}|${rule.longSession}`;
    if (seen.has(key)) {
      ctx.addIssue({ code: 'custom', path: ['rules', index], message: 'Deux règles pour le même groupe et la même durée de séance.' });
    }
    seen.add(key);
  });
});
export type StaffingInput = z.output<typeof staffingInputSchema>;

// ---- opening days -----------------------------------------------------------------------------

export const openingDayInputSchema = strict({
  closed: boolean('Fermé'),
  note: optionalText('Note', 200),
});
export type OpeningDayInput = z.output<typeof openingDayInputSchema>;

export const dayActivitiesInputSchema = strict({
  activities: z
    .array(strict({ unitId: id('Activité'), places: optionalPlaces('Places') }), { error: 'Activités : liste attendue.' })
    .max(50, 'Activités : 50 au maximum.'),
}).superRefine((value, ctx) => {
  const ids = value.activities.map((a) => a.unitId);
  if (new Set(ids).size !== ids.length) {
    ctx.addIssue({ code: 'custom', path: ['activities'], message: 'Chaque activité ne doit figurer qu’une fois.' });
  }
});
export type DayActivitiesInput = z.output<typeof dayActivitiesInputSchema>;

// ---- duplication ------------------------------------------------------------------------------

export const duplicationInputSchema = strict({
  /** The school year copied; by default the current one. */
  fromSchoolYear: schoolYearSchema.optional(),
});
export type DuplicationInput = z.output<typeof duplicationInputSchema>;
