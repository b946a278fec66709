import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Places and staffing (issue 6): staff plans, day and month views. */
export function staffPlacesRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/places' });
  return router;
}
