import { electronicFormatIBAN, isSEPACountry, isValidBIC, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { z } from 'zod';
import { compareDates, isIsoDate } from '../calendar/dates';

/*
 * The family file's input rules, shared by the API and the portal / back-office forms so both say
 * the same thing about the same mistake. Rules that depend on the date take `today` (the
 * Europe/Paris calendar day from the clock): the schemas are built per request.
 *
 * Optional fields follow one convention: absent = unchanged (on an update), `null` or "" = empty.
 */

// ---- pure rules -------------------------------------------------------------------------------

/**
 * A French phone number written as the guide prints it ("06 12 34 56 78"), or null if it is not
 * one. Accepts spaces, dots, dashes, "+33", "0033" and "+33 (0)6…".
 */
export function normalizeFrenchPhone(input: string): string | null {
  let digits = input.trim().replace(/[\s.\-()/]/g, '');
  const international = /^(?:\+|00)33(.*)$/.exec(digits);
  if (international) {
    const rest = international[1] ?? '';
    digits = rest.startsWith('0') ? rest : `0${rest}`;
  }
  if (!/^0[1-9]\d{8}$/.test(digits)) return null;
  return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** Full years between a birth date and `today` (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const beforeBirthday = tm < bm || (tm === bm && td < bd);
  return ty - by - (beforeBirthday ? 1 : 0);
}

export type IbanCheck = { ok: true; iban: string } | { ok: false; message: string };

/** An IBAN in electronic format ("FR7630006000011234567890189"), or why it is refused. */
export function checkIban(input: string): IbanCheck {
  const iban = electronicFormatIBAN(input) ?? '';
  if (iban === '') return { ok: false, message: "Saisissez l'IBAN." };
  const { valid, errorCodes } = validateIBAN(iban);
  if (!valid) {
    if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry)) {
      return { ok: false, message: 'IBAN invalide : il doit commencer par le code du pays, par exemple FR76.' };
    }
    if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength)) {
      return {
        ok: false,
        message: "IBAN invalide : le nombre de caractères ne correspond pas au pays (27 pour un IBAN français).",
      };
    }
    if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat)) {
      return { ok: false, message: 'IBAN invalide : certains caractères ne sont pas à leur place, vérifiez la saisie.' };
    }
    return { ok: false, message: 'IBAN invalide : vérifiez les chiffres.' };
  }
  if (!isSEPACountry(iban.slice(0, 2))) {
    return { ok: false, message: "Cet IBAN n'appartient pas à la zone SEPA : le prélèvement n'est pas possible." };
  }
  return { ok: true, iban };
}

/** A BIC in upper case without spaces, or null when it is not a valid BIC. */
export function normalizeBic(input: string): string | null {
  const bic = input.replace(/\s+/g, '').toUpperCase();
  return bic !== '' && isValidBIC(bic) ? bic : null;
}

// ---- field builders ---------------------------------------------------------------------------

const NAME_MAX = 80;

/** A required name (nom, prénom): 1 to 80 characters once trimmed. */
const name = (label: string) =>
  z
    .string({ error: `Saisissez ${label}.` })
    .trim()
    .min(1, `Saisissez ${label}.`)
    .max(NAME_MAX, `${capitalise(label)} : ${NAME_MAX} caractères au maximum.`);

function capitalise(label: string): string {
  const bare = label.replace(/^(le |la |l'|les )/, '');
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

const PHONE_MESSAGE = 'invalide : 10 chiffres attendus, par exemple 06 12 34 56 78.';

/** A phone number normalised to "06 12 34 56 78". */
const requiredPhone = (label: string) =>
  z.string({ error: `Saisissez ${label}.` }).transform((v, ctx) => {
    if (v.trim() === '') {
      ctx.addIssue({ code: 'custom', message: `Saisissez ${label}.` });
      return z.NEVER;
    }
    const phone = normalizeFrenchPhone(v);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: `${capitalise(label)} ${PHONE_MESSAGE}` });
      return z.NEVER;
    }
    return phone;
  });

const optionalPhone = (label: string) =>
  z
    .string({ error: `${label} : texte attendu.` })
    .nullish()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      if (v === null || v.trim() === '') return null;
      const phone = normalizeFrenchPhone(v);
      if (!phone) {
        ctx.addIssue({ code: 'custom', message: `${label} ${PHONE_MESSAGE}` });
        return z.NEVER;
      }
      return phone;
    });

const dateMessage = (label: string) => `${label} : date invalide, format attendu AAAA-MM-JJ.`;

/** A real calendar day `YYYY-MM-DD`, optionally bounded by `today`. */
const date = (label: string) => z.string({ error: dateMessage(label) }).refine(isIsoDate, dateMessage(label));

const optionalDate = (label: string) =>
  z
    .string({ error: dateMessage(label) })
    .nullish()
    .transform((v) => (v === undefined ? undefined : v === null || v === '' ? null : v))
    .refine((v) => v === undefined || v === null || isIsoDate(v), dateMessage(label));

// Date rules accept what is not a real date: the format refinement has already reported it.
const notAfter = (today: string) => (v: string | null | undefined) =>
  v === undefined || v === null || !isIsoDate(v) || compareDates(v, today) <= 0;

const optionalEmail = z
  .string({ error: 'Adresse e-mail : texte attendu.' })
  .trim()
  .max(254, 'Adresse e-mail trop longue.')
  .nullish()
  .transform((v) => (v === undefined ? undefined : v === null || v === '' ? null : v.toLowerCase()))
  .refine((v) => v === undefined || v === null || z.email().safeParse(v).success, 'Adresse e-mail invalide.');

const optionalBoolean = (label: string) => z.boolean({ error: `${label} : oui ou non attendu.` }).optional();

// ---- schemas ----------------------------------------------------------------------------------

/** ÉTAPE 2 and "Mon profil" (responsable), or the conjoint in "Mon foyer". */
export const guardianInputSchema = (today: string) =>
  z.strictObject({
    civility: z.enum(['M.', 'Mme'], { error: 'Civilité : « M. » ou « Mme ».' }).nullish(),
    lastName: name('le nom'),
    firstName: name('le prénom'),
    birthDate: optionalDate('Date de naissance')
      .refine(notAfter(today), 'La date de naissance ne peut pas être dans le futur.')
      .refine((v) => v === undefined || v === null || !isIsoDate(v) || v >= '1900-01-01', 'Date de naissance invalide.'),
    email: optionalEmail,
    phoneMobile: optionalPhone('Téléphone portable'),
    phoneHome: optionalPhone('Téléphone fixe'),
    addressLine1: optionalText('Adresse', 120),
    addressLine2: optionalText("Complément d'adresse", 120),
    postalCode: z
      .string({ error: 'Code postal : texte attendu.' })
      .trim()
      .nullish()
      .transform((v) => (v === undefined ? undefined : v === null || v === '' ? null : v))
      .refine((v) => v === undefined || v === null || /^\d{5}$/.test(v), 'Code postal invalide : 5 chiffres attendus.'),
    city: optionalText('Commune', NAME_MAX),
    employer: optionalText('Employeur', 120),
    profession: optionalText('Profession', NAME_MAX),
    phoneWork: optionalPhone('Téléphone professionnel'),
  });
export type GuardianInput = z.output<ReturnType<typeof guardianInputSchema>>;

const householdShape = {
  qf: z
    .number({ error: 'Le quotient familial doit être un nombre entier entre 0 et 99 999.' })
    .int('Le quotient familial doit être un nombre entier entre 0 et 99 999.')
    .min(0, 'Le quotient familial doit être un nombre entier entre 0 et 99 999.')
    .max(99999, 'Le quotient familial doit être un nombre entier entre 0 et 99 999.')
    .nullish(),
  cafNumber: z
    .string({ error: "Numéro d'allocataire CAF : texte attendu." })
    .nullish()
    .transform((v) => (v === undefined ? undefined : v === null ? null : v.replace(/\s+/g, '') || null))
    .refine(
      (v) => v === undefined || v === null || /^\d{1,10}$/.test(v),
      "Numéro d'allocataire CAF invalide : chiffres uniquement (10 au maximum).",
    ),
  allocataireName: optionalText("Nom de l'allocataire", NAME_MAX),
  dependantsCount: z
    .number({ error: 'Le nombre de personnes à charge doit être un nombre entier entre 0 et 20.' })
    .int('Le nombre de personnes à charge doit être un nombre entier entre 0 et 20.')
    .min(0, 'Le nombre de personnes à charge doit être un nombre entier entre 0 et 20.')
    .max(20, 'Le nombre de personnes à charge doit être un nombre entier entre 0 et 20.')
    .nullish(),
  invoiceDelivery: z
    .enum(['email_pdf', 'email_link', 'paper'], { error: 'Mode de réception des factures inconnu.' })
    .optional(),
};

/** "Mon foyer" → informations complémentaires, as parents fill it. */
export const householdInputSchema = z.strictObject(householdShape);

/** Staff also record how long the QF is valid and whether the family lives outside the commune. */
export const staffHouseholdInputSchema = z.strictObject({
  ...householdShape,
  qfValidUntil: optionalDate('Validité du QF'),
  outsideCommune: optionalBoolean('Hors commune'),
});
/** What parents send, plus what only staff may set. */
export type HouseholdInput = z.output<typeof householdInputSchema> & { qfValidUntil?: string | null; outsideCommune?: boolean };

/** A SEPA mandate as written on the paper form (the signed form itself goes under Documents). */
export const mandateInputSchema = (today: string) =>
  z.strictObject({
    iban: z.string({ error: "Saisissez l'IBAN." }).transform((v, ctx) => {
      const check = checkIban(v);
      if (!check.ok) {
        ctx.addIssue({ code: 'custom', message: check.message });
        return z.NEVER;
      }
      return check.iban;
    }),
    bic: z.string({ error: 'Saisissez le BIC.' }).transform((v, ctx) => {
      if (v.trim() === '') {
        ctx.addIssue({ code: 'custom', message: 'Saisissez le BIC.' });
        return z.NEVER;
      }
      const bic = normalizeBic(v);
      if (!bic) {
        ctx.addIssue({ code: 'custom', message: 'BIC invalide : 8 ou 11 caractères, par exemple AGRIFRPP882.' });
        return z.NEVER;
      }
      return bic;
    }),
    holderName: z
      .string({ error: 'Saisissez le nom du titulaire du compte.' })
      .trim()
      .min(1, 'Saisissez le nom du titulaire du compte.')
      .max(70, 'Titulaire du compte : 70 caractères au maximum.'),
    signatureDate: date('Date de signature').refine(notAfter(today), 'La date de signature ne peut pas être dans le futur.'),
  });
export type MandateInput = z.output<ReturnType<typeof mandateInputSchema>>;

/** "Mes enfants" → identity, school and informations complémentaires. A child is 0 to 17 years old. */
export const childInputSchema = (today: string) =>
  z.strictObject({
    lastName: name('le nom'),
    firstName: name('le prénom'),
    birthDate: date('Date de naissance')
      .refine(notAfter(today), 'La date de naissance ne peut pas être dans le futur.')
      .refine((v) => !isIsoDate(v) || compareDates(v, today) > 0 || ageOn(v, today) <= 17, "L'enfant doit avoir moins de 18 ans."),
    sex: z.enum(['F', 'M'], { error: 'Sexe : « F » ou « M ».' }).nullish(),
    school: optionalText('École', NAME_MAX),
    classLevel: optionalText('Classe', 40),
    imageRights: optionalBoolean("Droit à l'image"),
    mayLeaveAlone: optionalBoolean('Autorisé à rentrer seul'),
    notes: optionalText('Remarques', 1000),
  });
export type ChildInput = z.output<ReturnType<typeof childInputSchema>>;

export const DIETS = ['standard', 'sans_porc', 'vegetarien', 'sans_gluten', 'autre'] as const;

/** The fiche sanitaire (the PAI document itself is linked from Documents). */
export const medicalInputSchema = z.strictObject({
  allergies: optionalText('Allergies', 1000),
  hasPai: optionalBoolean("PAI (projet d'accueil individualisé)"),
  paiDetails: optionalText('Détails du PAI', 1000),
  diet: z.enum(DIETS, { error: 'Régime alimentaire inconnu.' }).optional(),
  dietDetails: optionalText('Précisions sur le régime', 500),
  doctorName: optionalText('Médecin traitant', NAME_MAX),
  doctorPhone: optionalPhone('Téléphone du médecin'),
  vaccinationsUpToDate: z.boolean({ error: 'Vaccinations à jour : oui, non ou non renseigné.' }).nullish(),
  vaccinationNotes: optionalText('Vaccinations', 1000),
  otherNotes: optionalText('Autres informations', 1000),
});
export type MedicalInput = z.output<typeof medicalInputSchema>;

/** A person allowed to pick the child up: nom, prénom, portable, lien avec l'enfant. */
export const authorizedPersonInputSchema = z.strictObject({
  lastName: name('le nom'),
  firstName: name('le prénom'),
  mobile: requiredPhone('le numéro de portable'),
  relationship: z
    .string({ error: "Précisez le lien avec l'enfant." })
    .trim()
    .min(1, "Précisez le lien avec l'enfant.")
    .max(40, "Lien avec l'enfant : 40 caractères au maximum."),
});
export type AuthorizedPersonInput = z.output<typeof authorizedPersonInputSchema>;

/** A family created at the desk; without e-mail it has no portal login. */
export const deskFamilyInputSchema = (today: string) =>
  z.strictObject({
    email: optionalEmail,
    responsable: guardianInputSchema(today),
  });
export type DeskFamilyInput = z.output<ReturnType<typeof deskFamilyInputSchema>>;
