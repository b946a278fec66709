import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Staff editing of family files and families created at the desk (issue 3). */
export function staffFamilyRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>();
  return router;
}
