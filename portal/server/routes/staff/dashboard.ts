import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';
import { requireStaff } from '../../middleware/session';

export function staffDashboardRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/dashboard' });

  router.get('/', requireStaff('admin', 'agent'), async (ctx) => {
    const { db } = ctx.deps.store;
    const count = (n: { n: number | bigint | string } | undefined): number => Number(n?.n ?? 0);
    const [awaiting, validated, children, pending, outbox] = await Promise.all([
      db.selectFrom('families').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'awaiting_validation').executeTakeFirst(),
      db.selectFrom('families').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'validated').executeTakeFirst(),
      db.selectFrom('children').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
      db.selectFrom('bookings').select((eb) => eb.fn.countAll().as('n')).where('status', 'in', ['pending', 'waitlisted', 'cancellation_pending']).executeTakeFirst(),
      db.selectFrom('email_outbox').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'pending').executeTakeFirst(),
    ]);
    ctx.body = {
      familiesAwaitingValidation: count(awaiting),
      familiesValidated: count(validated),
      children: count(children),
      pendingBookings: count(pending),
      outboxPending: count(outbox),
    };
  });

  return router;
}
