/**
 * Who may open which attendance list: admins and agents every service, an animator only the
 * services assigned to them (migration 0008). Checked on every read and every tick, so a list
 * of another service answers the same French sentence whichever route is asked.
 */
import type { Kysely } from 'kysely';
import { writeAudit, type Actor } from '../audit/audit';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';
import type { StaffRole } from '../db/tables/system.table';
import { AppError, notFound } from '../errors';

export interface StaffAssignmentsTable {
  staff_id: number;
  service_id: number;
  assigned_at: string;
}

/** The table of 0008, typed here so the attendance slice does not reshape the shared schema file. */
export const withAssignments = (db: Db) => db.withTables<{ staff_service_assignments: StaffAssignmentsTable }>();

export interface AttendanceViewer {
  id: number;
  role: StaffRole;
}

/** null: every service (office staff). */
export async function visibleServiceIds(db: Db, viewer: AttendanceViewer): Promise<number[] | null> {
  if (viewer.role !== 'animateur') return null;
  const rows = await withAssignments(db)
    .selectFrom('staff_service_assignments')
    .select('service_id')
    .where('staff_id', '=', viewer.id)
    .execute();
  return rows.map((r) => r.service_id);
}

export interface ServiceHead {
  id: number;
  name: string;
  kind: string;
}

/** The service, if it exists and the viewer may open its lists; a French refusal otherwise. */
export async function assertServiceAccess(db: Db, viewer: AttendanceViewer, serviceId: number): Promise<ServiceHead> {
  const service = await db.selectFrom('services').select(['id', 'name', 'kind']).where('id', '=', serviceId).executeTakeFirst();
  if (!service) throw notFound('Service introuvable.');
  const visible = await visibleServiceIds(db, viewer);
  if (visible !== null && !visible.includes(serviceId)) {
    throw new AppError(
      'forbidden',
      `Vous n'êtes pas affecté(e) au service « ${service.name} » : ses listes ne vous sont pas accessibles. Demandez à la mairie de vous y affecter.`,
    );
  }
  return service;
}

export interface AnimatorAssignments {
  staffId: number;
  firstName: string;
  lastName: string;
  email: string;
  active: boolean;
  serviceIds: number[];
}

export async function listAssignments(db: Db): Promise<AnimatorAssignments[]> {
  const staff = await db
    .selectFrom('staff_users')
    .select(['id', 'first_name', 'last_name', 'email', 'active'])
    .where('role', '=', 'animateur')
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
  const rows = await withAssignments(db).selectFrom('staff_service_assignments').select(['staff_id', 'service_id']).execute();
  return staff.map((s) => ({
    staffId: s.id,
    firstName: s.first_name,
    lastName: s.last_name,
    email: s.email,
    active: s.active === 1,
    serviceIds: rows.filter((r) => r.staff_id === s.id).map((r) => r.service_id).sort((a, b) => a - b),
  }));
}

/** Replaces the services assigned to an animator (admin only, audited). */
export async function setAssignments(
  db: Kysely<Database>,
  actor: Actor,
  staffId: number,
  serviceIds: readonly number[],
  now: Date,
): Promise<AnimatorAssignments> {
  const wanted = [...new Set(serviceIds)].sort((a, b) => a - b);
  await db.transaction().execute(async (trx) => {
    const staff = await trx.selectFrom('staff_users').select(['id', 'role']).where('id', '=', staffId).executeTakeFirst();
    if (!staff) throw notFound('Membre du personnel introuvable.');
    if (staff.role !== 'animateur') {
      throw new AppError('validation', "Seuls les animateurs sont affectés à des services : l'administration et les agents voient toutes les listes.");
    }
    if (wanted.length > 0) {
      const found = await trx.selectFrom('services').select('id').where('id', 'in', wanted).execute();
      if (found.length !== wanted.length) throw new AppError('validation', 'Un des services choisis est introuvable.');
    }
    const t = withAssignments(trx);
    const before = (await t.selectFrom('staff_service_assignments').select('service_id').where('staff_id', '=', staffId).execute())
      .map((r) => r.service_id)
      .sort((a, b) => a - b);
    await t.deleteFrom('staff_service_assignments').where('staff_id', '=', staffId).execute();
    if (wanted.length > 0) {
      await t
        .insertInto('staff_service_assignments')
        .values(wanted.map((serviceId) => ({ staff_id: staffId, service_id: serviceId, assigned_at: now.toISOString() })))
        .execute();
    }
    await writeAudit(trx, actor, { action: 'attendance.assignments', entityType: 'staff_user', entityId: staffId, changes: { serviceIds: [before, wanted] } }, now);
  });
  const all = await listAssignments(db);
  const one = all.find((a) => a.staffId === staffId);
  if (!one) throw notFound('Membre du personnel introuvable.');
  return one;
}
