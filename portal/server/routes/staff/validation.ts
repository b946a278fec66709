import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Validation queue, search, audit, shared custody (issue 3). */
export function staffValidationRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>();
  return router;
}
