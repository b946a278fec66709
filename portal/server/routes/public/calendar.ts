import { Router } from '@koa/router';
import { calendarFeed } from '../../../../shared/bookings/ical';
import { notFound } from '../../../../shared/errors';
import type { AppCustom, AppState } from '../../context';

/** The private iCalendar feed of a family's accepted bookings; the token in the URL is the only key. */
export function publicCalendarRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/public' });

  router.get('/calendar/:token.ics', async (ctx) => {
    const feed = await calendarFeed(ctx.deps.store.db, ctx.params.token ?? '', ctx.deps.clock.now(), ctx.deps.config.publicUrl);
    if (feed === null) throw notFound('Ce calendrier est introuvable : son adresse a peut-être été renouvelée.');
    ctx.set('Content-Type', 'text/calendar; charset=utf-8');
    ctx.set('Content-Disposition', 'inline; filename="reservations.ics"');
    // Personal data: never kept by shared caches.
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = feed;
  });

  return router;
}
