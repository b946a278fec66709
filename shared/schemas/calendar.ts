import { z } from 'zod';

/**
 * School calendar inputs (issue 4), shared by the staff API and the back-office forms so both
 * say the same sentence about the same mistake.
 */

export const ZONE_MESSAGE = 'Choisissez la zone A, B ou C.';

export const schoolZoneField = z.enum(['A', 'B', 'C'], { error: ZONE_MESSAGE });

/** `PUT /api/staff/calendar/zone`. */
export const schoolZoneInputSchema = z.strictObject({ zone: schoolZoneField });
export type SchoolZoneInput = z.infer<typeof schoolZoneInputSchema>;

export const MIN_CALENDAR_YEAR = 1900;
export const MAX_CALENDAR_YEAR = 2200;
const YEAR_MESSAGE = `L'année doit être un nombre entier entre ${MIN_CALENDAR_YEAR} et ${MAX_CALENDAR_YEAR} (exemple : 2027).`;

/** A year typed in a form or given in a query string, e.g. "2027". */
export const calendarYearField = z
  .string({ error: YEAR_MESSAGE })
  .trim()
  .regex(/^\d{4}$/, YEAR_MESSAGE)
  .transform(Number)
  .refine((year) => year >= MIN_CALENDAR_YEAR && year <= MAX_CALENDAR_YEAR, YEAR_MESSAGE);

/** `GET /api/staff/calendar/public-holidays?year=` (year optional: the current year). */
export const publicHolidaysQuerySchema = z.object({ year: calendarYearField.optional() });

const SCHOOL_YEAR_MESSAGE = 'Année scolaire invalide : écrivez-la comme 2026-2027.';

/** `GET /api/staff/calendar/school-holidays?zone=&schoolYear=` (both optional: the commune's zone, every year). */
export const schoolHolidaysQuerySchema = z.object({
  zone: schoolZoneField.optional(),
  schoolYear: z
    .string({ error: SCHOOL_YEAR_MESSAGE })
    .regex(/^\d{4}-\d{4}$/, SCHOOL_YEAR_MESSAGE)
    .refine((value) => Number(value.slice(5)) === Number(value.slice(0, 4)) + 1, SCHOOL_YEAR_MESSAGE)
    .optional(),
});
