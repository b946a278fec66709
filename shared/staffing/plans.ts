/**
 * Staff plans: the animators of a group on a day, by count or by name with their qualification,
 * and whether the director counts in the ratio. One day at a time, or copied over a range of
 * opening days in one transaction. `staff_plans.animators` stores the people counted in the ratio
 * (the director included when counted): PlaceBook reads that column when parents book.
 */
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { writeAudit, type Actor } from '../audit/audit';
import { frenchDate } from '../bookings/rules';
import { promoteWaitlisted } from '../bookings/waitlist';
import type { IsoDate } from '../calendar/dates';
import type { Database } from '../db/schema';
import type { StaffPlansTable } from '../db/tables/services.table';
import type { Db, Trx } from '../db/types';
import { AppError, notFound } from '../errors';
import { QUALIFICATIONS, type CopyPlanInput, type StaffPlanInput } from '../schemas/staffing';
import { serviceDays, type ServiceDay } from './calendar';
import { countedInRatio, qualificationWarnings, unqualifiedOf, type Qualification } from './places';

export interface StaffMemberDto {
  name: string;
  qualification: Qualification;
}

export interface StaffPlanDto {
  groupId: number;
  date: IsoDate;
  /** How staff entered it: a count, or the animators by name. */
  mode: 'count' | 'names';
  /** Animators planned, the director excluded. */
  animators: number;
  qualified: number;
  trainees: number;
  unqualified: number;
  directorCounted: boolean;
  /** People counted in the ratio: the animators, plus the director when counted. */
  countedInRatio: number;
  members: StaffMemberDto[] | null;
  /** Names typed before the qualifications were recorded (free text), when no list is stored. */
  names: string | null;
  /** The qualification rule (R227-12): warnings, never a refusal. */
  warnings: string[];
  updatedAt: string;
}

export interface PlanChange {
  actor: Actor;
  now: Date;
  ip?: string | null;
  /** For the e-mails of a waiting-list promotion. */
  publicUrl: string;
}

const membersSchema = z.array(z.object({ name: z.string(), qualification: z.enum(QUALIFICATIONS) }));

function parseMembers(text: string | null): StaffMemberDto[] | null {
  if (text === null) return null;
  try {
    const parsed = membersSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function staffPlanDto(row: Selectable<StaffPlansTable>): StaffPlanDto {
  const members = parseMembers(row.members);
  const directorCounted = row.director_counted === 1;
  const animators = Math.max(0, row.animators - (directorCounted ? 1 : 0));
  const counts = { animators, qualified: Math.min(row.qualified, animators), trainees: Math.min(row.trainees, animators) };
  return {
    groupId: row.group_id,
    date: row.date,
    mode: members ? 'names' : 'count',
    animators,
    qualified: counts.qualified,
    trainees: counts.trainees,
    unqualified: unqualifiedOf(counts),
    directorCounted,
    countedInRatio: row.animators,
    members,
    names: members ? null : row.names,
    warnings: qualificationWarnings(counts),
    updatedAt: row.updated_at,
  };
}

/** The columns a plan input writes (service, group and date aside). */
interface PlanColumns {
  animators: number;
  qualified: number;
  trainees: number;
  director_counted: 0 | 1;
  names: string | null;
  members: string | null;
}

function columnsOf(input: StaffPlanInput): PlanColumns {
  const director = input.directorCounted ? 1 : 0;
  if (input.mode === 'count') {
    return {
      animators: countedInRatio(input.animators, input.directorCounted),
      qualified: input.qualified,
      trainees: input.trainees,
      director_counted: director,
      names: null,
      members: null,
    };
  }
  const members = input.members.map((m) => ({ name: m.name, qualification: m.qualification }));
  return {
    animators: countedInRatio(members.length, input.directorCounted),
    qualified: members.filter((m) => m.qualification === 'bafa').length,
    trainees: members.filter((m) => m.qualification === 'stagiaire').length,
    director_counted: director,
    names: members.map((m) => m.name).join(', '),
    members: JSON.stringify(members),
  };
}

/** "3 animateurs (2 BAFA, 1 stagiaire), directeur compté": what the audit keeps of a plan (no names). */
function planText(c: Pick<PlanColumns, 'animators' | 'qualified' | 'trainees' | 'director_counted'> | undefined): string | null {
  if (!c) return null;
  const animators = c.animators - c.director_counted;
  const text = `${animators} animateur${animators > 1 ? 's' : ''} (${c.qualified} BAFA, ${c.trainees} stagiaire${c.trainees > 1 ? 's' : ''})`;
  return c.director_counted === 1 ? `${text}, directeur compté` : text;
}

// ---- loading and checks ------------------------------------------------------------------------

interface ServiceRow {
  id: number;
  name: string;
}

interface GroupRow {
  id: number;
  name: string;
}

async function requireService(db: Db, serviceId: number): Promise<ServiceRow> {
  const row = await db.selectFrom('services').select(['id', 'name']).where('id', '=', serviceId).executeTakeFirst();
  if (!row) throw notFound('Ce service est introuvable.');
  return row;
}

async function groupsOf(db: Db, serviceId: number): Promise<GroupRow[]> {
  return db.selectFrom('groups').select(['id', 'name']).where('service_id', '=', serviceId).orderBy('sort_order').orderBy('id').execute();
}

function requireGroup(groups: readonly GroupRow[], groupId: number, service: ServiceRow, code: 'not_found' | 'validation'): GroupRow {
  const group = groups.find((g) => g.id === groupId);
  if (!group) throw new AppError(code, `Ce groupe n'existe pas dans le service « ${service.name} ».`);
  return group;
}

function requireOpenDay(days: Map<IsoDate, ServiceDay>, date: IsoDate, service: ServiceRow): void {
  const day = days.get(date);
  if (!day?.inPeriod) throw new AppError('validation', `Le ${frenchDate(date)} est en dehors des périodes du service « ${service.name} ».`);
  if (!day.open) {
    throw new AppError('validation', `Le service « ${service.name} » n'accueille pas d'enfants le ${frenchDate(date)}${day.closedReason ? ` (${day.closedReason.replace(/\.$/, '')})` : ''}.`);
  }
}

const key = (groupId: number, date: IsoDate) => `${groupId}|${date}`;

/**
 * The director is one person: counted in the ratio of one group a day at most. Checks the plans
 * as they would be after the change (existing ones overwritten by the new ones).
 */
async function assertOneDirectorPerDay(
  trx: Trx,
  serviceId: number,
  dates: readonly IsoDate[],
  next: ReadonlyMap<string, { groupId: number; date: IsoDate; directorCounted: boolean }>,
  groups: readonly GroupRow[],
): Promise<void> {
  if (dates.length === 0) return;
  const existing = await trx
    .selectFrom('staff_plans')
    .select(['group_id', 'date', 'director_counted'])
    .where('service_id', '=', serviceId)
    .where('date', 'in', [...new Set(dates)])
    .execute();
  const state = new Map<string, { groupId: number; date: IsoDate; directorCounted: boolean }>();
  for (const r of existing) state.set(key(r.group_id, r.date), { groupId: r.group_id, date: r.date, directorCounted: r.director_counted === 1 });
  for (const [k, v] of next) state.set(k, v);
  const byDate = new Map<IsoDate, number[]>();
  for (const p of state.values()) if (p.directorCounted) byDate.set(p.date, [...(byDate.get(p.date) ?? []), p.groupId]);
  for (const [date, groupIds] of [...byDate].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (groupIds.length > 1) {
      const names = groupIds.map((id) => `« ${groups.find((g) => g.id === id)?.name ?? id} »`).join(' et ');
      throw new AppError('validation', `Le ${frenchDate(date)}, le directeur serait compté dans deux groupes (${names}) : il ne peut compter que dans un seul.`);
    }
  }
}

/**
 * Waiting lines may now get a place on the days where the ratio counts more people than before
 * (or no longer limits at all).
 */
async function promoteAfterChange(trx: Trx, serviceId: number, dates: readonly IsoDate[], change: PlanChange): Promise<void> {
  if (dates.length === 0) return;
  await promoteWaitlisted(trx, { serviceId, dates: [...new Set(dates)].sort() }, change.now, change.publicUrl);
}

async function upsertPlan(trx: Trx, serviceId: number, groupId: number, date: IsoDate, columns: PlanColumns, change: PlanChange): Promise<void> {
  const values = { ...columns, updated_by: change.actor.type === 'staff' ? change.actor.id : null, updated_at: change.now.toISOString() };
  await trx
    .insertInto('staff_plans')
    .values({ service_id: serviceId, group_id: groupId, date, ...values })
    .onConflict((oc) => oc.columns(['group_id', 'date']).doUpdateSet(values))
    .execute();
}

// ---- reading -----------------------------------------------------------------------------------

export async function loadPlans(db: Db, serviceId: number, from: IsoDate, to: IsoDate): Promise<StaffPlanDto[]> {
  const rows = await db
    .selectFrom('staff_plans')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('group_id')
    .execute();
  return rows.map(staffPlanDto);
}

// ---- writing -----------------------------------------------------------------------------------

/** Sets the plan of one group on one opening day of the service. */
export async function setStaffPlan(db: Kysely<Database>, change: PlanChange, serviceId: number, groupId: number, date: IsoDate, input: StaffPlanInput): Promise<StaffPlanDto> {
  const run = async (trx: Trx): Promise<StaffPlanDto> => {
    const service = await requireService(trx, serviceId);
    const groups = await groupsOf(trx, serviceId);
    const group = requireGroup(groups, groupId, service, 'not_found');
    requireOpenDay(await serviceDays(trx, serviceId, date, date), date, service);
    const columns = columnsOf(input);
    await assertOneDirectorPerDay(trx, serviceId, [date], new Map([[key(groupId, date), { groupId, date, directorCounted: input.directorCounted }]]), groups);
    const before = await trx.selectFrom('staff_plans').selectAll().where('group_id', '=', groupId).where('date', '=', date).executeTakeFirst();
    await upsertPlan(trx, serviceId, groupId, date, columns, change);
    const beforeText = planText(before);
    const afterText = planText(columns);
    if (beforeText !== afterText || before?.members !== columns.members) {
      await writeAudit(
        trx,
        change.actor,
        { action: 'staff_plan.set', entityType: 'service', entityId: serviceId, changes: { [`${group.name} ${date}`]: [beforeText, afterText] }, ip: change.ip ?? null },
        change.now,
      );
    }
    if (before && columns.animators > before.animators) await promoteAfterChange(trx, serviceId, [date], change);
    const row = await trx.selectFrom('staff_plans').selectAll().where('group_id', '=', groupId).where('date', '=', date).executeTakeFirstOrThrow();
    return staffPlanDto(row);
  };
  return db.transaction().execute(run);
}

/** Removes the plan of a group on a day: the ratio no longer limits that day (as before any plan). */
export async function deleteStaffPlan(db: Kysely<Database>, change: PlanChange, serviceId: number, groupId: number, date: IsoDate): Promise<void> {
  const run = async (trx: Trx): Promise<void> => {
    const service = await requireService(trx, serviceId);
    const group = requireGroup(await groupsOf(trx, serviceId), groupId, service, 'not_found');
    const before = await trx.selectFrom('staff_plans').selectAll().where('group_id', '=', groupId).where('date', '=', date).executeTakeFirst();
    if (!before) throw notFound(`Aucun encadrement n'est saisi pour le groupe « ${group.name} » le ${frenchDate(date)}.`);
    await trx.deleteFrom('staff_plans').where('id', '=', before.id).execute();
    await writeAudit(
      trx,
      change.actor,
      { action: 'staff_plan.deleted', entityType: 'service', entityId: serviceId, changes: { [`${group.name} ${date}`]: [planText(before), null] }, ip: change.ip ?? null },
      change.now,
    );
    await promoteAfterChange(trx, serviceId, [date], change);
  };
  return db.transaction().execute(run);
}

export interface CopyResult {
  /** Opening days written, the day copied excluded. */
  dates: IsoDate[];
  groupIds: number[];
  /** Plans written (days × groups). */
  written: number;
}

/**
 * Copies the plans of one day (one group, or every group planned that day) onto every opening day
 * from `startDate` to `endDate`, replacing what was planned there; closed days are skipped. Both
 * ends must lie in the service's periods. All or nothing.
 */
export async function copyStaffPlans(db: Kysely<Database>, change: PlanChange, serviceId: number, input: CopyPlanInput): Promise<CopyResult> {
  const run = async (trx: Trx): Promise<CopyResult> => {
    const service = await requireService(trx, serviceId);
    const groups = await groupsOf(trx, serviceId);
    const group = input.groupId === null ? null : requireGroup(groups, input.groupId, service, 'validation');
    let sourceQuery = trx.selectFrom('staff_plans').selectAll().where('service_id', '=', serviceId).where('date', '=', input.sourceDate);
    if (group) sourceQuery = sourceQuery.where('group_id', '=', group.id);
    const sources = await sourceQuery.orderBy('group_id').execute();
    if (sources.length === 0) {
      throw new AppError(
        'validation',
        group
          ? `Aucun encadrement n'est saisi pour le groupe « ${group.name} » le ${frenchDate(input.sourceDate)} : rien à copier.`
          : `Aucun encadrement n'est saisi le ${frenchDate(input.sourceDate)} : rien à copier.`,
      );
    }
    const days = await serviceDays(trx, serviceId, input.startDate, input.endDate);
    for (const end of [input.startDate, input.endDate]) {
      if (!days.get(end)?.inPeriod) throw new AppError('validation', `Le ${frenchDate(end)} est en dehors des périodes du service « ${service.name} ».`);
    }
    const dates = [...days.values()].filter((d) => d.open && d.date !== input.sourceDate).map((d) => d.date);
    if (dates.length === 0) {
      throw new AppError('validation', `Du ${frenchDate(input.startDate)} au ${frenchDate(input.endDate)}, le service « ${service.name} » n'a aucun autre jour d'ouverture.`);
    }
    const next = new Map<string, { groupId: number; date: IsoDate; directorCounted: boolean }>();
    for (const s of sources) for (const date of dates) next.set(key(s.group_id, date), { groupId: s.group_id, date, directorCounted: s.director_counted === 1 });
    await assertOneDirectorPerDay(trx, serviceId, dates, next, groups);

    const existing = await trx
      .selectFrom('staff_plans')
      .select(['group_id', 'date', 'animators'])
      .where('service_id', '=', serviceId)
      .where('group_id', 'in', sources.map((s) => s.group_id))
      .where('date', 'in', dates)
      .execute();
    const before = new Map(existing.map((e) => [key(e.group_id, e.date), e.animators]));
    const more = new Set<IsoDate>();
    for (const s of sources) {
      const columns: PlanColumns = {
        animators: s.animators,
        qualified: s.qualified,
        trainees: s.trainees,
        director_counted: s.director_counted === 1 ? 1 : 0,
        names: s.names,
        members: s.members,
      };
      for (const date of dates) {
        await upsertPlan(trx, serviceId, s.group_id, date, columns, change);
        const previous = before.get(key(s.group_id, date));
        if (previous !== undefined && s.animators > previous) more.add(date);
      }
    }
    await writeAudit(
      trx,
      change.actor,
      {
        action: 'staff_plan.copied',
        entityType: 'service',
        entityId: serviceId,
        changes: {
          copie: [
            null,
            `${sources.map((s) => `${groups.find((g) => g.id === s.group_id)?.name ?? s.group_id} : ${planText(s) ?? ''}`).join(' ; ')} — du ${input.sourceDate} vers ${dates.length} jour(s) du ${input.startDate} au ${input.endDate}`,
          ],
        },
        ip: change.ip ?? null,
      },
      change.now,
    );
    await promoteAfterChange(trx, serviceId, [...more], change);
    return { dates, groupIds: sources.map((s) => s.group_id), written: dates.length * sources.length };
  };
  return db.transaction().execute(run);
}
