import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Account e-mails and passwords: registration, e-mail confirmation, password reset and change (issue 3). */
export function accountRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>();
  return router;
}
