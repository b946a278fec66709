import { Router } from '@koa/router';
import { parisDateOf } from '../../../../shared/calendar/dates';
import {
  createGroup,
  createService,
  createUnit,
  deleteGroup,
  deleteUnit,
  listServices,
  loadServiceDetail,
  loadStaffing,
  saveStaffing,
  setIncompatibilities,
  updateGroup,
  updateService,
  updateUnit,
  type ConfigChange,
} from '../../../../shared/services/catalog';
import { duplicateToNextYear, previewDuplication } from '../../../../shared/services/duplicate';
import { loadPeriodCalendar, regenerateOpeningDays, setDayActivities, setOpeningDay } from '../../../../shared/services/openingDays';
import { createPeriod, deletePeriod, updatePeriod } from '../../../../shared/services/periods';
import {
  dayActivitiesInputSchema,
  duplicationInputSchema,
  groupInputSchema,
  incompatibilitiesInputSchema,
  openingDayInputSchema,
  periodInputSchema,
  serviceCreateSchema,
  serviceUpdateSchema,
  staffingInputSchema,
  unitInputSchema,
} from '../../../../shared/schemas/services';
import type { AppContext, AppCustom, AppState } from '../../context';
import { clientIp, requireStaff } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { staffActor } from './actor';

type RouteContext = AppContext & { params: Record<string, string | undefined>; query: Record<string, unknown> };

const change = (ctx: AppContext): ConfigChange => ({ actor: staffActor(ctx), now: ctx.deps.clock.now(), ip: clientIp(ctx) });
const today = (ctx: AppContext): string => parisDateOf(ctx.deps.clock.now().toISOString());
const serviceId = (ctx: RouteContext): number => idParam(ctx.params.id);
const periodId = (ctx: RouteContext): number => idParam(ctx.params.periodId);

/** Configuration of services: periods, units, groups, opening days, rules, staffing, duplication (issue 4). */
export function staffServiceRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/services' });
  // Agents read the configuration (they take bookings with it); only admins change it.
  router.use(requireStaff('admin', 'agent'));
  const admin = requireStaff('admin');

  router.get('/', async (ctx) => {
    ctx.body = { items: await listServices(ctx.deps.store.db) };
  });

  router.post('/', admin, async (ctx) => {
    const input = validate(serviceCreateSchema, ctx.state.body);
    const id = await createService(ctx.deps.store.db, change(ctx), input);
    ctx.status = 201;
    ctx.body = await loadServiceDetail(ctx.deps.store.db, id);
  });

  router.get('/:id', async (ctx) => {
    ctx.body = await loadServiceDetail(ctx.deps.store.db, serviceId(ctx));
  });

  router.put('/:id', admin, async (ctx) => {
    const id = serviceId(ctx);
    const input = validate(serviceUpdateSchema, ctx.state.body);
    await updateService(ctx.deps.store.db, change(ctx), id, input);
    ctx.body = await loadServiceDetail(ctx.deps.store.db, id);
  });

  // ---- units and incompatibilities ------------------------------------------------------------

  router.post('/:id/units', admin, async (ctx) => {
    const input = validate(unitInputSchema, ctx.state.body);
    ctx.status = 201;
    ctx.body = await createUnit(ctx.deps.store.db, change(ctx), serviceId(ctx), input);
  });

  router.put('/:id/units/:unitId', admin, async (ctx) => {
    const input = validate(unitInputSchema, ctx.state.body);
    ctx.body = await updateUnit(ctx.deps.store.db, change(ctx), serviceId(ctx), idParam(ctx.params.unitId), input);
  });

  router.delete('/:id/units/:unitId', admin, async (ctx) => {
    await deleteUnit(ctx.deps.store.db, change(ctx), serviceId(ctx), idParam(ctx.params.unitId));
    ctx.status = 204;
  });

  router.put('/:id/units/:unitId/incompatibilities', admin, async (ctx) => {
    const input = validate(incompatibilitiesInputSchema, ctx.state.body);
    const units = await setIncompatibilities(ctx.deps.store.db, change(ctx), serviceId(ctx), idParam(ctx.params.unitId), input.unitIds);
    ctx.body = { items: units };
  });

  // ---- groups ---------------------------------------------------------------------------------

  router.post('/:id/groups', admin, async (ctx) => {
    const input = validate(groupInputSchema, ctx.state.body);
    ctx.status = 201;
    ctx.body = await createGroup(ctx.deps.store.db, change(ctx), serviceId(ctx), input);
  });

  router.put('/:id/groups/:groupId', admin, async (ctx) => {
    const input = validate(groupInputSchema, ctx.state.body);
    ctx.body = await updateGroup(ctx.deps.store.db, change(ctx), serviceId(ctx), idParam(ctx.params.groupId), input);
  });

  router.delete('/:id/groups/:groupId', admin, async (ctx) => {
    await deleteGroup(ctx.deps.store.db, change(ctx), serviceId(ctx), idParam(ctx.params.groupId));
    ctx.status = 204;
  });

  // ---- staffing -------------------------------------------------------------------------------

  router.get('/:id/staffing', async (ctx) => {
    ctx.body = await loadStaffing(ctx.deps.store.db, serviceId(ctx));
  });

  router.put('/:id/staffing', admin, async (ctx) => {
    const input = validate(staffingInputSchema, ctx.state.body);
    ctx.body = await saveStaffing(ctx.deps.store.db, change(ctx), serviceId(ctx), input);
  });

  // ---- periods and opening days ---------------------------------------------------------------

  router.post('/:id/periods', admin, async (ctx) => {
    const input = validate(periodInputSchema, ctx.state.body);
    ctx.status = 201;
    ctx.body = await createPeriod(ctx.deps.store.db, change(ctx), serviceId(ctx), input);
  });

  router.put('/:id/periods/:periodId', admin, async (ctx) => {
    const input = validate(periodInputSchema, ctx.state.body);
    ctx.body = await updatePeriod(ctx.deps.store.db, change(ctx), serviceId(ctx), periodId(ctx), input);
  });

  router.delete('/:id/periods/:periodId', admin, async (ctx) => {
    await deletePeriod(ctx.deps.store.db, change(ctx), serviceId(ctx), periodId(ctx));
    ctx.status = 204;
  });

  router.get('/:id/periods/:periodId/opening-days', async (ctx) => {
    ctx.body = await loadPeriodCalendar(ctx.deps.store.db, serviceId(ctx), periodId(ctx));
  });

  router.post('/:id/periods/:periodId/opening-days/regenerate', admin, async (ctx) => {
    ctx.body = await regenerateOpeningDays(ctx.deps.store.db, change(ctx), serviceId(ctx), periodId(ctx));
  });

  router.put('/:id/periods/:periodId/opening-days/:date', admin, async (ctx) => {
    const input = validate(openingDayInputSchema, ctx.state.body);
    ctx.body = await setOpeningDay(ctx.deps.store.db, change(ctx), serviceId(ctx), periodId(ctx), ctx.params.date ?? '', input);
  });

  router.put('/:id/periods/:periodId/opening-days/:date/activities', admin, async (ctx) => {
    const input = validate(dayActivitiesInputSchema, ctx.state.body);
    ctx.body = await setDayActivities(ctx.deps.store.db, change(ctx), serviceId(ctx), periodId(ctx), ctx.params.date ?? '', input);
  });

  // ---- duplication to the next school year ----------------------------------------------------

  router.get('/:id/duplication', async (ctx) => {
    const raw = ctx.query['fromSchoolYear'];
    const input = validate(duplicationInputSchema, typeof raw === 'string' ? { fromSchoolYear: raw } : {});
    ctx.body = await previewDuplication(ctx.deps.store.db, serviceId(ctx), today(ctx), input);
  });

  router.post('/:id/duplication', admin, async (ctx) => {
    const input = validate(duplicationInputSchema, ctx.state.body ?? {});
    ctx.status = 201;
    ctx.body = await duplicateToNextYear(ctx.deps.store.db, change(ctx), serviceId(ctx), today(ctx), input);
  });

  return router;
}
