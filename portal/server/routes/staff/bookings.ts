import { Router } from '@koa/router';
import { buildBookingsExport, exportOptions } from '../../../../shared/bookings/exports';
import { loadCatalog, loadChildPlanning } from '../../../../shared/bookings/planning';
import { assertFamily, bookingHistory, listFamilyBookings, setExceptionalAbsence, staffPreview, staffSubmit } from '../../../../shared/bookings/staff';
import { childPlanningQuerySchema } from '../../../../shared/schemas/bookings';
import { bookingExportQuerySchema, exceptionalAbsenceSchema, familyBookingsQuerySchema, staffRequestSchema } from '../../../../shared/schemas/staffBookings';
import { AppError } from '../../../../shared/errors';
import type { AppContext, AppCustom, AppState } from '../../context';
import { requireStaff } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { staffActor } from './actor';

const staffUserId = (ctx: AppContext): number => {
  const staff = ctx.state.staff;
  if (!staff) throw new AppError('unauthenticated', 'Connectez-vous pour continuer.');
  return staff.user.id;
};

const param = (ctx: AppContext, name: string): number => idParam((ctx as AppContext & { params: Record<string, string | undefined> }).params[name]);

/** Bookings by staff on a family's behalf, exceptional absences, exports (issue 6). Admins and agents. */
export function staffBookingRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/bookings' });
  router.use(requireStaff('admin', 'agent'));

  // The day's or period's bookings of a service, one sheet per group, as an .xlsx download.
  router.get('/export', async (ctx) => {
    const query = validate(bookingExportQuerySchema, ctx.query);
    const file = await buildBookingsExport(ctx.deps.store.db, query, ctx.deps.clock.now());
    ctx.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    ctx.set('Content-Disposition', `attachment; filename="${file.fileName}"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = file.buffer;
  });

  router.get('/export/options', async (ctx) => {
    ctx.body = await exportOptions(ctx.deps.store.db);
  });

  router.get('/families/:familyId', async (ctx) => {
    const query = validate(familyBookingsQuerySchema, ctx.query);
    ctx.body = await listFamilyBookings(ctx.deps.store.db, param(ctx, 'familyId'), query, ctx.deps.clock.now());
  });

  // What the booking form offers: the family's children, the services and their periods and units.
  router.get('/families/:familyId/catalog', async (ctx) => {
    const familyId = param(ctx, 'familyId');
    await assertFamily(ctx.deps.store.db, familyId);
    ctx.body = await loadCatalog(ctx.deps.store.db, familyId, ctx.deps.clock.now());
  });

  // The open days of a child over a period, with places and the child's bookings.
  router.get('/families/:familyId/planning', async (ctx) => {
    const familyId = param(ctx, 'familyId');
    const query = validate(childPlanningQuerySchema, ctx.query);
    await assertFamily(ctx.deps.store.db, familyId);
    ctx.body = await loadChildPlanning(ctx.deps.store.db, familyId, query.childId, query.periodId, ctx.deps.clock.now());
  });

  router.get('/families/:familyId/bookings/:bookingId/history', async (ctx) => {
    ctx.body = { items: await bookingHistory(ctx.deps.store.db, param(ctx, 'familyId'), param(ctx, 'bookingId')) };
  });

  router.put('/families/:familyId/bookings/:bookingId/exceptional-absence', async (ctx) => {
    const input = validate(exceptionalAbsenceSchema, ctx.state.body);
    ctx.body = await setExceptionalAbsence(
      ctx.deps.store.db,
      { actor: staffActor(ctx), familyId: param(ctx, 'familyId'), bookingId: param(ctx, 'bookingId'), now: ctx.deps.clock.now() },
      input,
    );
  });

  // Recap: each line's outcome under the staff's rules (no deadline), nothing written.
  router.post('/families/:familyId/requests/preview', async (ctx) => {
    const input = validate(staffRequestSchema, ctx.state.body);
    ctx.body = await staffPreview(ctx.deps.store.db, param(ctx, 'familyId'), input, ctx.deps.clock.now());
  });

  router.post('/families/:familyId/requests', async (ctx) => {
    const input = validate(staffRequestSchema, ctx.state.body);
    ctx.body = await staffSubmit(
      ctx.deps.store.db,
      { familyId: param(ctx, 'familyId'), staffId: staffUserId(ctx), now: ctx.deps.clock.now(), publicUrl: ctx.deps.config.publicUrl },
      input,
    );
    ctx.deps.notifyOutbox();
    ctx.status = 201;
  });

  return router;
}
