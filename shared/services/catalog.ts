/**
 * Services and what they offer — the rules, units (accueils, activités) and their
 * incompatibilities, age groups and staffing ratios. Each change runs in its own transaction and
 * writes one audit entry with the changed fields only.
 */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { diff, writeAudit, type Actor } from '../audit/audit';
import type { Database } from '../db/schema';
import type { ServicesTable } from '../db/tables/services.table';
import type { Db, Trx } from '../db/types';
import { AppError, notFound } from '../errors';
import type { GroupInput, ServiceCreateInput, ServiceUpdateInput, StaffingInput, UnitInput } from '../schemas/services';
import {
  groupDto,
  periodDto,
  serviceDto,
  unitDto,
  type GroupDto,
  type PeriodDto,
  type ServiceDetailDto,
  type ServiceDto,
  type ServiceSummaryDto,
  type StaffingDto,
  type StaffingRowDto,
  type UnitDto,
} from './presenters';
import {
  defaultRules,
  effectiveRatio,
  exceedsLegal,
  IncompatibilityError,
  incompatibleWith,
  legalRatios,
  replaceIncompatibilities,
  sessionLengths,
  symmetricPairs,
  type StaffingRuleLike,
  type UnitPair,
} from './rules';

/** Who changes the configuration, and when. */
export interface ConfigChange {
  actor: Actor;
  now: Date;
  ip: string | null;
}

const bool = (value: boolean): 0 | 1 => (value ? 1 : 0);

// ---- reading ----------------------------------------------------------------------------------

export async function requireService(db: Db, serviceId: number): Promise<Selectable<ServicesTable>> {
  const row = await db.selectFrom('services').selectAll().where('id', '=', serviceId).executeTakeFirst();
  if (!row) throw notFound('Service introuvable.');
  return row;
}

export async function listServices(db: Db): Promise<ServiceSummaryDto[]> {
  const services = await db.selectFrom('services').selectAll().orderBy('sort_order').orderBy('name').execute();
  const years = await db.selectFrom('periods').select(['service_id', 'school_year']).distinct().orderBy('school_year').execute();
  const count = async (table: 'periods' | 'units' | 'groups') =>
    new Map(
      (
        await db
          .selectFrom(table)
          .select(['service_id', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('service_id')
          .execute()
      ).map((r) => [r.service_id, Number(r.n)]),
    );
  const [periods, units, groups] = [await count('periods'), await count('units'), await count('groups')];
  return services.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    kind: s.kind,
    active: s.active === 1,
    approvalMode: s.approval_mode,
    schoolYears: years.filter((y) => y.service_id === s.id).map((y) => y.school_year),
    periods: periods.get(s.id) ?? 0,
    units: units.get(s.id) ?? 0,
    groups: groups.get(s.id) ?? 0,
  }));
}

export async function incompatibilityPairs(db: Db, serviceId: number): Promise<UnitPair[]> {
  const rows = await db
    .selectFrom('unit_incompatibilities as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.unit_id', 'i.other_unit_id'])
    .where('u.service_id', '=', serviceId)
    .execute();
  return rows.map((r) => [r.unit_id, r.other_unit_id] as const);
}

export async function loadUnits(db: Db, serviceId: number): Promise<UnitDto[]> {
  const rows = await db.selectFrom('units').selectAll().where('service_id', '=', serviceId).orderBy('sort_order').orderBy('id').execute();
  const pairs = await incompatibilityPairs(db, serviceId);
  return rows.map((r) => unitDto(r, incompatibleWith(pairs, r.id)));
}

export async function loadGroups(db: Db, serviceId: number): Promise<GroupDto[]> {
  const rows = await db.selectFrom('groups').selectAll().where('service_id', '=', serviceId).orderBy('sort_order').orderBy('id').execute();
  return rows.map(groupDto);
}

export async function loadPeriods(db: Db, serviceId: number): Promise<PeriodDto[]> {
  const rows = await db
    .selectFrom('periods')
    .selectAll()
    .where('service_id', '=', serviceId)
    .orderBy('start_date')
    .orderBy('id')
    .execute();
  const counts = await db
    .selectFrom('opening_days as d')
    .innerJoin('periods as p', 'p.id', 'd.period_id')
    .select(['d.period_id', 'd.closed', (eb) => eb.fn.countAll<number>().as('n')])
    .where('p.service_id', '=', serviceId)
    .groupBy(['d.period_id', 'd.closed'])
    .execute();
  return rows.map((r) => {
    const of = (closed: 0 | 1) => Number(counts.find((c) => c.period_id === r.id && c.closed === closed)?.n ?? 0);
    return periodDto(r, { open: of(0), closed: of(1) });
  });
}

function staffingDto(service: ServiceDto, groups: GroupDto[], rules: StaffingRuleLike[]): StaffingDto {
  const regime = service.ratioRegime;
  const lengths = sessionLengths(regime);
  const rowFor = (groupId: number | null, name: string): StaffingRowDto => ({
    groupId,
    name,
    sessions: lengths.map((longSession) => {
      const own = rules.find((r) => r.groupId === groupId && r.longSession === longSession);
      const legal = legalRatios(regime, { pedt: service.pedt, longSession });
      const effective = effectiveRatio(rules, service, { groupId, longSession });
      if (!legal || !effective) throw new Error('Régime sans taux légal : aucune ligne attendue.');
      return {
        longSession,
        rule: own ? { underSix: own.underSixPerAnimator, sixPlus: own.sixPlusPerAnimator } : null,
        effective: effective.ratio,
        source: effective.source,
        legal,
        exceedsLegal: exceedsLegal(effective.ratio, legal),
      };
    }),
  });
  return {
    ratioRegime: regime,
    pedt: service.pedt,
    legal: {
      short: legalRatios(regime, { pedt: service.pedt, longSession: false }),
      long: regime === 'periscolaire' ? legalRatios(regime, { pedt: service.pedt, longSession: true }) : null,
    },
    rules,
    rows: lengths.length === 0 ? [] : [rowFor(null, 'Tout le service'), ...groups.map((g) => rowFor(g.id, g.name))],
  };
}

async function loadStaffingRules(db: Db, serviceId: number): Promise<StaffingRuleLike[]> {
  const rows = await db
    .selectFrom('staffing_rules')
    .selectAll()
    .where('service_id', '=', serviceId)
    .orderBy('group_id')
    .orderBy('long_session')
    .execute();
  return rows.map((r) => ({
    groupId: r.group_id,
    longSession: r.long_session === 1,
    underSixPerAnimator: r.under_six_per_animator,
    sixPlusPerAnimator: r.six_plus_per_animator,
  }));
}

export async function loadStaffing(db: Db, serviceId: number): Promise<StaffingDto> {
  const service = serviceDto(await requireService(db, serviceId));
  return staffingDto(service, await loadGroups(db, serviceId), await loadStaffingRules(db, serviceId));
}

export async function loadServiceDetail(db: Db, serviceId: number): Promise<ServiceDetailDto> {
  const service = serviceDto(await requireService(db, serviceId));
  const groups = await loadGroups(db, serviceId);
  return {
    service,
    periods: await loadPeriods(db, serviceId),
    units: await loadUnits(db, serviceId),
    groups,
    staffing: staffingDto(service, groups, await loadStaffingRules(db, serviceId)),
  };
}

// ---- services ---------------------------------------------------------------------------------

type ServiceColumns = Omit<Updateable<ServicesTable>, 'id' | 'created_at' | 'updated_at'>;

/** The input's fields as columns; fields absent from the input are absent here. */
function serviceColumns(input: Partial<ServiceUpdateInput>): ServiceColumns {
  const columns: ServiceColumns = {};
  const set = <K extends keyof ServiceColumns>(key: K, value: ServiceColumns[K] | undefined) => {
    if (value !== undefined) columns[key] = value;
  };
  set('name', input.name);
  set('code', input.code);
  set('kind', input.kind);
  set('description', input.description);
  set('contact_email', input.contactEmail);
  set('contact_phone', input.contactPhone);
  set('contact_url', input.contactUrl);
  set('active', input.active === undefined ? undefined : bool(input.active));
  set('approval_mode', input.approvalMode);
  set('deadline_days', input.deadlineDays);
  set('late_booking_policy', input.lateBookingPolicy);
  set('late_cancellation_policy', input.lateCancellationPolicy);
  set('bookings_final', input.bookingsFinal === undefined ? undefined : bool(input.bookingsFinal));
  set('late_booking_surcharge_cents', input.lateBookingSurchargeCents);
  set('unbooked_presence_surcharge_cents', input.unbookedPresenceSurchargeCents);
  set('justified_absence_billed', input.justifiedAbsenceBilled === undefined ? undefined : bool(input.justifiedAbsenceBilled));
  set('no_place_policy', input.noPlacePolicy);
  set('waitlist_promotion', input.waitlistPromotion);
  set('max_places', input.maxPlaces);
  set('ratio_regime', input.ratioRegime);
  set('pedt', input.pedt === undefined ? undefined : bool(input.pedt));
  set('requires_enrolment', input.requiresEnrolment === undefined ? undefined : bool(input.requiresEnrolment));
  return columns;
}

async function assertCodeFree(trx: Trx, code: string, exceptId: number | null): Promise<void> {
  let query = trx.selectFrom('services').select(['id', 'name']).where('code', '=', code);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  const other = await query.executeTakeFirst();
  if (other) throw new AppError('conflict', `Le code « ${code} » est déjà celui du service « ${other.name} ».`);
}

/** A new service: the guide's rules for its kind, overridden by what the input gives. */
export async function createService(db: Kysely<Database>, change: ConfigChange, input: ServiceCreateInput): Promise<number> {
  const defaults = defaultRules(input.kind);
  const complete: Partial<ServiceUpdateInput> = { ...defaults, ...stripUndefined(input) };
  return db.transaction().execute(async (trx) => {
    await assertCodeFree(trx, input.code, null);
    const last = await trx.selectFrom('services').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst();
    const now = change.now.toISOString();
    const values: Insertable<ServicesTable> = {
      name: input.name,
      code: input.code,
      kind: input.kind,
      description: null,
      contact_email: null,
      contact_phone: null,
      contact_url: null,
      ratio_regime: defaults.ratioRegime,
      approval_mode: defaults.approvalMode,
      late_booking_policy: defaults.lateBookingPolicy,
      late_cancellation_policy: defaults.lateCancellationPolicy,
      max_places: null,
      ...serviceColumns(complete),
      sort_order: Number(last?.m ?? 0) + 1,
      created_at: now,
      updated_at: now,
    };
    const row = await trx.insertInto('services').values(values).returning('id').executeTakeFirstOrThrow();
    const created = serviceDto(await requireService(trx, row.id));
    await writeAudit(
      trx,
      change.actor,
      { action: 'service.created', entityType: 'service', entityId: row.id, changes: createdChanges(created), ip: change.ip },
      change.now,
    );
    return row.id;
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** An audit `changes` for a creation: every field, from null. */
function createdChanges(value: object): Record<string, [unknown, unknown]> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'id').map(([k, v]) => [k, [null, v]]));
}

export async function updateService(
  db: Kysely<Database>,
  change: ConfigChange,
  serviceId: number,
  input: ServiceUpdateInput,
): Promise<ServiceDto> {
  return db.transaction().execute(async (trx) => {
    const before = serviceDto(await requireService(trx, serviceId));
    if (input.code !== undefined && input.code !== before.code) await assertCodeFree(trx, input.code, serviceId);
    const changes = diff({ ...before } as Record<string, unknown>, stripUndefined(input) as Record<string, unknown>);
    if (Object.keys(changes).length === 0) return before;
    await trx
      .updateTable('services')
      .set({ ...serviceColumns(input), updated_at: change.now.toISOString() })
      .where('id', '=', serviceId)
      .execute();
    await writeAudit(trx, change.actor, { action: 'service.updated', entityType: 'service', entityId: serviceId, changes, ip: change.ip }, change.now);
    return serviceDto(await requireService(trx, serviceId));
  });
}

// ---- units ------------------------------------------------------------------------------------

async function requireUnit(db: Db, serviceId: number, unitId: number) {
  const row = await db.selectFrom('units').selectAll().where('id', '=', unitId).where('service_id', '=', serviceId).executeTakeFirst();
  if (!row) throw notFound('Accueil introuvable.');
  return row;
}

async function assertUnitCodeFree(trx: Trx, serviceId: number, code: string, exceptId: number | null): Promise<void> {
  let query = trx.selectFrom('units').select(['id', 'name']).where('service_id', '=', serviceId).where('code', '=', code);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  const other = await query.executeTakeFirst();
  if (other) throw new AppError('conflict', `Le code « ${code} » est déjà celui de l'accueil « ${other.name} ».`);
}

/** Rewrites the pairs of the service so that `unitId` excludes exactly `others` (both directions). */
async function writeIncompatibilities(trx: Trx, serviceId: number, unitId: number, others: readonly number[]): Promise<[number[], number[]]> {
  const units = await trx.selectFrom('units').select(['id']).where('service_id', '=', serviceId).execute();
  const ids = new Set(units.map((u) => u.id));
  for (const other of others) {
    if (!ids.has(other)) throw new AppError('validation', "Un des accueils cochés comme incompatibles n'appartient pas à ce service.");
  }
  const pairs = await incompatibilityPairs(trx, serviceId);
  const before = incompatibleWith(pairs, unitId);
  let next: [number, number][];
  try {
    next = replaceIncompatibilities(pairs, unitId, [...new Set(others)]);
  } catch (error) {
    if (error instanceof IncompatibilityError) throw new AppError('validation', error.message);
    throw error;
  }
  await trx.deleteFrom('unit_incompatibilities').where((eb) => eb.or([eb('unit_id', '=', unitId), eb('other_unit_id', '=', unitId)])).execute();
  const mine = next.filter(([a, b]) => a === unitId || b === unitId);
  if (mine.length > 0) await trx.insertInto('unit_incompatibilities').values(mine.map(([a, b]) => ({ unit_id: a, other_unit_id: b }))).execute();
  return [before, incompatibleWith(next, unitId)];
}

export async function createUnit(db: Kysely<Database>, change: ConfigChange, serviceId: number, input: UnitInput): Promise<UnitDto> {
  return db.transaction().execute(async (trx) => {
    await requireService(trx, serviceId);
    await assertUnitCodeFree(trx, serviceId, input.code, null);
    const last = await trx
      .selectFrom('units')
      .select((eb) => eb.fn.max('sort_order').as('m'))
      .where('service_id', '=', serviceId)
      .executeTakeFirst();
    const row = await trx
      .insertInto('units')
      .values({
        service_id: serviceId,
        code: input.code,
        name: input.name,
        kind: input.kind,
        start_time: input.startTime ?? null,
        end_time: input.endTime ?? null,
        active: bool(input.active ?? true),
        sort_order: Number(last?.m ?? 0) + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [, incompatible] = await writeIncompatibilities(trx, serviceId, row.id, input.incompatibleWith ?? []);
    const unit = unitDto(await requireUnit(trx, serviceId, row.id), incompatible);
    await writeAudit(
      trx,
      change.actor,
      { action: 'unit.created', entityType: 'unit', entityId: row.id, changes: { serviceId: [null, serviceId], ...createdChanges(unit) }, ip: change.ip },
      change.now,
    );
    return unit;
  });
}

export async function updateUnit(
  db: Kysely<Database>,
  change: ConfigChange,
  serviceId: number,
  unitId: number,
  input: UnitInput,
): Promise<UnitDto> {
  return db.transaction().execute(async (trx) => {
    const row = await requireUnit(trx, serviceId, unitId);
    const pairs = await incompatibilityPairs(trx, serviceId);
    const before = unitDto(row, incompatibleWith(pairs, unitId));
    if (input.code !== before.code) await assertUnitCodeFree(trx, serviceId, input.code, unitId);
    await trx
      .updateTable('units')
      .set({
        code: input.code,
        name: input.name,
        kind: input.kind,
        start_time: input.startTime ?? null,
        end_time: input.endTime ?? null,
        ...(input.active === undefined ? {} : { active: bool(input.active) }),
      })
      .where('id', '=', unitId)
      .execute();
    let incompatible = before.incompatibleWith;
    if (input.incompatibleWith !== undefined) {
      [, incompatible] = await writeIncompatibilities(trx, serviceId, unitId, input.incompatibleWith);
    }
    const after = unitDto(await requireUnit(trx, serviceId, unitId), incompatible);
    const changes = diff(
      { ...before, incompatibleWith: before.incompatibleWith.join(',') } as Record<string, unknown>,
      { ...after, incompatibleWith: after.incompatibleWith.join(',') } as Record<string, unknown>,
    );
    if (Object.keys(changes).length > 0) {
      await writeAudit(trx, change.actor, { action: 'unit.updated', entityType: 'unit', entityId: unitId, changes, ip: change.ip }, change.now);
    }
    return after;
  });
}

/** Sets the units `unitId` cannot be booked with; each of them then excludes `unitId` too. */
export async function setIncompatibilities(
  db: Kysely<Database>,
  change: ConfigChange,
  serviceId: number,
  unitId: number,
  others: readonly number[],
): Promise<UnitDto[]> {
  return db.transaction().execute(async (trx) => {
    await requireUnit(trx, serviceId, unitId);
    const [before, after] = await writeIncompatibilities(trx, serviceId, unitId, others);
    if (before.join(',') !== after.join(',')) {
      await writeAudit(
        trx,
        change.actor,
        { action: 'unit.incompatibilities_updated', entityType: 'unit', entityId: unitId, changes: { incompatibleWith: [before, after] }, ip: change.ip },
        change.now,
      );
    }
    return loadUnits(trx, serviceId);
  });
}

export async function deleteUnit(db: Kysely<Database>, change: ConfigChange, serviceId: number, unitId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await requireUnit(trx, serviceId, unitId);
    const used =
      (await trx.selectFrom('bookings').select('id').where('unit_id', '=', unitId).limit(1).executeTakeFirst()) ??
      (await trx.selectFrom('attendance').select('id').where('unit_id', '=', unitId).limit(1).executeTakeFirst()) ??
      (await trx.selectFrom('invoice_lines').select('id').where('unit_id', '=', unitId).limit(1).executeTakeFirst());
    if (used) {
      throw new AppError(
        'conflict',
        `« ${row.name} » a déjà des réservations ou des présences : il ne peut pas être supprimé. Décochez « Proposé aux familles » pour ne plus le proposer.`,
      );
    }
    await trx.deleteFrom('units').where('id', '=', unitId).execute();
    await writeAudit(
      trx,
      change.actor,
      { action: 'unit.deleted', entityType: 'unit', entityId: unitId, changes: { code: [row.code, null], name: [row.name, null] }, ip: change.ip },
      change.now,
    );
  });
}

// ---- groups -----------------------------------------------------------------------------------

async function requireGroup(db: Db, serviceId: number, groupId: number) {
  const row = await db.selectFrom('groups').selectAll().where('id', '=', groupId).where('service_id', '=', serviceId).executeTakeFirst();
  if (!row) throw notFound('Groupe introuvable.');
  return row;
}

export async function createGroup(db: Kysely<Database>, change: ConfigChange, serviceId: number, input: GroupInput): Promise<GroupDto> {
  return db.transaction().execute(async (trx) => {
    await requireService(trx, serviceId);
    const last = await trx
      .selectFrom('groups')
      .select((eb) => eb.fn.max('sort_order').as('m'))
      .where('service_id', '=', serviceId)
      .executeTakeFirst();
    const row = await trx
      .insertInto('groups')
      .values({
        service_id: serviceId,
        name: input.name,
        min_age: input.minAge,
        max_age: input.maxAge,
        max_places: input.maxPlaces ?? null,
        sort_order: Number(last?.m ?? 0) + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const group = groupDto(await requireGroup(trx, serviceId, row.id));
    await writeAudit(
      trx,
      change.actor,
      { action: 'group.created', entityType: 'group', entityId: row.id, changes: { serviceId: [null, serviceId], ...createdChanges(group) }, ip: change.ip },
      change.now,
    );
    return group;
  });
}

export async function updateGroup(
  db: Kysely<Database>,
  change: ConfigChange,
  serviceId: number,
  groupId: number,
  input: GroupInput,
): Promise<GroupDto> {
  return db.transaction().execute(async (trx) => {
    const before = groupDto(await requireGroup(trx, serviceId, groupId));
    await trx
      .updateTable('groups')
      .set({
        name: input.name,
        min_age: input.minAge,
        max_age: input.maxAge,
        ...(input.maxPlaces === undefined ? {} : { max_places: input.maxPlaces }),
      })
      .where('id', '=', groupId)
      .execute();
    const after = groupDto(await requireGroup(trx, serviceId, groupId));
    const changes = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
    if (Object.keys(changes).length > 0) {
      await writeAudit(trx, change.actor, { action: 'group.updated', entityType: 'group', entityId: groupId, changes, ip: change.ip }, change.now);
    }
    return after;
  });
}

export async function deleteGroup(db: Kysely<Database>, change: ConfigChange, serviceId: number, groupId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await requireGroup(trx, serviceId, groupId);
    const used =
      (await trx.selectFrom('bookings').select('id').where('group_id', '=', groupId).limit(1).executeTakeFirst()) ??
      (await trx.selectFrom('enrolments').select('id').where('group_id', '=', groupId).limit(1).executeTakeFirst()) ??
      (await trx.selectFrom('attendance').select('id').where('group_id', '=', groupId).limit(1).executeTakeFirst());
    if (used) {
      throw new AppError('conflict', `Le groupe « ${row.name} » a déjà des réservations ou des inscriptions : il ne peut pas être supprimé.`);
    }
    await trx.deleteFrom('groups').where('id', '=', groupId).execute();
    await writeAudit(
      trx,
      change.actor,
      { action: 'group.deleted', entityType: 'group', entityId: groupId, changes: { name: [row.name, null] }, ip: change.ip },
      change.now,
    );
  });
}

// ---- staffing ---------------------------------------------------------------------------------

/**
 * Replaces the service's staffing rules (service-wide and per group). A group or session length
 * without a rule follows the service's rule, then the legal ratio.
 */
export async function saveStaffing(
  db: Kysely<Database>,
  change: ConfigChange,
  serviceId: number,
  input: StaffingInput,
): Promise<StaffingDto> {
  return db.transaction().execute(async (trx) => {
    const service = await requireService(trx, serviceId);
    if (service.ratio_regime === 'none' && input.rules.length > 0) {
      throw new AppError(
        'validation',
        "Ce service n'est soumis à aucun taux d'encadrement : choisissez d'abord son régime (périscolaire ou extrascolaire) dans l'onglet « Règles ».",
      );
    }
    if (service.ratio_regime === 'extrascolaire' && input.rules.some((r) => r.longSession)) {
      throw new AppError('validation', "En extrascolaire, le taux d'encadrement ne dépend pas de la durée de la séance : une seule règle par groupe.");
    }
    const groups = new Set((await trx.selectFrom('groups').select('id').where('service_id', '=', serviceId).execute()).map((g) => g.id));
    for (const rule of input.rules) {
      if (rule.groupId !== null && !groups.has(rule.groupId)) {
        throw new AppError('validation', "Un des groupes de l'encadrement n'appartient pas à ce service.");
      }
    }
    const key = (r: StaffingRuleLike) => `${r.groupId ?? 'service'}|${r.longSession ? 'long' : 'court'}`;
    const text = (r: StaffingRuleLike) => `1/${r.underSixPerAnimator} – 1/${r.sixPlusPerAnimator}`;
    const before = new Map((await loadStaffingRules(trx, serviceId)).map((r) => [key(r), text(r)]));
    const after = new Map(input.rules.map((r) => [key(r), text(r)]));
    const changes: Record<string, [unknown, unknown]> = {};
    for (const k of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(k) !== after.get(k)) changes[k] = [before.get(k) ?? null, after.get(k) ?? null];
    }
    if (Object.keys(changes).length > 0) {
      await trx.deleteFrom('staffing_rules').where('service_id', '=', serviceId).execute();
      if (input.rules.length > 0) {
        await trx
          .insertInto('staffing_rules')
          .values(
            input.rules.map((r) => ({
              service_id: serviceId,
              group_id: r.groupId,
              long_session: bool(r.longSession),
              under_six_per_animator: r.underSixPerAnimator,
              six_plus_per_animator: r.sixPlusPerAnimator,
            })),
          )
          .execute();
      }
      await writeAudit(trx, change.actor, { action: 'staffing.updated', entityType: 'service', entityId: serviceId, changes, ip: change.ip }, change.now);
    }
    return loadStaffing(trx, serviceId);
  });
}

/** Used by tests and the duplication summary: the stored pairs, symmetric. */
export async function symmetricIncompatibilities(db: Db, serviceId: number): Promise<[number, number][]> {
  return symmetricPairs(await incompatibilityPairs(db, serviceId));
}
