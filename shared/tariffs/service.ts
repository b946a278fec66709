/**
 * Tariffs from the store, for the rules that price things (bookings, invoices): a service's grids
 * as the pure rule expects them, and the price of one unit for one family on one day.
 */
import type { IsoDate } from '../calendar/dates';
import type { Db } from '../db/types';
import { precompiled } from '../db/precompiled';
import { priceFor, type FamilyTariffProfile, type PriceQuote, type TariffBracket, type TariffGrid } from './rules';

/** Every grid of the service (past, current and upcoming), oldest first, brackets in their order. */
export async function loadTariffs(db: Db, serviceId: number): Promise<TariffGrid[]> {
  const grids = await db
    .selectFrom('tariff_grids')
    .select(['id', 'service_id', 'name', 'valid_from'])
    .where('service_id', '=', serviceId)
    .orderBy('valid_from')
    .execute();
  if (grids.length === 0) return [];
  const gridIds = grids.map((g) => g.id);
  const brackets = await db
    .selectFrom('tariff_brackets')
    .select(['id', 'grid_id', 'label', 'qf_min', 'qf_max', 'outside_commune', 'sort_order'])
    .where('grid_id', 'in', gridIds)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  const prices = await db
    .selectFrom('tariff_prices')
    .innerJoin('tariff_brackets', 'tariff_brackets.id', 'tariff_prices.bracket_id')
    .select(['tariff_prices.bracket_id', 'tariff_prices.unit_id', 'tariff_prices.price_cents'])
    .where('tariff_brackets.grid_id', 'in', gridIds)
    .execute();
  const pricesOf = new Map<number, Map<number, number>>();
  for (const p of prices) {
    let map = pricesOf.get(p.bracket_id);
    if (!map) pricesOf.set(p.bracket_id, (map = new Map()));
    map.set(p.unit_id, p.price_cents);
  }
  const bracketsOf = new Map<number, TariffBracket[]>();
  for (const b of brackets) {
    const list = bracketsOf.get(b.grid_id) ?? [];
    list.push({
      id: b.id,
      label: b.label,
      qfMin: b.qf_min,
      qfMax: b.qf_max,
      outsideCommune: b.outside_commune === 1,
      sortOrder: b.sort_order,
      prices: pricesOf.get(b.id) ?? new Map(),
    });
    bracketsOf.set(b.grid_id, list);
  }
  return grids.map((g) => ({ id: g.id, serviceId: g.service_id, name: g.name, validFrom: g.valid_from, brackets: bracketsOf.get(g.id) ?? [] }));
}

/** The tariff profile of a family as stored (null if there is no such family). */
// Read by every booking request: built once (precompiled.ts).
const tariffProfileQuery = precompiled<{ familyId: number }>()((db, slot) =>
  db.selectFrom('families').select(['qf', 'qf_valid_until', 'outside_commune']).where('id', '=', slot('familyId')),
);

export async function loadFamilyTariffProfile(db: Db, familyId: number): Promise<FamilyTariffProfile | null> {
  const row = await tariffProfileQuery.first(db, { familyId });
  return row ? { qf: row.qf, qfValidUntil: row.qf_valid_until, outsideCommune: row.outside_commune === 1 } : null;
}

/** The price of one unit of a service for a family on a day (a typed `no_price` when there is none). */
export async function quoteUnit(
  db: Db,
  query: { serviceId: number; unitId: number; date: IsoDate; family: FamilyTariffProfile },
): Promise<PriceQuote> {
  const grids = await loadTariffs(db, query.serviceId);
  return priceFor(grids, { unitId: query.unitId, date: query.date, family: query.family });
}
