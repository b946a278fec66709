/**
 * Pure rules of the attendance registers: what may be ticked when, what each tick makes billable
 * (through the one billing matrix), the kitchen's diet categories and the CAF hours.
 */
import { billingOutcome, type BillingBooking, type BillingOutcome, type BillingServiceSettings } from '../billing/matrix';
import { ageOn } from '../bookings/rules';
import type { IsoDate } from '../calendar/dates';
import { addDays, isoWeekday, parisToday } from '../calendar/dates';
import type { AttendanceState, BookingStatus } from '../db/tables/bookings.table';
import type { Diet } from '../db/tables/children.table';
import type { RatioRegime } from '../db/tables/services.table';
import type { JustificationInput } from '../schemas/attendance';

/** Bookings that put a child on the day's list (a pending request is shown, flagged). */
export const LISTED_STATUSES = ['accepted', 'cancellation_pending', 'pending'] as const satisfies readonly BookingStatus[];
export const isListed = (status: BookingStatus): boolean => (LISTED_STATUSES as readonly BookingStatus[]).includes(status);

export const frenchDate = (date: IsoDate): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** A day can be ticked once it has come (Paris time), never before. */
export function futureDayMessage(date: IsoDate, now: Date): string | null {
  if (date <= parisToday(now)) return null;
  return `Impossible de pointer le ${frenchDate(date)} : ce jour n'est pas encore arrivé. Le pointage se fait le jour même ou après.`;
}

// ---- billing ---------------------------------------------------------------------------------------

export interface DayLine {
  childId: number;
  unitId: number;
  booking: (BillingBooking & { id: number }) | null;
  attendance: { state: AttendanceState; justification: JustificationInput | null } | null;
}

/** For a day's list, each child-unit's billable outcome, as the invoice will compute it. */
export function dayBillableOutcomes(service: BillingServiceSettings, lines: readonly DayLine[]): (DayLine & { outcome: BillingOutcome })[] {
  return lines.map((line) => ({ ...line, outcome: billingOutcome(service, line.booking, line.attendance) }));
}

// ---- kitchen -----------------------------------------------------------------------------------------

export type MealCategory = 'standard' | 'sans_porc' | 'vegetarien' | 'sans_gluten' | 'autre' | 'pai_allergies';

export const MEAL_CATEGORIES: readonly MealCategory[] = ['standard', 'sans_porc', 'vegetarien', 'sans_gluten', 'autre', 'pai_allergies'];

export const MEAL_CATEGORY_LABELS: Record<MealCategory, string> = {
  standard: 'Normal',
  sans_porc: 'Sans porc',
  vegetarien: 'Végétarien',
  sans_gluten: 'Sans gluten',
  autre: 'Autre régime',
  pai_allergies: 'PAI / allergies',
};

/**
 * One category per child so the columns add up to the total: a PAI or a declared allergy comes
 * first (the kitchen prepares those meals by name), then the diet of the fiche sanitaire.
 */
export function mealCategory(medical: { diet: Diet; hasPai: boolean; allergies: string | null } | null): MealCategory {
  if (!medical) return 'standard';
  if (medical.hasPai || (medical.allergies ?? '').trim() !== '') return 'pai_allergies';
  return medical.diet;
}

/** A unit serves a meal when its service is the restaurant or its name says so ("Repas", "Journée (repas compris)"). */
export const servesMeal = (serviceKind: string, unitName: string): boolean => serviceKind === 'restauration' || /repas/i.test(unitName);

/** Monday to Friday of the week of a date. */
export function schoolWeek(date: IsoDate): IsoDate[] {
  const monday = addDays(date, 1 - isoWeekday(date));
  return [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
}

// ---- CAF hours ---------------------------------------------------------------------------------------

/** Minutes between two "HH:MM" times; 0 when a unit has no hours. */
export function sessionMinutes(start: string | null, end: string | null): number {
  if (!start || !end) return 0;
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return Math.max(0, toMin(end) - toMin(start));
}

export type AgeBracket = 'under_six' | 'six_plus';
export const AGE_BRACKET_LABELS: Record<AgeBracket, string> = { under_six: 'Moins de 6 ans', six_plus: '6 ans et plus' };
export const REGIME_LABELS: Record<'periscolaire' | 'extrascolaire', string> = { periscolaire: 'Périscolaire', extrascolaire: 'Extrascolaire' };

export interface CafPresence {
  childId: number;
  birthDate: IsoDate;
  date: IsoDate;
  regime: RatioRegime;
  state: AttendanceState;
  startTime: string | null;
  endTime: string | null;
}

export interface CafHoursRow {
  childId: number;
  regime: 'periscolaire' | 'extrascolaire';
  bracket: AgeBracket;
  sessions: number;
  minutes: number;
}

/**
 * Hours actually delivered, as the CAF counts them for its prestation de service: only sessions
 * where the child was there (booked or not), each for its whole scheduled length even if the child
 * came late or left early; the age bracket is the child's age on the day; services outside the
 * périscolaire / extrascolaire regimes (the restaurant) are not counted.
 */
export function cafHours(presences: readonly CafPresence[]): CafHoursRow[] {
  const rows = new Map<string, CafHoursRow>();
  for (const p of presences) {
    if (p.state !== 'present' && p.state !== 'present_unbooked') continue;
    if (p.regime !== 'periscolaire' && p.regime !== 'extrascolaire') continue;
    const bracket: AgeBracket = ageOn(p.birthDate, p.date) < 6 ? 'under_six' : 'six_plus';
    const key = `${p.childId}|${p.regime}|${bracket}`;
    const row = rows.get(key) ?? { childId: p.childId, regime: p.regime, bracket, sessions: 0, minutes: 0 };
    row.sessions += 1;
    row.minutes += sessionMinutes(p.startTime, p.endTime);
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** Hours as the CAF forms want them: decimal, two places ("3,75"). */
export const hoursOf = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;
