import { Router } from '@koa/router';
import { isIsoDate, parisDateOf, type IsoDate } from '../../../../shared/calendar/dates';
import { AppError } from '../../../../shared/errors';
import { copyPlanInputSchema, isMonth, MONTH_MESSAGE, staffPlanInputSchema } from '../../../../shared/schemas/staffing';
import { copyStaffPlans, deleteStaffPlan, setStaffPlan, type PlanChange } from '../../../../shared/staffing/plans';
import { loadDayView, loadMonthView } from '../../../../shared/staffing/views';
import type { AppContext, AppCustom, AppState } from '../../context';
import { clientIp, requireStaff } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { staffActor } from './actor';

type RouteContext = AppContext & { params: Record<string, string | undefined>; query: Record<string, unknown> };

const change = (ctx: AppContext): PlanChange => ({ actor: staffActor(ctx), now: ctx.deps.clock.now(), ip: clientIp(ctx), publicUrl: ctx.deps.config.publicUrl });
const serviceId = (ctx: RouteContext): number => idParam(ctx.params.serviceId);

function dateParam(value: string | undefined): IsoDate {
  if (!isIsoDate(value)) throw new AppError('validation', 'Date invalide : format attendu AAAA-MM-JJ.');
  return value;
}

/** Places and staffing (issue 6): staff plans, day and month views. Agents and admins; animateurs are refused. */
export function staffPlacesRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/places' });
  router.use(requireStaff('admin', 'agent'));

  router.get('/:serviceId/month', async (ctx) => {
    const month = ctx.query.month ?? parisDateOf(ctx.deps.clock.now().toISOString()).slice(0, 7);
    if (!isMonth(month)) throw new AppError('validation', MONTH_MESSAGE);
    ctx.body = await loadMonthView(ctx.deps.store.db, serviceId(ctx), month);
  });

  router.get('/:serviceId/days/:date', async (ctx) => {
    ctx.body = await loadDayView(ctx.deps.store.db, serviceId(ctx), dateParam(ctx.params.date));
  });

  router.put('/:serviceId/plans/:groupId/:date', async (ctx) => {
    const id = serviceId(ctx);
    const date = dateParam(ctx.params.date);
    const input = validate(staffPlanInputSchema, ctx.state.body);
    const plan = await setStaffPlan(ctx.deps.store.db, change(ctx), id, idParam(ctx.params.groupId), date, input);
    ctx.deps.notifyOutbox();
    ctx.body = { plan, day: await loadDayView(ctx.deps.store.db, id, date) };
  });

  router.delete('/:serviceId/plans/:groupId/:date', async (ctx) => {
    await deleteStaffPlan(ctx.deps.store.db, change(ctx), serviceId(ctx), idParam(ctx.params.groupId), dateParam(ctx.params.date));
    ctx.deps.notifyOutbox();
    ctx.status = 204;
  });

  router.post('/:serviceId/plans/copy', async (ctx) => {
    const input = validate(copyPlanInputSchema, ctx.state.body);
    const result = await copyStaffPlans(ctx.deps.store.db, change(ctx), serviceId(ctx), input);
    ctx.deps.notifyOutbox();
    ctx.body = result;
  });

  return router;
}
