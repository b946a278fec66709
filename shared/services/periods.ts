/**
 * Periods of a service ("Année scolaire 2026-2027", "Vacances de la Toussaint 2026"): their dates,
 * pattern and the day bookings open. Creating a period generates its opening days; changing its
 * dates or pattern regenerates them (keeping staff's edits and booked days).
 */
import type { Kysely, Selectable } from 'kysely';
import { diff, writeAudit } from '../audit/audit';
import type { Database } from '../db/schema';
import type { PeriodsTable } from '../db/tables/services.table';
import { AppError } from '../errors';
import type { PeriodInput } from '../schemas/services';
import { requireService, type ConfigChange } from './catalog';
import { frenchDate, loadPeriodDto, regenerateInTransaction, regenerationChanges, requirePeriod, type RegenerationReport } from './openingDays';
import type { PeriodDto } from './presenters';
import { schoolYearOf } from './rules';

export interface PeriodChangeResult {
  period: PeriodDto;
  /** Null when the change left the opening days alone (name, bookings opening only). */
  regeneration: RegenerationReport | null;
}

function periodColumns(input: PeriodInput) {
  return {
    name: input.name,
    kind: input.kind,
    school_year: input.schoolYear ?? schoolYearOf(input.startDate),
    start_date: input.startDate,
    end_date: input.endDate,
    day_pattern: input.dayPattern,
    weekdays: input.dayPattern === 'wednesdays' || !input.weekdays || input.weekdays.length === 0 ? null : JSON.stringify(input.weekdays),
    bookings_open_at: input.bookingsOpenAt ?? null,
  };
}

function auditView(row: Pick<Selectable<PeriodsTable>, 'name' | 'kind' | 'school_year' | 'start_date' | 'end_date' | 'day_pattern' | 'weekdays' | 'bookings_open_at'>) {
  return {
    name: row.name,
    kind: row.kind,
    schoolYear: row.school_year,
    startDate: row.start_date,
    endDate: row.end_date,
    dayPattern: row.day_pattern,
    weekdays: row.weekdays,
    bookingsOpenAt: row.bookings_open_at,
  };
}

export async function createPeriod(
  db: Kysely<Database>,
  change: ConfigChange,
  serviceId: number,
  input: PeriodInput,
): Promise<PeriodChangeResult> {
  return db.transaction().execute(async (trx) => {
    await requireService(trx, serviceId);
    const columns = periodColumns(input);
    const row = await trx
      .insertInto('periods')
      .values({ service_id: serviceId, ...columns, created_at: change.now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const period = await requirePeriod(trx, serviceId, row.id);
    const regeneration = await regenerateInTransaction(trx, period);
    const created = auditView(period);
    await writeAudit(
      trx,
      change.actor,
      {
        action: 'period.created',
        entityType: 'period',
        entityId: row.id,
        changes: {
          serviceId: [null, serviceId],
          ...Object.fromEntries(Object.entries(created).map(([k, v]) => [k, [null, v]])),
          openingDays: [null, regeneration.days],
        },
        ip: change.ip,
      },
      change.now,
    );
    return { period: await loadPeriodDto(trx, period), regeneration };
  });
}

export async function updatePeriod(
  db: Kysely<Database>,
  change: ConfigChange,
  serviceId: number,
  periodId: number,
  input: PeriodInput,
): Promise<PeriodChangeResult> {
  return db.transaction().execute(async (trx) => {
    await requireService(trx, serviceId);
    const before = await requirePeriod(trx, serviceId, periodId);
    const columns = periodColumns(input);
    const changes = diff(auditView(before), auditView({ ...before, ...columns }));
    if (Object.keys(changes).length === 0) return { period: await loadPeriodDto(trx, before), regeneration: null };
    await trx.updateTable('periods').set(columns).where('id', '=', periodId).execute();
    const after = await requirePeriod(trx, serviceId, periodId);
    const calendarChanged = ['startDate', 'endDate', 'dayPattern', 'weekdays'].some((k) => k in changes);
    const regeneration = calendarChanged ? await regenerateInTransaction(trx, after) : null;
    await writeAudit(
      trx,
      change.actor,
      {
        action: 'period.updated',
        entityType: 'period',
        entityId: periodId,
        changes: { ...changes, ...(regeneration ? regenerationChanges(regeneration) : {}) },
        ip: change.ip,
      },
      change.now,
    );
    return { period: await loadPeriodDto(trx, after), regeneration };
  });
}

/** Deletes a period and its opening days; refused once families booked or enrolled in it. */
export async function deletePeriod(db: Kysely<Database>, change: ConfigChange, serviceId: number, periodId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await requireService(trx, serviceId);
    const period = await requirePeriod(trx, serviceId, periodId);
    const booked = await trx
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('period_id', '=', periodId)
      .executeTakeFirst();
    const enrolled = await trx
      .selectFrom('enrolments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('period_id', '=', periodId)
      .executeTakeFirst();
    if (Number(booked?.n ?? 0) > 0 || Number(enrolled?.n ?? 0) > 0) {
      throw new AppError(
        'conflict',
        `La période « ${period.name} » a déjà des réservations ou des inscriptions : elle ne peut pas être supprimée.`,
      );
    }
    await trx.deleteFrom('periods').where('id', '=', periodId).execute();
    await writeAudit(
      trx,
      change.actor,
      {
        action: 'period.deleted',
        entityType: 'period',
        entityId: periodId,
        changes: { name: [period.name, null], dates: [`${frenchDate(period.start_date)} – ${frenchDate(period.end_date)}`, null] },
        ip: change.ip,
      },
      change.now,
    );
  });
}
