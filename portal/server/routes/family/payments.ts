import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Online payment of an invoice through PayFiP (issue 9), and PayFiP's notification. */
export function familyPaymentRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/family/payments' });
  return router;
}
