import { Router } from '@koa/router';
import { acceptLines, listProcessing, refuseLines, type DecisionContext } from '../../../../shared/bookings/processing';
import { acceptSchema, processingQuerySchema, refuseSchema, STANDARD_REFUSAL_REASONS, REASON_MAX_LENGTH } from '../../../../shared/schemas/processing';
import type { AppContext, AppCustom, AppState } from '../../context';
import { requireStaff } from '../../middleware/session';
import { validate } from '../../validate';
import { staffActor } from './actor';

function decisionContext(ctx: AppContext): DecisionContext {
  const actor = staffActor(ctx);
  return { actor: { type: 'staff', id: actor.id }, now: ctx.deps.clock.now(), publicUrl: ctx.deps.config.publicUrl };
}

/** Requests to process (issue 6): pending lines, accept and refuse, waiting lists. */
export function staffRequestRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/requests' });

  router.get('/', requireStaff('admin', 'agent'), async (ctx) => {
    const filters = validate(processingQuerySchema, ctx.query);
    ctx.body = await listProcessing(ctx.deps.store.db, filters, ctx.deps.clock.now());
  });

  /** What the page's filters and refusal dialog offer: services with their periods and groups, the standard reasons. */
  router.get('/options', requireStaff('admin', 'agent'), async (ctx) => {
    const db = ctx.deps.store.db;
    const [services, periods, groups] = await Promise.all([
      db.selectFrom('services').select(['id', 'name']).orderBy('sort_order').orderBy('id').execute(),
      db.selectFrom('periods').select(['id', 'service_id', 'name', 'start_date', 'end_date']).orderBy('start_date').orderBy('id').execute(),
      db.selectFrom('groups').select(['id', 'service_id', 'name']).orderBy('sort_order').orderBy('id').execute(),
    ]);
    ctx.body = {
      services: services.map((s) => ({
        id: s.id,
        name: s.name,
        periods: periods.filter((p) => p.service_id === s.id).map((p) => ({ id: p.id, name: p.name, startDate: p.start_date, endDate: p.end_date })),
        groups: groups.filter((g) => g.service_id === s.id).map((g) => ({ id: g.id, name: g.name })),
      })),
      reasons: STANDARD_REFUSAL_REASONS,
      reasonMaxLength: REASON_MAX_LENGTH,
    };
  });

  router.post('/accept', requireStaff('admin', 'agent'), async (ctx) => {
    const input = validate(acceptSchema, ctx.state.body);
    ctx.body = await acceptLines(ctx.deps.store.db, input.lines, decisionContext(ctx));
    ctx.deps.notifyOutbox();
  });

  router.post('/refuse', requireStaff('admin', 'agent'), async (ctx) => {
    const input = validate(refuseSchema, ctx.state.body);
    ctx.body = await refuseLines(ctx.deps.store.db, input.lines, input.reason, decisionContext(ctx));
    ctx.deps.notifyOutbox();
  });

  return router;
}
