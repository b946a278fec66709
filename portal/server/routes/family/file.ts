import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** The parent's family file: profile, household, mandates, children, submission (issue 3). */
export function familyFileRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>();
  return router;
}
