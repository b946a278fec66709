/**
 * Places from the staff planned and the legal ratio (docs/decisions/0008-places-from-staffing.md).
 * Pure: no clock, no store. Integer arithmetic only, so the boundaries (8 under-sixes with one
 * animator at 1/8) never depend on floating-point rounding.
 */
import type { Ratio } from '../services/rules';

/** The children of a group on a day and unit, by the age the ratio reads (on that day). */
export interface AgeMix {
  underSix: number;
  sixPlus: number;
}

export const EMPTY_MIX: AgeMix = { underSix: 0, sixPlus: 0 };

export const addMix = (a: AgeMix, b: AgeMix): AgeMix => ({ underSix: a.underSix + b.underSix, sixPlus: a.sixPlus + b.sixPlus });

export const mixTotal = (mix: AgeMix): number => mix.underSix + mix.sixPlus;

/**
 * Animators the law requires for these children: each child under six takes 1/rU of an animator,
 * each child of six or more 1/rS, rounded up for the whole group:
 * ceil(underSix / rU + sixPlus / rS) = ceil((underSix·rS + sixPlus·rU) / (rU·rS)).
 */
export function animatorsNeeded(mix: AgeMix, ratio: Ratio): number {
  const numerator = mix.underSix * ratio.sixPlus + mix.sixPlus * ratio.underSix;
  const denominator = ratio.underSix * ratio.sixPlus;
  return Math.ceil(numerator / denominator);
}

/**
 * Which age the places of a group are counted at when nobody is booked yet: a group that takes
 * children under six is counted at the under-six ratio (the stricter one), so that the places
 * shown are never more than PlaceBook would let the youngest child of the group book.
 */
export function referenceUnderSix(group: { minAge: number } | null): boolean {
  return group === null ? false : group.minAge < 6;
}

/**
 * Children the animators may look after at the mix of children booked:
 * floor(animators · N · rU · rS / (underSix·rS + sixPlus·rU)), N = underSix + sixPlus.
 * For a group of one age band it is exactly animators × ratio (1 animator at 1/8: 8 places), the
 * figure PlaceBook.left checks a child against; for a mixed group it is the number of children at
 * the same proportions the animators are enough for. Nobody booked: the reference age decides.
 */
export function ratioCapacity(animators: number, ratio: Ratio, mix: AgeMix, underSixReference: boolean): number {
  if (animators <= 0) return 0;
  const n = mixTotal(mix);
  if (n === 0) return animators * (underSixReference ? ratio.underSix : ratio.sixPlus);
  const weight = mix.underSix * ratio.sixPlus + mix.sixPlus * ratio.underSix;
  return Math.floor((animators * n * ratio.underSix * ratio.sixPlus) / weight);
}

/** The places of one group on one day and unit; null where nothing limits them. */
export interface GroupPlacesInput {
  /** Animators counted in the ratio (the director included when counted); null = no plan that day. */
  animators: number | null;
  /** The ratio in force for the group and unit; null = the service has no ratio regime. */
  ratio: Ratio | null;
  /** Children holding a place (accepted, cancellation requested), by age. */
  held: AgeMix;
  /** Children waiting for staff (pending), by age: they count in the animators needed "if accepted". */
  pending: AgeMix;
  groupMaxPlaces: number | null;
  underSixReference: boolean;
}

export interface GroupPlaces {
  /** Children the staff and the group's maximum allow; null = no limit. */
  places: number | null;
  /** What the ratio alone allows; null without a plan or a ratio. */
  ratioPlaces: number | null;
  /** Animators the law requires for the children holding a place; null without a ratio. */
  needed: number | null;
  /** The same if every pending request were accepted. */
  neededWithPending: number | null;
  /** Animators planned minus animators needed: negative = missing, positive = spare; null without plan or ratio. */
  balance: number | null;
}

/**
 * The places of a group: the ratio's capacity at the booked mix, capped by the group's maximum.
 * Without a plan the ratio does not limit the group (as in PlaceBook): the places are the group's
 * maximum, and every animator needed is missing.
 */
export function groupPlaces(input: GroupPlacesInput): GroupPlaces {
  const ratioPlaces = input.ratio !== null && input.animators !== null ? ratioCapacity(input.animators, input.ratio, input.held, input.underSixReference) : null;
  const limits = [ratioPlaces, input.groupMaxPlaces].filter((n): n is number => n !== null);
  const needed = input.ratio === null ? null : animatorsNeeded(input.held, input.ratio);
  const neededWithPending = input.ratio === null ? null : animatorsNeeded(addMix(input.held, input.pending), input.ratio);
  return {
    places: limits.length > 0 ? Math.min(...limits) : null,
    ratioPlaces,
    needed,
    neededWithPending,
    balance: needed === null ? null : (input.animators ?? 0) - needed,
  };
}

/**
 * Places of a unit on a day, all groups together: the sum of the groups' places (null as soon as
 * one group is unlimited), capped by the service's maximum and the activity's places that day.
 */
export function unitPlaces(groupPlacesList: readonly (number | null)[], caps: { serviceMaxPlaces: number | null; activityPlaces: number | null }): number | null {
  const sum = groupPlacesList.length > 0 && groupPlacesList.every((p) => p !== null) ? groupPlacesList.reduce<number>((a, p) => a + (p ?? 0), 0) : null;
  const limits = [sum, caps.serviceMaxPlaces, caps.activityPlaces].filter((n): n is number => n !== null);
  return limits.length > 0 ? Math.min(...limits) : null;
}

/** Places left for one more child, never below zero; null = no limit. */
export function left(places: number | null, held: number): number | null {
  return places === null ? null : Math.max(0, places - held);
}

// ---- who counts in the ratio -------------------------------------------------------------------

/**
 * Animators counted in the ratio: the animators planned, plus the director when staff count them
 * (the director is one more person, never in the list of animators). This is what staff_plans.animators
 * stores, so that PlaceBook, which reads that column, counts the same people.
 */
export const countedInRatio = (animators: number, directorCounted: boolean): number => animators + (directorCounted ? 1 : 0);

// ---- qualifications ----------------------------------------------------------------------------

export type Qualification = 'bafa' | 'stagiaire' | 'non_qualifie';

export const QUALIFICATION_LABELS: Record<Qualification, string> = {
  bafa: 'BAFA (ou équivalent)',
  stagiaire: 'Stagiaire BAFA',
  non_qualifie: 'Non qualifié',
};

export interface QualificationCounts {
  animators: number;
  /** BAFA or an equivalent diploma. */
  qualified: number;
  /** BAFA in training. */
  trainees: number;
}

export const unqualifiedOf = (c: QualificationCounts): number => Math.max(0, c.animators - c.qualified - c.trainees);

/**
 * The qualification rule of the accueils de loisirs (article R227-12 CASF): at least half of the
 * animators qualified (BAFA or equivalent), at most 20 % without any qualification. Staff are
 * warned, never blocked: a day short of qualified staff still has to open. The director is not
 * an animator here.
 */
export function qualificationWarnings(c: QualificationCounts): string[] {
  if (c.animators <= 0) return [];
  const warnings: string[] = [];
  const unqualified = unqualifiedOf(c);
  if (c.qualified * 2 < c.animators) {
    warnings.push(`Moins de la moitié des animateurs sont diplômés (BAFA ou équivalent) : ${c.qualified} sur ${c.animators}, il en faut au moins ${Math.ceil(c.animators / 2)}.`);
  }
  if (unqualified * 5 > c.animators) {
    warnings.push(`Plus de 20 % des animateurs sont sans qualification : ${unqualified} sur ${c.animators}, ${Math.floor(c.animators / 5)} au plus.`);
  }
  return warnings;
}
