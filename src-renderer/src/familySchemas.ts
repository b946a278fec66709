/**
 * The staff's family forms validate with the API's own schemas (shared/schemas/family.ts): the
 * form and the server say the same sentence about the same mistake. Rules that depend on the day
 * take today's date in Europe/Paris, as the server does.
 */
import type { z } from 'zod';
import {
  authorizedPersonInputSchema,
  childInputSchema as sharedChildInputSchema,
  deskFamilyInputSchema,
  guardianInputSchema as sharedGuardianInputSchema,
  medicalInputSchema,
  staffHouseholdInputSchema,
} from '../../shared/schemas/family';
import type { FormErrors } from './forms';
import { parisToday as sharedParisToday } from '../../shared/calendar/dates';

/** Today's calendar day in Europe/Paris, `YYYY-MM-DD` (the same rule as the server's). */
export const parisToday = (now: Date = new Date()): string => sharedParisToday(now);

export const guardianInputSchema = (): z.ZodType => sharedGuardianInputSchema(parisToday());
export const newFamilySchema = (): z.ZodType => deskFamilyInputSchema(parisToday());
export const childInputSchema = (): z.ZodType => sharedChildInputSchema(parisToday());
export const householdSchema: z.ZodType = staffHouseholdInputSchema;
export const medicalSchema: z.ZodType = medicalInputSchema;
export const authorizedPersonSchema: z.ZodType = authorizedPersonInputSchema;

export { REASON_MAX_LENGTH, reasonInputSchema as reasonSchema } from '../../shared/validation/schemas';

const TYPED_DATE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/;

/**
 * Dates are typed `jj/mm/aaaa` and sent `YYYY-MM-DD`, so the API's sentence about a malformed
 * date (which speaks of the format it receives) is replaced by one about what was typed.
 * `required` dates left empty get "Saisissez …".
 */
export function withDateMessages<V extends object>(
  errors: FormErrors,
  values: V,
  dates: { key: keyof V & string; required?: string }[],
): FormErrors {
  const result: FormErrors = { ...errors };
  for (const { key, required } of dates) {
    const raw = values[key];
    const typed = typeof raw === 'string' ? raw.trim() : '';
    if (typed === '') {
      if (required) result[key] = required;
    } else if (!TYPED_DATE.test(typed)) {
      result[key] = 'Date invalide : saisissez-la au format jj/mm/aaaa (exemple : 14/03/2019).';
    } else if (result[key]?.includes('AAAA-MM-JJ')) {
      result[key] = 'Date invalide : ce jour n’existe pas dans le calendrier.';
    }
  }
  return result;
}
