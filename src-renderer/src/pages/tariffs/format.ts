/** Display helpers of the "Tarifs" area. */
import { formatEuros } from '../../../../shared/tariffs/money';
import { formatDate } from '../../format';
import type { TariffGridStatus, TariffGridSummaryDto, TariffUnitDto } from '../../tariffsApi';

export { formatEuros };

export const GRID_STATUS_LABELS: Record<TariffGridStatus, string> = {
  current: 'En vigueur',
  upcoming: 'À venir',
  past: 'Remplacée',
};

export const GRID_STATUS_COLORS: Record<TariffGridStatus, string> = {
  current: 'green',
  upcoming: 'blue',
  past: 'gray',
};

/** "En vigueur depuis le 01/09/2026", "S'appliquera à partir du 01/09/2027", "Appliquée du … au …". */
export function gridPeriod(grid: Pick<TariffGridSummaryDto, 'status' | 'validFrom' | 'validUntil'>): string {
  const from = formatDate(grid.validFrom);
  if (grid.status === 'upcoming') return `S’appliquera à partir du ${from}${grid.validUntil ? ` jusqu’au ${formatDate(grid.validUntil)}` : ''}`;
  if (grid.status === 'current') return `En vigueur depuis le ${from}${grid.validUntil ? `, jusqu’au ${formatDate(grid.validUntil)}` : ''}`;
  return `Appliquée du ${from} au ${grid.validUntil ? formatDate(grid.validUntil) : '—'}`;
}

/** "601 à 1000", "1501 et plus". */
export function qfRange(b: { qfMin: number; qfMax: number | null; outsideCommune: boolean }): string {
  if (b.outsideCommune) return 'Hors commune';
  return b.qfMax === null ? `${b.qfMin} et plus` : `${b.qfMin} à ${b.qfMax}`;
}

/** The units shown as columns: active ones, and inactive ones that still have a price in the grid. */
export function unitColumns(units: readonly TariffUnitDto[], pricedUnitIds: ReadonlySet<string>): TariffUnitDto[] {
  return units.filter((u) => u.active || pricedUnitIds.has(String(u.id)));
}

export const unitLabel = (unit: TariffUnitDto): string => (unit.active ? unit.name : `${unit.name} (désactivée)`);
