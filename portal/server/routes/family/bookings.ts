import { Router } from '@koa/router';
import { z } from 'zod';
import { assertReservationsOpen } from '../../../../shared/bookings/access';
import { calendarUrl, renewCalendarToken } from '../../../../shared/bookings/ical';
import { confirmOffer, declineOffer } from '../../../../shared/bookings/offers';
import { loadCatalog, loadChildPlanning, loadFamilyPlanning } from '../../../../shared/bookings/planning';
import { listRequests } from '../../../../shared/bookings/history';
import { previewRequest } from '../../../../shared/bookings/requests';
import { childPlanningQuerySchema, familyPlanningQuerySchema, requestSchema } from '../../../../shared/schemas/bookings';
import type { AppCustom, AppMiddleware, AppState } from '../../context';
import { requireParent } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { parentSession } from './actor';

const noBody = z.strictObject({});

/** Reservations open once staff have validated the account: anything else is a 403 with the account's status. */
const requireValidatedFamily: AppMiddleware = async (ctx, next) => {
  await assertReservationsOpen(ctx.deps.store.db, parentSession(ctx).familyId);
  return next();
};

/** Reservations (issue 5): catalogue, plannings, requests (recap and validation), calendar feed. */
export function familyBookingRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/family' });

  router.get('/booking/catalog', requireParent, requireValidatedFamily, async (ctx) => {
    ctx.body = await loadCatalog(ctx.deps.store.db, parentSession(ctx).familyId, ctx.deps.clock.now());
  });

  router.get('/booking/planning', requireParent, requireValidatedFamily, async (ctx) => {
    const query = validate(childPlanningQuerySchema, ctx.query);
    ctx.body = await loadChildPlanning(ctx.deps.store.db, parentSession(ctx).familyId, query.childId, query.periodId, ctx.deps.clock.now());
  });

  router.get('/planning', requireParent, requireValidatedFamily, async (ctx) => {
    const query = validate(familyPlanningQuerySchema, ctx.query);
    ctx.body = await loadFamilyPlanning(ctx.deps.store.db, parentSession(ctx).familyId, query.from, query.to, ctx.deps.clock.now());
  });

  router.get('/requests', requireParent, requireValidatedFamily, async (ctx) => {
    ctx.body = { items: await listRequests(ctx.deps.store.db, parentSession(ctx).familyId, ctx.deps.clock.now()) };
  });

  router.post('/requests/preview', requireParent, requireValidatedFamily, async (ctx) => {
    const input = validate(requestSchema, ctx.state.body);
    ctx.body = await previewRequest(ctx.deps.store.db, parentSession(ctx).familyId, input.lines, ctx.deps.clock.now());
  });

  router.post('/requests', requireParent, requireValidatedFamily, async (ctx) => {
    const input = validate(requestSchema, ctx.state.body);
    const session = parentSession(ctx);
    const result = await ctx.deps.bookings.submit(
      { familyId: session.familyId, accountId: session.accountId, now: ctx.deps.clock.now(), publicUrl: ctx.deps.config.publicUrl },
      input.lines,
    );
    ctx.deps.notifyOutbox();
    ctx.status = 201;
    ctx.type = 'application/json';
    ctx.body = result.json;
  });

  // A place offered from the waiting list (decision 0007): the family accepts or refuses it here.
  const answerOffer =
    (answer: typeof confirmOffer): AppMiddleware =>
    async (ctx) => {
      const bookingId = idParam((ctx as typeof ctx & { params: Record<string, string | undefined> }).params.id);
      validate(noBody, ctx.state.body ?? {});
      const session = parentSession(ctx);
      ctx.body = await answer(ctx.deps.store.db, {
        familyId: session.familyId,
        accountId: session.accountId,
        bookingId,
        now: ctx.deps.clock.now(),
        publicUrl: ctx.deps.config.publicUrl,
      });
      ctx.deps.notifyOutbox();
    };
  router.post('/bookings/:id/offer/accept', requireParent, requireValidatedFamily, answerOffer(confirmOffer));
  router.post('/bookings/:id/offer/decline', requireParent, requireValidatedFamily, answerOffer(declineOffer));

  router.post('/calendar-link', requireParent, requireValidatedFamily, async (ctx) => {
    const token = await renewCalendarToken(ctx.deps.store.db, parentSession(ctx).familyId, ctx.deps.clock.now());
    ctx.body = { url: calendarUrl(ctx.deps.config.publicUrl, token) };
  });

  return router;
}
