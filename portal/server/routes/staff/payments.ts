import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Payments (issue 9): desk payments, PayFiP transactions, SEPA debit runs. */
export function staffPaymentRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/payments' });
  return router;
}
