import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Scheduled jobs and their last run (issue 6). */
export function staffJobRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/jobs' });
  return router;
}
