import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** School calendar: public holidays and the official school-holiday file import (issue 4). */
export function staffCalendarRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>();
  return router;
}
