/**
 * Tariff grids as staff configure them. A grid in force (its date of effect reached) may have priced
 * bookings already, so it is frozen: prices change through a new grid from a later date, which is
 * also how next year's grid is prepared without touching this year's prices.
 */
import type { Kysely } from 'kysely';
import { writeAudit, type Actor } from '../audit/audit';
import { addDays, compareDates, parseIsoDate, type IsoDate } from '../calendar/dates';
import type { Database } from '../db/schema';
import type { Db, Trx } from '../db/types';
import { AppError, notFound, type IssueDetail } from '../errors';
import type { TariffBracketInput, TariffGridCopyInput, TariffGridCreateInput, TariffGridInput } from '../schemas/tariffs';
import { bracketRange } from '../schemas/tariffs';
import { applicableGrid, defaultGridName } from './rules';
import { loadTariffs } from './service';

// ---- DTOs ---------------------------------------------------------------------------------------

export interface TariffUnitDto {
  id: number;
  code: string;
  name: string;
  kind: 'accueil' | 'activite';
  active: boolean;
}

export type TariffGridStatus = 'past' | 'current' | 'upcoming';

export interface TariffGridSummaryDto {
  id: number;
  serviceId: number;
  name: string;
  validFrom: IsoDate;
  /** The day before the next grid starts; null while no later grid exists. */
  validUntil: IsoDate | null;
  status: TariffGridStatus;
  /** Only a grid whose date of effect is still to come may be changed or deleted. */
  editable: boolean;
}

export interface TariffBracketDto {
  id: number;
  label: string;
  qfMin: number;
  qfMax: number | null;
  outsideCommune: boolean;
  /** unit id → price in cents (units without a price are absent). */
  prices: Record<string, number>;
}

export interface TariffGridDto extends TariffGridSummaryDto {
  service: { id: number; code: string; name: string };
  units: TariffUnitDto[];
  brackets: TariffBracketDto[];
}

export interface TariffServiceDto {
  id: number;
  code: string;
  name: string;
  active: boolean;
  units: TariffUnitDto[];
  grids: TariffGridSummaryDto[];
}

export interface TariffOverviewDto {
  today: IsoDate;
  services: TariffServiceDto[];
}

export interface GridChange {
  actor: Actor;
  now: Date;
  /** Europe/Paris day of `now`. */
  today: IsoDate;
  ip?: string | null;
}

// ---- reads --------------------------------------------------------------------------------------

async function unitsOf(db: Db, serviceIds: number[]): Promise<Map<number, TariffUnitDto[]>> {
  const byService = new Map<number, TariffUnitDto[]>();
  if (serviceIds.length === 0) return byService;
  const rows = await db
    .selectFrom('units')
    .select(['id', 'service_id', 'code', 'name', 'kind', 'active'])
    .where('service_id', 'in', serviceIds)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  for (const u of rows) {
    const list = byService.get(u.service_id) ?? [];
    list.push({ id: u.id, code: u.code, name: u.name, kind: u.kind, active: u.active === 1 });
    byService.set(u.service_id, list);
  }
  return byService;
}

/** Summaries of one service's grids (oldest first), with their state on `today`. */
function summaries(grids: { id: number; service_id: number; name: string; valid_from: IsoDate }[], today: IsoDate): TariffGridSummaryDto[] {
  const sorted = [...grids].sort((a, b) => compareDates(a.valid_from, b.valid_from));
  const current = applicableGrid(
    sorted.map((g) => ({ ...g, validFrom: g.valid_from })),
    today,
  );
  return sorted.map((g, index) => {
    const next = sorted[index + 1];
    const upcoming = compareDates(g.valid_from, today) > 0;
    return {
      id: g.id,
      serviceId: g.service_id,
      name: g.name,
      validFrom: g.valid_from,
      validUntil: next ? addDays(next.valid_from, -1) : null,
      status: upcoming ? 'upcoming' : current?.id === g.id ? 'current' : 'past',
      editable: upcoming,
    };
  });
}

/** Every service with its units and grids: the "Tarifs" home page. */
export async function tariffOverview(db: Db, today: IsoDate): Promise<TariffOverviewDto> {
  const services = await db.selectFrom('services').select(['id', 'code', 'name', 'active']).orderBy('sort_order').orderBy('id').execute();
  const ids = services.map((s) => s.id);
  const units = await unitsOf(db, ids);
  const grids =
    ids.length === 0
      ? []
      : await db.selectFrom('tariff_grids').select(['id', 'service_id', 'name', 'valid_from']).where('service_id', 'in', ids).execute();
  return {
    today,
    services: services.map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      active: s.active === 1,
      units: units.get(s.id) ?? [],
      grids: summaries(
        grids.filter((g) => g.service_id === s.id),
        today,
      ),
    })),
  };
}

/** One grid with its brackets, prices and the service's units (404 if unknown). */
export async function tariffGrid(db: Db, gridId: number, today: IsoDate): Promise<TariffGridDto> {
  const grid = await db.selectFrom('tariff_grids').select(['id', 'service_id']).where('id', '=', gridId).executeTakeFirst();
  if (!grid) throw notFound('Cette grille de tarifs est introuvable.');
  const service = await db.selectFrom('services').select(['id', 'code', 'name']).where('id', '=', grid.service_id).executeTakeFirstOrThrow();
  const siblings = await db.selectFrom('tariff_grids').select(['id', 'service_id', 'name', 'valid_from']).where('service_id', '=', service.id).execute();
  const summary = summaries(siblings, today).find((s) => s.id === gridId);
  const loaded = (await loadTariffs(db, service.id)).find((g) => g.id === gridId);
  if (!summary || !loaded) throw notFound('Cette grille de tarifs est introuvable.');
  const units = (await unitsOf(db, [service.id])).get(service.id) ?? [];
  return {
    ...summary,
    service,
    units,
    brackets: loaded.brackets.map((b) => ({
      id: b.id,
      label: b.label,
      qfMin: b.qfMin,
      qfMax: b.qfMax,
      outsideCommune: b.outsideCommune,
      prices: Object.fromEntries([...b.prices].map(([unitId, cents]) => [String(unitId), cents])),
    })),
  };
}

// ---- writes -------------------------------------------------------------------------------------

const frenchDate = (date: IsoDate): string => {
  const { year, month, day } = parseIsoDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
};

const invalid = (message: string, path: string): AppError => new AppError('validation', message, [{ path, message }]);

/** A new grid starts today at the earliest: days already past keep the prices they were given. */
function assertNotPast(validFrom: IsoDate, today: IsoDate): void {
  if (compareDates(validFrom, today) < 0) {
    throw invalid(
      `La date d'effet ne peut pas être passée (aujourd'hui : ${frenchDate(today)}) : les jours déjà passés gardent leurs tarifs. Choisissez aujourd'hui ou une date à venir.`,
      'validFrom',
    );
  }
}

async function assertDateFree(trx: Trx, serviceId: number, validFrom: IsoDate, exceptGridId: number | null): Promise<void> {
  let query = trx.selectFrom('tariff_grids').select(['id', 'name']).where('service_id', '=', serviceId).where('valid_from', '=', validFrom);
  if (exceptGridId !== null) query = query.where('id', '<>', exceptGridId);
  const clash = await query.executeTakeFirst();
  if (clash) {
    const message = `La grille « ${clash.name} » de ce service commence déjà le ${frenchDate(validFrom)} : modifiez-la ou choisissez une autre date.`;
    throw new AppError('conflict', message, [{ path: 'validFrom', message }]);
  }
}

/** The grid's row, once it is certain it may still change (its date of effect is to come). */
async function upcomingGrid(trx: Trx, gridId: number, today: IsoDate, verb: 'modifiée' | 'supprimée') {
  const grid = await trx.selectFrom('tariff_grids').selectAll().where('id', '=', gridId).executeTakeFirst();
  if (!grid) throw notFound('Cette grille de tarifs est introuvable.');
  if (compareDates(grid.valid_from, today) <= 0) {
    throw new AppError(
      'conflict',
      `La grille « ${grid.name} » s'applique depuis le ${frenchDate(grid.valid_from)} : des réservations ont pu être tarifées avec elle, elle ne peut plus être ${verb}. Pour changer les tarifs, créez une nouvelle grille à partir d'une date à venir (« Préparer la grille suivante »).`,
    );
  }
  return grid;
}

async function serviceRow(trx: Trx, serviceId: number) {
  const service = await trx.selectFrom('services').select(['id', 'name']).where('id', '=', serviceId).executeTakeFirst();
  if (!service) throw invalid('Ce service est introuvable.', 'serviceId');
  return service;
}

/** Every price refers to a unit of the grid's service. */
async function assertUnitsOfService(trx: Trx, service: { id: number; name: string }, brackets: readonly TariffBracketInput[]): Promise<Map<number, string>> {
  const units = await trx.selectFrom('units').select(['id', 'name']).where('service_id', '=', service.id).execute();
  const names = new Map(units.map((u) => [u.id, u.name]));
  const issues: IssueDetail[] = [];
  brackets.forEach((b, i) => {
    for (const unit of Object.keys(b.prices)) {
      if (!names.has(Number(unit))) {
        issues.push({ path: `brackets.${i}.prices.${unit}`, message: `Cette prestation n'appartient pas au service « ${service.name} ».` });
      }
    }
  });
  const first = issues[0];
  if (first) throw new AppError('validation', first.message, issues);
  return names;
}

/** Commune brackets by QF, then the Extérieur one; its QF bounds are not used and stored neutral. */
function normalised(brackets: readonly TariffBracketInput[]): TariffBracketInput[] {
  const commune = brackets.filter((b) => !b.outsideCommune).sort((a, b) => a.qfMin - b.qfMin);
  const outside = brackets.filter((b) => b.outsideCommune).map((b) => ({ ...b, qfMin: 0, qfMax: null }));
  return [...commune, ...outside].map((b) => ({ ...b, label: b.label.trim() }));
}

async function insertBrackets(trx: Trx, gridId: number, brackets: readonly TariffBracketInput[]): Promise<void> {
  let order = 0;
  for (const b of brackets) {
    order += 1;
    const row = await trx
      .insertInto('tariff_brackets')
      .values({ grid_id: gridId, label: b.label, qf_min: b.qfMin, qf_max: b.qfMax, outside_commune: b.outsideCommune ? 1 : 0, sort_order: order })
      .returning('id')
      .executeTakeFirstOrThrow();
    const prices = Object.entries(b.prices).map(([unit, cents]) => ({ bracket_id: row.id, unit_id: Number(unit), price_cents: cents }));
    if (prices.length > 0) await trx.insertInto('tariff_prices').values(prices).execute();
  }
}

interface GridSnapshot {
  name: string;
  validFrom: IsoDate;
  brackets: readonly { label: string; qfMin: number; qfMax: number | null; outsideCommune: boolean; prices: Readonly<Record<string, number>> }[];
}

/** A grid as flat audit fields: "tranche 2" → "QF de 601 à 1000 (601–1000)", "tarif QF de 0 à 600 / Repas" → 120. */
function flatten(grid: GridSnapshot, unitNames: ReadonlyMap<number, string>): Record<string, unknown> {
  const flat: Record<string, unknown> = { name: grid.name, validFrom: grid.validFrom };
  grid.brackets.forEach((b, i) => {
    flat[`tranche ${i + 1}`] = `${b.label} (${b.outsideCommune ? 'extérieur' : bracketRange(b)})`;
    for (const [unit, cents] of Object.entries(b.prices)) {
      flat[`tarif ${b.label} / ${unitNames.get(Number(unit)) ?? `unité ${unit}`}`] = cents;
    }
  });
  return flat;
}

function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (a !== b) changes[key] = [a, b];
  }
  return changes;
}

async function storedSnapshot(trx: Trx, grid: { id: number; service_id: number; name: string; valid_from: IsoDate }): Promise<GridSnapshot> {
  const loaded = (await loadTariffs(trx, grid.service_id)).find((g) => g.id === grid.id);
  return {
    name: grid.name,
    validFrom: grid.valid_from,
    brackets: (loaded?.brackets ?? []).map((b) => ({
      label: b.label,
      qfMin: b.qfMin,
      qfMax: b.qfMax,
      outsideCommune: b.outsideCommune,
      prices: Object.fromEntries([...b.prices].map(([u, c]) => [String(u), c])),
    })),
  };
}

/** A new grid for a service, from today at the earliest. Returns its id. */
export async function createGrid(db: Kysely<Database>, input: TariffGridCreateInput, change: GridChange): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const service = await serviceRow(trx, input.serviceId);
    assertNotPast(input.validFrom, change.today);
    await assertDateFree(trx, service.id, input.validFrom, null);
    const unitNames = await assertUnitsOfService(trx, service, input.brackets);
    const brackets = normalised(input.brackets);
    const grid = await trx
      .insertInto('tariff_grids')
      .values({ service_id: service.id, name: input.name, valid_from: input.validFrom, created_at: change.now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertBrackets(trx, grid.id, brackets);
    await writeAudit(
      trx,
      change.actor,
      {
        action: 'tariff_grid.created',
        entityType: 'tariff_grid',
        entityId: grid.id,
        changes: changesBetween({}, flatten({ name: input.name, validFrom: input.validFrom, brackets }, unitNames)),
        ip: change.ip ?? null,
      },
      change.now,
    );
    return grid.id;
  });
}

/** Replaces an upcoming grid's name, date and brackets; a grid already in force answers 409. */
export async function updateGrid(db: Kysely<Database>, gridId: number, input: TariffGridInput, change: GridChange): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const grid = await upcomingGrid(trx, gridId, change.today, 'modifiée');
    const service = await serviceRow(trx, grid.service_id);
    assertNotPast(input.validFrom, change.today);
    await assertDateFree(trx, service.id, input.validFrom, grid.id);
    const unitNames = await assertUnitsOfService(trx, service, input.brackets);
    const before = flatten(await storedSnapshot(trx, grid), unitNames);
    const brackets = normalised(input.brackets);
    const after = flatten({ name: input.name, validFrom: input.validFrom, brackets }, unitNames);
    const changes = changesBetween(before, after);
    if (Object.keys(changes).length === 0) return;
    await trx.updateTable('tariff_grids').set({ name: input.name, valid_from: input.validFrom }).where('id', '=', grid.id).execute();
    // Nothing refers to a bracket of a grid not yet in force: replacing them is the simplest exact edit.
    await trx.deleteFrom('tariff_brackets').where('grid_id', '=', grid.id).execute();
    await insertBrackets(trx, grid.id, brackets);
    await writeAudit(
      trx,
      change.actor,
      { action: 'tariff_grid.updated', entityType: 'tariff_grid', entityId: grid.id, changes, ip: change.ip ?? null },
      change.now,
    );
  });
}

/** Deletes an upcoming grid (prepared by mistake); a grid already in force answers 409. */
export async function deleteGrid(db: Kysely<Database>, gridId: number, change: GridChange): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const grid = await upcomingGrid(trx, gridId, change.today, 'supprimée');
    const units = await trx.selectFrom('units').select(['id', 'name']).where('service_id', '=', grid.service_id).execute();
    const before = flatten(await storedSnapshot(trx, grid), new Map(units.map((u) => [u.id, u.name])));
    await trx.deleteFrom('tariff_grids').where('id', '=', grid.id).execute();
    await writeAudit(
      trx,
      change.actor,
      { action: 'tariff_grid.deleted', entityType: 'tariff_grid', entityId: grid.id, changes: changesBetween(before, {}), ip: change.ip ?? null },
      change.now,
    );
  });
}

/** A new grid with the brackets and prices of `gridId`, from a date to come (next year's grid). */
export async function copyGrid(db: Kysely<Database>, gridId: number, input: TariffGridCopyInput, change: GridChange): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const source = await trx.selectFrom('tariff_grids').selectAll().where('id', '=', gridId).executeTakeFirst();
    if (!source) throw notFound('Cette grille de tarifs est introuvable.');
    assertNotPast(input.validFrom, change.today);
    await assertDateFree(trx, source.service_id, input.validFrom, null);
    const snapshot = await storedSnapshot(trx, source);
    const name = input.name ?? defaultGridName(input.validFrom);
    const grid = await trx
      .insertInto('tariff_grids')
      .values({ service_id: source.service_id, name, valid_from: input.validFrom, created_at: change.now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertBrackets(trx, grid.id, snapshot.brackets);
    await writeAudit(
      trx,
      change.actor,
      {
        action: 'tariff_grid.copied',
        entityType: 'tariff_grid',
        entityId: grid.id,
        changes: { name: [null, name], validFrom: [null, input.validFrom], copiedFrom: [null, `${source.name} (${frenchDate(source.valid_from)})`] },
        ip: change.ip ?? null,
      },
      change.now,
    );
    return grid.id;
  });
}
