import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Configuration of services: periods, units, groups, opening days, rules, staffing, duplication (issue 4). */
export function staffServiceRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>();
  return router;
}
