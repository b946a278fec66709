/**
 * The staff of the demo town hall: the three back-office logins, the animator's attendance lists
 * and the animators planned on the Wednesdays.
 */
import type { Insertable } from 'kysely';
import { withAssignments } from '../attendance/access';
import type { Database } from '../db/schema';
import type { SeedContext } from './seedContext';
import { insertedId } from './util';

export const STAFF = [
  { email: 'admin@mairie.demo', role: 'admin', first: 'Claire', last: 'Martin', label: 'administratrice' },
  { email: 'agent@mairie.demo', role: 'agent', first: 'Nathalie', last: 'Guérin', label: 'agente administrative' },
  { email: 'animateur@mairie.demo', role: 'animateur', first: 'Yann', last: 'Le Goff', label: 'animateur' },
] as const;

export async function seedStaffAccounts(ctx: SeedContext): Promise<void> {
  const createdAt = ctx.at('2026-06-01', '09:00');
  for (const s of STAFF) {
    const r = await ctx.trx
      .insertInto('staff_users')
      .values({
        email: s.email,
        password_hash: ctx.passwordHash,
        first_name: s.first,
        last_name: s.last,
        role: s.role,
        active: 1,
        created_at: createdAt,
        last_login_at: null,
      })
      .executeTakeFirstOrThrow();
    ctx.staffIds.set(s.role, insertedId(r));
  }
}

/** The demo animator ticks the restaurant and the périscolaire lists (not the ALSH). */
export async function seedAttendanceAssignments(ctx: SeedContext): Promise<void> {
  const at = ctx.at('2026-08-28', '11:00');
  await withAssignments(ctx.trx)
    .insertInto('staff_service_assignments')
    .values((['restauration', 'periscolaire'] as const).map((code) => ({ staff_id: ctx.staffId('animateur'), service_id: ctx.service(code).id, assigned_at: at })))
    .execute();
}

/** Animators planned on the Wednesdays of the first term, group by group. */
export async function seedStaffPlans(ctx: SeedContext): Promise<void> {
  const mercredi = ctx.service('alsh_mercredi');
  const period = ctx.period('Mercredis 2026-2027');
  const rows: Insertable<Database['staff_plans']>[] = [];
  const admin = ctx.staffId('admin');
  for (const date of period.dates.filter((d) => d <= '2026-12-16')) {
    for (const [i, g] of mercredi.groups.entries()) {
      rows.push({
        service_id: mercredi.id,
        group_id: g.id,
        date,
        animators: i === 0 ? 3 : 2,
        qualified: i === 0 ? 2 : 1,
        director_counted: 0,
        names: i === 0 ? 'Yann Le Goff, Maëlle Hamon, Inès Riou' : 'Killian Jégou, Solène Prigent',
        updated_by: admin,
        updated_at: ctx.at('2026-08-28', '11:00'),
      });
    }
  }
  if (rows.length > 0) await ctx.trx.insertInto('staff_plans').values(rows).execute();
}
