/**
 * "Dupliquer vers l'année suivante": a service's configuration of one school year copied to the
 * next in one transaction — its periods moved to next year's dates (school holidays of the zone),
 * their opening days generated, and a new tariff grid valid from the next rentrée with the same
 * brackets and prices (the current grid is left as it is, so this year's prices do not change).
 *
 * Units, their incompatibilities, age groups and staffing rules belong to the service, not to a
 * school year: next year's periods use them as they are, and the summary says so.
 */
import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit';
import type { IsoDate } from '../calendar/dates';
import { getSchoolZone, schoolHolidaysFor } from '../calendar/store';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import type { DuplicationInput } from '../schemas/services';
import { requireService, type ConfigChange } from './catalog';
import { planNextYearPeriods, type PeriodPlan, type SourcePeriod } from './duplication';
import { plannedDates, regenerateInTransaction } from './openingDays';
import { parseWeekdays } from './presenters';
import { nextSchoolYear, schoolYearOf, shiftYearsInName } from './rules';

export interface DuplicationPeriodDto {
  /** Set once created. */
  id: number | null;
  sourceId: number;
  sourceName: string;
  name: string;
  kind: SourcePeriod['kind'];
  startDate: IsoDate;
  endDate: IsoDate;
  dayPattern: SourcePeriod['dayPattern'];
  bookingsOpenAt: string | null;
  holidayName: string | null;
  openDays: number;
}

export type TariffCopyDto =
  | {
      action: 'create';
      /** Set once created. */
      gridId: number | null;
      sourceName: string;
      sourceValidFrom: IsoDate;
      name: string;
      validFrom: IsoDate;
      brackets: number;
      prices: number;
    }
  | { action: 'exists'; name: string; validFrom: IsoDate }
  | { action: 'none' };

export interface DuplicationDto {
  serviceId: number;
  fromSchoolYear: string;
  toSchoolYear: string;
  rentree: IsoDate;
  yearEnd: IsoDate;
  periods: DuplicationPeriodDto[];
  /** What next year uses as it is. */
  kept: { units: number; incompatibilities: number; groups: number; staffingRules: number };
  tariff: TariffCopyDto;
  warnings: string[];
}

async function countOf(db: Db, table: 'units' | 'groups' | 'staffing_rules', serviceId: number): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('service_id', '=', serviceId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The year copied: the one asked for, else the current school year, else the service's latest. */
async function sourceYear(db: Db, serviceId: number, today: IsoDate, input: DuplicationInput): Promise<string> {
  const years = (await db.selectFrom('periods').select('school_year').distinct().where('service_id', '=', serviceId).execute()).map(
    (r) => r.school_year,
  );
  if (years.length === 0) throw new AppError('conflict', "Ce service n'a encore aucune période : il n'y a rien à dupliquer.");
  if (input.fromSchoolYear !== undefined) {
    if (!years.includes(input.fromSchoolYear)) {
      throw new AppError('conflict', `Ce service n'a aucune période pour l'année scolaire ${input.fromSchoolYear} : il n'y a rien à dupliquer.`);
    }
    return input.fromSchoolYear;
  }
  const current = schoolYearOf(today);
  return years.includes(current) ? current : [...years].sort().at(-1) ?? current;
}

async function plan(db: Db, serviceId: number, today: IsoDate, input: DuplicationInput): Promise<DuplicationDto & { plan: PeriodPlan }> {
  const service = await requireService(db, serviceId);
  const fromSchoolYear = await sourceYear(db, serviceId, today, input);
  const toSchoolYear = nextSchoolYear(fromSchoolYear);

  const taken = await db
    .selectFrom('periods')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('service_id', '=', serviceId)
    .where('school_year', '=', toSchoolYear)
    .executeTakeFirst();
  if (Number(taken?.n ?? 0) > 0) {
    throw new AppError(
      'conflict',
      `« ${service.name} » a déjà des périodes pour l'année scolaire ${toSchoolYear} : la duplication n'est pas possible. ` +
        "Complétez-les dans l'onglet « Périodes ».",
    );
  }

  const rows = await db
    .selectFrom('periods')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('school_year', '=', fromSchoolYear)
    .orderBy('start_date')
    .orderBy('id')
    .execute();
  const sources: SourcePeriod[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    schoolYear: r.school_year,
    startDate: r.start_date,
    endDate: r.end_date,
    dayPattern: r.day_pattern,
    weekdays: parseWeekdays(r.weekdays),
    bookingsOpenAt: r.bookings_open_at,
  }));

  const zone = await getSchoolZone(db);
  const holidays = await schoolHolidaysFor(db, zone);
  const periodPlan = planNextYearPeriods(sources, { fromSchoolYear, zone, holidays });

  const warnings: string[] = [];
  const periods = periodPlan.periods.map((p): DuplicationPeriodDto => {
    const planned = plannedDates(
      {
        start_date: p.startDate,
        end_date: p.endDate,
        day_pattern: p.dayPattern,
        weekdays: p.weekdays && p.weekdays.length > 0 ? JSON.stringify(p.weekdays) : null,
      },
      zone,
      holidays,
    );
    for (const w of planned.warnings) if (!warnings.includes(w)) warnings.push(w);
    return {
      id: null,
      sourceId: p.sourceId,
      sourceName: sources.find((s) => s.id === p.sourceId)?.name ?? '',
      name: p.name,
      kind: p.kind,
      startDate: p.startDate,
      endDate: p.endDate,
      dayPattern: p.dayPattern,
      bookingsOpenAt: p.bookingsOpenAt,
      holidayName: p.holidayName,
      openDays: planned.dates.length,
    };
  });

  const pairs = await db
    .selectFrom('unit_incompatibilities as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('u.service_id', '=', serviceId)
    .executeTakeFirst();

  return {
    serviceId,
    fromSchoolYear,
    toSchoolYear,
    rentree: periodPlan.rentree,
    yearEnd: periodPlan.yearEnd,
    periods,
    kept: {
      units: await countOf(db, 'units', serviceId),
      // Stored both ways: "journée / matin" is one incompatibility.
      incompatibilities: Math.floor(Number(pairs?.n ?? 0) / 2),
      groups: await countOf(db, 'groups', serviceId),
      staffingRules: await countOf(db, 'staffing_rules', serviceId),
    },
    tariff: await tariffPlan(db, serviceId, periodPlan.rentree, toSchoolYear),
    warnings,
    plan: periodPlan,
  };
}

async function tariffPlan(db: Db, serviceId: number, rentree: IsoDate, toSchoolYear: string): Promise<TariffCopyDto> {
  const grids = await db.selectFrom('tariff_grids').select(['id', 'name', 'valid_from']).where('service_id', '=', serviceId).orderBy('valid_from').execute();
  const prepared = grids.find((g) => g.valid_from >= rentree);
  if (prepared) return { action: 'exists', name: prepared.name, validFrom: prepared.valid_from };
  const current = grids.filter((g) => g.valid_from < rentree).at(-1);
  if (!current) return { action: 'none' };
  const brackets = await db.selectFrom('tariff_brackets').select('id').where('grid_id', '=', current.id).execute();
  const prices =
    brackets.length === 0
      ? 0
      : Number(
          (
            await db
              .selectFrom('tariff_prices')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where(
                'bracket_id',
                'in',
                brackets.map((b) => b.id),
              )
              .executeTakeFirst()
          )?.n ?? 0,
        );
  const renamed = shiftYearsInName(current.name);
  return {
    action: 'create',
    gridId: null,
    sourceName: current.name,
    sourceValidFrom: current.valid_from,
    name: renamed !== current.name ? renamed : `Tarifs ${toSchoolYear}`,
    validFrom: rentree,
    brackets: brackets.length,
    prices,
  };
}

/** What the duplication would create, for the confirmation dialog; refuses as the duplication would. */
export async function previewDuplication(db: Db, serviceId: number, today: IsoDate, input: DuplicationInput): Promise<DuplicationDto> {
  const { plan: _plan, ...preview } = await plan(db, serviceId, today, input);
  return preview;
}

export async function duplicateToNextYear(
  db: Kysely<Database>,
  change: ConfigChange,
  serviceId: number,
  today: IsoDate,
  input: DuplicationInput,
): Promise<DuplicationDto> {
  return db.transaction().execute(async (trx) => {
    const { plan: periodPlan, ...result } = await plan(trx, serviceId, today, input);
    const createdAt = change.now.toISOString();

    for (const [index, p] of periodPlan.periods.entries()) {
      const row = await trx
        .insertInto('periods')
        .values({
          service_id: serviceId,
          name: p.name,
          kind: p.kind,
          school_year: p.schoolYear,
          start_date: p.startDate,
          end_date: p.endDate,
          day_pattern: p.dayPattern,
          weekdays: p.weekdays && p.weekdays.length > 0 ? JSON.stringify(p.weekdays) : null,
          bookings_open_at: p.bookingsOpenAt,
          created_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const period = await trx.selectFrom('periods').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      const report = await regenerateInTransaction(trx, period);
      const dto = result.periods[index];
      if (dto) {
        dto.id = row.id;
        dto.openDays = report.days;
      }
    }

    if (result.tariff.action === 'create') {
      result.tariff.gridId = await copyTariffGrid(trx, serviceId, result.tariff, createdAt);
    }

    await writeAudit(
      trx,
      change.actor,
      {
        action: 'service.duplicated',
        entityType: 'service',
        entityId: serviceId,
        changes: {
          schoolYear: [result.fromSchoolYear, result.toSchoolYear],
          periods: [null, result.periods.map((p) => `${p.name} (${p.startDate} – ${p.endDate})`)],
          tariffGrid: [
            result.tariff.action === 'create' ? result.tariff.sourceName : null,
            result.tariff.action === 'create' ? `${result.tariff.name} (${result.tariff.validFrom})` : null,
          ],
        },
        ip: change.ip,
      },
      change.now,
    );
    return result;
  });
}

/** A new grid valid from the rentrée with the current grid's brackets and prices; the current grid is not touched. */
async function copyTariffGrid(
  trx: Db,
  serviceId: number,
  tariff: Extract<TariffCopyDto, { action: 'create' }>,
  createdAt: string,
): Promise<number> {
  const source = await trx
    .selectFrom('tariff_grids')
    .select('id')
    .where('service_id', '=', serviceId)
    .where('valid_from', '=', tariff.sourceValidFrom)
    .executeTakeFirstOrThrow();
  const grid = await trx
    .insertInto('tariff_grids')
    .values({ service_id: serviceId, name: tariff.name, valid_from: tariff.validFrom, created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  const brackets = await trx.selectFrom('tariff_brackets').selectAll().where('grid_id', '=', source.id).orderBy('sort_order').orderBy('id').execute();
  for (const b of brackets) {
    const copy = await trx
      .insertInto('tariff_brackets')
      .values({
        grid_id: grid.id,
        label: b.label,
        qf_min: b.qf_min,
        qf_max: b.qf_max,
        outside_commune: b.outside_commune,
        sort_order: b.sort_order,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const prices = await trx.selectFrom('tariff_prices').select(['unit_id', 'price_cents']).where('bracket_id', '=', b.id).execute();
    if (prices.length > 0) {
      await trx
        .insertInto('tariff_prices')
        .values(prices.map((p) => ({ bracket_id: copy.id, unit_id: p.unit_id, price_cents: p.price_cents })))
        .execute();
    }
  }
  return grid.id;
}
