/**
 * The pure rules of a service's configuration: the guide's defaults for a new service, the legal
 * staffing ratios, unit incompatibilities, school years. No clock, no I/O.
 */
import { parseIsoDate, type IsoDate } from '../calendar/dates';
import type {
  ApprovalMode,
  LateBookingPolicy,
  LateCancellationPolicy,
  RatioRegime,
  ServiceKind,
} from '../db/tables/services.table';

// ---- rules of a service -----------------------------------------------------------------------

export interface ServiceRules {
  approvalMode: ApprovalMode;
  deadlineDays: number;
  lateBookingPolicy: LateBookingPolicy;
  lateCancellationPolicy: LateCancellationPolicy;
  bookingsFinal: boolean;
  lateBookingSurchargeCents: number;
  unbookedPresenceSurchargeCents: number;
  justifiedAbsenceBilled: boolean;
  noPlacePolicy: 'refuse' | 'waitlist';
  waitlistPromotion: 'automatic' | 'offer';
  maxPlaces: number | null;
  ratioRegime: RatioRegime;
  pedt: boolean;
  requiresEnrolment: boolean;
}

/** The guide's deadline: "au plus tard, 7 jours avant la date souhaitée", for bookings and cancellations alike. */
export const GUIDE_DEADLINE_DAYS = 7;
/** "pénalité de 1€/repas en supplément du tarif habituel (repas majoré)". */
export const GUIDE_MEAL_SURCHARGE_CENTS = 100;

/**
 * The rules the guide gives a service of this kind, which a new service starts with:
 * - every service: bookings and cancellations at the latest 7 days before the day;
 * - restauration: a late booking is accepted with a 1 € surcharge per meal, a meal eaten without
 *   booking is billed with the same surcharge, a late cancellation is billed; automatic approval;
 * - périscolaire: automatic approval; the guide bills late cancellations for "le mercredi et la
 *   cantine" only, so a late cancellation is free; R227-16 ratios;
 * - ALSH du mercredi: approval by staff in arrival order, late cancellation billed; R227-16 ratios;
 * - ALSH vacances: approval by staff, bookings final ("toute demande d'annulation et/ou absence sera
 *   facturée, sauf absence exceptionnelle"), so a justified absence is billed too; R227-15 ratios;
 * - autre: approval by staff, late bookings refused, late cancellations billed, no ratio until staff choose one.
 */
export function defaultRules(kind: ServiceKind): ServiceRules {
  const base: ServiceRules = {
    approvalMode: 'manual',
    deadlineDays: GUIDE_DEADLINE_DAYS,
    lateBookingPolicy: 'refuse',
    lateCancellationPolicy: 'billed',
    bookingsFinal: false,
    lateBookingSurchargeCents: 0,
    unbookedPresenceSurchargeCents: 0,
    justifiedAbsenceBilled: false,
    noPlacePolicy: 'refuse',
    waitlistPromotion: 'automatic',
    maxPlaces: null,
    ratioRegime: 'none',
    pedt: false,
    requiresEnrolment: false,
  };
  switch (kind) {
    case 'restauration':
      return {
        ...base,
        approvalMode: 'automatic',
        lateBookingPolicy: 'surcharge',
        lateBookingSurchargeCents: GUIDE_MEAL_SURCHARGE_CENTS,
        unbookedPresenceSurchargeCents: GUIDE_MEAL_SURCHARGE_CENTS,
      };
    case 'periscolaire':
      return { ...base, approvalMode: 'automatic', lateCancellationPolicy: 'free', ratioRegime: 'periscolaire' };
    case 'alsh_mercredi':
      return { ...base, ratioRegime: 'periscolaire' };
    case 'alsh_vacances':
      return { ...base, bookingsFinal: true, justifiedAbsenceBilled: true, ratioRegime: 'extrascolaire' };
    case 'autre':
      return base;
  }
}

// ---- staffing ratios --------------------------------------------------------------------------

/** Children per animator, under six and from six. */
export interface Ratio {
  underSix: number;
  sixPlus: number;
}

/** A périscolaire session longer than this is a "long" one (R227-16). */
export const LONG_SESSION_MINUTES = 5 * 60;

/**
 * The legal ratios of the Code de l'action sociale et des familles:
 * - extrascolaire (holidays, R227-15): 1 for 8 under six, 1 for 12 from six, however long the day;
 * - périscolaire (school days and Wednesdays, R227-16): sessions of 5 hours or less 1 for 10 and
 *   1 for 14 (1 for 14 and 1 for 18 under a PEDT); longer sessions 1 for 8 and 1 for 12 (1 for 10
 *   and 1 for 14 under a PEDT);
 * - none (restauration scolaire): no legal ratio, null.
 */
export function legalRatios(regime: RatioRegime, options: { pedt: boolean; longSession: boolean }): Ratio | null {
  switch (regime) {
    case 'extrascolaire':
      return { underSix: 8, sixPlus: 12 };
    case 'periscolaire':
      if (options.longSession) return options.pedt ? { underSix: 10, sixPlus: 14 } : { underSix: 8, sixPlus: 12 };
      return options.pedt ? { underSix: 14, sixPlus: 18 } : { underSix: 10, sixPlus: 14 };
    case 'none':
      return null;
  }
}

/** True when a session from `start` to `end` ("HH:MM") lasts more than 5 hours. */
export function isLongSession(start: string, end: string): boolean {
  const minutes = (time: string): number => {
    const [h, m] = time.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  };
  return minutes(end) - minutes(start) > LONG_SESSION_MINUTES;
}

/** Session lengths that have their own ratio under a regime: périscolaire distinguishes short and long sessions. */
export function sessionLengths(regime: RatioRegime): boolean[] {
  return regime === 'periscolaire' ? [false, true] : regime === 'extrascolaire' ? [false] : [];
}

export interface StaffingRuleLike {
  groupId: number | null;
  longSession: boolean;
  underSixPerAnimator: number;
  sixPlusPerAnimator: number;
}

export type RatioSource = 'group' | 'service' | 'legal';

/**
 * The ratio that applies to a group for a session length: the group's own rule, else the
 * service's rule, else the legal ratio. Extrascolaire ignores the session length. Null when the
 * service has no ratio regime.
 */
export function effectiveRatio(
  rules: readonly StaffingRuleLike[],
  service: { ratioRegime: RatioRegime; pedt: boolean },
  target: { groupId: number | null; longSession: boolean },
): { ratio: Ratio; source: RatioSource } | null {
  const legal = legalRatios(service.ratioRegime, { pedt: service.pedt, longSession: target.longSession });
  if (legal === null) return null;
  const longSession = service.ratioRegime === 'periscolaire' ? target.longSession : false;
  const match = (groupId: number | null) =>
    rules.find((r) => r.groupId === groupId && (service.ratioRegime === 'periscolaire' ? r.longSession === longSession : true));
  const own = target.groupId !== null ? match(target.groupId) : undefined;
  if (own) return { ratio: { underSix: own.underSixPerAnimator, sixPlus: own.sixPlusPerAnimator }, source: 'group' };
  const general = match(null);
  if (general) return { ratio: { underSix: general.underSixPerAnimator, sixPlus: general.sixPlusPerAnimator }, source: 'service' };
  return { ratio: legal, source: 'legal' };
}

/** True when a ratio lets one animator look after more children than the law allows. */
export function exceedsLegal(ratio: Ratio, legal: Ratio | null): boolean {
  return legal !== null && (ratio.underSix > legal.underSix || ratio.sixPlus > legal.sixPlus);
}

// ---- unit incompatibilities -------------------------------------------------------------------

/** "Journée excludes matin": stored both ways, so that either unit finds the other. */
export type UnitPair = readonly [number, number];

export class IncompatibilityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IncompatibilityError';
  }
}

export const SELF_INCOMPATIBILITY_MESSAGE = 'Un accueil ne peut pas être incompatible avec lui-même.';

/** Every pair in both directions, each once, sorted; a unit paired with itself is refused. */
export function symmetricPairs(pairs: readonly UnitPair[]): [number, number][] {
  const keys = new Set<string>();
  const result: [number, number][] = [];
  for (const [a, b] of pairs) {
    if (a === b) throw new IncompatibilityError(SELF_INCOMPATIBILITY_MESSAGE);
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const key = `${x}|${y}`;
      if (!keys.has(key)) {
        keys.add(key);
        result.push([x, y]);
      }
    }
  }
  return result.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/** The units `unitId` excludes, whichever direction the pairs were written in. */
export function incompatibleWith(pairs: readonly UnitPair[], unitId: number): number[] {
  const found = new Set<number>();
  for (const [a, b] of pairs) {
    if (a === unitId) found.add(b);
    if (b === unitId) found.add(a);
  }
  found.delete(unitId);
  return [...found].sort((x, y) => x - y);
}

export function areIncompatible(pairs: readonly UnitPair[], a: number, b: number): boolean {
  return a !== b && pairs.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/**
 * The pairs after setting the units `unitId` excludes to exactly `others`: its pairs in both
 * directions are replaced, the other units' pairs kept. Symmetric by construction.
 */
export function replaceIncompatibilities(pairs: readonly UnitPair[], unitId: number, others: readonly number[]): [number, number][] {
  if (others.includes(unitId)) throw new IncompatibilityError(SELF_INCOMPATIBILITY_MESSAGE);
  const kept = pairs.filter(([a, b]) => a !== unitId && b !== unitId);
  return symmetricPairs([...kept, ...others.map((o) => [unitId, o] as const)]);
}

// ---- school years -----------------------------------------------------------------------------

/** The school year of a day: September starts one, the summer holidays end it (2027-07-15 → 2026-2027). */
export function schoolYearOf(date: IsoDate): string {
  const { year, month } = parseIsoDate(date);
  return month >= 9 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}

export function nextSchoolYear(schoolYear: string): string {
  const first = Number(schoolYear.slice(0, 4));
  return `${first + 1}-${first + 2}`;
}

/** "Vacances de la Toussaint 2026" → "Vacances de la Toussaint 2027"; "Année scolaire 2026-2027" → "… 2027-2028". */
export function shiftYearsInName(name: string, years = 1): string {
  return name.replace(/\b(19|20)(\d{2})\b/g, (text) => String(Number(text) + years));
}

/** Monday to Sunday, ISO order, as staff read them. */
export const WEEKDAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
