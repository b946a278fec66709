/**
 * The tariff rule every consumer shares (bookings, invoices, the portal notice): which grid applies
 * on a day, which QF bracket a family falls in, and the unit's price there. Pure: the day is always
 * a parameter, prices are integer cents and nothing here rounds.
 */
import { compareDates, parseIsoDate, type IsoDate } from '../calendar/dates';

export interface TariffBracket {
  id: number;
  label: string;
  qfMin: number;
  /** null = no upper bound (the top commune bracket, and the Extérieur one). */
  qfMax: number | null;
  /** The "Extérieur" tariff, for families living outside the commune (its QF bounds do not matter). */
  outsideCommune: boolean;
  sortOrder: number;
  /** unit id → price in cents; a unit missing here has no price in this grid. */
  prices: ReadonlyMap<number, number>;
}

export interface TariffGrid {
  id: number;
  serviceId: number;
  name: string;
  validFrom: IsoDate;
  brackets: readonly TariffBracket[];
}

/** What the tariff depends on, as the family file holds it. */
export interface FamilyTariffProfile {
  qf: number | null;
  /** Last day the QF is valid (set by staff once they checked the justificatif); null = not checked. */
  qfValidUntil: IsoDate | null;
  outsideCommune: boolean;
}

/**
 * Why a bracket was chosen:
 * - `qf`: the family's valid QF falls in it;
 * - `no_qf`: no QF on record, or a QF without a validity date (declared by the parents, not
 *   checked yet) → the highest commune bracket;
 * - `qf_expired`: the QF's validity date is before the day → the highest commune bracket;
 * - `outside`: the family lives outside the commune → the Extérieur bracket (or, if the grid has
 *   none, the highest commune bracket).
 */
export type BracketReason = 'no_qf' | 'qf_expired' | 'qf' | 'outside';

export interface BracketChoice {
  bracket: TariffBracket;
  reason: BracketReason;
}

export type PriceQuote =
  | {
      kind: 'price';
      priceCents: number;
      bracketId: number;
      bracketLabel: string;
      reason: BracketReason;
      gridId: number;
      gridValidFrom: IsoDate;
    }
  | {
      kind: 'no_price';
      /** `no_grid`: no grid in force that day; `no_bracket`: the grid has no bracket for the family; `unit_not_priced`. */
      cause: 'no_grid' | 'no_bracket' | 'unit_not_priced';
      bracketLabel: string | null;
      reason: BracketReason | null;
      gridId: number | null;
      message: string;
    };

/** The grid in force on `date`: the one with the latest `validFrom` on or before it (null if none yet). */
export function applicableGrid<G extends { validFrom: IsoDate }>(grids: readonly G[], date: IsoDate): G | null {
  let best: G | null = null;
  for (const grid of grids) {
    if (compareDates(grid.validFrom, date) > 0) continue;
    if (best === null || compareDates(grid.validFrom, best.validFrom) > 0) best = grid;
  }
  return best;
}

/** The QF to use on `date`, or why there is none. */
export function qfStatus(
  family: Pick<FamilyTariffProfile, 'qf' | 'qfValidUntil'>,
  date: IsoDate,
): { valid: true; qf: number } | { valid: false; reason: 'no_qf' | 'qf_expired' } {
  if (family.qf === null || family.qfValidUntil === null) return { valid: false, reason: 'no_qf' };
  if (compareDates(family.qfValidUntil, date) < 0) return { valid: false, reason: 'qf_expired' };
  return { valid: true, qf: family.qf };
}

/** True when the family's tariff follows its QF on `date` (what the portal's notice checks). */
export function hasValidQf(family: Pick<FamilyTariffProfile, 'qf' | 'qfValidUntil'>, date: IsoDate): boolean {
  return qfStatus(family, date).valid;
}

const communeBrackets = (grid: Pick<TariffGrid, 'brackets'>): TariffBracket[] => grid.brackets.filter((b) => !b.outsideCommune);

/** The commune bracket with the highest QF floor (the open-ended one in a valid grid). */
export function highestBracket(grid: Pick<TariffGrid, 'brackets'>): TariffBracket | null {
  let top: TariffBracket | null = null;
  for (const b of communeBrackets(grid)) if (top === null || b.qfMin > top.qfMin) top = b;
  return top;
}

const contains = (b: TariffBracket, qf: number): boolean => qf >= b.qfMin && (b.qfMax === null || qf <= b.qfMax);

/** The family's bracket in `grid` on `date` (null only for a grid without a suitable bracket). */
export function bracketFor(grid: Pick<TariffGrid, 'brackets'>, family: FamilyTariffProfile, date: IsoDate): BracketChoice | null {
  if (family.outsideCommune) {
    const outside = grid.brackets.find((b) => b.outsideCommune) ?? highestBracket(grid);
    return outside ? { bracket: outside, reason: 'outside' } : null;
  }
  const status = qfStatus(family, date);
  if (!status.valid) {
    const top = highestBracket(grid);
    return top ? { bracket: top, reason: status.reason } : null;
  }
  const found = communeBrackets(grid).find((b) => contains(b, status.qf));
  return found ? { bracket: found, reason: 'qf' } : null;
}

/** The price of `unitId` for the family on `date`, through the grid in force that day. */
export function priceFor(
  grids: readonly TariffGrid[],
  query: { unitId: number; date: IsoDate; family: FamilyTariffProfile },
): PriceQuote {
  const grid = applicableGrid(grids, query.date);
  if (!grid) {
    return {
      kind: 'no_price',
      cause: 'no_grid',
      bracketLabel: null,
      reason: null,
      gridId: null,
      message: "Aucune grille de tarifs ne s'applique à cette date.",
    };
  }
  const choice = bracketFor(grid, query.family, query.date);
  if (!choice) {
    return {
      kind: 'no_price',
      cause: 'no_bracket',
      bracketLabel: null,
      reason: null,
      gridId: grid.id,
      message: `La grille « ${grid.name} » n'a pas de tranche pour ce quotient familial.`,
    };
  }
  const price = choice.bracket.prices.get(query.unitId);
  if (price === undefined) {
    return {
      kind: 'no_price',
      cause: 'unit_not_priced',
      bracketLabel: choice.bracket.label,
      reason: choice.reason,
      gridId: grid.id,
      message: `Cette prestation n'a pas de tarif dans la grille « ${grid.name} ».`,
    };
  }
  return {
    kind: 'price',
    priceCents: price,
    bracketId: choice.bracket.id,
    bracketLabel: choice.bracket.label,
    reason: choice.reason,
    gridId: grid.id,
    gridValidFrom: grid.validFrom,
  };
}

/** Why a bracket applies, in French (invoices, the staff quote). */
export function bracketReasonLabel(reason: BracketReason): string {
  switch (reason) {
    case 'qf':
      return 'Tranche du quotient familial';
    case 'no_qf':
      return 'Sans quotient familial valide : tranche la plus haute';
    case 'qf_expired':
      return 'Quotient familial expiré : tranche la plus haute';
    case 'outside':
      return 'Famille hors commune : tarif extérieur';
  }
}

/** "Tarifs 2027-2028" for a grid starting from August on (a school year), "Tarifs au 01/01/2027" otherwise. */
export function defaultGridName(validFrom: IsoDate): string {
  const { year, month, day } = parseIsoDate(validFrom);
  if (month >= 8) return `Tarifs ${year}-${year + 1}`;
  return `Tarifs au ${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}
