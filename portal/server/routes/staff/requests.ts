import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Requests to process (issue 6): pending lines, accept and refuse, waiting lists. */
export function staffRequestRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/requests' });
  return router;
}
