/**
 * The guide's MODE RECOPIE: which days of a planning a repeated choice fills. Pure, no clock:
 * the caller passes the days that may be filled (the period's open days, or the child's live
 * bookings when cancelling), and gets back those the parent's rule selects, in calendar order.
 */
import { addDays, daysBetween, isIsoDate, isoWeekday, type IsoDate, type IsoWeekday } from '../calendar/dates';

/**
 * - `range`: « De date à date », every candidate day from `from` to `to`;
 * - `weekdays`: « Les jours de votre choix », the chosen weekdays between `from` and `to` (the whole period without them);
 * - `alternate`: « Une semaine sur deux », one week in two counted from the week of `from`, on the chosen weekdays (all without);
 * - `period`: « L'ensemble de la période », every candidate day.
 */
export type RecopieMode = 'range' | 'weekdays' | 'alternate' | 'period';

export interface RecopieInput {
  /** The days that may be filled: duplicates and order do not matter. */
  days: readonly IsoDate[];
  mode: RecopieMode;
  /** First day included (optional except for `range`; `alternate` counts its weeks from this one's week). */
  from?: IsoDate | null;
  /** Last day included (optional except for `range`). */
  to?: IsoDate | null;
  /** ISO weekdays kept (1 = Monday … 7 = Sunday); required by `weekdays`, optional for `alternate`. */
  weekdays?: readonly IsoWeekday[] | null;
  /**
   * `alternate`: 0 keeps the week of `from` (or of the first candidate day), then every other
   * week; 1 starts with the week after it.
   */
  startWeekParity?: 0 | 1;
}

/** Why a rule selects nothing by construction (a French sentence for the form), or null when it is complete. */
export function recopieProblem(input: Omit<RecopieInput, 'days'>): string | null {
  const { mode, from, to, weekdays } = input;
  if (from && !isIsoDate(from)) return 'La date de début n’est pas une date valide.';
  if (to && !isIsoDate(to)) return 'La date de fin n’est pas une date valide.';
  if (mode === 'range' && (!from || !to)) return 'Indiquez la date de début et la date de fin.';
  if (from && to && from > to) return 'La date de fin doit être après la date de début.';
  if (mode === 'weekdays' && (!weekdays || weekdays.length === 0)) return 'Cochez au moins un jour de la semaine.';
  return null;
}

/** Monday of the ISO week of `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** The candidate days the rule selects, sorted, each once; nothing when the rule is incomplete (see recopieProblem). */
export function expandRecopie(input: RecopieInput): IsoDate[] {
  if (recopieProblem(input) !== null) return [];
  const days = [...new Set(input.days.filter((d) => isIsoDate(d)))].sort();
  if (input.mode === 'period') return days;

  const from = input.from || null;
  const to = input.to || null;
  const inRange = days.filter((d) => (from === null || d >= from) && (to === null || d <= to));
  if (input.mode === 'range') return inRange;

  const weekdays = input.weekdays && input.weekdays.length > 0 ? new Set<number>(input.weekdays) : null;
  const onWeekdays = weekdays ? inRange.filter((d) => weekdays.has(isoWeekday(d))) : inRange;
  if (input.mode === 'weekdays') return onWeekdays;

  const anchor = from ?? inRange[0];
  if (anchor === undefined) return [];
  const firstMonday = mondayOf(anchor);
  const parity = input.startWeekParity ?? 0;
  return onWeekdays.filter((d) => (Math.floor(daysBetween(firstMonday, d) / 7) % 2) === parity);
}

/** Dates grouped by month (`YYYY-MM`), months and dates in calendar order: the list shown before "Valider". */
export function groupByMonth(dates: readonly IsoDate[]): { month: string; dates: IsoDate[] }[] {
  const groups = new Map<string, IsoDate[]>();
  for (const date of [...new Set(dates)].sort()) {
    const month = date.slice(0, 7);
    const list = groups.get(month);
    if (list) list.push(date);
    else groups.set(month, [date]);
  }
  return [...groups].map(([month, list]) => ({ month, dates: list }));
}
