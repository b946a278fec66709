import type { Id } from '../types';
import type { Catalog, CatalogPeriod, CatalogService } from './types';

export interface PeriodRef {
  service: CatalogService;
  period: CatalogPeriod;
}

export function findPeriod(catalog: Catalog, periodId: Id): PeriodRef | null {
  for (const service of catalog.services) {
    const period = service.periods.find((p) => p.id === periodId);
    if (period) return { service, period };
  }
  return null;
}

/** The period of a service (by id, else by name) that contains a date: the family planning names services, not periods. */
export function findPeriodFor(catalog: Catalog, service: { id?: Id; name: string }, date: string): PeriodRef | null {
  for (const s of catalog.services) {
    if (service.id !== undefined ? s.id !== service.id : s.name !== service.name) continue;
    const period = s.periods.find((p) => p.startDate <= date && date <= p.endDate);
    if (period) return { service: s, period };
  }
  return null;
}

export const fullName = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`;
