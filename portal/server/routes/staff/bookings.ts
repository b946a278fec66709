import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Bookings by staff on a family's behalf, exceptional absences, exports (issue 6). */
export function staffBookingRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/bookings' });
  return router;
}
